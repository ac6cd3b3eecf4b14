"""Speed of ingest: decoding + kg.layout.parse_document, beside plain jieba.lcut.

Usage: python3 bench/ingest_speed.py [--mb 5] [--corpus ../shared/corpus/dev] [--no-jieba]
Builds a corpus of about --mb million characters by repeating the corpus files, then
reports characters per second (CPU time) for parse_document and, unless --no-jieba, for
jieba.lcut on the same texts, and their ratio.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.ingest import decode_bytes
from kg.layout import parse_document
from kg.model import Document

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="million characters to process")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--no-jieba", action="store_true")
    args = ap.parse_args(argv)
    files = sorted(p for p in args.corpus.rglob("*") if p.suffix in (".txt", ".md"))
    if not files:
        print(f"no .txt/.md files under {args.corpus}", file=sys.stderr)
        return 1
    texts = []
    for p in files:
        decoded = decode_bytes(p.read_bytes())
        if decoded:
            texts.append(decoded[0])
    docs: list[Document] = []
    total = 0
    while total < args.mb * 1e6:
        for t in texts:
            docs.append(Document(f"d{len(docs)}", t))
            total += len(t)
    parse_document(docs[0])  # load word lists and compile patterns outside the timing

    t0 = time.process_time()
    sentences = sum(len(parse_document(d).sentences) for d in docs)
    parse_s = time.process_time() - t0
    print(f"parse_document: {total:,} chars, {len(docs):,} docs, {sentences:,} sentences, "
          f"{parse_s:.2f} s, {total / parse_s / 1e6:.2f} M chars/s")
    if not args.no_jieba:
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        t0 = time.process_time()
        for d in docs:
            jieba.lcut(d.text)
        jieba_s = time.process_time() - t0
        print(f"jieba.lcut:     {total / jieba_s / 1e6:.3f} M chars/s; "
              f"parse_document costs {parse_s / jieba_s:.1%} of jieba's time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
