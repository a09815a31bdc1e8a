"""What the command fronts share: the result object, a PowerShell-like tokenizer, Docker's
flag parser (spf13/pflag rules) with its help text, and Go's tabwriter.

A learner types a command line; it is split the way PowerShell splits arguments for a
native command (``docker …``): single quotes are literal (``''`` is one quote), double
quotes group words (```` ` ```` escapes, ``""`` is one quote), the backtick escapes outside
quotes, and the backslash is an ordinary character (``C:\\Windows``).  ``|`` outside quotes
separates pipeline stages.  Flags are then parsed like the Docker CLI's pflag does:
``--name=value`` and ``--name value``, ``-n value`` and ``-nvalue``, combined short booleans
(``-dit``), ``--`` ends the flags, and every mistake has pflag's own wording.
"""

import html
from dataclasses import dataclass, replace

from .. import i18n
from ..engine.drivers.base import parse_bool, parse_uint


@dataclass(frozen=True)
class CommandResult:
    """What a command printed, its exit code, and the simulator's teaching hints.

    ``output`` is exactly what the real tool prints, nothing else.  ``hints`` are lines the
    simulator adds for learners (why a command failed, what to type next); they are never
    part of ``output``.  ``str(result)`` is the output followed by each hint prefixed
    ``hint: ``; in Jupyter the output shows as a monospace block and the hints in a
    separate, visibly different box under it.  ``lab.docker(...).output`` (or a lab made
    with ``Lab(hints=False)``) gives the real output alone.  After ``wl.set_language("ko")``
    the hints (and their label) show in Korean where :data:`winnetlab.i18n.HINTS` has them;
    ``output`` never changes.
    """

    command: str
    output: str
    exit_code: int = 0
    hints: tuple = ()

    @property
    def ok(self):
        return self.exit_code == 0

    def without_hints(self) -> "CommandResult":
        """The same result with no hints: what a real terminal shows."""
        return replace(self, hints=()) if self.hints else self

    def __str__(self):
        label = i18n.tr("hint")
        hints = [f"{label}: {i18n.hint(h)}" for h in self.hints]
        return "\n".join(([self.output] if self.output else []) + hints)

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))

    def _repr_html_(self):
        """The output as a terminal shows it, in a block with its own horizontal scroll bar
        (so wide output scrolls in every renderer, not only where JupyterLab's CSS lets a
        ``<pre>`` scroll), then the hints, which are prose and wrap."""
        return output_html(self.output) + self.hints_html()

    def hints_html(self) -> str:
        """The hints box (empty when there are none), in the session's language."""
        if not self.hints:
            return ""
        return (
            '<div class="winnetlab-hints" style="border-left: 4px solid #d29922; background: #fff8e1; '
            "color: #5a4500; padding: 4px 8px; margin-top: 2px; font-family: sans-serif; "
            'white-space: normal; overflow-wrap: anywhere;" '
            'title="winnetlab\'s teaching hints, not part of the real output">'
            + "<br>".join(f"<b>{i18n.tr('hint')}:</b> {html.escape(i18n.hint(h))}" for h in self.hints)
            + "</div>"
        )


def output_html(text: str) -> str:
    """Terminal output as a monospace block that scrolls sideways on its own."""
    return (
        "<pre style=\"font-family: Consolas, 'Courier New', monospace; "
        'white-space: pre; line-height: 1.25; overflow-x: auto; max-width: 100%;">'
        + html.escape(text)
        + "</pre>"
    )


def hint_tuple(*hints) -> tuple:
    """The non-empty hints, in order, without repeats: what ``CommandResult.hints`` holds."""
    return tuple(dict.fromkeys(h for h in hints if h))


class CommandLineError(Exception):
    """A command line a tool refuses before doing anything; ``str()`` is the tool's text."""

    def __init__(self, message, exit_code=1):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class QuoteError(CommandLineError):
    """An unbalanced quote; ``column`` is the 1-based position of the opening quote."""

    def __init__(self, quote, column, message=None):
        super().__init__(message or f"The string is missing the terminator: {quote}.")
        self.quote = quote
        self.column = column


