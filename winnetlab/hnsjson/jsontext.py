"""Finding JSON documents inside the text people actually save: logs, consoles, pastes.

HNS JSON rarely arrives as a clean file.  It comes after a log prefix
(``Network Response : {…}``, ``Hns Endpoint resource, {…}``), escaped inside a logrus
``msg="…"`` field, quoted with ``> `` at each line of an issue, wrapped by the console at
a fixed width with line breaks inside tokens (``Invoke-HNSRequest -Verbose``), as several
documents one after another (``hnsdiag list all -df``), after a table (collectlogs'
``network.txt``), or cut off at the end.  :func:`find_documents` returns every JSON
value it can recover, each with notes on what had to be repaired.

Work is bounded: failed parse attempts may not examine more than a few times the length
of the text, and nesting deeper than the C decoder's recursion limit is refused.
"""

import json
import re

_DECODER = json.JSONDecoder()
_START = re.compile(r"[\[{]")
_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{},]|"')
_LOGRUS_MSG = re.compile(r'\bmsg="((?:[^"\\]|\\.)*)"')
_GO_ESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|.)', re.DOTALL)
_GO_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f"}
MAX_REPAIRS = 50


class Document:
    """A JSON value found in text, with plain-language notes about repairs."""

    __slots__ = ("value", "notes", "truncated")

    def __init__(self, value, notes=(), truncated=False):
        self.value = value
        self.notes = list(notes)
        self.truncated = truncated


def find_documents(text):
    """Every JSON object or array in ``text`` (in order), repaired where needed."""
    text = unquote(text)
    whole = _parse_whole(text)
    if whole is not None:
        return [whole]
    if 'msg="' in text:
        docs = []
        for message in _LOGRUS_MSG.findall(text):
            docs.extend(_scan(unescape_go(message)))
        if docs:
            return docs
    return _scan(text)


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


def _scan(text):
    """Try a JSON value at every ``{``/``[``; keep what parses, repair what was cut or wrapped."""
    docs = []
    budget = 4 * len(text) + 1_000_000
    repairs = 0
    pos = 0
    while budget > 0:
        match = _START.search(text, pos)
        if not match:
            break
        start = match.start()
        try:
            value, end = _DECODER.raw_decode(text, start)
            docs.append(Document(value))
            pos = end
            continue
        except RecursionError:
            pos = _skip_brackets(text, start)
            budget -= pos - start
            continue
        except ValueError as err:
            budget -= max(1, getattr(err, "pos", start) - start)
        if repairs < MAX_REPAIRS:
            repairs += 1
            doc, end = _repair(text, start)
            if doc is not None:
                docs.append(doc)
                pos = end
                continue
        pos = start + 1
    else:
        if docs:
            docs[-1].notes.append("stopped looking for more JSON: the text is too irregular")
    return docs


def _skip_brackets(text, start):
    i = start
    while i < len(text) and (text[i] in "[{" or text[i].isspace()):
        i += 1
    return max(i, start + 1)


def _repair(text, start):
    """A truncated document closed at its last complete value, or a console-wrapped one joined."""
    extent = _extent(text, start)
    if extent is None:
        return None, start
    end, stack = extent
    if stack and end >= len(text):
        doc = _close_truncated(text[start:])
        return (doc, len(text)) if doc is not None else (None, start)
    if "\n" in text[start:end]:
        doc = _unwrap(text, start, end)
        if doc is not None:
            return doc, end
    return None, start


def _extent(text, start):
    """Where the bracket structure opened at ``start`` closes (or the end of text) + open stack."""
    stack = []
    for tok in _TOKENS.finditer(text, start):
        t = tok.group()
        if t in "[{":
            stack.append("]" if t == "[" else "}")
        elif t in "]}":
            if not stack or stack.pop() != t:
                return None
            if not stack:
                return tok.end(), stack
    return len(text), stack


def _close_truncated(fragment):
    """Cut a truncated document back to its last complete value and close what is open."""
    stack = []
    safe = None            # (index, closers) of the last place where the text could be closed
    for tok in _TOKENS.finditer(fragment):
        t = tok.group()
        if t in "[{":
            stack.append("]" if t == "[" else "}")
            safe = (tok.end(), "".join(reversed(stack)))
        elif t in "]}":
            if not stack:
                return None
            stack.pop()
            safe = (tok.end(), "".join(reversed(stack)))
        elif t == ",":
            safe = (tok.start(), "".join(reversed(stack)))
    candidates = []
    body = fragment.rstrip().rstrip(",")
    candidates.append(body + "".join(reversed(stack)))
    if safe is not None:
        candidates.append(fragment[:safe[0]] + safe[1])
    for candidate in candidates:
        try:
            value = json.loads(candidate)
        except (ValueError, RecursionError):
            continue
        if not value:
            return None
        return Document(value, ["the text ends in the middle of a JSON document (truncated); "
                                "read up to the last complete value"], truncated=True)
    return None


def _unwrap(text, start, end):
    """Join a JSON document that the console wrapped at a fixed width.

    Lines as long as the widest line were cut by the console mid-token and are joined
    directly; shorter lines were word-wrapped at a space that the console dropped, so a
    space is put back (harmless between tokens, right inside a string).
    """
    line_start = text.rfind("\n", 0, start) + 1
    lines = text[line_start:end].split("\n")
    width = max(len(ln.rstrip("\r")) for ln in lines)
    first_offset = start - line_start
    parts = []
    for i, ln in enumerate(lines):
        ln = ln.rstrip("\r")
        piece = ln[first_offset:] if i == 0 else ln
        parts.append(piece)
        if i < len(lines) - 1 and len(ln) < width:
            parts.append(" ")
    joined = "".join(parts)
    try:
        value, _ = _DECODER.raw_decode(joined)
    except (ValueError, RecursionError):
        return None
    return Document(value, [f"joined JSON that the console had wrapped at {width} columns"])
