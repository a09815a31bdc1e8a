"""PowerShell Format-List output (``Get-HnsNetwork`` with no ``ConvertTo-Json``) back into dicts.

Windows PowerShell prints an object that is not piped anywhere as a list of
``Name : value`` lines, the names padded to one column.  Nested objects come out as
``@{Key=value; Key=value}`` hashtables, arrays as ``{a, b}``, arrays nested deeper than
that as the bare type name ``System.Object[]``, and values longer than the console are
word-wrapped onto continuation lines indented to the value column.  Objects are separated
by a blank line.

What this parser gives back is what the text still holds: a dict per object with the
property names as keys, nested hashtables as dicts, lists as lists and every scalar as
PowerShell printed, except ``True``/``False`` and whole numbers, which come back as
booleans and integers.  ``System.Object[]`` stays
that string: the content was never printed.  A value cut off by the end of the text
(a truncated paste) is parsed as far as it goes and the object is flagged ``truncated``.
"""

import re

_KEY_LINE = re.compile(r"^([A-Za-z_][\w.\-]*(?: [\w.\-]+)*?)\s*: ?(.*)$")
_NUMBER = re.compile(r"-?[0-9]{1,19}")
_MAX_NESTING = 24
_STOPS = {stops: re.compile("[" + re.escape(stops) + "]") for stops in (";}", ",}")}


class _Cut(Exception):
    """The text ended inside a ``@{…}`` or ``{…}``."""


def looks_like_format_list(text):
    """True when several lines have the ``Name<padding> : value`` shape of Format-List."""
    hits = 0
    for line in text.splitlines()[:400]:
        if line[:1].strip() and " : " in line[:80] and _KEY_LINE.match(line.rstrip()):
            hits += 1
            if hits >= 3:
                return True
    return False


ELIDED = re.compile(r"System\.Object\[\]|System\.Collections\.\w+|@\{.*\}|\.\.\.|…", re.DOTALL)


def is_elided(value):
    """True for a value PowerShell did not print: ``System.Object[]`` (an array nested
    deeper than Format-List shows), a type name, or an ``@{…}`` string that
    ``ConvertTo-Json`` wrote when its ``-Depth`` ran out.  Its content is unknown."""
    return isinstance(value, str) and ELIDED.fullmatch(value.strip()) is not None


def parse_format_list(text):
    """Split Format-List text into objects: a list of ``(fields dict, truncated bool)``.

    PowerShell prints every property of every object in one order, so a last object
    that stops before properties that all the earlier ones have after its last one was
    cut off by the end of the text.
    """
    objects = []
    for block in _blocks(text):
        fields, truncated = _parse_block(block)
        if len(fields) >= 2:
            objects.append((fields, truncated))
    if len(objects) > 1 and not objects[-1][1] and _stops_early(objects):
        objects[-1] = (objects[-1][0], True)
    return objects


def _stops_early(objects):
    """True when every earlier object has a property printed after the last one's end."""
    last = list(objects[-1][0])
    for fields, _ in objects[:-1]:
        order = list(fields)
        if last[-1] not in fields or order.index(last[-1]) == len(order) - 1:
            return False
    return True


def _blocks(text):
    block = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _parse_block(lines):
    """One object: ``Key : value`` lines, continuation lines appended with a space."""
    pairs = []
    column = None
    for line in lines:
        indented = not line[:1].strip()
        match = None if indented else _KEY_LINE.match(line)
        if match and (column is None or line.find(" : ") in (column, -1) or line.rstrip().endswith(":")):
            if column is None and " : " in line:
                column = line.find(" : ")
            pairs.append([match.group(1), match.group(2).strip()])
        elif indented and pairs:
            pairs[-1][1] = f"{pairs[-1][1]} {line.strip()}".strip()
    fields, truncated = {}, False
    for key, raw in pairs:
        try:
            fields[key] = parse_value(raw)
        except _Cut:
            fields[key] = _parse_partial(raw)
            truncated = True
    return fields, truncated


def parse_value(text):
    """``@{a=1; b=}`` -> dict, ``{x, y}`` -> list, ``""`` -> None, anything else -> str."""
    value, end = _value(text.strip(), 0, 0, top=True)
    return value


def _parse_partial(text):
    """Parse a cut-off value as far as it goes (closing what the end of the text left open)."""
    opened = []
    i = 0
    while i < len(text):
        if text.startswith("@{", i):
            opened.append("}")
            i += 2
            continue
        if text[i] == "{":
            opened.append("}")
        elif text[i] == "}" and opened:
            opened.pop()
        i += 1
    body = text.rstrip().rstrip(";,").rstrip()
    try:
        return parse_value(body + "".join(opened))
    except _Cut:
        return text


def _value(s, i, depth, top=False, stops=""):
    if depth > _MAX_NESTING:
        raise _Cut
    if s.startswith("@{", i):
        return _hashtable(s, i + 2, depth + 1)
    if s.startswith("{", i):
        return _array(s, i + 1, depth + 1)
    if top:
        return _scalar(s), len(s)
    stop = _STOPS[stops].search(s, i)
    j = stop.start() if stop else len(s)
    return _scalar(s[i:j].strip()), j


def _scalar(token):
    """PowerShell prints booleans as ``True``/``False`` and numbers bare: give them back typed."""
    if not token:
        return None
    if token in ("True", "False"):
        return token == "True"
    if _NUMBER.fullmatch(token):
        return int(token)
    return token


def _item_start(s, i):
    """(index of the next item, whether the collection closes there with ``}``)."""
    i = _skip_spaces(s, i)
    if i >= len(s):
        raise _Cut
    return i, s[i] == "}"


def _hashtable(s, i, depth):
    out = {}
    while True:
        i, closed = _item_start(s, i)
        if closed:
            return out, i + 1
        eq = s.find("=", i)
        if eq < 0:
            raise _Cut
        key = s[i:eq].strip()
        value, i = _value(s, eq + 1, depth, stops=";}")
        out[key] = value
        i = _skip_spaces(s, i)
        if i >= len(s):
            raise _Cut
        if s[i] == ";":
            i += 1


def _array(s, i, depth):
    out = []
    while True:
        i, closed = _item_start(s, i)
        if closed:
            return out, i + 1
        value, i = _value(s, i, depth, stops=",}")
        if value is not None:
            out.append(value)
        i = _skip_spaces(s, i)
        if i >= len(s):
            raise _Cut
        if s[i] == ",":
            i += 1


def _skip_spaces(s, i):
    while i < len(s) and s[i] == " ":
        i += 1
    return i