# --------------------------------------------------------------------------- tokenizer


def tokenize(text, scriptblocks=False):
    """Split ``text`` into pipeline stages, each a list of argument strings.

    A backtick at the end of a line continues the command on the next line (PowerShell's
    line continuation).  With ``scriptblocks`` (the PowerShell front), a ``{`` that starts
    a word opens a script block that runs to its matching ``}`` — quotes, spaces and ``|``
    inside it stay as typed — and becomes one :class:`ScriptBlock` token.
    Raises ``QuoteError`` for an unterminated quote.
    """
    stages, words, word, started = [], [], [], False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "`" and text[i + 1 : i + 2] in ("\n", "\r"):
            i += 2 if text[i + 1 : i + 3] == "\r\n" else 1
            c = " "
        if scriptblocks and c == "{" and not started:
            from .ps_script import ScriptBlock  # here: ps_script imports this module

            end = _block_end(text, i)
            words.append(ScriptBlock(text[i : end + 1]))
            i = end + 1
            continue
        if c in " \t\r\n":
            if started:
                words.append("".join(word))
                word, started = [], False
        elif c == "|":
            if started:
                words.append("".join(word))
                word, started = [], False
            stages.append(words)
            words = []
        elif c == "`":
            if i + 1 < n:
                i += 1
                word.append(_backtick(text[i]))
            started = True
        elif c == "'":
            i = _quoted_single(text, i, word)
            started = True
        elif c == '"':
            i = _quoted_double(text, i, word)
            started = True
        else:
            word.append(c)
            started = True
        i += 1
    if started:
        words.append("".join(word))
    stages.append(words)
    return stages


def _block_end(text, start):
    """The index of the ``}`` closing the script block opened at ``start``."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == "'":
            i = _quoted_single(text, i, [])
        elif c == '"':
            i = _quoted_double(text, i, [])
        elif c == "`":
            i += 1
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise QuoteError("}", start + 1, "Missing closing '}' in statement block or type definition.")


def stage_spans(text):
    """``(start, end)`` of each pipeline stage's text in ``text`` (0-based, stripped): where
    PowerShell's error records point when a later stage of the pipeline fails."""
    spans, start, i, depth = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c in "'\"":
            try:
                i = (_quoted_single if c == "'" else _quoted_double)(text, i, [])
            except QuoteError:
                break
        elif c == "`":
            i += 1
        elif c in "{}":
            depth += 1 if c == "{" else -1
        elif c == "|" and depth <= 0:
            spans.append((start, i))
            start = i + 1
        i += 1
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        out.append((a + lead, a + len(seg.rstrip())))
    return out


_BACKTICK = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _backtick(c):
    return _BACKTICK.get(c, c)


def _quoted_single(text, start, word):
    i = start + 1
    while i < len(text):
        if text[i] == "'":
            if i + 1 < len(text) and text[i + 1] == "'":
                word.append("'")
                i += 2
                continue
            return i
        word.append(text[i])
        i += 1
    raise QuoteError("'", start + 1)


def _quoted_double(text, start, word):
    i = start + 1
    while i < len(text):
        c = text[i]
        if c == "`" and i + 1 < len(text):
            word.append(_backtick(text[i + 1]))
            i += 2
            continue
        if c == '"':
            if i + 1 < len(text) and text[i + 1] == '"':
                word.append('"')
                i += 2
                continue
            return i
        word.append(c)
        i += 1
    raise QuoteError('"', start + 1)


def powershell_parse_error(line, error):
    """PowerShell 5.1's parser-error record for an unterminated string or script block (the
    block's ``{`` is marked)."""
    col = error.column
    block = error.quote == "}"
    width = 1 if block else max(1, len(line) - col + 1)
    return "\n".join(
        [
            f"At line:1 char:{col}",
            f"+ {line}",
            "+ " + " " * (col - 1) + "~" * width,
            error.message,
            "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException",
            "    + FullyQualifiedErrorId : "
            + ("MissingEndCurlyBrace" if block else "TerminatorExpectedAtEndOfString"),
        ]
    )


