"""PowerShell script blocks as the pipeline cmdlets use them: ``{ $_.Type -eq 'nat' }``.

``Where-Object { … }`` and ``ForEach-Object { … }`` run a script block once per input
object, with ``$_`` bound to it.  This module evaluates the expression language learners
type inside them:

* values: ``$_``, ``$_.Prop.Sub`` (case-insensitive, as PowerShell's member access; on an
  array it collects each element's property — member enumeration), ``.Count``/``.Length``,
  ``'single'`` and ``"double"`` quoted strings (``$_``, ``$_.Prop`` is *not* expanded past
  ``$_``, ``$(…)`` is), numbers, ``$true``, ``$false``, ``$null``, ``( … )``;
* comparisons ``-eq -ne -gt -ge -lt -le -like -notlike -match -notmatch -contains
  -notcontains -in -notin`` — case-insensitive, with the ``-c…`` case-sensitive forms; the
  left operand's type decides how the right one converts (``$_.Mtu -gt '1400'`` compares
  numbers), an array on the left filters its elements;
* ``-and``, ``-or``, ``-not``, ``!`` and ``+`` (numbers add, strings concatenate).

Simplification: one expression per block (no statements, ``;``, ``if`` or assignments);
anything else is a parse error in PowerShell's words.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

from .ps_format import scalar_text


class ScriptBlock(str):
    """A ``{ … }`` token from the command line: the text, braces included.

    It is a ``str`` so a native command (``docker inspect -f {{.Id}}``) still receives the
    raw text; the PowerShell front recognizes it with ``isinstance``."""

    @property
    def body(self) -> str:
        return self[1:-1]


class ScriptError(Exception):
    """A script block PowerShell would not parse: ``message`` and the offending token."""

    def __init__(self, message: str, token: str = "", fqid: str = "UnexpectedToken"):
        super().__init__(message)
        self.message = message
        self.token = token
        self.fqid = fqid


# ---------------------------------------------------------------------------- lexer

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<str1>'(?:[^']|'')*')
    | (?P<str2>"(?:[^"`]|`.|"")*")
    | (?P<var>\$[A-Za-z_][A-Za-z0-9_]*|\$_)
    | (?P<num>-?\d+(?:\.\d+)?)
    | (?P<op>-[A-Za-z]+)
    | (?P<punct>[().!+,])
    | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
    )""",
    re.VERBOSE,
)


def _lex(text: str) -> list[tuple[str, str]]:
    tokens, i = [], 0
    text = text.strip()
    while i < len(text):
        m = _TOKEN.match(text, i)
        if m is None or m.end() == i:
            bad = text[i:].strip().split(" ")[0]
            raise ScriptError(f"Unexpected token '{bad}' in expression or statement.", bad)
        kind = m.lastgroup or ""
        tokens.append((kind, m.group(kind)))
        i = m.end()
        while i < len(text) and text[i].isspace():
            i += 1
    return tokens


# ---------------------------------------------------------------------------- parser

COMPARISONS = [
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "like",
    "notlike",
    "match",
    "notmatch",
    "contains",
    "notcontains",
    "in",
    "notin",
]


@dataclass(frozen=True)
class Node:
    kind: str
    args: tuple


def parse(text: str) -> Node:
    """Parse one script block body into an expression tree."""
    tokens = _lex(text)
    if not tokens:
        return Node("lit", (None,))
    parser = _Parser(tokens)
    node = parser.logical()
    if parser.i < len(tokens):
        bad = tokens[parser.i][1]
        raise ScriptError(f"Unexpected token '{bad}' in expression or statement.", bad)
    return node


