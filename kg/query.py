"""`kg query`: SPARQL over a graph file with pyoxigraph, named queries, readable output.

    kg query GRAPH 'SELECT ...'            ad-hoc query (prefixes of ns.PREFIXES predeclared)
    kg query GRAPH --file q.rq             query from a file
    kg query GRAPH --name entity --bind name=华为
    kg query --list                        the named queries in ontology/queries/
    kg query --store DIR --name projects --limit 50 --offset 100   a page of a long answer

`--bind VAR=VALUE` adds ``VALUES ?VAR { VALUE }`` at the start of the query's WHERE group
so that every pattern and FILTER of the group sees it.  VALUE is a string literal, unless
written as ``<iri>``, a prefixed name with a known prefix (``kgr:company/华为``) or a
quoted SPARQL literal (``"5"^^xsd:integer``).

A named query file starts with a ``#`` line saying what it answers, then one
``# bind VAR (required|optional): help`` line per variable it takes.  A file of the same
name in ``queries/store/`` is the same query written for a store folder (same rows), run
instead when the graph is one.
"""
from __future__ import annotations

import argparse
import importlib.resources
import re
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

import pyoxigraph as ox

from kg import ns
from kg.graph import sorted_triples
from kg.rdfio import GraphLoadError, is_store, load_store

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
_RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}
_NUMERIC = frozenset(
    ns.XSD_NS + t
    for t in (
        "integer decimal double float long int short byte nonNegativeInteger positiveInteger "
        "negativeInteger nonPositiveInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
)


class QueryError(Exception):
    """A user error in a query or its bindings (exit code 2)."""


class QuerySyntaxError(QueryError):
    """The parser rejected the query; line/column point into the user's own text."""

    def __init__(self, source: str, line: int | None, column: int | None, message: str) -> None:
        self.source, self.line, self.column, self.message = source, line, column, message
        where = f" at line {line}, column {column}" if line else ""
        super().__init__(f"syntax error in {source}{where}: {message}")


# ---------------------------------------------------------------- named queries


@dataclass(frozen=True, slots=True)
class BindVar:
    name: str
    required: bool
    help: str
    lang: str | None = None  # a plain value becomes a literal with this language tag


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    path: Path
    text: str
    summary: str  # the first comment line: what the query answers
    binds: tuple[BindVar, ...] = ()
    # the same answer written for a store (queries/store/NAME.rq), where each article's
    # facts are also its own named graph: what the file version walks statements for is
    # an index scan there
    store_path: Path | None = None
    store_text: str | None = None


_BIND_LINE = re.compile(r"^#\s*bind\s+\??(\w+)(?:@([a-zA-Z-]+))?\s*(?:\((required|optional)\))?\s*:?\s*(.*)$", re.I)


def queries_dir() -> Path:
    """Folder of the named queries (``ontology/queries`` installed as kg.ontology)."""
    return Path(str(importlib.resources.files("kg.ontology") / "queries"))


def parse_named_query(name: str, path: Path, text: str) -> NamedQuery:
    """Read the header comment block of a named query."""
    summary = ""
    binds: list[BindVar] = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            break
        m = _BIND_LINE.match(line)
        if m:
            required = (m.group(3) or "required").lower() == "required"
            binds.append(BindVar(m.group(1), required, m.group(4).strip(), m.group(2)))
        elif not summary:
            summary = line.lstrip("#").strip()
    return NamedQuery(name, path, text, summary, tuple(binds))


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """All named queries, by name (the file name without ``.rq``)."""
    folder = folder or queries_dir()
    out: dict[str, NamedQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        query = parse_named_query(path.stem, path, path.read_text(encoding="utf-8"))
        store_path = folder / "store" / path.name
        if store_path.is_file():
            query = replace(query, store_path=store_path, store_text=store_path.read_text(encoding="utf-8"))
        out[path.stem] = query
    return out


# ---------------------------------------------------------------- preparing a query

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_FORM = re.compile(r"(?<![?$\w:])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])", re.I)
_PREFIX_DECL = re.compile(r"(?<![?$\w:])PREFIX\s+([^\s:]*):", re.I)
_PREFIXED = re.compile(r"^([A-Za-z][\w.-]*)?:(\S*)$")
_VARNAME = re.compile(r"^\w+$")


def mask(text: str) -> str:
    """`text` with comments, strings and IRIs blanked to spaces (newlines kept), so that
    keywords and braces can be found with plain searches at the same offsets."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                if len(quote) == 1 and text[j] == "\n":
                    break
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + len(quote))
        elif ch == "<" and (m := _IRIREF.match(text, i)):
            j = m.end()
        else:
            out.append(ch)
            i += 1
            continue
        out.append("".join(c if c == "\n" else " " for c in text[i:j]))
        i = j
    return "".join(out)


def declared_prefixes(text: str) -> set[str]:
    return {m.group(1) for m in _PREFIX_DECL.finditer(mask(text))}


def _closing_brace(masked: str, opening: int) -> int:
    """Offset of the brace that closes the one at `opening` (the end if none does)."""
    depth = 0
    for k in range(opening, len(masked)):
        depth += {"{": 1, "}": -1}.get(masked[k], 0)
        if depth == 0:
            return k
    return len(masked)


def _where_brace(masked: str) -> int | None:
    """Offset of the ``{`` that opens the WHERE group (None if there is none)."""
    form = _FORM.search(masked)
    if form is None:
        return None
    i = form.end()
    if form.group(1).upper() == "CONSTRUCT":
        j = len(masked) - len(masked[i:].lstrip())
        if j < len(masked) and masked[j] == "{":  # skip the template
            i = _closing_brace(masked, j) + 1
    parens = 0
    for k in range(i, len(masked)):
        c = masked[k]
        if c == "(":
            parens += 1
        elif c == ")":
            parens -= 1
        elif c == "{" and parens == 0:
            return k
    return None


def _escape_literal(value: str) -> str:
    table = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return '"' + "".join(table.get(c, c) for c in value) + '"'


def bind_term(value: str, prefixes: dict[str, str] | None = None, lang: str | None = None) -> str:
    """SPARQL text of a --bind value (see the module docstring); `lang` tags a plain value."""
    prefixes = ns.PREFIXES if prefixes is None else prefixes
    if value.startswith("<") and value.endswith(">") and len(value) > 1:
        try:
            ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise QueryError(f"--bind value {value}: not an IRI ({exc})") from None
        return value
    if value[:1] in "\"'" and len(value) > 1:
        try:
            ox.Store().query(f"ASK {{ VALUES ?v {{ {value} }} }}", prefixes=dict(prefixes))
        except SyntaxError:
            raise QueryError(f"--bind value {value}: not a SPARQL literal") from None
        if "\n" in value:
            raise QueryError("--bind value: a quoted literal must fit on one line")
        return value
    m = _PREFIXED.match(value)
    if m and (m.group(1) or "") in prefixes:
        iri = prefixes[m.group(1) or ""] + m.group(2)
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise QueryError(f"--bind value {value}: not an IRI ({exc})") from None
        return f"<{iri}>"
    return _escape_literal(value) + (f"@{lang}" if lang else "")


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    """The text sent to the engine, and how to map its positions back to the user's."""

    text: str
    source: str
    prefix_lines: int = 0
    insert: tuple[int, int, int] | None = None  # (line, 0-based column, length) of VALUES
    prefixes: dict[str, str] = field(default_factory=dict)  # all prefixes in scope

    def user_position(self, line: int, column: int) -> tuple[int, int]:
        line -= self.prefix_lines
        if self.insert and line == self.insert[0] and column > self.insert[1] + self.insert[2]:
            column -= self.insert[2]
        return line, column


def prepare(
    query: str, binds: dict[str, str] | None = None, source: str = "query", langs: dict[str, str] | None = None
) -> PreparedQuery:
    """Predeclare missing prefixes and add the VALUES clause of `binds` (plain values of
    the variables in `langs` get that language tag)."""
    declared = declared_prefixes(query)
    masked = mask(query)
    prefixes = {p: iri for p, iri in ns.PREFIXES.items()}
    for m in re.finditer(r"(?<![?$\w:])PREFIX\s+([^\s:]*):\s*(<[^>]*>)", query, re.I):
        if masked[m.start()] != " ":
            prefixes[m.group(1)] = m.group(2)[1:-1]
    insert = None
    if binds:
        brace = _where_brace(masked)
        if brace is None:
            raise QueryError(f"{source}: --bind needs a query with a WHERE {{ ... }} group")
        names = sorted(binds)
        for name in names:
            if not _VARNAME.match(name):
                raise QueryError(f"--bind {name}=...: not a variable name")
        terms = [bind_term(binds[n], prefixes, (langs or {}).get(n)) for n in names]
        values = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }} "
        line = query.count("\n", 0, brace + 1) + 1
        column = brace + 1 - (query.rfind("\n", 0, brace + 1) + 1)
        insert = (line, column, len(values))
        query = query[: brace + 1] + values + query[brace + 1 :]
    missing = [p for p in ns.PREFIXES if p not in declared]
    head = "".join(f"PREFIX {p}: <{ns.PREFIXES[p]}>\n" for p in missing)
    return PreparedQuery(head + query, source, len(missing), insert, prefixes)


@dataclass(frozen=True, slots=True)
class Page:
    """Which rows of the answer to return: `limit` rows (all when None) after `offset`."""

    limit: int | None = None
    offset: int = 0


_MODIFIER = re.compile(r"(?<![?$\w:])(LIMIT|OFFSET|VALUES)(?![\w:])", re.I)


def paged(prepared: PreparedQuery, page: Page) -> PreparedQuery:
    """The query with the LIMIT/OFFSET of `page` after its own ORDER BY, so that a large
    answer can be read a page at a time."""
    if page.limit is None and not page.offset:
        return prepared
    masked = mask(prepared.text)
    form = _FORM.search(masked)
    brace = _where_brace(masked)
    if form is None or form.group(1).upper() == "ASK" or brace is None:
        raise QueryError("--limit/--offset: only a SELECT, CONSTRUCT or DESCRIBE query with a WHERE group has rows to page")
    own = _MODIFIER.search(masked, _closing_brace(masked, brace))
    if own:
        raise QueryError(f"--limit/--offset: the query ends with its own {own.group(1).upper()}; page it there instead")
    clause = " ".join(([f"LIMIT {page.limit}"] if page.limit is not None else []) + ([f"OFFSET {page.offset}"] if page.offset else []))
    return replace(prepared, text=prepared.text.rstrip() + "\n" + clause + "\n")


_ERROR_AT = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.S)
_CHAR_CLASS = re.compile(r"\[[^\[\]]*\.\.=[^\[\]]*\]")


