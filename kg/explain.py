"""`kg explain FILE`: sentence by sentence, what was found, by which rule, and what was rejected."""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from kg.ingest import iter_documents, parse_document
from kg.pipeline import extract
from kg.resources import load_resources


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="show, sentence by sentence, the mentions, relations and rejected candidates")
    p.add_argument("inputs", nargs="+", metavar="FILE")
    p.add_argument("--dict", action="append", type=Path, default=[], metavar="FILE", help="user dictionary")
    p.add_argument("--all", action="store_true", help="also show sentences where nothing was found")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    res = load_resources(tuple(args.dict))
    out = sys.stdout
    n = 0
    for doc in iter_documents(args.inputs, lambda w: print(f"warning: {w}", file=sys.stderr)):
        n += 1
        ex = extract(parse_document(doc), res)
        out.write(f"== {doc.id}\n")
        by_sent_m = defaultdict(list)
        for i, m in enumerate(ex.mentions):
            by_sent_m[m.sentence].append((i, m))
        by_sent_r = defaultdict(list)
        for r in ex.relations:
            by_sent_r[r.sentence].append(r)
        by_sent_x = defaultdict(list)
        for x in ex.rejections:
            by_sent_x[x.sentence].append(x)
        for sent in ex.parsed.sentences:
            si = sent.index
            if not args.all and not (by_sent_m[si] or by_sent_r[si] or by_sent_x[si]):
                continue
            out.write(f"\n[{si}] ({sent.kind}, {sent.start}-{sent.end}) {sent.text}\n")
            for i, m in sorted(by_sent_m[si], key=lambda t: t[1].start):
                ent = ex.entities.get(ex.mention_entity[i])
                target = f" -> {ent.name}" if ent and ent.name != m.surface else ""
                out.write(f"  mention  {m.surface} [{m.type}] rule={m.rule}{target}\n")
            for r in by_sent_r[si]:
                s = ex.entities[ex.mention_entity[r.subject]].name
                o = ex.entities[ex.mention_entity[r.object]].name
                out.write(f"  relation {s} {r.predicate} {o} rule={r.rule}\n")
            for x in by_sent_x[si]:
                out.write(f"  rejected {x.what}: {x.reason}\n")
        out.write("\n")
        for key, ent in sorted(ex.entities.items()):
            aliases = f" (aliases: {', '.join(sorted(ent.aliases))})" if ent.aliases else ""
            out.write(f"  entity {ent.type} {ent.name}{aliases}\n")
    if n == 0:
        print("kg explain: no documents read", file=sys.stderr)
        return 1
    return 0