class _Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.i = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else ("end", "")

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def logical(self):
        node = self.negation()
        while self.peek()[0] == "op" and self.peek()[1].lower() in ("-and", "-or", "-xor"):
            op = self.take()[1].lower()[1:]
            node = Node(op, (node, self.negation()))
        return node

    def negation(self):
        kind, text = self.peek()
        if (kind == "op" and text.lower() == "-not") or (kind == "punct" and text == "!"):
            self.take()
            return Node("not", (self.negation(),))
        return self.comparison()

    def comparison(self):
        node = self.additive()
        kind, text = self.peek()
        if kind == "op":
            op = text.lower()[1:]
            sensitive = op.startswith("c") and op[1:] in COMPARISONS
            base = op[1:] if sensitive or (op.startswith("i") and op[1:] in COMPARISONS) else op
            if base in COMPARISONS:
                self.take()
                right = self.additive()
                if right is None:
                    raise ScriptError(
                        f"You must provide a value expression following the '{text}' operator.",
                        text,
                        "ExpectedValueExpression",
                    )
                return Node("cmp", (base, sensitive, node, right))
            if op not in ("and", "or", "xor", "not"):
                raise ScriptError(f"Unexpected token '{text}' in expression or statement.", text)
        return node

    def additive(self):
        node = self.primary()
        while self.peek() == ("punct", "+"):
            self.take()
            node = Node("add", (node, self.primary()))
        return node

    def primary(self):
        kind, text = self.take()
        if kind == "end":
            return None
        if kind == "str1":
            node = Node("lit", (text[1:-1].replace("''", "'"),))
        elif kind == "str2":
            node = Node("expand", (text[1:-1],))
        elif kind == "num":
            node = Node("lit", (float(text) if "." in text else int(text),))
        elif kind == "var":
            name = text[1:].lower()
            if name in ("true", "false", "null"):
                node = Node("lit", ({"true": True, "false": False, "null": None}[name],))
            elif name == "_":
                node = Node("it", ())
            else:
                node = Node("lit", (None,))  # an unset variable is $null
        elif (kind, text) == ("punct", "("):
            node = self.logical()
            if self.take() != ("punct", ")"):
                raise ScriptError(
                    "Missing closing ')' in expression.", "(", "MissingEndParenthesisInExpression"
                )
        elif kind == "word":
            raise ScriptError(f"The term '{text}' is not recognized", text)
        else:
            raise ScriptError(f"Unexpected token '{text}' in expression or statement.", text)
        while self.peek() == ("punct", "."):
            self.take()
            member = self.take()
            if member[0] != "word":
                raise ScriptError("Missing property name after reference operator.", ".")
            node = Node("member", (node, member[1]))
        return node


# ---------------------------------------------------------------------------- evaluation


def evaluate(node: Node | None, it: object) -> object:
    """The value of ``node`` with ``$_`` = ``it``."""
    if node is None:
        return None
    kind, args = node.kind, node.args
    if kind == "lit":
        return args[0]
    if kind == "it":
        return it
    if kind == "member":
        return member(evaluate(args[0], it), args[1])
    if kind == "expand":
        return expand(args[0], it)
    if kind == "add":
        left, right = evaluate(args[0], it), evaluate(args[1], it)
        if isinstance(left, (int, float)) and not isinstance(left, bool):
            return left + _number(right)
        return to_string(left) + to_string(right)
    if kind == "not":
        return not truthy(evaluate(args[0], it))
    if kind in ("and", "or", "xor"):
        left = truthy(evaluate(args[0], it))
        if kind == "and":
            return left and truthy(evaluate(args[1], it))
        if kind == "or":
            return left or truthy(evaluate(args[1], it))
        return left != truthy(evaluate(args[1], it))
    op, sensitive, left, right = args
    return compare(op, evaluate(left, it), evaluate(right, it), sensitive)


def member(value: object, name: str) -> object:
    """``value.name``: a property (case-insensitive), ``Count``/``Length``, or for an
    array the property of each element (PowerShell's member enumeration)."""
    low = name.lower()
    if isinstance(value, dict):
        key = next((k for k in value if k.lower() == low), None)
        return value[key] if key is not None else None
    if isinstance(value, list):
        if low in ("count", "length"):
            return len(value)
        found = [member(v, name) for v in value]
        return [v for v in found if v is not None]
    if isinstance(value, str) and low == "length":
        return len(value)
    if value is not None and low == "count":
        return 1
    return None


