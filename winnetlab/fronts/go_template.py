"""Go's ``text/template``, the subset people copy into ``docker … --format``.

``docker inspect -f "{{ .NetworkSettings.Networks.nat.IPAddress }}" web`` runs a Go
template over the object's JSON.  This module parses and executes the forms found in
Docker's and Microsoft's documentation: fields (``.A.B``, ``$.A``, ``$v.A``), ``{{json
.X}}``, ``{{index .M "key"}}``, pipelines (``.Name | upper``), ``{{range .X}}…{{end}}``
(also ``range $k, $v := .Map``), ``{{if}}``/``{{else}}``/``{{with}}``, ``-`` trim markers,
and the docker/cli functions ``json``, ``join``, ``split``, ``lower``, ``upper``,
``title``, ``pad``, ``truncate`` plus Go's ``index``, ``len``, ``printf`` (``%s``, ``%d``,
``%v``), ``eq``, ``ne``, ``not``, ``and``, ``or``.

Errors carry Go's wording: ``template: :1: unclosed action`` at parse time,
``template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"`` at run time.

Simplifications: data is JSON-like (dicts, lists, strings, numbers, booleans, None), so a
value prints the way Go prints the decoded JSON (``map[a:1 b:2]``, ``[x y]``), not the
way it prints Docker's typed structs (which would show pointers); a missing key is an
error as in docker/cli's map fallback (``missingkey=error``), and ``index`` of a missing
key gives ``<no value>``.
"""

import json
import re
from dataclasses import dataclass, field


class TemplateError(Exception):
    """A parse or execution error, worded as Go's ``text/template`` words it."""


FUNCS = ("json", "join", "split", "lower", "upper", "title", "pad", "truncate")
FUNCS += ("index", "len", "printf", "print", "println", "eq", "ne", "not", "and", "or")
NO_VALUE = "<no value>"


# ---------------------------------------------------------------------------- parsing


@dataclass
class Node:
    """One piece of a template: text, an action, or a block with a body."""

    kind: str  # "text", "action", "range", "if", "with"
    pos: int = 0
    text: str = ""
    pipe: list = field(default_factory=list)  # commands; a command is a list of operands
    names: tuple = ()  # range $k, $v := …
    body: list = field(default_factory=list)
    orelse: list = field(default_factory=list)


TOKEN = re.compile(
    r"""\s*(?:(?P<str>"(?:\\.|[^"\\])*")|(?P<raw>`[^`]*`)|(?P<num>-?\d+)|(?P<decl>:=)"""
    r"""|(?P<punct>[|(),])|(?P<var>\$[\w]*(?:\.[\w]+)*)|(?P<field>(?:\.[\w]+)+|\.)|(?P<word>[A-Za-z_]\w*))"""
)


def parse(text: str) -> list:
    """Parse ``text`` into a list of nodes; raises ``TemplateError`` with Go's message."""
    pieces = _split(text)
    nodes, rest = _parse_list(pieces, 0, text)
    if rest < len(pieces):
        raise TemplateError(
            f"template: :{_line(text, pieces[rest][1])}: unexpected {{{{{pieces[rest][2]}}}}}"
        )
    return nodes


def _split(text):
    """``(kind, pos, body)`` pieces: text and actions, with trim markers applied."""
    out, i = [], 0
    while True:
        j = text.find("{{", i)
        if j < 0:
            out.append(("text", i, text[i:]))
            return [p for p in out if p[0] != "text" or p[2]]
        k = text.find("}}", j + 2)
        if k < 0:
            raise TemplateError(f"template: :{_line(text, j)}: unclosed action")
        body = text[j + 2 : k]
        chunk = text[i:j]
        if body.startswith("- "):
            chunk, body = chunk.rstrip(), body[2:]
        trim_after = body.endswith(" -")
        if trim_after:
            body = body[:-2]
        out.append(("text", i, chunk))
        out.append(
            ("action", j + 2 + (len(text[j + 2 : k]) - len(text[j + 2 : k].lstrip(" -"))), body.strip())
        )
        i = k + 2
        if trim_after:
            while i < len(text) and text[i] in " \t\r\n":
                i += 1


