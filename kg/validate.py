"""SHACL validation of kg graphs: `kg validate GRAPH` and `validate_graph` for `kg build --validate`.

The shapes (ontology/shapes.ttl) check class membership with sh:in over rdf:type (each top
class listed with its subclasses), so pyshacl runs without the ontology mixed in and without
inference: that keeps rdf:type to the one class the graph states (RDFS inference would add the
superclasses) and is much faster: 11 s on 51.6k triples, against 73 s for sh:class with
ont_graph and 110 s for that with RDFS inference (bench/validate_speed.py).  Files are parsed
with pyoxigraph (kg.rdfio), which is fast and reports the line of a syntax error.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from kg import ns
from kg.rdfio import GraphLoadError, load_store

MAX_SHOWN = 50


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result, with nodes shortened by the project's prefixes."""

    focus: str
    path: str | None
    message: str
    value: str | None = None
    severity: str = "Violation"
    constraint: str = ""  # the SHACL constraint component, e.g. MinCountConstraintComponent


@dataclass(slots=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0


# One error type for every command that reads graph files ("path:line: message").
GraphParseError = GraphLoadError


# ---------------------------------------------------------------------------------------
# Ontology, shapes, graph files
# ---------------------------------------------------------------------------------------


def _package_ttl(name: str) -> rdflib.Graph:
    text = (resources.files("kg.ontology") / name).read_text(encoding="utf-8")
    return rdflib.Graph().parse(data=text, format="turtle")


@lru_cache(maxsize=1)
def ontology_graph() -> rdflib.Graph:
    """ontology/kg.ttl, parsed once (do not modify the returned graph)."""
    return _package_ttl("kg.ttl")


@lru_cache(maxsize=1)
def shapes_graph() -> rdflib.Graph:
    """ontology/shapes.ttl, parsed once (do not modify the returned graph)."""
    return _package_ttl("shapes.ttl")


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def read_graph(path: Path) -> rdflib.Graph:
    """Read a graph file into one rdflib Graph; the named graphs of TriG/N-Quads are merged.

    Parsing goes through pyoxigraph (kg.rdfio.load_store): ~10x faster than rdflib's parsers,
    and its errors carry the line.  Raises GraphLoadError.
    """
    store = load_store(Path(path))
    graph = rdflib.Graph()
    for prefix, iri in ns.PREFIXES.items():
        graph.bind(prefix, iri, replace=True)
    for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        graph.add((_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object)))
    return graph


def _merged(graph: rdflib.Graph) -> rdflib.Graph:
    """A Dataset/ConjunctiveGraph as one Graph of all its triples (pyshacl would otherwise
    validate each named graph alone, and an article's graph lacks the entity descriptions)."""
    if not isinstance(graph, rdflib.ConjunctiveGraph):  # Dataset is a ConjunctiveGraph
        return graph
    merged = rdflib.Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


# ---------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------


def validate_graph(graph: rdflib.Graph, shapes: rdflib.Graph | None = None) -> ValidationReport:
    """Run the SHACL shapes (default: ontology/shapes.ttl) over `graph`; `graph` is not modified."""
    import pyshacl  # slow to import (~0.5 s); only needed here

    started = time.perf_counter()
    graph = _merged(graph)
    shapes = shapes if shapes is not None else shapes_graph()
    conforms, results_graph, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        allow_warnings=False,
    )
    violations = _violations(results_graph, shapes)
    return ValidationReport(
        conforms=bool(conforms),
        violations=violations,
        triples=len(graph),
        seconds=time.perf_counter() - started,
    )


def _short(node: rdflib.term.Node | None) -> str | None:
    """A node as people read it: prefixed IRI, "literal"@lang, or _:blank."""
    if node is None:
        return None
    if isinstance(node, rdflib.URIRef):
        iri = str(node)
        best = ""
        for prefix, base in ns.PREFIXES.items():
            if iri.startswith(base) and len(base) > len(ns.PREFIXES.get(best, "")):
                best = prefix
        return f"{best}:{iri[len(ns.PREFIXES[best]):]}" if best else f"<{iri}>"
    if isinstance(node, rdflib.Literal):
        text = json.dumps(str(node), ensure_ascii=False)
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype and str(node.datatype) == ns.XSD_NS + "integer":
            return str(node)
        if node.datatype and str(node.datatype) != ns.XSD_NS + "string":
            return f"{text}^^{_short(node.datatype)}"
        return text
    if isinstance(node, rdflib.BNode):
        return f"_:{node}"
    return str(node)