def expand(text: str, it: object) -> str:
    """A double-quoted string: ```` ` ```` escapes, ``""``, ``$_`` and ``$( … )``."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "`" and i + 1 < len(text):
            out.append({"n": "\n", "t": "\t"}.get(text[i + 1], text[i + 1]))
            i += 2
        elif text.startswith('""', i):
            out.append('"')
            i += 2
        elif text.startswith("$(", i):
            depth, j = 1, i + 2
            while j < len(text) and depth:
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            out.append(to_string(evaluate(parse(text[i + 2 : j - 1]), it)))
            i = j
        elif text.startswith("$_", i):
            out.append(to_string(it))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def to_string(value: object) -> str:
    """PowerShell's string conversion: arrays join with a space, ``$null`` is empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return scalar_text(value)
    if isinstance(value, list):
        return " ".join(to_string(v) for v in value)
    if isinstance(value, dict):
        return "@{" + "; ".join(f"{k}={to_string(v)}" for k, v in value.items()) + "}"
    return str(value)


def truthy(value: object) -> bool:
    """PowerShell's conversion to bool: an array is true when it has two or more items
    or its one item is true."""
    if isinstance(value, list):
        return len(value) > 1 or (len(value) == 1 and truthy(value[0]))
    if isinstance(value, str):
        return value != ""
    return bool(value)


def _number(value: object) -> float | int:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = to_string(value).strip()
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            raise ScriptError(
                f'Cannot convert value "{text}" to type "System.Int32". Error: "Input string was not in a '
                'correct format."',
                text,
            ) from None


def compare(op: str, left: object, right: object, sensitive: bool = False) -> object:
    """One comparison operator the PowerShell way (see the module doc)."""
    if op in ("contains", "notcontains"):
        items = left if isinstance(left, list) else [left]
        found = any(compare("eq", i, right, sensitive) for i in items)
        return found if op == "contains" else not found
    if op in ("in", "notin"):
        return compare("contains" if op == "in" else "notcontains", right, left, sensitive)
    if isinstance(left, list):
        return [v for v in left if compare(op, v, right, sensitive)]
    if op in ("like", "notlike"):
        a, b = to_string(left), to_string(right)
        if not sensitive:
            a, b = a.lower(), b.lower()
        hit = fnmatch.fnmatchcase(a, b.replace("[", "[[]") if "[" not in b else b)
        return hit if op == "like" else not hit
    if op in ("match", "notmatch"):
        try:
            hit = re.search(to_string(right), to_string(left), 0 if sensitive else re.IGNORECASE) is not None
        except re.error:
            raise ScriptError(
                f"Invalid regular expression pattern: {to_string(right)}.", to_string(right)
            ) from None
        return hit if op == "match" else not hit
    try:
        a, b = _coerce(left, right, sensitive)
    except ScriptError as e:
        if op in ("eq", "ne"):  # a value that does not convert is simply not equal
            return op == "ne"
        raise ScriptError(
            f'Could not compare "{to_string(left)}" to "{to_string(right)}". Error: "{e.message}"',
            e.token,
            "ComparisonFailure",
        ) from None
    if a is None or b is None:
        if op == "eq":
            return a is None and b is None
        if op == "ne":
            return not (a is None and b is None)
        return False if a is None else op in ("gt", "ge")
    return {
        "eq": a == b,
        "ne": a != b,
        "gt": a > b,
        "ge": a >= b,
        "lt": a < b,
        "le": a <= b,
    }[op]


def _coerce(left, right, sensitive):
    """Convert ``right`` to ``left``'s type, as PowerShell's binary operators do."""
    if left is None or right is None:
        return left, right
    if isinstance(left, bool):
        return left, truthy(right)
    if isinstance(left, (int, float)):
        return left, _number(right)
    a, b = to_string(left), to_string(right)
    return (a, b) if sensitive else (a.lower(), b.lower())
