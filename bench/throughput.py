"""End-to-end build throughput beside plain `jieba.lcut` on the same text, in one run.

    python3 bench/throughput.py [--mb 10] [--corpus ../shared/corpus/dev] [--workers N]

The corpus is the dev texts repeated until it reaches --mb megabytes (UTF-8), one document
per copy (each copy gets its own id, so nothing is skipped as a duplicate).  Both sides read
the same strings from memory; the build side runs the whole path (page repair, recognition,
resolution, relations, corpus assembly, writing the Turtle file), the baseline only segments.
Prints characters per second for each and the ratio build/jieba (issue 2 target >= 0.3,
issue 3 target >= 0.5).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_corpus(folder: Path, megabytes: float):
    from kg.model import Document

    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt files in {folder}")
    docs, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        name, text = texts[n % len(texts)]
        docs.append(Document(id=f"copy{n // len(texts):05d}/{name}", text=text))
        size += len(text.encode("utf-8"))
        n += 1
    return docs, size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    args = ap.parse_args()

    import jieba

    import tempfile

    from kg.graph import write_graph
    from kg.ingest import parse_document
    from kg.pipeline import assemble, extract
    from kg.resources import load_resources

    docs, size = make_corpus(args.corpus, args.mb)
    chars = sum(len(d.text) for d in docs)
    print(f"corpus: {len(docs)} documents, {size / 1e6:.1f} MB, {chars / 1e6:.2f} M characters")

    jieba.initialize()
    res = load_resources()  # loading is not part of either measurement

    t0 = time.perf_counter()
    tokens = 0
    for d in docs:
        tokens += len(jieba.lcut(d.text))
    t_jieba = time.perf_counter() - t0
    print(f"jieba.lcut:  {t_jieba:7.1f} s  {chars / t_jieba / 1e3:8.0f} K chars/s  ({tokens} tokens)")

    t0 = time.perf_counter()
    exs = [extract(parse_document(d), res) for d in docs]
    t_extract = time.perf_counter() - t0
    data = assemble(exs, res)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "graph.ttl"
        triples = write_graph(data, out)  # exactly what `kg build` writes
        size = out.stat().st_size
    t_build = time.perf_counter() - t0
    print(f"kg extract:  {t_extract:7.1f} s  {chars / t_extract / 1e3:8.0f} K chars/s")
    print(f"kg build:    {t_build:7.1f} s  {chars / t_build / 1e3:8.0f} K chars/s  ({triples} triples, {size / 1e6:.1f} MB Turtle)")
    print(f"ratio build/jieba.lcut: {t_jieba / t_build:.2f}  (extract only: {t_jieba / t_extract:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
