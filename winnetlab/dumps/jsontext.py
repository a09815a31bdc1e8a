"""Finding JSON documents inside the text people actually save: logs, consoles, pastes.

HNS JSON rarely arrives as a clean file.  It comes after a log prefix
(``Network Response : {…}``, ``Hns Endpoint resource, {…}``), escaped inside a logrus
``msg="…"`` field, quoted with ``> `` at each line of an issue, wrapped by the console at
a fixed width with line breaks inside tokens (``Invoke-HNSRequest -Verbose``), as several
documents one after another (``hnsdiag list all -df``), after a table (collectlogs'
``network.txt``), or cut off at the end.  :func:`find_documents` returns every JSON
value it can recover, each with notes on what had to be repaired.

Work is bounded whatever the text holds: failed attempts, repairs (and the characters
they examine) and documents are counted against fixed caps, arrays cut off at the end are
salvaged element by element by the C decoder, and nesting deeper than that decoder's
recursion limit is refused.
"""

import json
import re
import unicodedata

MAX_FAILURES = 100_000  # failed parse attempts per text
MAX_DOCUMENTS = 100_000  # JSON documents per text
MAX_TOO_DEEP = 5  # documents deeper than the decoder's recursion limit
MAX_REPAIRS = 20  # truncation / console-wrap repairs per text
MAX_REPAIR_CHARS = 4_000_000  # characters those repairs may examine
TRUNCATED_NOTE = (
    "the text ends in the middle of a JSON document (truncated); read up to the last complete value"
)

_DECODER = json.JSONDecoder()
_START = re.compile(r'\{\s*["}]|\[\s*[\[{"\d\-\]tfn]')  # a bracket that can start JSON
_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_TOKENS = re.compile(_STRING + r'|[\[\]{},]|"')
_BRACKETS = re.compile(_STRING + r'|[\[\]{}]|"')
_LOGRUS_MSG = re.compile(r'\bmsg="((?:[^"\\]|\\.)*)"', re.DOTALL)
_GO_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|.)", re.DOTALL)
_GO_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f"}


class Document:
    """A JSON value found in text: ``notes`` say what was repaired (information),
    ``problems`` what may be missing (a cut-off end)."""

    __slots__ = ("value", "notes", "truncated", "problems")

    def __init__(self, value, notes=(), truncated=False):
        self.value = value
        self.notes = list(notes)
        self.truncated = truncated
        self.problems = [TRUNCATED_NOTE] if truncated else []


def find_documents(text):
    """Every JSON object or array in ``text`` (in order), repaired where needed."""
    text = unquote(text)
    whole = _parse_whole(text)
    if whole is not None:
        return [whole]
    if 'msg="' in text or "level=" in text:  # a logrus log (a wrap may split ``msg="``)
        docs = []
        lines = text.splitlines()
        width = wrap_width(lines)
        logged, joined = _join_full_lines(lines, width)
        for match in _LOGRUS_MSG.finditer(logged):
            column = display_width(logged[logged.rfind("\n", 0, match.start(1)) + 1 : match.start(1)])
            docs.extend(_message_documents(match.group(1), width, column))
        if docs:
            if joined and len(lines) > 1:
                first = next((d for d in docs if d.value), docs[0])
                first.notes.append(f"joined lines that the console had wrapped at {width} columns")
            return docs
    return _scan(text)


def _join_full_lines(lines, width):
    """The text with each console-filled line joined to the next (a wrap can split even an
    escape such as ``\\"``), and whether any was.  Joining the longest line of a log that
    was never wrapped to the next one is harmless: ``msg="…"`` still ends at its quote."""
    widths = [display_width(ln) for ln in lines]
    ends = ["" if w >= width and i < len(lines) - 1 else "\n" for i, w in enumerate(widths)]
    return "".join(ln + end for ln, end in zip(lines, ends)), "" in ends


def _message_documents(message, width, column):
    """The JSON in one logrus ``msg="…"``, its console-wrapped lines joined first.

    The console wrapped the escaped line, so the joining is decided on the escaped text
    (its widths are the console's) and each way is unescaped and tried in turn.
    """
    lines = message.split("\n")
    ways = join_wrapped(lines, width, column) if len(lines) > 1 else [[""]]
    for separators in ways:
        joined = unescape_go("".join(ln.rstrip("\r") + sep for ln, sep in zip(lines, separators)))
        docs = _scan(joined)
        if docs and not any(d.truncated for d in docs):
            return docs
    return _scan(unescape_go(message))


def unquote(text):
    """Strip e-mail/issue quoting (``> `` at the start of most lines)."""
    lines = text.splitlines()
    nonblank = [ln for ln in lines if ln.strip()]
    quoted = [ln for ln in nonblank if ln.lstrip().startswith(">")]
    if not nonblank or len(quoted) < 0.8 * len(nonblank) or len(quoted) < 2:
        return text
    out = []
    for ln in lines:
        s = ln.lstrip()
        if s.startswith(">"):
            s = s[1:]
            ln = s[1:] if s.startswith(" ") else s
        out.append(ln)
    return "\n".join(out)


