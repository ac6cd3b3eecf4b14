"""Time graph writing, loading and the named queries on a synthetic graph of ~N triples.

    python3 bench/graph_query.py [--docs 20000] [--out /tmp/kg-bench]

The graph is made up (companies, institutions, projects, a 3-level region tree, relations
with evidence sentences), shaped like what `kg build` writes, so that timings say how the
writer and the queries scale; it is not a quality benchmark.
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from kg.graph import write_graph
from kg.model import Document, Entity, EntityMention, Evidence, GraphData, Relation
from kg.query import execute, named_queries, prepare_named
from kg.rdfio import load_store


def _mention(key: str, ev: Evidence) -> EntityMention:
    name = key.split("/", 1)[1] if not key.startswith("region/") else ""
    surface = name or ev.text[ev.text.index("位于") + 2 : -1]
    i = ev.text.index(surface)
    return EntityMention(key, ev, i, i + len(surface), ev.start + i, ev.start + i + len(surface), surface)


def synthetic(docs: int, seed: int = 1) -> GraphData:
    rng = random.Random(seed)
    entities: dict[str, Entity] = {}
    relations: list[Relation] = []
    provinces = [f"region/{p:02d}0000" for p in range(11, 46)]
    cities, counties = [], []
    for p in provinces:
        entities[p] = Entity(p, "Province", f"省{p[-6:]}", {f"省{p[-6:-4]}"}, p[-6:])
        for c in range(1, 11):
            ck = f"{p[:-4]}{c:02d}00"
            entities[ck] = Entity(ck, "City", f"市{ck[-6:]}", set(), ck[-6:])
            relations.append(Relation(ck, "partOf", p))
            cities.append(ck)
            for d in range(1, 8):
                dk = f"{ck[:-2]}{d:02d}"
                entities[dk] = Entity(dk, "County", f"区{dk[-6:]}", set(), dk[-6:])
                relations.append(Relation(dk, "partOf", ck))
                counties.append(dk)
    n_org = docs * 2
    orgs = []
    for i in range(n_org):
        if i % 3:
            key, typ, name = f"company/公司{i}有限公司", "Company", f"公司{i}有限公司"
        else:
            key, typ, name = f"institution/研究院{i}", "ResearchInstitute", f"研究院{i}"
        entities[key] = Entity(key, typ, name, {name[:4]})
        orgs.append(key)
    projects = []
    for i in range(docs):
        key = f"project/项目{i}"
        entities[key] = Entity(key, "Project", f"项目{i}")
        projects.append(key)
    documents, mentions = [], {}
    for d in range(docs):
        doc_id = f"doc{d:06d}"
        a, b, pr, place = rng.choice(orgs), rng.choice(orgs), projects[d], rng.choice(counties + cities)
        sents = [
            f"{entities[a].name}与{entities[b].name}合作。",
            f"{entities[a].name}研发{entities[pr].name}，位于{entities[place].name}。",
        ]
        text = "\n".join(sents)
        ev0 = Evidence(doc_id, 0, sents[0], 0, len(sents[0]))
        ev1 = Evidence(doc_id, 1, sents[1], len(sents[0]) + 1, len(text))
        documents.append(Document(doc_id, text, f"标题{d}", "2024-01-01"))
        mentions[doc_id] = [
            _mention(key, ev)
            for key, ev in ((a, ev0), (b, ev0), (a, ev1), (pr, ev1), (place, ev1))
            if entities[key].name in ev.text
        ]
        if a != b:
            relations.append(Relation(a, "cooperatesWith", b, ev0, "bench"))
        relations.append(Relation(a, "develops", pr, ev1, "bench"))
        relations.append(Relation(a, "locatedIn", place, ev1, "bench"))
    return GraphData(documents, entities, mentions, relations)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg-bench"))
    args = ap.parse_args()
    t = time.perf_counter()
    data = synthetic(args.docs)
    print(f"synthetic GraphData: {args.docs} docs, {len(data.entities)} entities ({time.perf_counter() - t:.1f} s)")
    for ext in ("ttl", "trig"):
        t = time.perf_counter()
        n = write_graph(data, args.out / f"bench.{ext}")
        print(f"write {ext}: {n} statements in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    store = load_store(args.out / "bench.ttl")
    print(f"load_store ttl: {len(store)} quads in {time.perf_counter() - t:.1f} s")
    binds = {"entity": {"name": "公司1有限公司"}, "orgs-in-region": {"region": "省11"}, "search": {"text": "公司12"}}
    for name, q in named_queries().items():
        t = time.perf_counter()
        rows = sum(1 for _ in execute(store, prepare_named(q, binds.get(name))))
        print(f"  {name:15s} {rows:7d} rows {1000 * (time.perf_counter() - t):8.1f} ms")


if __name__ == "__main__":
    main()
