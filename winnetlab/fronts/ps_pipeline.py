"""The pipeline cmdlets: what learners put after ``|`` (Windows PowerShell 5.1).

``Get-HnsNetwork | Where-Object Type -eq 'nat' | Select-Object -ExpandProperty Subnets``:
each stage receives the objects of the one before.  The cmdlets here are real cmdlets —
their parameters bind like every other cmdlet's (``-First 2``, ``-First:2``, positional
``Name, Type``, prefixes such as ``-Desc``, PowerShell's own binding errors) — and each
returns ``(objects, view, text)``: the objects passed on, how the console would format
them, or the finished text (``Out-String``, ``ConvertTo-Json``).

Formatting follows PowerShell's rules: objects with a formatting view keep it through
``Where-Object``, ``Sort-Object`` and ``Select-Object -First``; new objects
(``Select-Object Name,Type``, ``Measure-Object``) have none, so the console shows a table
for up to four properties and a list for five or more; a table without a view sizes its
columns to the data (PowerShell waits 300 ms for the first objects to do this; here they
all arrive at once), numbers right-aligned; strings print one per line.

Simplifications: ``Select-Object`` has no calculated properties (``@{n=…;e={…}}`` is refused
with a ``winnetlab:`` line, the lab's way of naming what it does not simulate);
``Sort-Object`` without ``-Property`` keeps objects that have no natural order in their
order; ``Measure-Object`` measures numbers only (no ``-Line``/``-Word``/``-Character``);
``ForEach-Object -MemberName`` of a missing property outputs nothing; a non-terminating
error stops the pipeline instead of continuing with the next object.
"""

from __future__ import annotations

import fnmatch
import functools

from . import ps_format as fmt
from . import ps_script as script

UTILITY = "Microsoft.PowerShell.Utility"
CORE = "Microsoft.PowerShell.Core"
AUTO = ("auto", None)  # no formatting view: table for up to 4 properties, else list


# ---------------------------------------------------------------------------- rendering


def render(objects: list, view: tuple, width: int = fmt.WIDTH) -> str:
    """Objects as the console shows them: a table with one blank line before it and two
    after, a list with two before and three after (what PowerShell 5.1 prints between the
    command and the next prompt; sample 03); strings and numbers one per line, with no
    blank lines; nothing at all for no objects."""
    pieces, run = [], []
    for o in objects + [None]:
        if isinstance(o, dict):
            run.append(o)
            continue
        if run:
            pieces.append(_render_objects(run, view, width))
            run = []
        if o is not None:
            pieces.append(script.to_string(o))
    return "\n".join(pieces)


def _render_objects(objects, view, width):
    kind, spec = view
    if kind == "auto":
        props = list(objects[0])
        kind, spec = ("table", generated_columns(objects, props)) if len(props) <= 4 else ("list", None)
    if kind == "custom":  # a cmdlet's own view (Get-NetIPConfiguration)
        return "\n" + spec(objects) + "\n\n"
    if kind == "table":
        return "\n" + fmt.format_table(objects, spec, width) + "\n\n"
    return "\n\n" + fmt.format_list(objects, spec, width) + "\n\n\n"


def generated_columns(objects, props):
    """Table columns for objects without a view: sized to the data, numbers right-aligned."""
    first = objects[0] if objects else {}
    return [(p, p, None, "right" if _is_number(first.get(p)) else "left") for p in resolve(objects, props)]


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def resolve(objects, patterns):
    """Property names as the objects spell them: wildcards expand in the object's order,
    a name matches case-insensitively, an unknown name stays as typed (an empty column)."""
    keys = list(dict.fromkeys(k for o in objects if isinstance(o, dict) for k in o))
    out = []
    for pattern in patterns:
        if any(c in pattern for c in "*?["):
            out += [k for k in keys if fnmatch.fnmatchcase(k.lower(), pattern.lower())]
        else:
            out.append(next((k for k in keys if k.lower() == pattern.lower()), pattern))
    return list(dict.fromkeys(out))