def _path_text(results: rdflib.Graph, path: rdflib.term.Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, rdflib.BNode):  # a SHACL path expression
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return f"^{_short(inverse)}"
        return "(path expression)"
    return _short(path)


def _whole_graph_shapes(shapes: rdflib.Graph) -> set[rdflib.term.Node]:
    """Shapes that check the whole graph in one SPARQL query (shapes.ttl explains why): their
    focus is a fixed sh:targetNode and each offending node is the result's value, which is
    what a reader wants to see as the focus."""
    return {s for s in shapes.subjects(SH.targetNode, None) if (s, SH.sparql, None) in shapes}


def _violations(results: rdflib.Graph, shapes: rdflib.Graph) -> list[Violation]:
    """The top-level results of a SHACL report (nested sh:detail results are left out)."""
    whole_graph = _whole_graph_shapes(shapes)
    out: list[Violation] = []
    for result in results.objects(None, SH.result):
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        component = results.value(result, SH.sourceConstraintComponent)
        severity = results.value(result, SH.resultSeverity)
        focus, value = results.value(result, SH.focusNode), results.value(result, SH.value)
        if results.value(result, SH.sourceShape) in whole_graph and value is not None:
            focus, value = value, None
        out.append(
            Violation(
                focus=_short(focus) or "?",
                path=_path_text(results, results.value(result, SH.resultPath)),
                message="; ".join(messages) or "constraint violated",
                value=_short(value),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                constraint=str(component).rsplit("#", 1)[-1] if component else "",
            )
        )
    out.sort(key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return out


# ---------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "validate",
        help="check a graph against the kg SHACL shapes",
        description="Check a graph file against the kg SHACL shapes (ontology/shapes.ttl). "
        "Exit 0 when it conforms, 1 when it has violations, 2 when it cannot be read.",
    )
    p.add_argument("graph", type=Path, nargs="?", metavar="GRAPH", help="graph file: .ttl .nt .nq .trig .jsonld .rdf/.xml, or a store folder")
    p.add_argument("--store", type=Path, metavar="DIR", help="a store folder made by kg build --store, instead of GRAPH")
    p.add_argument("--shapes", type=Path, metavar="FILE", help="SHACL shapes to use instead of the built-in ones (Turtle)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if (args.graph is None) == (args.store is None):
        print("kg validate: give GRAPH or --store DIR", file=sys.stderr)
        return 2
    args.graph = args.graph or args.store
    try:
        graph = read_graph(args.graph)
        shapes = read_graph(args.shapes) if args.shapes else None
    except GraphLoadError as exc:
        print(f"kg validate: {exc}", file=sys.stderr)
        return 2
    report = validate_graph(graph, shapes)
    if args.json:
        payload = {
            "graph": str(args.graph),
            "conforms": report.conforms,
            "triples": report.triples,
            "violations": [asdict(v) for v in report.violations],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(format_report(report, str(args.graph)))
    return 0 if report.conforms else 1


def format_report(report: ValidationReport, name: str, limit: int = MAX_SHOWN) -> str:
    """The human-readable report: one line when it conforms, else up to `limit` violations."""
    if report.conforms:
        return f"{name} conforms ({report.triples} triples)"
    n = len(report.violations)
    lines = [f"{name} does not conform: {n} violation{'s' if n != 1 else ''} ({report.triples} triples)"]
    for v in report.violations[:limit]:
        where = f"{v.focus}  {v.path}" if v.path else v.focus
        value = f"  [value: {v.value}]" if v.value is not None and v.value != v.focus else ""
        lines.append(f"- {where}: {v.message}{value}")
    if n > limit:
        lines.append(f"... and {n - limit} more")
    return "\n".join(lines)