def _line(text, pos):
    return text.count("\n", 0, pos) + 1


def _parse_list(pieces, i, text):
    """Nodes up to an ``else``/``end`` (not consumed) or the end of the pieces."""
    nodes = []
    while i < len(pieces):
        kind, pos, body = pieces[i]
        if kind == "text":
            nodes.append(Node("text", pos, body))
            i += 1
            continue
        word = body.split(None, 1)[0] if body else ""
        if word in ("end", "else"):
            return nodes, i
        if word.startswith("/*"):
            i += 1
            continue
        if word in ("range", "if", "with"):
            node, i = _parse_block(word, body[len(word) :], pos, pieces, i + 1, text)
            nodes.append(node)
            continue
        if not body:
            raise TemplateError(f"template: :{_line(text, pos)}: missing value for command")
        nodes.append(Node("action", pos, pipe=_parse_pipe(body, pos, text)))
        i += 1
    return nodes, i


def _parse_block(word, rest, pos, pieces, i, text):
    node = Node(word, pos)
    rest = rest.strip()
    decl = re.match(r"(\$\w*)\s*(?:,\s*(\$\w*)\s*)?:=", rest)
    if decl:
        node.names = tuple(n for n in decl.groups() if n)
        rest = rest[decl.end() :]
    node.pipe = _parse_pipe(rest, pos, text)
    node.body, i = _parse_list(pieces, i, text)
    if i >= len(pieces):
        raise TemplateError(f"template: :{_line(text, len(text))}: unexpected EOF")
    body = pieces[i][2]
    if body.split(None, 1)[0] == "else":
        tail = body[4:].strip()
        if tail.startswith("if "):  # {{else if X}} is {{else}}{{if X}}…{{end}}
            inner, i = _parse_block("if", tail[2:], pieces[i][1], pieces, i + 1, text)
            node.orelse = [inner]
            return node, i
        node.orelse, i = _parse_list(pieces, i + 1, text)
        if i >= len(pieces):
            raise TemplateError(f"template: :{_line(text, len(text))}: unexpected EOF")
        if pieces[i][2].split(None, 1)[0] != "end":
            raise TemplateError(f"template: :{_line(text, pieces[i][1])}: unexpected {{{{else}}}}")
    return node, i + 1


def _parse_pipe(body, pos, text):
    """``.A | f x`` -> ``[[operand, …], [operand, …]]``; an operand is ``(kind, value, pos)``."""
    commands, current, i = [], [], 0
    while i < len(body):
        m = TOKEN.match(body, i)
        if m is None or m.end() == i:
            if body[i:].strip() == "":
                break
            raise TemplateError(
                f"template: :{_line(text, pos)}: unexpected {body[i:].split()[0]!r} in command"
            )
        kind = m.lastgroup
        value = m.group(kind)
        start = pos + m.start(kind)
        i = m.end()
        if kind == "punct" and value == "|":
            commands.append(current)
            current = []
        elif kind == "punct" and value == "(":
            depth, j = 1, i
            while j < len(body) and depth:
                depth += {"(": 1, ")": -1}.get(body[j], 0)
                j += 1
            sub = _parse_pipe(body[i : j - 1], pos + i, text)
            chain = re.match(r"(?:\.\w+)+", body[j:])
            if chain:  # (index .M "k").Field
                current.append(("chain", (sub, chain.group(0)), start))
                j += chain.end()
            else:
                current.append(("pipe", sub, start))
            i = j
        elif kind == "word" and value not in FUNCS and value not in ("true", "false", "nil"):
            raise TemplateError(f'template: :{_line(text, pos)}: function "{value}" not defined')
        else:
            current.append((kind, value, start))
    commands.append(current)
    if any(not c for c in commands):
        raise TemplateError(f"template: :{_line(text, pos)}: missing value for command")
    return commands


