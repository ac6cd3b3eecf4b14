"""SHACL shapes (ontology/shapes.ttl) and `kg validate`: a conforming graph, and one broken
variant per rule that must fail."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox_
import pytest
import rdflib
from rdflib import RDF, RDFS, SKOS, XSD, Literal, URIRef

from kg import ns
from kg import validate as kv

KG = rdflib.Namespace(ns.KG_NS)
R = rdflib.Namespace(ns.KGR_NS)
SH = rdflib.Namespace(ns.SH_NS)
KGSH = rdflib.Namespace("https://w3id.org/kgnews/shapes#")
DCT, SCHEMA, PROV = rdflib.DCTERMS, rdflib.Namespace(ns.SCHEMA_NS), rdflib.Namespace(ns.PROV_NS)

# Invented names and sentences, in the layout kg/ns.py describes.
GOOD = """
@prefix kg: <https://w3id.org/kgnews/ontology#> .
@prefix co: <https://w3id.org/kgnews/resource/company/> .
@prefix in: <https://w3id.org/kgnews/resource/institution/> .
@prefix pj: <https://w3id.org/kgnews/resource/project/> .
@prefix pe: <https://w3id.org/kgnews/resource/person/> .
@prefix dc: <https://w3id.org/kgnews/resource/document/> .
@prefix rg: <https://w3id.org/kgnews/resource/region/> .
@prefix ar: <https://w3id.org/kgnews/resource/article/> .
@prefix st: <https://w3id.org/kgnews/resource/stmt/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

co:星河科技有限公司 a kg:Company ; rdfs:label "星河科技有限公司"@zh ; skos:altLabel "星河科技"@zh ;
    kg:develops pj:量子芯片 ; kg:locatedIn rg:440300 ; kg:cooperatesWith in:南海大学 ;
    kg:invests co:蓝海能源有限公司 .
co:蓝海能源有限公司 a kg:Company ; rdfs:label "蓝海能源有限公司"@zh ; kg:undertakes pj:量子芯片 .
in:南海大学 a kg:University ; rdfs:label "南海大学"@zh ; kg:publishes dc:芯片白皮书 .
in:南海大学芯片实验室 a kg:Laboratory ; rdfs:label "南海大学芯片实验室"@zh ; kg:partOf in:南海大学 .
pj:量子芯片 a kg:Project ; rdfs:label "量子芯片"@zh ; kg:locatedIn rg:440300 .
pe:陈明 a kg:Person ; rdfs:label "陈明"@zh ; kg:affiliatedWith in:南海大学 ; kg:invests pj:量子芯片 .
dc:芯片白皮书 a kg:Document ; rdfs:label "芯片白皮书"@zh .
rg:440300 a kg:City ; rdfs:label "深圳市"@zh ; skos:altLabel "深圳"@zh ; kg:adminCode "440300" ;
    kg:partOf rg:440000 .
rg:440000 a kg:Province ; rdfs:label "广东省"@zh ; kg:adminCode "440000" ; kg:partOf rg:CHN .
rg:CHN a kg:Country ; rdfs:label "中国"@zh ; kg:adminCode "CHN" .

ar:a1 a kg:NewsArticle ; dcterms:identifier "a1" ; dcterms:title "星河科技发布量子芯片" ;
    dcterms:date "2024-05-01"^^xsd:date ; schema:url "https://example.org/a1" ;
    schema:mentions co:星河科技有限公司 , pj:量子芯片 , rg:440300 .
<https://w3id.org/kgnews/resource/article/a1#s0> a kg:Sentence ;
    kg:text "星河科技在深圳研发量子芯片。" ; kg:startOffset 0 ; kg:endOffset 14 ; dcterms:isPartOf ar:a1 .
st:0123456789abcdef a rdf:Statement ; rdf:subject co:星河科技有限公司 ; rdf:predicate kg:develops ;
    rdf:object pj:量子芯片 ; prov:wasDerivedFrom <https://w3id.org/kgnews/resource/article/a1#s0> ;
    kg:rule "develops:研发" .
