"""``--format``/``-f`` on docker commands, with docker/cli's two sets of rules.

*List* commands (``ps``, ``network ls``, ``images``, ``service ls``) run the template once per row
over a context whose fields are the table's columns (``{{.ID}}``, ``{{.Names}}``…): the
CLI turns the two characters ``\\t`` and ``\\n`` of the format into a tab and a newline,
and a format starting with ``table`` gets a header row (each field's column title) and
Go's tabwriter.  *Object* commands (``inspect``, ``network inspect``, ``info``,
``version``) run the template as typed over the object's JSON, printing ``\\t`` literally,
one line per object.  ``json`` alone means ``{{json .}}``.

Errors follow the CLI: ``template parsing error: …`` (exit 64 when the template does not
parse, 1 when it fails on an object), after the objects that did print.
"""

from .command import CommandLineError, tabwrite
from .go_template import TemplateError, execute, parse

# docker/cli column titles of the list contexts (formatter.SubHeaderContext).
PS_HEADERS = {
    "ID": "CONTAINER ID",
    "Image": "IMAGE",
    "Command": "COMMAND",
    "CreatedAt": "CREATED AT",
    "RunningFor": "CREATED",
    "Ports": "PORTS",
    "State": "STATE",
    "Status": "STATUS",
    "Size": "SIZE",
    "Names": "NAMES",
    "Labels": "LABELS",
    "Mounts": "MOUNTS",
    "LocalVolumes": "LOCAL VOLUMES",
    "Networks": "NETWORKS",
}
NETWORK_HEADERS = {
    "ID": "NETWORK ID",
    "Name": "NAME",
    "Driver": "DRIVER",
    "Scope": "SCOPE",
    "IPv4": "IPV4",
    "IPv6": "IPV6",
    "Internal": "INTERNAL",
    "Labels": "LABELS",
    "CreatedAt": "CREATED AT",
}
SERVICE_HEADERS = {
    "ID": "ID",
    "Name": "NAME",
    "Mode": "MODE",
    "Replicas": "REPLICAS",
    "Image": "IMAGE",
    "Ports": "PORTS",
}
IMAGE_HEADERS = {
    "ID": "IMAGE ID",
    "Repository": "REPOSITORY",
    "Tag": "TAG",
    "Digest": "DIGEST",
    "CreatedSince": "CREATED",
    "CreatedAt": "CREATED AT",
    "Size": "SIZE",
    "Containers": "CONTAINERS",
    "VirtualSize": "SIZE",
    "SharedSize": "SHARED SIZE",
    "UniqueSize": "UNIQUE SIZE",
}
# The Go types the templates run over, named in "can't evaluate field X in type T".
PS_TYPE = "*formatter.ContainerContext"
NETWORK_TYPE = "*network.networkContext"
SERVICE_TYPE = "*service.serviceContext"
IMAGE_TYPE = "*formatter.imageContext"


def rows_as_fields(rows: list, headers: dict, extras: list = ()) -> list:
    """The default table's ``rows`` (header first) as field dicts, plus per-row ``extras``."""
    by_title = {title: name for name, title in headers.items()}
    names = [by_title[title] for title in rows[0]]
    out = []
    for k, row in enumerate(rows[1:]):
        fields = dict(zip(names, row))
        if extras:
            fields.update(extras[k])
        out.append(RowContext(sorted(fields.items())))
    return out


class RowContext(dict):
    """A list row: ``{{json .}}`` goes through the context's ``MarshalJSON`` (Go's
    ``json.Marshal``), so its keys come sorted and ``<``, ``>``, ``&`` come escaped
    (``0.0.0.0:80-\\u003e80/tcp``), unlike ``{{json .Field}}``."""

    escape_html = True


def list_format(fmt: str, items: list, headers: dict, root_type: str, minwidth: int = 10) -> str:
    """``docker ps --format …``: one template run per item, as docker/cli's formatter does."""
    table = fmt.startswith("table")
    text = "{{json .}}" if fmt == "json" else fmt[5:] if table else fmt
    text = text.strip(" ").replace("\\t", "\t").replace("\\n", "\n")
    nodes = _parse(text, 1)
    body = "".join(_run(nodes, item, text, root_type) + "\n" for item in items)
    if not table:
        return body.removesuffix("\n")
    header = {name: title for name, title in headers.items()}
    lines = (_run(nodes, header, text, root_type) + "\n" + body).split("\n")[:-1]
    return tabwrite([line.split("\t") for line in lines], minwidth=minwidth)


def object_template(fmt: str):
    """``docker inspect -f …``: a function printing one object, raising ``CommandLineError``.

    The template runs as typed (``\\t`` stays two characters); ``json`` means ``{{json .}}``.
    A template that does not parse fails before any object (exit 64).
    """
    text = "{{json .}}" if fmt == "json" else fmt
    nodes = _parse(text, 64)
    return lambda obj: _run(nodes, obj, text, "")


def object_print(fmt: str, obj, root_type: str) -> str:
    """``docker info -f …``/``docker version -f …``: one object through a typed template.

    A template that does not parse fails with exit 64; one that fails while running prints
    Go's bare error (exit 1), as ``formatInfo`` returns it.
    """
    text = "{{json .}}" if fmt == "json" else fmt
    nodes = _parse(text, 64)
    try:
        return execute(nodes, obj, text, root_type)
    except TemplateError as e:
        raise CommandLineError(str(e), 1) from None


def _parse(text, code):
    try:
        return parse(text)
    except TemplateError as e:
        raise CommandLineError(f"template parsing error: {e}", code) from None


def _run(nodes, data, text, root_type):
    try:
        return execute(nodes, data, text, root_type)
    except TemplateError as e:
        raise CommandLineError(f"template parsing error: {e}", 1) from None