def execute(store: ox.Store, prepared: PreparedQuery) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a prepared query; a parse error becomes QuerySyntaxError at the user's position."""
    try:
        return store.query(prepared.text)
    except SyntaxError as exc:
        text = str(exc)
        m = _ERROR_AT.match(text)
        line = column = None
        if m:
            line, column = prepared.user_position(int(m.group(1)), int(m.group(2)))
            text = m.group(3)
        text = " ".join(_CHAR_CLASS.sub("[a name character]", text).split())
        raise QuerySyntaxError(prepared.source, line, column, text) from None


# ---------------------------------------------------------------- output


def char_width(ch: str) -> int:
    """Terminal columns of one character: 2 for wide/fullwidth (CJK), 0 for combining."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def truncate(text: str, width: int) -> str:
    """Cut `text` to at most `width` columns, ending with … when cut."""
    if width <= 0 or display_width(text) <= width:
        return text
    out, used = [], 0
    for c in text:
        w = char_width(c)
        if used + w > width - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def shorten_iri(iri: str, prefixes: dict[str, str]) -> str:
    best = max((p for p in prefixes.items() if iri.startswith(p[1]) and len(iri) > len(p[1])), key=lambda p: len(p[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else f"<{iri}>"


def term_text(term: object, prefixes: dict[str, str]) -> str:
    """How a result term is shown in a table: literals bare, IRIs with prefixes."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten_iri(term.value, prefixes)
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        parts = (term_text(t, prefixes) for t in (term.subject, term.predicate, term.object))
        return "<< " + " ".join(parts) + " >>"
    return str(term)


