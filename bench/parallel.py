"""`kg build --workers N` throughput against `--workers 1`, in one run.

    python3 bench/parallel.py [--mb 20] [--corpus DIR] [--workers 1,2] [--rounds 1]

Without --corpus, generates --mb megabytes of synthetic news (bench/gen_corpus.py, jsonl,
seed 1) in a temporary folder.  Each measurement runs in a fresh process and does what
`kg build --no-html` does, timed by phase:

  load      resources and jieba's dictionary (what every worker process pays once when
            it is not forked from a loaded parent: a spawned or a Dask worker)
  extract   read, parse and extract every document (serially, or with the process pool:
            the workers also resolve each document and write its own part of the Turtle
            file, and the parent merges each chunk as it arrives)
  assemble  resolve across documents (one process)
  write     the Turtle file (with workers, mostly joining what they wrote; the articles
            naming a merged entity are rendered by a forked child while the building
            process writes the entities: kg.graph.write_graph, kg.forked)

It prints characters per second for the build (extract + assemble + write) and for
extraction alone, and each N's ratio to the first; with --rounds R the settings alternate
R times (1, 2, 1, 2, …) so that load from other jobs on the machine hits both alike, and
the median ratio is printed.  Each round also times two CPU-bound processes against one
(2.0x on two idle cores): the ceiling the machine allowed at that moment.  It also checks that every setting wrote the same bytes, and
measures the transfer of results between processes (kg.parallel.pack against plain pickle).
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(corpus: Path, workers: int, out: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from kg.build import BuildStats, gather_documents
    from kg.graph import write_graph
    from kg.ingest import iter_documents
    from kg.parallel import warm_up

    t0 = time.perf_counter()
    warm_up()
    t1 = time.perf_counter()
    stats = BuildStats()
    docs = iter_documents([corpus], stats.warnings.append)
    # what `kg build` does (kg.build.build_data), timed by phase
    assembler = gather_documents(docs, (), stats.warnings.append, stats, workers=workers)
    t2 = time.perf_counter()
    data = assembler.finish()
    del assembler
    t3 = time.perf_counter()
    triples = write_graph(data, out)
    t4 = time.perf_counter()
    cpu = os.times()
    import resource

    return {"workers": workers, "documents": stats.documents, "chars": stats.characters, "triples": triples,
            "load": t1 - t0, "extract": t2 - t1, "assemble": t3 - t2, "write": t4 - t3,
            "cpu": cpu.user + cpu.system + cpu.children_user + cpu.children_system,
            "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _spin(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s


def machine_check(n: int = 30_000_000) -> float:
    """How much faster two CPU-bound processes finish two jobs than one process finishes one
    job twice: 2.0 on two idle cores, less when other jobs share the machine."""
    import multiprocessing

    t0 = time.perf_counter()
    _spin(n)
    t1 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_spin, [n, n])
    t2 = time.perf_counter()
    return 2 * (t1 - t0) / (t2 - t1)


def transfer(corpus: Path, n: int = 300) -> str:
    sys.path.insert(0, str(ROOT))
    from kg.ingest import iter_documents
    from kg.parallel import extract_batch, facts_batch, pack, unpack

    docs = []
    for d in iter_documents([corpus], lambda w: None):
        docs.append(d)
        if len(docs) >= n:
            break
    results = extract_batch(docs)
    t0 = time.perf_counter()
    plain = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
    t1 = time.perf_counter()
    pickle.loads(plain)
    t2 = time.perf_counter()
    packed = pack(results)
    t3 = time.perf_counter()
    unpack(packed)
    t4 = time.perf_counter()
    facts = pack(facts_batch(docs))  # what `kg build --workers` sends back: DocFacts
    t5 = time.perf_counter()
    unpack(facts)
    t6 = time.perf_counter()
    text = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    return (f"transfer of {len(docs)} documents' results ({text:.1f} MB of text): extractions as "
            f"pickle {len(plain) / 1e6:.1f} MB, dump {t1 - t0:.2f} s, load {t2 - t1:.2f} s; "
            f"kg.parallel.pack {len(packed) / 1e6:.1f} MB, dump {t3 - t2:.2f} s, load {t4 - t3:.2f} s; "
            f"DocFacts with their Turtle (kg build) packed {len(facts) / 1e6:.1f} MB, load {t6 - t5:.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the generated corpus (default 20)")
    ap.add_argument("--corpus", type=Path, default=None, help="use this corpus instead of generating one")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    ap.add_argument("--rounds", type=int, default=1, help="alternate the settings this many times (default 1)")
    ap.add_argument("--child", nargs=3, metavar=("CORPUS", "WORKERS", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--transfer", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child[0]), int(args.child[1]), Path(args.child[2]))))
        return 0
    if args.transfer:
        print(transfer(args.transfer))
        return 0

    settings = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp) / "corpus"
            subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), "--mb", str(args.mb),
                            "--out", str(corpus), "--format", "jsonl"], check=True, capture_output=True)
        runs: dict[int, list[dict]] = {w: [] for w in settings}
        outputs: dict[int, bytes] = {}
        for r in range(args.rounds):
            for w in settings:
                out = Path(tmp) / f"w{w}.ttl"
                proc = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(w), str(out)],
                                      check=True, capture_output=True, text=True)
                m = json.loads(proc.stdout.splitlines()[-1])
                runs[w].append(m)
                payload = out.read_bytes()
                if outputs.setdefault(w, payload) != payload or payload != outputs[settings[0]]:
                    print(f"ERROR: --workers {w} wrote another graph", file=sys.stderr)
                    return 1
                build = m["extract"] + m["assemble"] + m["write"]
                print(f"round {r + 1} --workers {w}: {m['documents']} documents, {m['chars'] / 1e6:.2f} M chars, "
                      f"{m['triples']} triples; load {m['load']:.1f} s, extract {m['extract']:.1f} s, "
                      f"assemble {m['assemble']:.1f} s, write {m['write']:.1f} s, CPU {m['cpu']:.1f} s, "
                      f"peak memory {m['rss']:.0f} MB" + (f" (child processes {m['worker_rss']:.0f} MB at most: a worker, or the writer's forked child, "
                                                  f"whose pages are mostly shared with the parent)" if w > 1 else "") + "; "
                      f"build {m['chars'] / build / 1e3:.0f} K chars/s, extract {m['chars'] / m['extract'] / 1e3:.0f} K chars/s",
                      flush=True)
            print(f"round {r + 1} machine check: two CPU-bound processes {machine_check():.2f}x one", flush=True)
            base = runs[settings[0]][-1]
            for w in settings[1:]:
                m = runs[w][-1]
                b1 = base["extract"] + base["assemble"] + base["write"]
                b2 = m["extract"] + m["assemble"] + m["write"]
                print(f"round {r + 1} ratio --workers {w} / --workers {settings[0]}: build {b1 / b2:.2f}x, "
                      f"extract {base['extract'] / m['extract']:.2f}x", flush=True)
        if args.rounds > 1:
            for w in settings[1:]:
                build = [(a["extract"] + a["assemble"] + a["write"]) / (b["extract"] + b["assemble"] + b["write"])
                         for a, b in zip(runs[settings[0]], runs[w])]
                ext = [a["extract"] / b["extract"] for a, b in zip(runs[settings[0]], runs[w])]
                print(f"median ratio --workers {w} / --workers {settings[0]} over {args.rounds} rounds: "
                      f"build {statistics.median(build):.2f}x, extract {statistics.median(ext):.2f}x")
        print("all settings wrote the same graph")
        proc = subprocess.run([sys.executable, __file__, "--transfer", str(corpus)], check=True,
                              capture_output=True, text=True)
        print(proc.stdout.strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