# ---------------------------------------------------------------------------- execution


@dataclass
class State:
    text: str
    root: object
    root_type: str  # Go type of the root for "can't evaluate field" ("" = a map)
    out: list = field(default_factory=list)
    vars: dict = field(default_factory=dict)

    def error(self, pos, at, message):
        line = self.text.count("\n", 0, pos) + 1
        col = pos - (self.text.rfind("\n", 0, pos) + 1)
        return TemplateError(f'template: :{line}:{col}: executing "" at <{at}>: {message}')


def execute(nodes: list, data, text: str, root_type: str = "") -> str:
    """Run parsed ``nodes`` over ``data``; ``text`` is the template (for error positions)."""
    state = State(text, data, root_type, vars={"$": data})
    _walk(state, nodes, data)
    return "".join(state.out)


def render(template: str, data, root_type: str = "") -> str:
    """Parse and execute ``template`` over ``data`` in one step."""
    return execute(parse(template), data, template, root_type)


def _walk(st, nodes, dot):
    for n in nodes:
        if n.kind == "text":
            st.out.append(n.text)
        elif n.kind == "action":
            value = _pipe(st, n.pipe, dot)
            st.out.append(printed(value))
        elif n.kind == "if":
            _walk(st, n.body if truth(_pipe(st, n.pipe, dot)) else n.orelse, dot)
        elif n.kind == "with":
            value = _pipe(st, n.pipe, dot)
            _walk(st, n.body, value) if truth(value) else _walk(st, n.orelse, dot)
        elif n.kind == "range":
            _range(st, n, dot)


def _range(st, n, dot):
    value = _pipe(st, n.pipe, dot)
    if isinstance(value, dict):
        items = [(k, value[k]) for k in sorted(value)]
    elif isinstance(value, list):
        items = list(enumerate(value))
    elif value is None:
        items = []
    else:
        raise st.error(n.pos, _show(n.pipe), f"range can't iterate over {printed(value)}")
    if not items:
        _walk(st, n.orelse, dot)
    for key, item in items:
        if len(n.names) == 2:
            st.vars[n.names[0]], st.vars[n.names[1]] = key, item
        elif n.names:
            st.vars[n.names[0]] = item
        _walk(st, n.body, item)


def _pipe(st, commands, dot):
    value, has_value = None, False
    for cmd in commands:
        args = [value] if has_value else []
        value, has_value = _command(st, cmd, dot, args), True
    return value


def _command(st, cmd, dot, piped):
    kind, head, pos = cmd[0]
    if kind == "word" and head in FUNCS:
        args = [_operand(st, op, dot) for op in cmd[1:]] + piped
        return _call(st, head, args, pos, cmd)
    if len(cmd) > 1 or piped:
        raise st.error(pos, _show([cmd]), f"can't give argument to non-function {head}")
    return _operand(st, cmd[0], dot)


def _operand(st, op, dot):
    kind, value, pos = op
    if kind == "str":
        return json.loads(value)
    if kind == "raw":
        return value[1:-1]
    if kind == "num":
        return int(value)
    if kind == "word":
        return {"true": True, "false": False, "nil": None}.get(value)
    if kind == "pipe":
        return _pipe(st, value, dot)
    if kind == "chain":
        sub, path = value
        return _fields(st, _pipe(st, sub, dot), path[1:].split("."), f"({_show(sub)}){path}", pos)
    if kind == "var":
        name, _, path = value.partition(".")
        if name not in st.vars:
            raise TemplateError(f"template: :1: undefined variable: {name}")
        return _fields(st, st.vars[name], path.split(".") if path else [], value, pos)
    if value == ".":
        return dot
    return _fields(st, dot, value[1:].split("."), value, pos)


