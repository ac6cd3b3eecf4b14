"""`kg build`: read news, extract, resolve, write the graph (Turtle and more) and its HTML view."""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.ingest import IngestWarning, iter_documents, parse_document
from kg.model import DocExtraction, Document, GraphData
from kg.assembly import Assembler, DocFacts, doc_facts
from kg.parallel import (EngineError, FactsOptions, Result, cpu_count, extract_dask, extract_local,
                         extraction_failure, read_dict)
from kg.pipeline import extract
from kg.resources import load_resources

FORMAT_EXT = {"turtle": ".ttl", "ntriples": ".nt", "nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld", "xml": ".rdf"}


@dataclass
class BuildStats:
    documents: int = 0
    skipped: int = 0
    characters: int = 0
    warnings: list[IngestWarning] = field(default_factory=list)


class Progress:
    """A one-line progress bar on stderr, shown only when the build takes more than a moment."""

    def __init__(self, total_hint: int | None, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.start = time.monotonic()
        self.total = total_hint
        self.shown = False

    def update(self, done: int, chars: int) -> None:
        if not self.enabled or time.monotonic() - self.start < 1.0:
            return
        rate = chars / max(time.monotonic() - self.start, 1e-6)
        total = f"/{self.total}" if self.total else ""
        sys.stderr.write(f"\r  {done}{total} documents, {chars / 1e6:.1f} M chars, {rate / 1e3:.0f} K chars/s ")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def extract_documents(docs: Iterable[Document], user_dicts: Sequence[Path] = (),
                      on_doc: Callable[[DocExtraction], None] | None = None,
                      warn: Callable[[IngestWarning], None] | None = None) -> list[DocExtraction]:
    """Extract every document; one that makes the extractor fail is reported and skipped,
    so a bug met on one article never loses the rest of the corpus."""
    out = []
    for ex in _extract_each(docs, load_resources(tuple(user_dicts)), warn):
        out.append(ex)
        if on_doc:
            on_doc(ex)
    return out


def _reported(results: Iterable, warn: Callable[[IngestWarning], None] | None) -> Iterator:
    """A parallel engine's results without its warnings (a skipped document), which go to
    `warn` (raised as an error when there is none)."""
    for r in results:
        if isinstance(r, IngestWarning):
            if warn is None:
                raise RuntimeError(str(r))
            warn(r)
            continue
        yield r


def _extract_each(docs: Iterable[Document], res, warn: Callable[[IngestWarning], None] | None):  # noqa: ANN001
    """Each document's extraction in order; one that fails goes to `warn` (raised without one)."""
    for doc in docs:
        try:
            ex = extract(parse_document(doc), res)
        except Exception as exc:  # noqa: BLE001 - reported with the document, never silent
            if warn is None:
                raise
            warn(extraction_failure(doc, exc))
            continue
        yield ex


def collect(results: Iterable[Result], on_doc: Callable[[DocExtraction], None] | None = None,
            warn: Callable[[IngestWarning], None] | None = None) -> list[DocExtraction]:
    """The extractions of a parallel engine's results (kg.parallel), in order; a skipped
    document's warning goes to `warn` (raised as an error when there is none)."""
    out = []
    for r in _reported(results, warn):
        out.append(r)
        if on_doc:
            on_doc(r)
    return out


def build_data(inputs: Sequence[str | Path], user_dicts: Sequence[Path] = (),
               warn: Callable[[IngestWarning], None] | None = None,
               stats: BuildStats | None = None, progress: bool = False,
               all_mentions: bool = False, workers: int = 1, dask: str | None = None) -> GraphData:
    """Everything from input paths to the resolved corpus.

    `workers` > 1 extracts with that many processes, `dask` (a scheduler address) on a Dask
    cluster (kg.parallel); the result is the same as a serial build's.  Engine failures
    raise kg.parallel.EngineError.
    """
    stats = stats if stats is not None else BuildStats()

    def _warn(w: IngestWarning) -> None:
        stats.warnings.append(w)
        if warn:
            warn(w)

    return assemble_documents(iter_documents(list(inputs), _warn), user_dicts, _warn, stats, progress,
                              all_mentions, workers, dask)


def assemble_documents(docs: Iterable[Document], user_dicts: Sequence[Path] = (),
                       warn: Callable[[IngestWarning], None] | None = None,
                       stats: BuildStats | None = None, progress: bool = False,
                       all_mentions: bool = False, workers: int = 1, dask: str | None = None) -> GraphData:
    """The resolved corpus of some documents (read lazily), as `build_data` makes it."""
    return gather_documents(docs, user_dicts, warn, stats, progress, all_mentions, workers, dask).finish()


def gather_documents(docs: Iterable[Document], user_dicts: Sequence[Path] = (),
                     warn: Callable[[IngestWarning], None] | None = None,
                     stats: BuildStats | None = None, progress: bool = False,
                     all_mentions: bool = False, workers: int = 1, dask: str | None = None) -> Assembler:
    """Every document extracted and its contribution (kg.assembly.DocFacts) merged as it
    arrives: the Assembler, whose `finish` gives the corpus.  With
    workers or a cluster, the workers also resolve each document's mentions and relations
    and write its own part of the Turtle file, so that what is left to this process while
    they work, and after, is merging; a serial build leaves the writing to `write_graph`
    (doing it per document costs a little more than at once).
    """
    stats = stats if stats is not None else BuildStats()
    bar = Progress(None, progress)
    serial = dask is None and workers <= 1
    # for workers, dictionaries travel as content; loading them here checks them before any worker starts
    dicts = tuple(user_dicts) if serial else tuple(read_dict(p) for p in user_dicts)
    assembler = Assembler(load_resources(dicts), all_mentions)

    def add(facts: DocFacts) -> None:
        stats.documents += 1
        stats.characters += len(facts.doc.text)
        assembler.add(facts)
        bar.update(stats.documents, stats.characters)

    try:
        if serial:
            for ex in _extract_each(docs, assembler.res, warn):
                add(doc_facts(ex, all_mentions, render=False))
        else:
            options = FactsOptions(all_mentions)
            results = (extract_dask(docs, dask, dicts, facts=options) if dask is not None
                       else extract_local(docs, workers, dicts, facts=options))
            for r in _reported(results, warn):
                add(r)
    finally:
        bar.close()
    return assembler


def build_graph(paths: list[Path]):
    """The graph of some input files as an rdflib Graph (used by `kg eval --corpus`)."""
    import rdflib

    from kg.graph import quad_rows, serialize_rows

    payload, _ = serialize_rows(quad_rows(build_data(paths)), "ntriples")
    graph = rdflib.Graph()
    graph.parse(data=payload.decode("utf-8"), format="nt")
    return graph


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build a knowledge graph from news files, folders or JSONL",
                       description="Read news (files, folders recursively: .txt .md .jsonl), extract "
                                   "entities and relations, write the graph and an HTML view.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    p.add_argument("--out", default="output/graph.ttl", help="graph file to write (default: output/graph.ttl)")
    p.add_argument("--format", action="append", choices=sorted(FORMAT_EXT),
                   help="also write this format beside --out (repeatable); the --out extension decides its own format")
    p.add_argument("--html", default=None, help="HTML view to write (default: beside --out, .html)")
    p.add_argument("--no-html", action="store_true", help="do not write the HTML view")
    p.add_argument("--dict", action="append", type=Path, default=[], metavar="FILE",
                   help="user dictionary of organisation names (TSV: name, type, aliases, region, parent)")
    p.add_argument("--mentions", choices=("first", "all"), default="first",
                   help="record where each entity is first named in each article (default), or every place")
    p.add_argument("--strict", action="store_true", help="exit non-zero when any input was skipped")
    p.add_argument("--validate", action="store_true", help="check the graph against the SHACL shapes")
    p.add_argument("--store", type=Path, default=None, metavar="DIR",
                   help="add to an on-disk store instead of writing a graph file: unchanged articles are "
                        "skipped, changed ones replaced (see kg export, kg remove)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="extract with N processes (0: one per CPU; default 1); the graph is the same")
    p.add_argument("--dask", default=None, metavar="ADDRESS",
                   help="extract on a Dask distributed cluster: its scheduler's address (tcp://host:8786); "
                        "needs kg[dask], and kg installed on every worker")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.graph import write_graph

    for d in args.dict:
        if not d.is_file():
            print(f"kg build: user dictionary not found: {d}", file=sys.stderr)
            return 2
    workers = cpu_count() if args.workers == 0 else args.workers
    if workers < 0:
        print(f"kg build: --workers must be 0 (one per CPU) or more, not {args.workers}", file=sys.stderr)
        return 2
    if args.dask is not None and workers > 1:
        print("kg build: --dask and --workers N > 1 do not combine (the cluster's workers extract)", file=sys.stderr)
        return 2
    if args.store is not None:
        from kg.storecli import build_into_store

        return build_into_store(args)
    t0 = time.monotonic()
    stats = BuildStats()

    def warn(w: IngestWarning) -> None:
        print(f"warning: {w}", file=sys.stderr)

    try:
        data = build_data(args.inputs, args.dict, warn, stats, progress=not args.quiet,
                          all_mentions=args.mentions == "all", workers=workers, dask=args.dask)
    except ValueError as exc:  # a bad user dictionary row
        print(f"kg build: {exc}", file=sys.stderr)
        return 2
    except EngineError as exc:  # no cluster, a worker without kg, a dead worker process
        print(f"kg build: {exc}", file=sys.stderr)
        return exc.code
    if stats.documents == 0:
        print("kg build: no documents read; nothing written", file=sys.stderr)
        return 1
    out = Path(args.out)
    triples = write_graph(data, out)
    written = [str(out)]
    for fmt in args.format or []:
        other = out.with_suffix(FORMAT_EXT[fmt])
        if other != out:
            write_graph(data, other, fmt)
            written.append(str(other))
    if not args.no_html:
        html = Path(args.html) if args.html else out.with_suffix(".html")
        try:
            from kg.viz import write_html
        except ImportError:
            write_html = None
        if write_html is not None:
            write_html(out if out.suffix in (".ttl", ".nt", ".nq", ".trig") else out, html)
            written.append(str(html))
    skipped = len({(w.source, w.line) for w in stats.warnings if getattr(w, "skipped", True)})
    entities = sum(1 for e in data.entities.values() if not e.context)
    relations = len({(r.subject, r.predicate, r.object) for r in data.relations if r.evidence is not None})
    if not args.quiet:
        print(f"kg build: {stats.documents} documents read, {skipped} skipped, {entities} entities, "
              f"{relations} relations, {triples} triples in {time.monotonic() - t0:.1f} s -> {', '.join(written)}",
              file=sys.stderr)
    if args.validate:
        from kg.rdfio import load_rdflib
        from kg.validate import validate_graph

        report = validate_graph(load_rdflib(out))
        if not report.conforms:
            print(f"kg build: {out} does not conform to the shapes ({len(report.violations)} violations)", file=sys.stderr)
            return 1
    if args.strict and skipped:
        return 1
    return 0
