"""Commands around the on-disk store: `kg build --store DIR` (its build loop), `kg remove`
and `kg export`."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.build import BuildStats, Progress
from kg.ingest import IngestWarning, iter_documents, parse_document
from kg.pipeline import extract
from kg.resources import load_resources
from kg.store import GraphStore, StoreError, UpdateStats, content_digest, doc_part

BATCH_DOCS = 200  # commit at least this often (documents) ...
BATCH_SECONDS = 10.0  # ... or this often (seconds), whichever comes first
OPTIMIZE_AFTER = 1000  # compact the store's files after a build that wrote this many articles

EXPORT_FORMATS = {"nquads": "N_QUADS", "trig": "TRIG", "ntriples": "N_TRIPLES", "turtle": "TURTLE"}


def build_into_store(args: argparse.Namespace) -> int:
    """Add the inputs to the store: unchanged articles skipped before extraction, changed ones
    replaced, committed in batches so that an interruption keeps what was done."""
    t0 = time.monotonic()
    stats = BuildStats()
    update = UpdateStats()

    def warn(w: IngestWarning) -> None:
        stats.warnings.append(w)
        print(f"warning: {w}", file=sys.stderr)

    try:
        store = GraphStore(args.store, all_mentions=args.mentions == "all")
    except StoreError as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return 2
    workers = getattr(args, "workers", 1) or 1
    dask = getattr(args, "dask", None)
    try:
        from kg.parallel import EngineError, cpu_count, extract_dask, extract_local, read_dict

        workers = cpu_count() if workers == 0 else workers
        dicts = tuple(read_dict(p) for p in args.dict) if (dask or workers > 1) else tuple(args.dict)
        res = load_resources(dicts)
    except ValueError as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return 2
    bar = Progress(None, not args.quiet)
    last = time.monotonic()
    pending = 0
    interrupted = False

    def changed_docs():
        """The articles to extract: the store already holds the others unchanged."""
        for doc in iter_documents(list(args.inputs), warn):
            stats.documents += 1
            stats.characters += len(doc.text)
            digest = content_digest(doc)
            if store.digest(doc.id) == digest:
                update.unchanged += 1
                continue
            yield doc

    def serial(docs):
        for doc in docs:
            try:
                yield extract(parse_document(doc), res)
            except Exception as exc:  # noqa: BLE001 - reported with the document, never silent
                yield IngestWarning(doc.source or doc.id, None, f"extraction failed, document skipped: {type(exc).__name__}: {exc}")

    try:
        if dask:
            results = extract_dask(changed_docs(), dask, dicts)
        elif workers > 1:
            results = extract_local(changed_docs(), workers, dicts)
        else:
            results = serial(changed_docs())
        for r in results:
            if isinstance(r, IngestWarning):
                warn(r)
                continue
            outcome = store.put(doc_part(r, res, args.mentions == "all"), content_digest(r.parsed.doc))
            if outcome == "added":
                update.added += 1
            elif outcome == "replaced":
                update.replaced += 1
            pending += 1
            if pending >= BATCH_DOCS or time.monotonic() - last > BATCH_SECONDS:
                store.commit()
                pending, last = 0, time.monotonic()
            bar.update(stats.documents, stats.characters)
    except KeyboardInterrupt:
        interrupted = True
    except EngineError as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return exc.code
    finally:
        store.commit()  # the last batch
        bar.close()
        if not interrupted and update.added + update.replaced >= OPTIMIZE_AFTER:
            if not args.quiet:
                print(f"kg build: compacting the store after {update.added + update.replaced} new articles ...", file=sys.stderr)
            store.optimize()
        total = len(store)
        store.close()
    skipped = len({(w.source, w.line) for w in stats.warnings if getattr(w, "skipped", True)})
    if not args.quiet or interrupted:
        print(f"kg build: {args.store}: {update.added} added, {update.replaced} replaced, {update.unchanged} unchanged, "
              f"{skipped} skipped; {total} articles in the store "
              f"({time.monotonic() - t0:.1f} s){' - interrupted, run again to continue' if interrupted else ''}",
              file=sys.stderr)
    if interrupted:
        return 130
    if stats.documents == 0:
        print("kg build: no documents read", file=sys.stderr)
        return 1
    return 1 if args.strict and skipped else 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("remove", help="remove articles and every fact only they supported from a store",
                       description="Remove articles (by id, as `kg build` gave them) from a store made with "
                                   "kg build --store; facts other articles also state stay.")
    p.add_argument("ids", nargs="+", metavar="ID", help="article ids")
    p.add_argument("--store", required=True, type=Path, metavar="DIR", help="the store folder")
    p.set_defaults(func=run_remove)

    p = sub.add_parser("export", help="write a store's graph as N-Quads, TriG, N-Triples or Turtle",
                       description="Stream the graph of a store (kg build --store) to a file or stdout, e.g. "
                                   "N-Quads for bulk loading into a SPARQL server.")
    p.add_argument("--store", required=True, type=Path, metavar="DIR", help="the store folder")
    p.add_argument("--format", choices=sorted(EXPORT_FORMATS), default="nquads",
                   help="nquads/trig keep one graph per article; ntriples/turtle give their union (default nquads)")
    p.add_argument("--out", type=Path, default=None, help="file to write (default: stdout)")
    p.set_defaults(func=run_export)


def run_remove(args: argparse.Namespace) -> int:
    try:
        store = GraphStore(args.store, create=False)
    except StoreError as exc:
        print(f"kg remove: {exc}", file=sys.stderr)
        return 2
    stats = store.remove(args.ids)
    store.commit()
    left = len(store)
    store.close()
    for doc_id in stats.missing:
        print(f"kg remove: {doc_id}: not in the store", file=sys.stderr)
    print(f"kg remove: {stats.removed} removed, {left} articles left", file=sys.stderr)
    return 1 if stats.missing else 0


def run_export(args: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from kg import ns

    try:
        store = GraphStore(args.store, create=False, read_only=True)
    except StoreError as exc:
        print(f"kg export: {exc}", file=sys.stderr)
        return 2
    fmt = getattr(ox.RdfFormat, EXPORT_FORMATS[args.format])
    out = args.out.open("wb") if args.out else sys.stdout.buffer
    try:
        if args.format in ("nquads", "trig"):
            ox.serialize(store.export_quads(), out, format=fmt, prefixes=dict(ns.PREFIXES) if args.format == "trig" else None)
        else:  # the default graph: the union of all graphs, each triple once
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object)
                          for q in store.rdf.quads_for_pattern(None, None, None, ox.DefaultGraph())), out, format=fmt,
                         prefixes=dict(ns.PREFIXES) if args.format == "turtle" else None)
    finally:
        if args.out:
            out.close()
        else:
            out.flush()
    return 0
