"""Windows PowerShell 5.1's output: Format-Table, Format-List, ConvertTo-Json, error records.

Objects are plain Python values standing for PowerShell objects: a ``dict`` is a
PSCustomObject (property order kept), a ``list`` an array, ``bool`` prints ``True`` /
``False`` and ``None`` prints nothing.  The rules reproduced here are the ones a learner
sees next to a real console:

* Format-List pads property names to the longest, ``Name : value``; arrays show as
  ``{a, b}`` (at most 4 items, then ``...``: ``$FormatEnumerationLimit``), nested objects as
  ``@{Key=value; …}`` — inside which arrays read ``System.Object[]`` and objects read as
  empty, exactly as PowerShell 5.1 stringifies them; long values wrap at the console width
  (120) under the value column.
* Format-Table: one space between columns, a dashed underline, text cut with ``...``.
* ConvertTo-Json: Windows PowerShell 5.1's layout (``"key":  value``, nested blocks indented
  to the column of their opening bracket) and its depth limit: containers nested deeper
  than ``-Depth`` (2 by default) become their string form.
"""

WIDTH = 120
ENUMERATION_LIMIT = 4


# ---------------------------------------------------------------------------- strings


def scalar_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def number_text(value):
    """A double as PowerShell prints it: ``3000``, ``1500.5``, 15 significant digits."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


def inner_text(value):
    """How a value reads inside ``@{…}``: arrays ``System.Object[]``, objects empty."""
    if isinstance(value, list):
        return "System.Object[]"
    if isinstance(value, dict):
        return ""
    return scalar_text(value)


def object_text(obj):
    """A PSCustomObject as a string: ``@{Key=value; Key2=value2}``."""
    return "@{" + "; ".join(f"{k}={inner_text(v)}" for k, v in obj.items()) + "}"


def display_text(value):
    """A property value as Format-List and Format-Table show it (an object with no
    properties, like HNS's empty ``AdditionalParams``, shows as nothing: sample 17)."""
    if isinstance(value, dict):
        return object_text(value) if value else ""
    if isinstance(value, list):
        items = [object_text(v) if isinstance(v, dict) else inner_text(v) for v in value[:ENUMERATION_LIMIT]]
        more = "..." if len(value) > ENUMERATION_LIMIT else ""
        return "{" + ", ".join(items) + more + "}"
    return scalar_text(value)


def string_form(value):
    """``LanguagePrimitives.ConvertTo[string]``: arrays join their items with a space."""
    if isinstance(value, list):
        return " ".join(string_form(v) for v in value)
    if isinstance(value, dict):
        return object_text(value)
    return scalar_text(value)


# ---------------------------------------------------------------------------- Format-List


def format_list(objects, properties=None, width=WIDTH):
    blocks = []
    for obj in objects:
        props = properties or list(obj)
        pad = max((len(p) for p in props), default=0)
        lines = []
        for p in props:
            lines.extend(_wrap(f"{p.ljust(pad)} : ", display_text(_get(obj, p)), width))
        blocks.append("\n".join(lines))
    return ("\n\n".join(blocks)) if blocks else ""


def _wrap(label, text, width=WIDTH):
    room = width - len(label)
    if len(text) <= room or room < 20:
        return [(label + text).rstrip()]
    out, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if len(candidate) > room and line:
            out.append(line)
            line = word
        else:
            line = candidate
    out.append(line)
    pad = " " * len(label)
    return [(label if i == 0 else pad) + chunk for i, chunk in enumerate(out)]


# ---------------------------------------------------------------------------- Format-Table


def format_table(objects, columns, width=WIDTH):
    """``columns``: ``(header, property, width or None, "left"/"right")``.

    A column without a width is as wide as its widest cell; the last column is not padded.
    """
    cells = [[display_text(_get(o, prop)) for _, prop, _, _ in columns] for o in objects]
    widths = []
    for i, (header, _, fixed, _) in enumerate(columns):
        widths.append(fixed or max([len(header)] + [len(r[i]) for r in cells]))
    room = width - 1 - sum(widths[:-1]) - (len(widths) - 1)  # a table leaves the console's last column free
    widths[-1] = max(len(columns[-1][0]), min(widths[-1], room))
    lines = [
        _row([c[0] for c in columns], widths, columns),
        _row(["-" * len(c[0]) for c in columns], widths, columns),
    ]
    lines += [_row(r, widths, columns) for r in cells]
    return "\n".join(lines)


def _get(obj, prop):
    """A property by name, ignoring case as PowerShell does."""
    if prop in obj:
        return obj[prop]
    return next((v for k, v in obj.items() if k.lower() == prop.lower()), None)


def _row(values, widths, columns):
    parts = []
    for i, (value, width, col) in enumerate(zip(values, widths, columns)):
        if len(value) > width:
            value = value[: max(width - 3, 0)] + "..."
        last = i == len(values) - 1
        if col[3] == "right":
            value = value.rjust(width)
        elif not last:
            value = value.ljust(width)
        parts.append(value)
    return " ".join(parts).rstrip()


# ---------------------------------------------------------------------------- ConvertTo-Json


def convert_to_json(value, depth=2, compress=False):
    """Windows PowerShell 5.1 ``ConvertTo-Json`` (layout and depth limit, see module doc)."""
    limited = _limit(value, 0, depth)
    if compress:
        return _compact(limited)
    return _pretty(limited, 0)


def _limit(value, level, depth):
    if isinstance(value, (dict, list)) and level > depth:
        return string_form(value)
    if isinstance(value, dict):
        return {k: _limit(v, level + 1, depth) for k, v in value.items()}
    if isinstance(value, list):
        return [_limit(v, level + 1, depth) for v in value]
    return value


def _json_scalar(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return scalar_text(value)
    out = []
    for ch in str(value):
        if ch in "<>&'":
            out.append(f"\\u{ord(ch):04x}")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _pretty(value, column):
    pad = " " * (column + 4)
    if isinstance(value, dict):
        if not value:
            return "{\n\n" + " " * column + "}"
        items = []
        for k, v in value.items():
            head = f"{_json_scalar(str(k))}:  "
            items.append(pad + head + _pretty(v, column + 4 + len(head)))
        return "{\n" + ",\n".join(items) + "\n" + " " * column + "}"
    if isinstance(value, list):
        if not value:
            return "[\n\n" + " " * column + "]"
        return "[\n" + ",\n".join(pad + _pretty(v, column + 4) for v in value) + "\n" + " " * column + "]"
    return _json_scalar(value)


def _compact(value):
    if isinstance(value, dict):
        return "{" + ",".join(f"{_json_scalar(str(k))}:{_compact(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_compact(v) for v in value) + "]"
    return _json_scalar(value)


# ---------------------------------------------------------------------------- error records


def error_record(command_name, message, line, category, fqid, target="", start=1, length=None):
    """A PowerShell 5.1 error as the console prints it (message, position, category, id)."""
    length = length or max(1, len(line) - start + 1)
    prefix = f"{command_name} : " if command_name else ""
    return "\n".join(
        [
            f"{prefix}{message}",
            f"At line:1 char:{start}",
            f"+ {line}",
            "+ " + " " * (start - 1) + "~" * length,
            f"    + CategoryInfo          : {category}",
            f"    + FullyQualifiedErrorId : {fqid}",
        ]
    )
