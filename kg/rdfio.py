"""Reading graph files, shared by `kg query`, `kg viz`, `kg eval` and `kg validate`.

* `load_store(path)`: a pyoxigraph in-memory store (fast; use it for SPARQL).  For files
  with named graphs (TriG, N-Quads) the default graph is filled with the union of all
  graphs as a set, so plain queries see every triple once and ``GRAPH`` still works.
  (pyoxigraph's own ``use_default_graph_as_union`` repeats a triple once per graph that
  holds it, which breaks counts.)
* `load_rdflib(path)`: an rdflib Graph, or a Dataset with ``default_union=True`` for
  TriG/N-Quads (rdflib's union is a set too) - for pyshacl and cross-checks.
* Both raise `GraphLoadError(path, line, message)`: missing file, unknown extension, or a
  parse error with its line when the parser gives one.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib is imported where it is used: `kg query` never needs it
    import rdflib

from kg import ns

# Extension -> (pyoxigraph format, rdflib parser name, holds named graphs).
_FORMATS: dict[str, tuple[ox.RdfFormat, str, bool]] = {
    ".ttl": (ox.RdfFormat.TURTLE, "turtle", False),
    ".turtle": (ox.RdfFormat.TURTLE, "turtle", False),
    ".nt": (ox.RdfFormat.N_TRIPLES, "nt", False),
    ".nq": (ox.RdfFormat.N_QUADS, "nquads", True),
    ".trig": (ox.RdfFormat.TRIG, "trig", True),
    ".jsonld": (ox.RdfFormat.JSON_LD, "json-ld", True),
    ".json": (ox.RdfFormat.JSON_LD, "json-ld", True),
    ".rdf": (ox.RdfFormat.RDF_XML, "xml", False),
    ".owl": (ox.RdfFormat.RDF_XML, "xml", False),
    ".xml": (ox.RdfFormat.RDF_XML, "xml", False),
    ".n3": (ox.RdfFormat.N3, "n3", False),
}
EXTENSIONS = tuple(_FORMATS)


class GraphLoadError(Exception):
    """A graph file that cannot be read: `str()` is "path:line: message"."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


def _format(path: Path) -> tuple[ox.RdfFormat, str, bool]:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GraphLoadError(path, None, f"unknown graph format (extension one of {' '.join(EXTENSIONS)})")
    if not path.exists():
        raise GraphLoadError(path, None, "no such file")
    if path.is_dir():
        raise GraphLoadError(path, None, "is a folder, not a graph file")
    return fmt


class StoreView:
    """A `kg build --store` folder seen as one graph: its default graph holds the union of its
    article graphs as a set, so SPARQL gives the same answers as on the graph file `kg build`
    writes, and GRAPH reaches one article's graph."""

    def __init__(self, path: Path) -> None:
        from kg.store import GraphStore, StoreError

        try:
            self.store = GraphStore(path, create=False, read_only=True)
        except StoreError as exc:
            raise GraphLoadError(path, None, str(exc).split(": ", 1)[-1]) from None
        self.rdf = self.store.rdf

    def query(self, sparql: str, **options: object):
        return self.rdf.query(sparql, **options)  # type: ignore[arg-type]

    def quads_for_pattern(self, s=None, p=None, o=None, g=None):  # noqa: ANN001
        return self.rdf.quads_for_pattern(s, p, o, g)

    def named_graphs(self):
        return self.rdf.named_graphs()

    def __iter__(self):
        return iter(self.rdf)

    def __len__(self) -> int:
        """Distinct triples (those of the default graph), as for a graph file."""
        return self.store.triple_count()


def is_store(path: Path) -> bool:
    """Whether `path` is a folder made by `kg build --store`."""
    return Path(path).is_dir() and (Path(path) / "state.sqlite").is_file()


def load_store(path: Path) -> ox.Store:
    """Load a graph file into a new in-memory pyoxigraph store (format from the extension);
    a store folder (kg build --store) is opened read-only where it is instead."""
    path = Path(path)
    if is_store(path):
        return StoreView(path)  # type: ignore[return-value]
    rdf_format, _, datasets = _format(path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=rdf_format)
    except SyntaxError as exc:
        message = _clean_message(exc.msg or str(exc))
        if exc.offset:
            message = f"column {exc.offset}: {message}"
        raise GraphLoadError(path, exc.lineno, message) from None
    except (OSError, ValueError) as exc:
        raise GraphLoadError(path, None, str(exc)) from None
    if datasets and any(True for _ in store.named_graphs()):
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


def run_query(store: ox.Store, sparql: str, **options: object) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """`store.query` with the prefixes of `ns.PREFIXES` predeclared."""
    return store.query(sparql, prefixes=dict(ns.PREFIXES), **options)  # type: ignore[arg-type]


def load_rdflib(path: Path) -> rdflib.Graph | rdflib.Dataset:
    """Parse a graph file with rdflib: a Graph, or a union Dataset for TriG/N-Quads/JSON-LD."""
    import rdflib

    path = Path(path)
    if is_store(path):
        view = StoreView(path)
        graph = rdflib.Graph()
        for prefix, iri in ns.PREFIXES.items():
            graph.bind(prefix, iri, override=True)
        for q in view.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            graph.add(tuple(_ox_to_rdflib(t) for t in (q.subject, q.predicate, q.object)))  # type: ignore[arg-type]
        return graph
    _, parser, datasets = _format(path)
    graph: rdflib.Graph | rdflib.Dataset = rdflib.Dataset(default_union=True) if datasets else rdflib.Graph()
    for prefix, iri in ns.PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    try:
        graph.parse(str(path), format=parser)
    except Exception as exc:  # rdflib's parsers raise many unrelated exception types
        line, message = _line_of(exc), _clean_message(str(exc)) or type(exc).__name__
        if line is None:  # ask pyoxigraph where the error is (rdflib's N-Triples parser won't say)
            try:
                for _ in ox.parse(path=str(path), format=_FORMATS[path.suffix.lower()][0]):
                    pass
            except SyntaxError as ox_exc:
                if ox_exc.lineno:
                    line, message = ox_exc.lineno, f"column {ox_exc.offset}: {_clean_message(ox_exc.msg)}"
            except (OSError, ValueError):
                pass
        raise GraphLoadError(path, line, message) from None
    return graph


def _line_of(exc: BaseException) -> int | None:
    for attr in ("lines", "lineno", "line"):
        value = getattr(exc, attr, None)
        if isinstance(value, int):
            return value + 1 if attr == "lines" else value
    get_line = getattr(exc, "getLineNumber", None)  # xml.sax.SAXParseException
    if callable(get_line):
        line = get_line()
        return line if isinstance(line, int) else None
    return None


def _clean_message(text: str) -> str:
    """One line; drop a leading "Parser error ..." position already given as the line."""
    text = " ".join(text.split())
    return re.sub(r"^Parser error (at|between) line \d+ (column|between columns) \d+( and (line \d+ column )?\d+)?: ", "", text)


def _ox_to_rdflib(term: object) -> rdflib.term.Node:
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    lit: ox.Literal = term  # type: ignore[assignment]
    if lit.language:
        return rdflib.Literal(lit.value, lang=lit.language)
    return rdflib.Literal(lit.value, datatype=rdflib.URIRef(lit.datatype.value))
