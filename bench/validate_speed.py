"""How long SHACL validation (kg validate) takes on a synthetic graph shaped like `kg build` output.

Usage: python3 bench/validate_speed.py [--triples 50000] [--modes plain,orclass,rdfs,oxigraph]

plain     the shipped setup (kg.validate.validate_graph): ontology/shapes.ttl, sh:in over
          rdf:type, rdflib Graph, no ontology mixed in, no inference
orclass   bench/shapes_orclass.ttl (sh:or of sh:class) with kg.ttl as ont_graph, no inference
rdfs      orclass with pyshacl inference="rdfs" (its "one rdf:type" rule then fails: expected)
oxigraph  ontology/shapes.ttl with a pyoxigraph Store as pyshacl's data graph (36x slower
          than plain at 14k triples with pyshacl 0.40.1; not in the default modes)
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg import ns
from kg.validate import ontology_graph, shapes_graph

TYPES = ("Company", "University", "ResearchInstitute", "GovernmentAgency", "Project", "Person", "Document")


def synthetic_turtle(articles: int) -> str:
    """Turtle for `articles` articles, each with 8 sentences, mentions and relations (~155 triples)."""
    r, k = ns.KGR_NS, ns.KG_NS
    out = [f"@prefix kg: <{k}> .", f"@prefix rdfs: <{ns.RDFS_NS}> .", f"@prefix skos: <{ns.SKOS_NS}> .",
           f"@prefix dcterms: <{ns.DCTERMS_NS}> .", f"@prefix schema: <{ns.SCHEMA_NS}> .",
           f"@prefix prov: <{ns.PROV_NS}> .", f"@prefix rdf: <{ns.RDF_NS}> ."]
    n_regions = 50
    for i in range(n_regions):
        out.append(f'<{r}region/{440100 + i}> a kg:City ; rdfs:label "城市{i}"@zh ; kg:adminCode "{440100 + i}" ; kg:partOf <{r}region/440000> .')
    out.append(f'<{r}region/440000> a kg:Province ; rdfs:label "广东省"@zh ; skos:altLabel "广东"@zh ; kg:adminCode "440000" .')
    entities = articles * 3
    for e in range(entities):
        t = TYPES[e % len(TYPES)]
        grp = ns.top_class(t).lower()
        out.append(f'<{r}{grp}/e{e}> a kg:{t} ; rdfs:label "实体{e}"@zh ; skos:altLabel "简称{e}"@zh .')
        if ns.top_class(t) in ("Company", "Institution"):
            out.append(f'<{r}{grp}/e{e}> kg:locatedIn <{r}region/{440100 + e % n_regions}> .')
    orgs = [e for e in range(entities) if ns.top_class(TYPES[e % len(TYPES)]) in ("Company", "Institution")]
    projects = [e for e in range(entities) if TYPES[e % len(TYPES)] == "Project"]
    for a in range(articles):
        art = f"{r}article/doc{a}"
        out.append(f'<{art}> a kg:NewsArticle ; dcterms:identifier "doc{a}" ; dcterms:title "标题{a}" .')
        for s in range(8):
            sent = f"{art}#s{s}"
            out.append(f'<{sent}> a kg:Sentence ; kg:text "第{s}句，某公司与某大学合作研发某项目。" ; '
                       f'kg:startOffset {s * 20} ; kg:endOffset {s * 20 + 19} ; dcterms:isPartOf <{art}> .')
            org = orgs[(a * 8 + s) % len(orgs)]
            prj = projects[(a * 8 + s) % len(projects)]
            so, po = f"{r}{ns.top_class(TYPES[org % 7]).lower()}/e{org}", f"{r}project/e{prj}"
            out.append(f"<{art}> schema:mentions <{so}> , <{po}> .")
            out.append(f"<{so}> kg:develops <{po}> .")
            out.append(f'<{r}stmt/a{a}s{s}> a rdf:Statement ; rdf:subject <{so}> ; rdf:predicate kg:develops ; '
                       f'rdf:object <{po}> ; prov:wasDerivedFrom <{sent}> ; kg:rule "develops:研发" .')
            for j, ent in enumerate((so, po)):
                out.append(f'<{art}#m{s}-{j * 5}> a kg:Mention ; kg:denotes <{ent}> ; kg:inSentence <{sent}> ; '
                           f'kg:surface "某公司" ; kg:startOffset {j * 5} ; kg:endOffset {j * 5 + 3} .')
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--triples", type=int, default=50_000)
    ap.add_argument("--modes", default="plain,orclass,rdfs")
    args = ap.parse_args()
    import pyshacl

    text = synthetic_turtle(max(1, args.triples // 155))
    graph = rdflib.Graph().parse(data=text, format="turtle")
    print(f"graph: {len(graph)} triples")
    for mode in args.modes.split(","):
        alt = mode in ("orclass", "rdfs")
        shapes = rdflib.Graph().parse(Path(__file__).with_name("shapes_orclass.ttl")) if alt else shapes_graph()
        data: object = graph
        if mode == "oxigraph":
            store = ox.Store()
            store.bulk_load(text.encode(), format=ox.RdfFormat.TURTLE)
            data = store
        t0 = time.perf_counter()
        conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology_graph() if alt else None,
                                          inference="rdfs" if mode == "rdfs" else "none")
        print(f"{mode:9s} {time.perf_counter() - t0:6.1f} s  conforms={conforms}", flush=True)


if __name__ == "__main__":
    main()