# ---------------------------------------------------------------------------- Format-* and Out-String


def format_table(inv, objects, view):
    props = inv.params.get("Property")
    if props:
        columns = generated_columns(objects, props)
    elif view[0] == "table":
        columns = view[1]
    else:
        first = next((o for o in objects if isinstance(o, dict)), {})
        columns = generated_columns(objects, list(first))
    return objects, ("table", columns), None


def format_list(inv, objects, view):
    props = inv.params.get("Property")
    if not props or props == ["*"]:
        return objects, ("list", None), None
    return objects, ("list", resolve(objects, props)), None


def out_string(inv, objects, view):
    text = render(objects, view, inv.params.get("Width") or fmt.WIDTH)
    if inv.params.get("Stream"):
        return text.split("\n"), AUTO, None
    return objects, view, text


def convert_to_json(inv, objects, view):
    depth = inv.params.get("Depth", 2)
    if depth < 1:
        raise inv.error(
            f"Cannot validate argument on parameter 'Depth'. The {depth} argument is less than the minimum "
            "allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.",
            "InvalidData: (:) [ConvertTo-Json], ParameterBindingValidationException",
            "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.ConvertToJsonCommand",
            token=inv.raw.get("Depth"),
        )
    if depth > 100:
        raise inv.error(
            "The maximum depth allowed for serialization is 100.",
            "InvalidOperation: (:) [ConvertTo-Json], InvalidOperationException",
            "ReachedMaximumDepthAllowed,Microsoft.PowerShell.Commands.ConvertToJsonCommand",
        )
    if not objects:
        return objects, view, ""
    value = objects[0] if len(objects) == 1 else objects
    return objects, view, fmt.convert_to_json(value, depth, bool(inv.params.get("Compress")))


# ---------------------------------------------------------------------------- Select-Object


def select_object(inv, objects, view):
    p = inv.params
    for name in ("First", "Last", "Skip"):
        if p.get(name, 0) < 0:
            raise inv.error(
                f"Cannot validate argument on parameter '{name}'. The {p[name]} argument is less than the minimum "
                "allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command "
                "again.",
                "InvalidData: (:) [Select-Object], ParameterBindingValidationException",
                "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.SelectObjectCommand",
                token=inv.raw.get(name),
            )
    if any(prop.startswith("@{") for prop in p.get("Property") or ()):
        raise inv.failure(
            "winnetlab: Select-Object's calculated properties (@{n=...;e={...}}) are not simulated; "
            "select plain property names"
        )
    picked = objects[p.get("Skip", 0) :]
    if p.get("Unique"):
        picked = list({script.to_string(o).lower(): o for o in reversed(picked)}.values())[::-1]
    if "First" in p or "Last" in p:
        head = picked[: p["First"]] if "First" in p else []
        tail = picked[len(picked) - p["Last"] :] if p.get("Last") else []
        picked = head + [o for o in tail if not any(o is h for h in head)]
    props = p.get("Property")
    if props:
        names = [n for n in resolve(picked, props) if not _excluded(n, p.get("ExcludeProperty") or [])]
        picked = [{n: script.member(o, n) for n in names} for o in picked]
    expand = p.get("ExpandProperty")
    if expand is None:
        return picked, (AUTO if props else view), None
    out, errors = [], []
    for o in picked:
        if not _has(o, expand):
            errors.append(
                inv.error(
                    f'Property "{expand}" cannot be found.',
                    f"InvalidArgument: ({script.to_string(o)}:PSObject) [Select-Object], PSArgumentException",
                    "ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand",
                ).text
            )
            continue
        value = script.member(o, expand)
        out += value if isinstance(value, list) else [] if value is None else [value]
    if errors:
        raise inv.failure("\n".join(errors))
    return out, AUTO, None


def _has(obj, name):
    if isinstance(obj, dict):
        return any(k.lower() == name.lower() for k in obj)
    return script.member(obj, name) is not None


def _excluded(name, patterns):
    return any(fnmatch.fnmatchcase(name.lower(), p.lower()) for p in patterns)