def _fields(st, obj, names, at, pos):
    for name in names:
        if isinstance(obj, dict):
            if name not in obj:
                if obj is st.root and st.root_type:
                    raise st.error(pos, at, f"can't evaluate field {name} in type {st.root_type}")
                raise st.error(pos, at, f'map has no entry for key "{name}"')
            obj = obj[name]
        elif obj is None:
            raise st.error(pos, at, f"nil pointer evaluating interface {{}}.{name}")
        else:
            raise st.error(pos, at, f"can't evaluate field {name} in type {go_type(obj)}")
    return obj


def _call(st, name, args, pos, cmd):
    at = _show([cmd])

    def fail(message):
        return st.error(pos, at, f"error calling {name}: {message}")

    if name == "json":
        text = json.dumps(args[0], ensure_ascii=False, separators=(",", ":"))
        if getattr(args[0], "escape_html", False):
            text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return text
    if name == "index":
        obj = args[0]
        for key in args[1:]:
            if isinstance(obj, dict):
                obj = obj.get(key)
            elif isinstance(obj, list) and isinstance(key, int):
                if not 0 <= key < len(obj):
                    raise fail(f"error calling index: index out of range: {key}".split(": ", 1)[1])
                obj = obj[key]
            else:
                raise fail(f"can't index item of type {go_type(obj)}")
        return obj
    if name == "len":
        if not isinstance(args[0], (dict, list, str)):
            raise fail(f"len of type {go_type(args[0])}")
        return len(args[0])
    if name == "join":
        return args[1].join(printed(a) for a in (args[0] or []))
    if name == "split":
        return args[0].split(args[1])
    if name in ("lower", "upper", "title"):
        return {"lower": str.lower, "upper": str.upper, "title": str.title}[name](args[0])
    if name == "pad":
        return args[0] and " " * args[1] + args[0] + " " * args[2]
    if name == "truncate":
        return args[0][: args[1]]
    if name == "printf":
        return _printf(args[0], args[1:])
    if name in ("print", "println"):
        return " ".join(printed(a) for a in args) + ("\n" if name == "println" else "")
    if name == "eq":
        return any(args[0] == a for a in args[1:])
    if name == "ne":
        return args[0] != args[1]
    if name == "not":
        return not truth(args[0])
    if name in ("and", "or"):
        for a in args:
            if truth(a) == (name == "or"):
                return a
        return args[-1]
    raise fail("not defined")


def _printf(fmt, args):
    it = iter(args)

    def one(m):
        verb = m.group(1)
        if verb == "%":
            return "%"
        value = next(it, None)
        if verb == "q":
            return json.dumps(value)
        return printed(value)

    return re.sub(r"%([svdq%])", one, fmt)


def _show(commands):
    """The action's text as Go prints it after ``at <…>``."""
    parts = []
    for cmd in commands:
        parts.append(" ".join(_operand_text(op) for op in cmd))
    return " | ".join(parts)


def _operand_text(op):
    kind, value, _ = op
    if kind == "pipe":
        return f"({_show(value)})"
    if kind == "chain":
        return f"({_show(value[0])}){value[1]}"
    return str(value)


def truth(value) -> bool:
    """Go's template truth: false, 0, nil, empty string/list/map are false."""
    return bool(value) if value is not None else False


def go_type(value) -> str:
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "float64"
    if isinstance(value, list):
        return "[]interface {}"
    return "map[string]interface {}"


def printed(value) -> str:
    """``fmt.Print`` of a decoded JSON value: ``map[a:1]``, ``[x y]``, ``<no value>``."""
    if value is None:
        return NO_VALUE
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{_inner(value[k])}" for k in sorted(value)) + "]"
    if isinstance(value, list):
        return "[" + " ".join(_inner(v) for v in value) + "]"
    return str(value)


def _inner(value):
    return "<nil>" if value is None else printed(value)