def unescape_go(s):
    """Undo Go's ``strconv.Quote`` escaping (what logrus does to ``msg="…"``)."""

    def repl(m):
        e = m.group(1)
        if e[0] in "ux" and len(e) > 1:
            return chr(int(e[1:], 16))
        return _GO_SIMPLE.get(e, "\\" + e)

    return _GO_ESCAPE.sub(repl, s)


def _parse_whole(text):
    s = text.strip()
    if not s or s[0] not in "[{":
        return None
    try:
        return Document(json.loads(s))
    except (ValueError, RecursionError):
        return None


class _Budget:
    """Caps on the work spent on text that does not parse (keeps hostile input cheap)."""

    __slots__ = (
        "failures",
        "too_deep",
        "repairs",
        "repair_chars",
        "truncation_tried",
        "examined",
        "max_examined",
    )

    def __init__(self, length):
        self.failures = self.too_deep = self.repairs = self.repair_chars = self.examined = 0
        self.max_examined = 8 * length + 1_000_000
        self.truncation_tried = False

    def exhausted(self, docs):
        return (
            self.failures >= MAX_FAILURES
            or self.too_deep >= MAX_TOO_DEEP
            or len(docs) >= MAX_DOCUMENTS
            or self.examined > self.max_examined
        )

    def may_repair(self):
        return self.repairs < MAX_REPAIRS and self.repair_chars < MAX_REPAIR_CHARS


def _scan(text):
    """Try a JSON value at every place one can start; keep what parses, repair what was cut or wrapped."""
    docs = []
    budget = _Budget(len(text))
    pos = 0
    while not budget.exhausted(docs):
        match = _START.search(text, pos)
        if not match:
            break
        start = match.start()
        try:
            value, end = _decode_at(text, start, budget)
            docs.append(Document(value))
            pos = end
            continue
        except RecursionError:
            budget.too_deep += 1
        except ValueError:
            budget.failures += 1
        doc, end = _repair(text, start, budget) if budget.may_repair() else (None, start)
        if doc is not None:
            docs.append(doc)
            pos = end
        elif text[start] == "{" and budget.may_repair() and _runs_to_end(text, start, budget):
            break  # the objects inside a cut-off object are parts of it, not documents
        else:
            pos = start + 1
    if docs and budget.exhausted(docs):
        docs[-1].problems.append(
            "stopped looking for more JSON: "
            + (
                f"more than {MAX_DOCUMENTS:,} documents"
                if len(docs) >= MAX_DOCUMENTS
                else "it nests deeper than a JSON parser allows"
                if budget.too_deep >= MAX_TOO_DEEP
                else "the text is too irregular"
            )
        )
    return docs


def _runs_to_end(text, start, budget):
    """True when the object opened at ``start`` is still open where the text ends."""
    extent = _extent(text, start, budget)
    return extent is not None and extent[0] >= len(text) and extent[1] > 0


def _decode_at(text, start, budget):
    """``raw_decode`` at ``start``, on a window that grows only while the value keeps going.

    Decoding a slice rather than the whole text keeps a failure's cost proportional to
    what was examined (the decoder's error message counts lines from the slice start).
    """
    window = 65536
    while True:
        chunk = text[start : start + window]
        try:
            value, end = _DECODER.raw_decode(chunk)
            return value, start + end
        except ValueError as err:
            budget.examined += err.pos
            cut = start + window < len(text)
            if not cut or (err.pos < len(chunk) - 1 and not err.msg.startswith("Unterminated")):
                raise
            window *= 4


def _repair(text, start, budget):
    """A truncated document closed at its last complete value, or a console-wrapped one joined."""
    budget.repairs += 1
    if text[start] == "[" and not budget.truncation_tried:
        doc, end = _salvage_array(text, start, budget)
        if doc is not None:
            return doc, end
    doc, end = _unwrap(text, start, budget)
    if doc is not None:
        return doc, end
    extent = _extent(text, start, budget)
    if extent is None or not extent[1] or extent[0] < len(text) or budget.truncation_tried:
        return None, start
    budget.truncation_tried = True
    return _close_truncated(text[start:]), len(text)