# --------------------------------------------------------------------------- flags

TYPE_NAMES = {
    "bool": "",
    "string": "string",
    "list": "list",
    "strings": "strings",
    "int": "int",
    "uint": "uint",
    "map": "map",
    "ip": "ip",
    "ipSlice": "ipSlice",
    "ipNetSlice": "ipNetSlice",
    "port": "list",
}
REPEATABLE = ("list", "strings", "map", "ipSlice", "ipNetSlice", "port")


@dataclass(frozen=True)
class Flag:
    """One command-line flag: its long name, optional one-letter shorthand, value kind."""

    name: str
    kind: str = "string"
    short: str = ""
    default: object = None
    help: str = ""
    metavar: str = ""  # overrides the type name in the help ("string", "list"…)

    @property
    def display(self):
        """How pflag names the flag in its errors: ``-d, --detach`` or ``--name``."""
        return f"-{self.short}, --{self.name}" if self.short else f"--{self.name}"

    def initial(self):
        if self.kind in REPEATABLE:
            return []
        if self.default is not None:
            return self.default
        return False if self.kind == "bool" else None


def go_int(text, bits=64):
    """``strconv.ParseInt`` with Go's error wording."""
    body = text[1:] if text[:1] in "+-" else text
    if not body or not body.isascii() or not body.isdigit():
        raise ValueError(f'strconv.ParseInt: parsing "{text}": invalid syntax')
    value = int(text)
    if not -(1 << (bits - 1)) <= value < 1 << (bits - 1):
        raise ValueError(f'strconv.ParseInt: parsing "{text}": value out of range')
    return value


class ParsedFlags(dict):
    """Flag values by long name, plus ``changed``: the flags the user gave."""

    def __init__(self, flags):
        super().__init__((f.name, f.initial()) for f in flags)
        self.changed = set()


def parse_flags(args, flags, interspersed=True):
    """Parse ``args`` like pflag; return ``(ParsedFlags, positional args)``.

    ``--help`` sets the value ``help``.  Raises ``CommandLineError`` with pflag's message
    (the caller adds the ``See '… --help'.`` line).
    """
    by_long = {f.name: f for f in flags}
    by_short = {f.short: f for f in flags if f.short}
    values = ParsedFlags(flags)
    values["help"] = False
    positional = []
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a == "--":
            positional.extend(args[i:])
            break
        if not a.startswith("-") or a == "-":
            positional.append(a)
            if not interspersed:
                positional.extend(args[i:])
                break
            continue
        if a.startswith("--"):
            i = _long_flag(a, args, i, by_long, values)
        else:
            i = _short_flags(a, args, i, by_short, values)
    return values, positional


def _long_flag(a, args, i, by_long, values):
    name, eq, value = a[2:].partition("=")
    if name == "help" and name not in by_long:
        values["help"] = True
        return i
    flag = by_long.get(name)
    if flag is None or not name:
        raise CommandLineError(f"unknown flag: --{name}" if name else f"bad flag syntax: {a}")
    if not eq:
        if flag.kind == "bool":
            value = "true"
        elif i < len(args):
            value, i = args[i], i + 1
        else:
            raise CommandLineError(f"flag needs an argument: --{name}")
    _set(values, flag, value)
    return i


def _short_flags(a, args, i, by_short, values):
    letters = a[1:]
    while letters:
        c, letters = letters[0], letters[1:]
        if c == "h" and "h" not in by_short:
            values["help"] = True
            continue
        flag = by_short.get(c)
        if flag is None:
            raise CommandLineError(f"unknown shorthand flag: '{c}' in {a}")
        if letters.startswith("="):
            _set(values, flag, letters[1:])
            return i
        if flag.kind == "bool":
            _set(values, flag, "true")
            continue
        if letters:
            _set(values, flag, letters)
            return i
        if i < len(args):
            _set(values, flag, args[i])
            return i + 1
        raise CommandLineError(f"flag needs an argument: '{c}' in {a}")
    return i