<https://w3id.org/kgnews/resource/article/a1#m0-0> a kg:Mention ; kg:denotes co:星河科技有限公司 ;
    kg:inSentence <https://w3id.org/kgnews/resource/article/a1#s0> ; kg:surface "星河科技" ;
    kg:startOffset 0 ; kg:endOffset 4 .
"""

COMPANY = R["company/星河科技有限公司"]
UNIVERSITY = R["institution/南海大学"]
PROJECT = R["project/量子芯片"]
PERSON = R["person/陈明"]
CITY, PROVINCE = R["region/440300"], R["region/440000"]
ARTICLE = URIRef(ns.article_iri("a1"))
SENTENCE = URIRef(ns.sentence_iri("a1", 0))
MENTION = URIRef(ns.mention_iri("a1", 0, 0))
STMT = R["stmt/0123456789abcdef"]


def good() -> rdflib.Graph:
    return rdflib.Graph().parse(data=GOOD, format="turtle")


def test_good_graph_conforms() -> None:
    report = kv.validate_graph(good())
    assert report.violations == []
    assert report.conforms
    assert report.triples == len(good())


Mutation = Callable[[rdflib.Graph], None]


def _set(s: URIRef, p: URIRef, o: rdflib.term.Node) -> Mutation:
    def f(g: rdflib.Graph) -> None:
        g.set((s, p, o))
    return f


def _add(s: URIRef, p: URIRef, o: rdflib.term.Node) -> Mutation:
    return lambda g: g.add((s, p, o))


def _remove(s: URIRef, p: URIRef) -> Mutation:
    return lambda g: g.remove((s, p, None))


# (id, mutation, focus node, path) of the expected violation
BROKEN: list[tuple[str, Mutation, URIRef, URIRef | None]] = [
    ("two labels", _add(COMPANY, RDFS.label, Literal("星河公司", lang="zh")), COMPANY, RDFS.label),
    ("no label", _remove(PROJECT, RDFS.label), PROJECT, RDFS.label),
    ("label without @zh", _set(COMPANY, RDFS.label, Literal("星河科技有限公司")), COMPANY, RDFS.label),
    ("label @en", _set(COMPANY, RDFS.label, Literal("Xinghe Tech", lang="en")), COMPANY, RDFS.label),
    ("empty label", _set(PROJECT, RDFS.label, Literal("", lang="zh")), PROJECT, RDFS.label),
    ("altLabel without @zh", _add(COMPANY, SKOS.altLabel, Literal("星河")), COMPANY, SKOS.altLabel),
    ("two types", _add(COMPANY, RDF.type, KG.Institution), COMPANY, RDF.type),
    ("type not a kg class", _set(PROJECT, RDF.type, SCHEMA.Project), PROJECT, RDF.type),
    ("mentioned node without a type", _add(ARTICLE, SCHEMA.mentions, R["company/无类型"]), R["company/无类型"], RDF.type),
    ("admin code pattern", _set(CITY, KG.adminCode, Literal("4403")), CITY, KG.adminCode),
    ("admin code lowercase", _set(CITY, KG.adminCode, Literal("zgba")), CITY, KG.adminCode),
    ("two admin codes", _add(CITY, KG.adminCode, Literal("440301")), CITY, KG.adminCode),
    ("admin code on a company", _add(COMPANY, KG.adminCode, Literal("440300")), COMPANY, RDF.type),
    ("develops with a Region object", _add(COMPANY, KG.develops, PROVINCE), PROVINCE, RDF.type),
    ("develops from a Person", _add(PERSON, KG.develops, PROJECT), PERSON, RDF.type),
    ("locatedIn a Project", _add(COMPANY, KG.locatedIn, PROJECT), PROJECT, RDF.type),
    ("locatedIn from a Person", _add(PERSON, KG.locatedIn, CITY), PERSON, RDF.type),
    ("cooperatesWith a Project", _add(COMPANY, KG.cooperatesWith, PROJECT), PROJECT, RDF.type),
    ("undertakes a Company", _add(UNIVERSITY, KG.undertakes, COMPANY), COMPANY, RDF.type),
    ("invests in a Region", _add(PERSON, KG.invests, CITY), CITY, RDF.type),
    ("invests from a Project", _add(PROJECT, KG.invests, COMPANY), PROJECT, RDF.type),
    ("publishes a Project", _add(UNIVERSITY, KG.publishes, PROJECT), PROJECT, RDF.type),
    ("affiliatedWith from a Company", _add(COMPANY, KG.affiliatedWith, UNIVERSITY), COMPANY, RDF.type),
    ("partOf from a region to an organisation", _add(CITY, KG.partOf, UNIVERSITY), CITY, None),
    ("partOf a Project", _add(COMPANY, KG.partOf, PROJECT), PROJECT, RDF.type),
    ("article without identifier", _remove(ARTICLE, DCT.identifier), ARTICLE, DCT.identifier),
    ("article with two identifiers", _add(ARTICLE, DCT.identifier, Literal("a2")), ARTICLE, DCT.identifier),
    ("article date as a number", _set(ARTICLE, DCT.date, Literal(20240501)), ARTICLE, DCT.date),
    ("two titles", _add(ARTICLE, DCT.title, Literal("另一个标题")), ARTICLE, DCT.title),
    ("sentence without text", _remove(SENTENCE, KG.text), SENTENCE, KG.text),
    ("sentence negative offset", _set(SENTENCE, KG.startOffset, Literal(-3)), SENTENCE, KG.startOffset),
    ("sentence offset not an integer", _set(SENTENCE, KG.endOffset, Literal("14")), SENTENCE, KG.endOffset),
    ("sentence start after end", _set(SENTENCE, KG.startOffset, Literal(20)), SENTENCE, KG.startOffset),
    ("sentence without article", _remove(SENTENCE, DCT.isPartOf), SENTENCE, DCT.isPartOf),
    ("sentence part of a non-article", _set(SENTENCE, DCT.isPartOf, COMPANY), SENTENCE, DCT.isPartOf),
    ("statement without source", _remove(STMT, PROV.wasDerivedFrom), STMT, PROV.wasDerivedFrom),
    ("statement source not a sentence", _set(STMT, PROV.wasDerivedFrom, ARTICLE), STMT, PROV.wasDerivedFrom),
    ("statement without subject", _remove(STMT, RDF.subject), STMT, RDF.subject),
    ("statement with two objects", _add(STMT, RDF.object, CITY), STMT, RDF.object),
    ("statement predicate not a kg relation", _set(STMT, RDF.predicate, SCHEMA.mentions), STMT, RDF.predicate),
    ("statement about an absent triple", lambda g: g.remove((COMPANY, KG.develops, PROJECT)), STMT, None),
    ("mention without entity", _remove(MENTION, KG.denotes), MENTION, KG.denotes),
    ("mention without sentence", _remove(MENTION, KG.inSentence), MENTION, KG.inSentence),
    ("mention without surface", _remove(MENTION, KG.surface), MENTION, KG.surface),
    ("mention negative offset", _set(MENTION, KG.endOffset, Literal(-1)), MENTION, KG.endOffset),
    ("mention empty span", _set(MENTION, KG.endOffset, Literal(0)), MENTION, KG.startOffset),
    ("mention denotes an untyped node", _set(MENTION, KG.denotes, R["project/无类型"]), R["project/无类型"], RDF.type),
]


@pytest.mark.parametrize("mutate, focus, path", [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_broken_graph_fails(mutate: Mutation, focus: URIRef, path: URIRef | None) -> None:
    g = good()
    mutate(g)
    report = kv.validate_graph(g)
    assert not report.conforms
    hits = [v for v in report.violations if v.focus == kv._short(focus) and v.path == (kv._short(path) if path else None)]
    assert hits, report.violations
    assert all(v.message for v in hits)


# Positive cases next to the negative ones: what the shapes must still accept.
ACCEPTED: list[tuple[str, Mutation]] = [
    ("no title, no date, no url", lambda g: [g.remove((ARTICLE, p, None)) for p in (DCT.title, DCT.date, SCHEMA.url)]),
    ("date as a plain string", _set(ARTICLE, DCT.date, Literal("2024年5月"))),
    ("label with a zh region tag", _set(COMPANY, RDFS.label, Literal("星河科技有限公司", lang="zh-CN"))),
    ("subclass as a relation end", _add(R["institution/南海大学芯片实验室"], KG.develops, PROJECT)),
    ("Zone and County regions", lambda g: [
        g.add((R["region/440304"], RDF.type, KG.County)), g.add((R["region/440304"], RDFS.label, Literal("福田区", lang="zh"))),
        g.add((R["region/ZGBA"], RDF.type, KG.Zone)), g.add((R["region/ZGBA"], RDFS.label, Literal("粤港澳大湾区", lang="zh"))),
        g.add((R["region/ZGBA"], KG.adminCode, Literal("ZGBA"))),
        g.add((R["region/JPN-TOKYO"], RDF.type, KG.City)), g.add((R["region/JPN-TOKYO"], RDFS.label, Literal("东京", lang="zh"))),
        g.add((R["region/JPN-TOKYO"], KG.adminCode, Literal("JPN-TOKYO"))),
        g.add((R["region/440304"], KG.partOf, CITY)), g.add((CITY, KG.locatedIn, R["region/ZGBA"]))]),
    ("event located in a city", lambda g: [
        g.add((R["event/芯片大会"], RDF.type, KG.Event)), g.add((R["event/芯片大会"], RDFS.label, Literal("芯片大会", lang="zh"))),
        g.add((R["event/芯片大会"], KG.locatedIn, CITY))]),
    ("company part of a company", _add(R["company/蓝海能源有限公司"], KG.partOf, COMPANY)),
    ("zero-length sentence", _set(SENTENCE, KG.endOffset, Literal(0))),
]


@pytest.mark.parametrize("mutate", [c[1] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_variant_still_conforms(mutate: Mutation) -> None:
    g = good()
    mutate(g)
    report = kv.validate_graph(g)
    assert report.conforms, report.violations


# ---------------------------------------------------------------------------------------
# The class lists in shapes.ttl agree with kg/ns.py
# ---------------------------------------------------------------------------------------


def _expand(tops: frozenset[str] | set[str]) -> set[str]:
    return {c for c in (*ns.TOP_CLASSES, *ns.SUBCLASS_OF) if ns.top_class(c) in tops}


def _in_list(shape: URIRef) -> set[str]:
    shapes = kv.shapes_graph()
    (prop,) = list(shapes.objects(shape, SH.property))
    assert shapes.value(prop, SH.path) == RDF.type
    items = rdflib.collection.Collection(shapes, shapes.value(prop, SH["in"]))
    return {str(i).removeprefix(ns.KG_NS) for i in items}


@pytest.mark.parametrize("predicate", ns.PREDICATES)
def test_relation_shapes_match_domain_range(predicate: str) -> None:
    domain, range_ = ns.DOMAIN_RANGE[predicate]
    name = predicate[0].upper() + predicate[1:]
    assert _in_list(KGSH[name + "Subject"]) == _expand(domain)
    assert _in_list(KGSH[name + "Object"]) == _expand(range_)
    shapes = kv.shapes_graph()
    assert (KGSH[name + "Subject"], SH.targetSubjectsOf, KG[predicate]) in shapes
    assert (KGSH[name + "Object"], SH.targetObjectsOf, KG[predicate]) in shapes


def test_entity_shape_covers_every_entity_class() -> None:
    shapes = kv.shapes_graph()
    every = _expand(set(ns.TOP_CLASSES))
    targets = {str(c).removeprefix(ns.KG_NS) for c in shapes.objects(KGSH.EntityShape, SH.targetClass)}
    assert targets == every
    type_prop = next(p for p in shapes.objects(KGSH.EntityShape, SH.property) if shapes.value(p, SH.path) == RDF.type)
    listed = {str(i).removeprefix(ns.KG_NS) for i in rdflib.collection.Collection(shapes, shapes.value(type_prop, SH["in"]))}
    assert listed == every


def test_statement_predicates_are_the_kg_relations() -> None:
    shapes = kv.shapes_graph()
    prop = next(p for p in shapes.objects(KGSH.StatementShape, SH.property) if shapes.value(p, SH.path) == RDF.predicate)
    listed = {str(i).removeprefix(ns.KG_NS) for i in rdflib.collection.Collection(shapes, shapes.value(prop, SH["in"]))}
    assert listed == set(ns.PREDICATES)


# ---------------------------------------------------------------------------------------
# Reading files and the command line
# ---------------------------------------------------------------------------------------


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    kv.register(parser.add_subparsers())
    args = parser.parse_args(["validate", *argv])
    return args.func(args)


def test_cli_conforms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.ttl"
    path.write_text(GOOD, encoding="utf-8")
    assert _run(str(path)) == 0
    assert capsys.readouterr().out.strip() == f"{path} conforms ({len(good())} triples)"


def test_cli_violations_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    g = good()
    g.add((COMPANY, RDFS.label, Literal("星河", lang="zh")))
    path = tmp_path / "bad.nt"
    g.serialize(path, format="nt", encoding="utf-8")
    assert _run(str(path)) == 1
    out = capsys.readouterr().out
    assert "does not conform: 1 violation" in out
    assert "- kgr:company/星河科技有限公司  rdfs:label: an entity has exactly one rdfs:label" in out
    assert _run(str(path), "--json") == 1
    data = json.loads(capsys.readouterr().out)
    assert data["conforms"] is False and data["violations"][0]["path"] == "rdfs:label"


def test_cli_lists_at_most_fifty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    g = good()
    for i in range(60):
        g.add((R[f"project/p{i}"], RDF.type, KG.Project))  # no label: one violation each
    path = tmp_path / "many.ttl"
    g.serialize(path, format="turtle", encoding="utf-8")
    assert _run(str(path)) == 1
    out = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("- ") for line in out) == 50
    assert out[-1] == "... and 10 more"


def test_trig_named_graphs_are_validated_together(tmp_path: Path) -> None:
    """Entity descriptions in the default graph, article facts in a named graph (kg build --format trig)."""
    def ox(term: rdflib.term.Node) -> ox_.NamedNode | ox_.Literal:
        if isinstance(term, URIRef):
            return ox_.NamedNode(str(term))
        assert isinstance(term, Literal)
        if term.language:
            return ox_.Literal(str(term), language=term.language)
        return ox_.Literal(str(term), datatype=ox_.NamedNode(str(term.datatype or XSD.string)))

    quads = []
    for s, p, o in good():
        in_article = str(s).startswith(str(ARTICLE)) or s == STMT
        name = ox_.NamedNode(str(ARTICLE)) if in_article else ox_.DefaultGraph()
        quads.append(ox_.Quad(ox(s), ox(p), ox(o), name))
    path = tmp_path / "g.trig"
    path.write_bytes(ox_.serialize(quads, format=ox_.RdfFormat.TRIG))
    assert b"{" in path.read_bytes()  # really has a named graph
    report = kv.validate_graph(kv.read_graph(path))
    assert report.conforms, report.violations
    assert report.triples == len(good())
    from kg.rdfio import load_rdflib  # what `kg build --validate` passes: a union Dataset

    report = kv.validate_graph(load_rdflib(path))
    assert report.conforms, report.violations
    assert report.triples == len(good())


@pytest.mark.parametrize("suffix, text, line", [
    (".ttl", "@prefix kg: <https://w3id.org/kgnews/ontology#> .\nkg:a kg:b kg:c .\nkg:a kg:b \"x\n", 3),
    (".nt", "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> oops .\n", 2),
    (".jsonld", '{"@id": "http://e/a",\n "http://e/b": [}\n', 2),
])
def test_unparsable_file_exits_2_with_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           suffix: str, text: str, line: int) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_text(text, encoding="utf-8")
    assert _run(str(path)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg validate: {path}:{line}: ")
    assert "Traceback" not in err


@pytest.mark.parametrize("name", ["missing.ttl", "graph.csv"])
def test_missing_or_unknown_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("a,b\n", encoding="utf-8")
    assert _run(str(path)) == 2
    assert str(path) in capsys.readouterr().err


def test_custom_shapes(tmp_path: Path) -> None:
    shapes = tmp_path / "s.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix kg: <https://w3id.org/kgnews/ontology#> .\n"
        "[] a sh:NodeShape ; sh:targetClass kg:Project ; sh:property [ sh:path kg:text ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    data = tmp_path / "g.ttl"
    data.write_text(GOOD, encoding="utf-8")
    assert _run(str(data)) == 0
    assert _run(str(data), "--shapes", str(shapes)) == 1


def test_graph_written_by_kg_graph_conforms(tmp_path: Path) -> None:
    """The contract with the writer: what kg.graph.write_graph produces passes the shapes."""
    graph_mod = pytest.importorskip("kg.graph")
    from kg.model import Document, Entity, EntityMention, Evidence, GraphData, Relation

    doc = Document(id="news/001.txt", text="星河科技在深圳研发量子芯片。", title="测试", date="2024-05-01")
    ev = Evidence(doc_id=doc.id, sentence=0, text=doc.text, start=0, end=len(doc.text))
    entities = {
        "company/星河科技有限公司": Entity("company/星河科技有限公司", "Company", "星河科技有限公司", {"星河科技"}),
        "project/量子芯片": Entity("project/量子芯片", "Project", "量子芯片"),
        "region/440300": Entity("region/440300", "City", "深圳市", {"深圳"}, region_code="440300"),
        "region/440000": Entity("region/440000", "Province", "广东省", region_code="440000", context=True),
    }
    data = GraphData(
        documents=[doc],
        entities=entities,
        mentions={doc.id: [EntityMention(key, ev, doc.text.index(s), doc.text.index(s) + len(s),
                                         doc.text.index(s), doc.text.index(s) + len(s), s)
                           for key, s in (("company/星河科技有限公司", "星河科技"), ("region/440300", "深圳"),
                                          ("project/量子芯片", "量子芯片"))]},
        relations=[
            Relation("company/星河科技有限公司", "develops", "project/量子芯片", ev, "develops:研发"),
            Relation("company/星河科技有限公司", "locatedIn", "region/440300", ev, "locatedIn:在"),
            Relation("region/440300", "partOf", "region/440000", None, "gazetteer"),
        ],
    )
    out = tmp_path / "g.ttl"
    graph_mod.write_graph(data, out)
    report = kv.validate_graph(kv.read_graph(out))
    assert report.conforms, kv.format_report(report, str(out))


# ---------------------------------------------------------------------------------------
# Every graph `kg build` writes conforms (issue 2, section 3)
# ---------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _build_and_validate(inputs: list[Path], tmp_path: Path) -> kv.ValidationReport:
    """`kg build` then `kg validate`, through the same functions and the Turtle file."""
    build = pytest.importorskip("kg.build")
    graph_mod = pytest.importorskip("kg.graph")
    out = tmp_path / "graph.ttl"
    graph_mod.write_graph(build.build_data(inputs), out)
    return kv.validate_graph(kv.read_graph(out))


# Known failure, reported: kg.pipeline gives a mention an Evidence whose start/end are the
# mention's span, while kg.graph takes them as the sentence's span, so two mentions of one
# name in a sentence get the same IRI and one Mention node carries two offsets.  strict: the
# marker must go once that is fixed.


def test_examples_graph_conforms(tmp_path: Path) -> None:
    report = _build_and_validate([REPO / "examples"], tmp_path)
    assert report.triples > 0
    assert report.conforms, kv.format_report(report, "examples", limit=10)


def test_dev_corpus_graph_conforms(tmp_path: Path) -> None:
    dev = SHARED / "corpus" / "dev"
    if not dev.is_dir():
        pytest.skip("../shared/corpus/dev is absent")
    report = _build_and_validate([dev], tmp_path)
    assert report.triples > 0
    assert report.conforms, kv.format_report(report, "dev corpus", limit=10)