def _salvage_array(text, start, budget):
    """An array cut off at the end: keep its complete elements, close the last one if it can be.

    Elements are parsed one by one by the C decoder, so a truncated dump of thousands of
    objects costs no more than a whole one.
    """
    items = []
    pos = start + 1
    length = len(text)
    while True:
        while pos < length and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= length:
            break
        if text[pos] == "]":
            return None, start  # the array closed: it failed for another reason
        try:
            value, pos = _DECODER.raw_decode(text, pos)
            items.append(value)
            continue
        except (ValueError, RecursionError):
            extent = _extent(text, pos, budget)
            if extent is None or extent[0] < length or not extent[1]:
                return None, start
            last = _close_truncated(text[pos:])
            if last is not None:
                items.append(last.value)
            break
    if not items:
        return None, start
    budget.truncation_tried = True
    return Document(items, truncated=True), length


def _extent(text, start, budget):
    """``(end, open depth)`` of the structure opened at ``start``; None if malformed or too long.

    The characters examined are charged to ``budget.repair_chars``.
    """
    depth = 0
    stop = start + max(0, MAX_REPAIR_CHARS - budget.repair_chars)
    end, result = len(text), None
    for tok in _BRACKETS.finditer(text, start):
        if tok.start() > stop:
            end = stop
            break
        t = tok.group()
        if t in "[{":
            depth += 1
        elif t in "]}":
            depth -= 1
            if depth <= 0:
                end, result = tok.end(), ((tok.end(), 0) if depth == 0 else None)
                break
    else:
        result = (len(text), depth)
    budget.repair_chars += end - start
    return result


def _close_truncated(fragment):
    """Cut a truncated document back to its last complete value and close what is open."""
    safe = None  # index up to which the text can be closed cleanly
    for tok in _TOKENS.finditer(fragment):
        t = tok.group()
        if t in "[{]}":
            safe = tok.end()
        elif t == ",":
            safe = tok.start()
    candidates = [fragment.rstrip().rstrip(",")]
    if safe is not None:
        candidates.append(fragment[:safe])
    for candidate in candidates:
        try:
            value = json.loads(candidate + _closers(candidate))
        except (ValueError, RecursionError):
            continue
        return Document(value, truncated=True) if value else None
    return None


def _closers(fragment):
    """The brackets that close everything still open at the end of ``fragment``."""
    stack = []
    for tok in _BRACKETS.finditer(fragment):
        t = tok.group()
        if t in "[{":
            stack.append("]" if t == "[" else "}")
        elif t in "]}" and stack:
            stack.pop()
    return "".join(reversed(stack))


def display_width(line):
    """Columns a line takes in a console: East Asian wide and fullwidth characters take two."""
    if line.isascii():
        return len(line)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def wrap_width(lines):
    """The console width a paragraph was wrapped at: its widest line, in display columns."""
    return max((display_width(ln) for ln in lines), default=0)


def join_wrapped(lines, width, column=0):
    """The ways a console-wrapped paragraph can be joined, most likely first: each a list
    of the separators to put after each line (``column``: where the first line starts on
    its console line).

    A line that fills the console (``width`` columns, or one less when a two-column
    character did not fit) was cut by the console and continues directly; a shorter line
    ended where PowerShell word-wrapped at a space it dropped, so the space is put back
    (harmless between JSON tokens, and right inside a string).  Joining everything
    directly is the second way.  Neither way ever changes a character of a line.
    """
    spaced = []
    for i, ln in enumerate(lines):
        nxt = lines[i + 1][:1] if i + 1 < len(lines) else ""
        w = display_width(ln) + (column if i == 0 else 0)
        full = w >= width or (w == width - 1 and nxt and display_width(nxt) == 2)
        spaced.append("" if full or not nxt else " ")
    return [spaced, [""] * len(lines)]


def _unwrap(text, start, budget):
    """Join a JSON document that the console wrapped at a fixed width: ``(document, end)``.

    The paragraph from ``start`` (up to a blank line) is joined as :func:`join_wrapped`
    says; the first way that is valid JSON is taken.
    """
    line_start = text.rfind("\n", 0, start) + 1
    stop = min(len(text), start + max(0, MAX_REPAIR_CHARS - budget.repair_chars))
    blank = re.compile(r"\n[ \t\r]*\n").search(text, start, stop)
    end = blank.start() if blank else stop
    budget.repair_chars += end - start
    raw = text[line_start:end].split("\n")
    if len(raw) < 2:
        return None, start
    lines = [ln.rstrip("\r") for ln in raw]
    width = wrap_width(lines)
    for separators in join_wrapped(lines, width):
        joined = "".join(ln + sep for ln, sep in zip(lines, separators))
        try:
            value, used = _DECODER.raw_decode(joined, start - line_start)
        except (ValueError, RecursionError):
            continue
        position, consumed = line_start, 0  # map the end back to the text
        for ln, body, sep in zip(raw, lines, separators):
            if consumed + len(body) + len(sep) >= used:
                break
            consumed += len(body) + len(sep)
            position += len(ln) + 1
        note = f"joined lines that the console had wrapped at {width} columns"
        return Document(value, [note]), min(end, position + used - consumed)
    return None, start