def _clean_cell(text: str) -> str:
    text = text.replace("\r\n", "\n")
    return "".join("↵" if c in "\n\r" else " " if unicodedata.category(c) == "Cc" else c for c in text)


def format_table(
    variables: Sequence[str], rows: Iterable[Sequence[object]], prefixes: dict[str, str], max_width: int = 0,
    page: Page | None = None,
) -> str:
    """Aligned columns (CJK counted double width), numbers right-aligned, a row count (and
    where the next page starts when a full page came back)."""
    cells: list[list[str]] = []
    right = [False] * len(variables)
    for row in rows:
        line = []
        for i, term in enumerate(row):
            if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC:
                right[i] = True
            line.append(truncate(_clean_cell(term_text(term, prefixes)), max_width))
        cells.append(line)
    widths = [max([display_width(v)] + [display_width(r[i]) for r in cells]) for i, v in enumerate(variables)]

    def fmt(values: Sequence[str]) -> str:
        out = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - display_width(v))
            out.append(pad + v if right[i] else v + pad)
        return "  ".join(out).rstrip()

    lines = [fmt(list(variables)), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in cells]
    count = f"{len(cells)} row{'' if len(cells) == 1 else 's'}"
    if page is not None and page.limit is not None and len(cells) == page.limit:
        count += f" from row {page.offset + 1}; next page: --offset {page.offset + page.limit}"
    lines.append(f"({count})")
    return "\n".join(lines) + "\n"


