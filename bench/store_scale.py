"""The on-disk store at scale (issue 4), in one run:

    python3 bench/store_scale.py [--mb 30 100] [--workers N] [--keep DIR]

1. Generates news-like corpora of each size (bench/gen_corpus.py, JSONL) and builds each
   into a fresh store with `kg build --store` in a child process, reporting wall time,
   throughput and the child's peak resident memory (getrusage): memory must stay under
   2 GB and not grow with the corpus beyond the store's own cache.
2. On the smallest store of at least a million triples: entity lookup by name (SPARQL on
   rdfs:label/skos:altLabel); the named queries of `kg query --list` as `kg query --store`
   runs them (their store versions where they have one), whole answers and first pages of
   100 rows (`--limit 100`), medians over repeated runs with the store opened once; and
   adding one new article (extract + put + commit).
3. `kg query FILE -n stats` on a Turtle export of about a million triples, beside
   pyoxigraph alone loading the same file and running the same query (both as fresh
   processes, so both include their start-up).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run_child(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) of the child, stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of any child so far: run the sizes small to large
    return wall, max(peak, before) / 1024, done.stderr


QUERY_ROUNDS = 9


def _python_loop() -> int:
    total = 0
    for i in range(5_000_000):
        total += i
    return total


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[30.0, 100.0], help="corpus sizes, small to large")
    ap.add_argument("--workers", type=int, default=1, help="kg build --workers (when available)")
    ap.add_argument("--keep", type=Path, default=None, help="keep corpora and stores here")
    ap.add_argument("--reuse", action="store_true", help="with --keep: use the stores already built there")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-store-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"sizes": []}
    store = query_store = None
    try:
        for mb in sorted(args.mb):
            corpus = work / f"corpus-{mb:g}mb"
            if not corpus.exists():
                subprocess.run([sys.executable, "bench/gen_corpus.py", "--mb", str(mb), "--out", str(corpus),
                                "--format", "jsonl"], cwd=ROOT, check=True, capture_output=True)
            chars = sum(len(json.loads(line)["text"]) for f in sorted(corpus.glob("*.jsonl"))
                        for line in f.open(encoding="utf-8"))
            store = work / f"store-{mb:g}mb"
            if args.reuse and store.exists():
                wall, rss = float("nan"), float("nan")
            else:
                shutil.rmtree(store, ignore_errors=True)
                cmd = [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store), "-q"]
                if args.workers != 1:
                    cmd += ["--workers", str(args.workers)]
                wall, rss, _ = run_child(cmd)
            from kg.store import GraphStore

            st = GraphStore(store, create=False, read_only=True)
            triples, articles = st.triple_count(), len(st)
            st.db.close()
            del st
            row = {"mb": mb, "articles": articles, "triples": triples, "seconds": round(wall, 1) if wall == wall else None,
                   "K chars/s": round(chars / wall / 1e3) if wall == wall else None,
                   "peak RSS MB": round(rss) if rss == rss else None}
            results["sizes"].append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            if triples >= 1_000_000 and query_store is None:
                query_store = store  # the smallest store of a million triples or more
        store = query_store or store

        # 2. lookups, named queries and one new article on a store of a million triples
        results["query store triples"] = next(r["triples"] for r in results["sizes"] if work / f"store-{r['mb']:g}mb" == store)
        from kg.ingest import parse_document
        from kg.model import Document
        from kg.pipeline import extract
        from kg.query import Page, named_queries, paged, prepare_named
        from kg.resources import load_resources
        from kg.store import GraphStore, content_digest, doc_part

        st = GraphStore(store, create=False, read_only=True)  # as kg query --store opens it
        names = [s["n"].value for s in st.query(
            "SELECT ?n WHERE { ?e a kg:Company ; rdfs:label ?n } LIMIT 200")][::4][:50]
        from kg.query import bind_term

        times = []
        for n in names:
            lookup = f"SELECT ?e WHERE {{ {{ ?e rdfs:label {bind_term(n, lang='zh')} }} UNION {{ ?e skos:altLabel {bind_term(n, lang='zh')} }} }}"
            t0 = time.perf_counter()
            found = list(st.query(lookup))
            times.append((time.perf_counter() - t0) * 1000)
            assert found, n
        results["entity lookup ms (median of %d names)" % len(names)] = round(statistics.median(times), 2)
        binds = {"entity": {"name": names[0]}, "orgs-in-region": {"region": "北京"}, "search": {"text": "科技"}}
        # what `kg query --store` runs: a named query's store version where it has one; the
        # whole answer and its first page, each query once per round, so that a burst of
        # other work on the machine slows one run of each rather than every run of one
        texts = {}
        for name, q in sorted(named_queries().items()):
            prepared = prepare_named(q, binds.get(name), on_store=True)
            texts[name] = (prepared.text, paged(prepared, Page(limit=100)).text)
        whole: dict[str, list[float]] = {name: [] for name in texts}
        first: dict[str, list[float]] = {name: [] for name in texts}
        loop_ms: list[float] = []
        for _ in range(QUERY_ROUNDS):
            loop_ms.append(median_ms(_python_loop, 1))
            for name, (text, page_text) in texts.items():
                whole[name].append(median_ms(lambda: list(st.query(text)), 1))
                first[name].append(median_ms(lambda: list(st.query(page_text)), 1))
        results[f"named queries ms (median of {QUERY_ROUNDS} rounds)"] = {n: round(statistics.median(v), 1) for n, v in whole.items()}
        results["named queries, first 100 rows (--limit 100) ms"] = {n: round(statistics.median(v), 1) for n, v in first.items()}
        # how fast the machine was meanwhile: on a shared machine this loop's time varies
        # by half from minute to minute, and the queries' with it
        results["machine check: a 5 M-step Python loop, ms (min / median / max over the rounds)"] = [
            round(min(loop_ms)), round(statistics.median(loop_ms)), round(max(loop_ms))]
        results["named queries rows"] = {name: len(list(st.query(text))) for name, (text, _) in texts.items()}
        res = load_resources()
        doc = Document(id="bench-new-article", text="星河资本今日宣布领投深圳云帆智能科技有限公司B轮融资。"
                                                     "深圳云帆智能科技有限公司（以下简称“云帆智能”）成立于2019年，"
                                                     "总部位于深圳，主要产品为巡检机器人“灵犀一号”。")
        extract(parse_document(Document(id="warm-up", text=doc.text)), res)  # the extractor's first use loads jieba
        st.close()
        st = GraphStore(store, create=False)  # as kg build --store opens it
        t0 = time.perf_counter()
        st.put(doc_part(extract(parse_document(doc), res), res), content_digest(doc))
        st.commit()
        results["add one article s"] = round(time.perf_counter() - t0, 3)
        st.remove([doc.id])
        st.close()

        # 3. kg query on a Turtle file of about a million triples vs pyoxigraph alone
        ttl = work / "million.ttl"
        subprocess.run([sys.executable, "-m", "kg", "export", "--store", str(store), "--format", "turtle",
                        "--out", str(ttl)], cwd=ROOT, check=True)
        stats_q = prepare_named(named_queries()["stats"]).text
        alone = ("import pyoxigraph as ox, sys; s = ox.Store(); s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.TURTLE); "
                 "from kg import ns; print(len(list(s.query(sys.argv[2], prefixes=dict(ns.PREFIXES)))))")
        t_kg = min(run_child([sys.executable, "-m", "kg", "query", str(ttl), "-n", "stats"])[0] for _ in range(3))
        t_ox = min(run_child([sys.executable, "-c", alone, str(ttl), stats_q])[0] for _ in range(3))
        results["kg query on Turtle s"] = round(t_kg, 2)
        results["pyoxigraph alone s"] = round(t_ox, 2)
        results["ratio kg/pyoxigraph"] = round(t_kg / t_ox, 2)
        results["Turtle file triples"] = sum(1 for _ in open(ttl, encoding="utf-8") if _.rstrip().endswith((" .", ";")))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