def _set(values, flag, text):
    try:
        value = _convert(flag, text)
    except ValueError as e:
        raise CommandLineError(f'invalid argument "{text}" for "{flag.display}" flag: {e}') from None
    if flag.kind in REPEATABLE:
        values[flag.name] = values[flag.name] + value
    else:
        values[flag.name] = value
    values.changed.add(flag.name)


def _convert(flag, text):
    kind = flag.kind
    if kind == "bool":
        return parse_bool(text)
    if kind == "uint":
        return parse_uint(text, 64)
    if kind == "int":
        return go_int(text)
    if kind in ("strings", "ipSlice", "ipNetSlice"):
        return [p for p in text.split(",")] if text else []
    if kind == "map":
        key, eq, val = text.partition("=")
        return [(key, val if eq else "")]
    if kind in ("list", "port"):
        return [text]
    return text


# --------------------------------------------------------------------------- help text


def flag_usages(flags):
    """The ``Options:`` block as pflag's ``FlagUsages`` formats it (sorted, aligned)."""
    lines = []
    for f in sorted(flags, key=lambda f: f.name):
        line = f"  -{f.short}, --{f.name}" if f.short else f"      --{f.name}"
        varname = f.metavar or TYPE_NAMES.get(f.kind, f.kind)
        if varname:
            line += " " + varname
        usage = f.help
        if f.default not in (None, False, "", 0) and f.kind not in REPEATABLE:
            usage += f' (default "{f.default}")' if isinstance(f.default, str) else f" (default {f.default})"
        lines.append((line, usage))
    maxlen = max(len(line) for line, _ in lines) + 1
    return "\n".join(f"{line} {' ' * (maxlen - len(line))} {usage}".rstrip() for line, usage in lines)


def usage_text(use_line, short, flags, aliases=(), extra=""):
    """Docker's ``--help`` page: usage line, description, aliases, options."""
    parts = [f"Usage:  {use_line}", "", short]
    if aliases:
        parts += ["", "Aliases:", "  " + ", ".join(aliases)]
    if extra:
        parts += ["", extra]
    if flags:  # docker/cli's usage template: ``{{- if .HasAvailableLocalFlags}}`` Options …
        parts += ["", "Options:", flag_usages(flags)]
    return "\n".join(parts)


# --------------------------------------------------------------------------- tabwriter


def tabwrite(rows, minwidth=10, padding=3):
    """Go's ``text/tabwriter`` with Docker's settings (min width 10, padding 3, spaces).

    ``rows`` are lists of cells; every cell but the last of a row is padded to its
    column's width (the widest cell plus ``padding``, at least ``minwidth``), column by
    column over each block of consecutive rows that have that column — as Go does.
    """
    widths = [[0] * max(len(r) - 1, 0) for r in rows]
    _column_widths(rows, widths, 0, 0, len(rows), minwidth, padding)
    out = []
    for r, w in zip(rows, widths):
        cells = [cell + " " * (w[k] - len(cell)) for k, cell in enumerate(r[:-1])]
        out.append("".join(cells) + (r[-1] if r else ""))
    return "\n".join(out)


def _column_widths(rows, widths, column, line0, line1, minwidth, padding):
    this = line0
    while this < line1:
        if column >= len(rows[this]) - 1:
            this += 1
            continue
        start = this
        width = minwidth
        while this < line1 and column < len(rows[this]) - 1:
            width = max(width, len(rows[this][column]) + padding)
            this += 1
        for k in range(start, this):
            widths[k][column] = width
        _column_widths(rows, widths, column + 1, start, this, minwidth, padding)


def ellipsis(text, width):
    """Docker's ``formatter.Ellipsis``: cut to ``width`` characters ending in ``…``."""
    return text if len(text) <= width else text[: width - 1] + "…"


def go_quote(text):
    """Go's ``strconv.Quote`` for printable text (backslashes and quotes escaped)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif not ch.isprintable():
            code = ord(ch)
            out.append(
                f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
            )
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