def render(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, output: str, prefixes: dict[str, str],
    max_width: int = 0, page: Page | None = None,
) -> bytes:
    """The bytes `kg query` prints for a result in the given output format."""
    if isinstance(result, ox.QueryBoolean):
        if output == "json":
            return result.serialize(format=ox.QueryResultsFormat.JSON) + b"\n"
        return (b"true" if bool(result) else b"false") + b"\n"
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(sorted_triples(result), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    if output == "table":
        names = [v.value for v in result.variables]
        rows = ([sol[v] for v in result.variables] for sol in result)
        return format_table(names, rows, prefixes, max_width, page).encode("utf-8")
    data = result.serialize(format=_RESULT_FORMATS[output])
    return data if data.endswith(b"\n") else data + b"\n"


# ---------------------------------------------------------------- command line


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "query",
        help="run SPARQL on a graph file (pyoxigraph)",
        description="Run a SPARQL query on a graph file. The prefixes "
        + " ".join(f"{k}:" for k in ns.PREFIXES)
        + " are predeclared.",
    )
    p.add_argument("graph", nargs="?", metavar="GRAPH", help="graph file (.ttl .nt .nq .trig .jsonld .rdf) or store folder")
    p.add_argument("--store", metavar="DIR", help="a store folder made by kg build --store, instead of GRAPH")
    p.add_argument("query", nargs="?", metavar="SPARQL", help="the query text")
    p.add_argument("-f", "--file", type=Path, help="read the query from this file")
    p.add_argument("-n", "--name", help="run a named query from ontology/queries/ (see --list)")
    p.add_argument("--list", action="store_true", help="list the named queries and exit")
    p.add_argument("-b", "--bind", action="append", default=[], metavar="VAR=VALUE", help="bind a variable (repeatable)")
    p.add_argument("--format", choices=OUTPUT_FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--limit", type=_count, metavar="N", help="return at most N rows (after the query's own ORDER BY)")
    p.add_argument("--offset", type=_count, default=0, metavar="N", help="skip the first N rows (with --limit: pages)")
    p.add_argument("--max-width", type=int, default=60, metavar="N", help="table: cut cells wider than N columns (0: never; default 60)")
    p.add_argument("--show-query", action="store_true", help="print the query as sent to the engine (to stderr)")
    p.set_defaults(func=run)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, not {text!r}")
    return value


def list_named(queries: dict[str, NamedQuery]) -> str:
    width = max((len(n) for n in queries), default=0)
    lines = []
    for q in queries.values():
        binds = " ".join(f"--bind {b.name}=…" + ("" if b.required else " (optional)") for b in q.binds)
        lines.append(f"{q.name.ljust(width)}  {q.summary}" + (f"  [{binds}]" if binds else ""))
    return "\n".join(lines) + "\n"


def _parse_binds(specs: list[str]) -> dict[str, str]:
    binds: dict[str, str] = {}
    for spec in specs:
        name, eq, value = spec.partition("=")
        name = name.strip().lstrip("?$")
        if not eq or not _VARNAME.match(name):
            raise QueryError(f"--bind {spec!r}: expected VAR=VALUE")
        if name in binds:
            raise QueryError(f"--bind {name}: given twice")
        binds[name] = value
    return binds


def prepare_named(q: NamedQuery, binds: dict[str, str] | None = None, on_store: bool = False) -> PreparedQuery:
    """Check `binds` against the named query's header and prepare it (its store version,
    if it has one, when it runs `on_store`)."""
    binds = binds or {}
    known = {b.name for b in q.binds}
    for name in binds:
        if name not in known:
            takes = ", ".join(sorted(known)) or "no variables"
            raise QueryError(f"named query {q.name!r} takes no --bind {name} (it takes: {takes})")
    for b in q.binds:
        if b.required and b.name not in binds:
            raise QueryError(f"named query {q.name!r} needs --bind {b.name}=VALUE ({b.help})")
    langs = {b.name: b.lang for b in q.binds if b.lang}
    if on_store and q.store_text is not None:
        return prepare(q.store_text, binds, str(q.store_path), langs)
    return prepare(q.text, binds, str(q.path), langs)


def _prepared(args: argparse.Namespace, binds: dict[str, str], on_store: bool) -> PreparedQuery:
    """The query of the command line (text, --file or --name), prepared (a named query in
    its store version when it runs `on_store`)."""
    given = [x for x in (args.query is not None, args.file is not None, args.name is not None) if x]
    if len(given) != 1:
        raise QueryError("give exactly one of: the query text, --file FILE, --name NAME")
    if args.name is not None:
        queries = named_queries()
        if args.name not in queries:
            raise QueryError(f"no named query {args.name!r} (one of: {', '.join(queries)})")
        return prepare_named(queries[args.name], binds, on_store)
    if args.query is not None:
        text, source = args.query, "the query"
    else:
        try:
            text = args.file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise QueryError(f"{args.file}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{args.file}: cannot read ({exc})") from None
        source = str(args.file)
    for name in binds:
        if not re.search(rf"[?$]{re.escape(name)}(?!\w)", mask(text)):
            print(f"kg query: warning: --bind {name}: ?{name} does not occur in the query", file=sys.stderr)
    return prepare(text, binds, source)


def run(args: argparse.Namespace) -> int:
    try:
        if args.list:
            sys.stdout.buffer.write(list_named(named_queries()).encode("utf-8"))
            return 0
        if args.store:
            if args.graph is not None and args.query is None and not (args.file or args.name):
                args.query = args.graph  # kg query --store DIR "SELECT …"
            elif args.graph is not None:
                raise QueryError("give GRAPH or --store DIR, not both")
            args.graph = args.store
        if args.graph is None:
            raise QueryError("missing GRAPH (the graph file to query)")
        binds = _parse_binds(args.bind)
        graph = Path(args.graph)
        page = Page(args.limit, args.offset)
        prepared = paged(_prepared(args, binds, on_store=is_store(graph)), page)
        if args.show_query:
            print(prepared.text, file=sys.stderr)
        store = load_store(graph)
        result = execute(store, prepared)
        try:
            payload = render(result, args.format, prepared.prefixes, args.max_width, page)
        except OSError as exc:
            print(f"kg query: {prepared.source}: query failed: {exc}", file=sys.stderr)
            return 1
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return 0
    except (QueryError, GraphLoadError) as exc:
        print(f"kg query: {exc}", file=sys.stderr)
        return 2