# ---------------------------------------------------------------------------- Where-Object and ForEach-Object

OPERATORS = [
    "EQ",
    "NE",
    "GT",
    "GE",
    "LT",
    "LE",
    "Like",
    "NotLike",
    "Match",
    "NotMatch",
    "Contains",
    "NotContains",
    "In",
    "NotIn",
    "CEQ",
    "CNE",
    "CGT",
    "CGE",
    "CLT",
    "CLE",
    "CLike",
    "CNotLike",
    "CMatch",
    "CNotMatch",
]


def where_object(inv, objects, view):
    block = inv.params.get("FilterScript")
    if block is not None:
        node = inv.parse(block)
        return [o for o in objects if script.truthy(inv.evaluate(node, o))], view, None
    prop = inv.params.get("Property")
    ops = [op for op in OPERATORS if inv.params.get(op)]
    if len(ops) > 1:
        raise inv.error(
            "Parameter set cannot be resolved using the specified named parameters.",
            "InvalidArgument: (:) [Where-Object], ParameterBindingException",
            "AmbiguousParameterSet,Microsoft.PowerShell.Commands.WhereObjectCommand",
        )
    if prop is None:
        raise inv.error(
            "Cannot process command because of one or more missing mandatory parameters: Property.",
            "InvalidArgument: (:) [Where-Object], ParameterBindingException",
            "MissingMandatoryParameter,Microsoft.PowerShell.Commands.WhereObjectCommand",
        )
    if not ops and "Value" not in inv.params:
        return [o for o in objects if script.truthy(script.member(o, prop))], view, None
    op = (ops or ["EQ"])[0].lower()
    sensitive = op.startswith("c") and op[1:].upper() in OPERATORS
    op = op[1:] if sensitive else op
    value = argument_value(inv.params.get("Value"))
    picked = [
        o
        for o in objects
        if script.truthy(inv.guard(script.compare, op, script.member(o, prop), value, sensitive))
    ]
    return picked, view, None


def argument_value(text):
    """A command-line argument as PowerShell's argument mode reads it: ``$true``,
    ``$false``, ``$null`` and numbers are values, anything else a string."""
    if text is None:
        return None
    low = text.lower()
    if low in ("$true", "$false", "$null"):
        return {"$true": True, "$false": False, "$null": None}[low]
    try:
        return int(text)
    except ValueError:
        return text


def foreach_object(inv, objects, view):
    block = inv.params.get("Process")
    name = inv.params.get("MemberName")
    out = []
    for o in objects:
        value = inv.evaluate(inv.parse(block), o) if block is not None else script.member(o, name)
        out += value if isinstance(value, list) else [] if value is None else [value]
    return out, AUTO, None


# ---------------------------------------------------------------------------- Sort-Object and Measure-Object


def sort_object(inv, objects, view):
    props = inv.params.get("Property")
    if not props and all(isinstance(o, dict) for o in objects):
        keyed = objects
    else:
        names = resolve(objects, props) if props else []

        def order(a, b):
            for n in names or [None]:
                c = _order(script.member(a, n) if n else a, script.member(b, n) if n else b)
                if c:
                    return c
            return 0

        keyed = sorted(objects, key=functools.cmp_to_key(order), reverse=bool(inv.params.get("Descending")))
    if inv.params.get("Unique"):
        keyed = list({script.to_string(o).lower(): o for o in reversed(keyed)}.values())[::-1]
    return keyed, view, None


def _order(a, b):
    """PowerShell's comparison for sorting: $null first, numbers by value, text ignoring case."""
    if a is None or b is None:
        return (a is not None) - (b is not None)
    if _is_number(a) and _is_number(b):
        return (a > b) - (a < b)
    x, y = script.to_string(a).lower(), script.to_string(b).lower()
    return (x > y) - (x < y)


MEASURES = ("Average", "Sum", "Maximum", "Minimum")


def measure_object(inv, objects, view):
    """``GenericMeasureInfo``: Count, Average, Sum, Maximum, Minimum, Property — the six
    lines PowerShell 5.1 prints, empty for what was not asked."""
    prop = inv.params.get("Property")
    values = objects
    if prop is not None:
        if objects and not any(_has(o, prop) for o in objects):
            raise inv.error(
                f'The property "{prop}" cannot be found in the input for any objects.',
                "InvalidArgument: (:) [Measure-Object], PSArgumentException",
                "GenericMeasurePropertyNotFound,Microsoft.PowerShell.Commands.MeasureObjectCommand",
            )
        values = [script.member(o, prop) for o in objects if _has(o, prop)]
    asked = [m for m in MEASURES if inv.params.get(m)]
    numbers = []
    if asked:
        for v in values:
            if not _is_number(v):
                try:
                    v = float(script.to_string(v))
                except ValueError:
                    raise inv.error(
                        f'Input object "{script.to_string(v)}" is not numeric.',
                        f"InvalidType: ({script.to_string(v)}:String) [Measure-Object], PSInvalidOperationException",
                        "NonNumericInputObject,Microsoft.PowerShell.Commands.MeasureObjectCommand",
                    ) from None
            numbers.append(float(v))
    result = {
        "Count": len(values),
        "Average": sum(numbers) / len(numbers) if "Average" in asked and numbers else None,
        "Sum": sum(numbers) if "Sum" in asked else None,
        "Maximum": max(numbers) if "Maximum" in asked and numbers else None,
        "Minimum": min(numbers) if "Minimum" in asked and numbers else None,
        "Property": prop,
    }
    return [result], ("list", None), None


# ---------------------------------------------------------------------------- the cmdlet table


def cmdlets(Cmdlet):
    """The pipeline cmdlets' entries in the cmdlet table (built by the PowerShell front)."""
    switches = {op: "switch" for op in OPERATORS}
    return (
        Cmdlet(
            "Format-Table",
            None,
            {"Property": "strings", "AutoSize": "switch", "HideTableHeaders": "switch", "Wrap": "switch"},
            ("Property",),
            module=UTILITY,
            aliases=("ft",),
            stage=format_table,
        ),
        Cmdlet(
            "Format-List",
            None,
            {"Property": "strings"},
            ("Property",),
            module=UTILITY,
            aliases=("fl",),
            stage=format_list,
        ),
        Cmdlet(
            "Select-Object",
            None,
            {
                "Property": "strings",
                "ExpandProperty": "string",
                "ExcludeProperty": "strings",
                "First": "int",
                "Last": "int",
                "Skip": "int",
                "Unique": "switch",
            },
            ("Property",),
            module=UTILITY,
            aliases=("select",),
            stage=select_object,
        ),
        Cmdlet(
            "Where-Object",
            None,
            {"FilterScript": "script", "Property": "string", "Value": "string", **switches},
            ("Property", "Value"),
            module=CORE,
            aliases=("?", "where"),
            stage=where_object,
        ),
        Cmdlet(
            "ForEach-Object",
            None,
            {"Process": "script", "MemberName": "string"},
            ("MemberName",),
            module=CORE,
            aliases=("%", "foreach"),
            stage=foreach_object,
        ),
        Cmdlet(
            "Sort-Object",
            None,
            {"Property": "strings", "Descending": "switch", "Unique": "switch"},
            ("Property",),
            module=UTILITY,
            aliases=("sort",),
            stage=sort_object,
        ),
        Cmdlet(
            "Measure-Object",
            None,
            {"Property": "string", **{m: "switch" for m in MEASURES}},
            ("Property",),
            module=UTILITY,
            aliases=("measure",),
            stage=measure_object,
        ),
        Cmdlet(
            "Out-String", None, {"Stream": "switch", "Width": "int"}, (), module=UTILITY, stage=out_string
        ),
        Cmdlet(
            "ConvertTo-Json",
            None,
            {"Depth": "int", "Compress": "switch"},
            (),
            module=UTILITY,
            stage=convert_to_json,
        ),
    )
