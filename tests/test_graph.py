"""kg.graph (GraphData -> RDF) and kg.rdfio (loading graph files)."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graphdata_sample import sample_graph
from kg import ns
from kg.graph import (
    FORMATS,
    _date_literal,
    format_name,
    statement_iri,
    to_quads,
    write_graph,
)
from kg.model import EntityMention, Entity, Evidence, GraphData, Relation
from kg.rdfio import GraphLoadError, load_rdflib, load_store

KG, KGR = ns.KG_NS, ns.KGR_NS
RDF_TYPE = ox.NamedNode(ns.RDF_NS + "type")
EXT = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "trig": "trig", "jsonld": "jsonld", "xml": "rdf"}


def nn(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def ent(key: str) -> ox.NamedNode:
    return nn(ns.entity_iri(key))


@pytest.fixture(scope="module")
def quads() -> list[ox.Quad]:
    return to_quads(sample_graph())


@pytest.fixture(scope="module")
def store(quads: list[ox.Quad]) -> ox.Store:
    s = ox.Store()
    s.extend(quads)
    return s


def objects(store: ox.Store, s: ox.NamedNode, p: str, graph: object = None) -> set:
    return {q.object for q in store.quads_for_pattern(s, nn(p), None, graph)}


# ---------------------------------------------------------------- layout


def test_entity_description_in_default_graph(store: ox.Store) -> None:
    dg = ox.DefaultGraph()
    yf = ent("company/深圳市云帆科技有限公司")
    assert objects(store, yf, ns.RDF_NS + "type", dg) == {nn(KG + "Company")}
    assert objects(store, yf, ns.RDFS_NS + "label", dg) == {ox.Literal("深圳市云帆科技有限公司", language="zh")}
    assert objects(store, yf, ns.SKOS_NS + "altLabel", dg) == {ox.Literal("云帆科技", language="zh")}
    gd = ent("region/440000")  # a context-only region is still described
    assert objects(store, gd, KG + "adminCode", dg) == {ox.Literal("440000")}
    assert objects(store, gd, ns.SKOS_NS + "altLabel", dg) == {
        ox.Literal("广东", language="zh"),
        ox.Literal("粤", language="zh"),
    }
    # nothing about the entity leaks into an article graph
    assert not [q for q in store.quads_for_pattern(yf, nn(ns.RDFS_NS + "label"), None, None) if q.graph_name != dg]


def test_hierarchy_in_default_graph_without_statement(store: ox.Store) -> None:
    sz, gd = ent("region/440300"), ent("region/440000")
    part_of = nn(KG + "partOf")
    assert [q.graph_name for q in store.quads_for_pattern(sz, part_of, gd, None)] == [ox.DefaultGraph()]
    assert not list(store.quads_for_pattern(None, nn(ns.RDF_NS + "object"), gd, None))


def test_article_metadata_in_its_named_graph(store: ox.Store) -> None:
    a1 = nn(ns.article_iri("a1"))
    assert objects(store, a1, ns.RDF_NS + "type", a1) == {nn(KG + "NewsArticle")}
    assert objects(store, a1, ns.DCTERMS_NS + "identifier", a1) == {ox.Literal("a1")}
    assert objects(store, a1, ns.DCTERMS_NS + "title", a1) == {ox.Literal("云帆科技与南方理工大学合作")}
    assert objects(store, a1, ns.DCTERMS_NS + "date", a1) == {ox.Literal("2024-03-05", datatype=nn(ns.XSD_NS + "date"))}
    assert objects(store, a1, ns.SCHEMA_NS + "url", a1) == {nn("https://example.com/news/a1")}
    a3 = nn(ns.article_iri("a3"))
    assert objects(store, a3, ns.DCTERMS_NS + "title") == set()  # no title known
    assert objects(store, a3, ns.SCHEMA_NS + "url") == {ox.Literal("not a url")}  # not an IRI
    assert objects(store, a3, ns.DCTERMS_NS + "date") == {ox.Literal("2024-02-30")}  # not a real date


def test_date_literal() -> None:
    assert _date_literal("2024-03-05").datatype == nn(ns.XSD_NS + "date")
    assert _date_literal("2024年5月").datatype == nn(ns.XSD_NS + "string")
    assert _date_literal("2023-02-29").datatype == nn(ns.XSD_NS + "string")
    assert _date_literal("2024-3-5").datatype == nn(ns.XSD_NS + "string")


def test_mentions_per_article(store: ox.Store) -> None:
    mentions = nn(ns.SCHEMA_NS + "mentions")
    a1, a2 = nn(ns.article_iri("a1")), nn(ns.article_iri("a2"))
    got = {q.object for q in store.quads_for_pattern(a1, mentions, None, a1)}
    assert ent("company/深圳市云帆科技有限公司") in got
    assert ent("document/智能制造发展报告") in got
    assert len(got) == 7
    got2 = {q.object for q in store.quads_for_pattern(a2, mentions, None, None)}
    assert ent("company/深圳市云帆科技有限公司") not in got2
    assert ent("region/440000") not in got2  # context region, never named in a2


def test_only_sentences_with_evidence_are_written(store: ox.Store) -> None:
    sentence = nn(KG + "Sentence")
    written = {q.subject.value for q in store.quads_for_pattern(None, RDF_TYPE, sentence, None)}
    assert ns.sentence_iri("a2", 1) in written
    assert ns.sentence_iri("a2", 2) not in written  # no mention, no relation
    assert len(written) == 9


def test_sentence_and_mention_offsets_point_into_the_article(store: ox.Store) -> None:
    texts = {d.id: d.text for d in sample_graph().documents}

    def offsets(node: ox.NamedNode) -> tuple[int, int]:
        (s,) = objects(store, node, KG + "startOffset")
        (e,) = objects(store, node, KG + "endOffset")
        return int(s.value), int(e.value)

    for q in store.quads_for_pattern(None, RDF_TYPE, nn(KG + "Sentence"), None):
        doc_id = q.graph_name.value.rsplit("/", 1)[1]
        start, end = offsets(q.subject)
        (text,) = objects(store, q.subject, KG + "text")
        assert texts[doc_id][start:end] == text.value
    count = 0
    for q in store.quads_for_pattern(None, RDF_TYPE, nn(KG + "Mention"), None):
        doc_id = q.graph_name.value.rsplit("/", 1)[1]
        start, end = offsets(q.subject)
        (surface,) = objects(store, q.subject, KG + "surface")
        assert texts[doc_id][start:end] == surface.value
        assert len(objects(store, q.subject, KG + "denotes")) == 1
        count += 1
    assert count == 22


def test_same_surface_twice_and_same_start_get_distinct_mentions(store: ox.Store) -> None:
    sz = ent("region/440300")
    nodes = {q.subject.value for q in store.quads_for_pattern(None, nn(KG + "denotes"), sz, nn(ns.article_iri("a3")))}
    base = ns.article_iri("a3")
    # 深圳市 at 0 (inside the company name, which also starts at 0) and at 15
    assert nodes == {f"{base}#m2-0-3", f"{base}#m2-15"}
    assert objects(store, nn(f"{base}#m2-0-11"), KG + "denotes") == {ent("company/深圳市云帆科技有限公司")}


def test_relation_stated_twice_one_triple_two_statements(store: ox.Store) -> None:
    yf, nf = ent("company/深圳市云帆科技有限公司"), ent("institution/南方理工大学")
    coop = nn(KG + "cooperatesWith")
    a1 = nn(ns.article_iri("a1"))
    assert [q.graph_name for q in store.quads_for_pattern(yf, coop, nf, None)] == [a1]
    stmts = {q.subject for q in store.quads_for_pattern(None, nn(ns.RDF_NS + "subject"), yf, a1)} & {
        q.subject for q in store.quads_for_pattern(None, nn(ns.RDF_NS + "object"), nf, a1)
    }
    assert len(stmts) == 2
    sources = {next(iter(objects(store, s, ns.PROV_NS + "wasDerivedFrom"))).value for s in stmts}
    assert sources == {ns.sentence_iri("a1", 0), ns.sentence_iri("a1", 2)}
    digest = hashlib.sha1("company/深圳市云帆科技有限公司|cooperatesWith|institution/南方理工大学|a1|0".encode()).hexdigest()
    assert nn(f"{KGR}stmt/{digest[:16]}") in stmts
    assert statement_iri("x", "p", "y", "d", 1) != statement_iri("x", "p", "y", "d", 2)


def test_relation_in_two_articles_is_in_both_graphs(store: ox.Store) -> None:
    located = nn(KG + "locatedIn")
    graphs = {q.graph_name.value for q in store.quads_for_pattern(ent("company/深圳市云帆科技有限公司"), located, None, None)}
    assert graphs == {ns.article_iri("a1"), ns.article_iri("a3")}


def test_no_blank_nodes(quads: list[ox.Quad]) -> None:
    assert not [q for q in quads if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)]


def test_two_mentions_of_one_name_in_a_sentence_keep_their_own_offsets() -> None:
    text = "甲城与甲城公司签约。"
    ev = Evidence("d", 0, text, 10, 10 + len(text))
    data = GraphData(
        documents=[],
        entities={"region/Z1": Entity("region/Z1", "Zone", "甲城", region_code="Z1")},
        mentions={"d": [EntityMention("region/Z1", ev, 0, 2, 10, 12, "甲城"),
                        EntityMention("region/Z1", ev, 3, 5, 13, 15, "甲城")]},
        relations=[],
    )
    quads = to_quads(data)
    starts = sorted(int(q.object.value) for q in quads if q.predicate.value == KG + "startOffset"
                    and "#m" in q.subject.value)
    assert starts == [10, 13]
    assert len({q.subject.value for q in quads if q.predicate.value == KG + "denotes"}) == 2


# ---------------------------------------------------------------- formats


def test_format_name() -> None:
    assert format_name(Path("g.ttl")) == "turtle"
    assert format_name(Path("G.TRIG")) == "trig"
    assert format_name(Path("g.owl")) == "xml"
    assert format_name(Path("g.ttl"), "nt") == "ntriples"
    with pytest.raises(ValueError):
        format_name(Path("g.txt"))
    with pytest.raises(ValueError):
        format_name(Path("g.ttl"), "yaml")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_reads_back(tmp_path: Path, fmt: str, quads: list[ox.Quad]) -> None:
    path = tmp_path / "sub" / f"graph.{EXT[fmt]}"
    n = write_graph(sample_graph(), path)
    union = {q.triple for q in quads}
    expected = {tuple(_to_rdflib(x) for x in (t.subject, t.predicate, t.object)) for t in union}
    g = load_rdflib(path)
    assert set(g.triples((None, None, None))) == expected  # no blank nodes: set equality
    assert len(set(g.triples((None, None, None)))) == len(union)
    store = load_store(path)
    assert len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == len(union)
    if fmt in ("trig", "nquads"):
        assert n == len(quads) > len(union)  # one triple sits in two article graphs
        assert {g.value for g in store.named_graphs()} == {ns.article_iri(d) for d in ("a1", "a2", "a3")}
    else:
        assert n == len(union)


def _to_rdflib(t: ox.NamedNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if t.language:
        return rdflib.Literal(t.value, lang=t.language)
    if t.datatype.value == ns.XSD_NS + "string":
        return rdflib.Literal(t.value)
    return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))


def test_trig_named_graph_holds_the_article(tmp_path: Path) -> None:
    path = tmp_path / "g.trig"
    write_graph(sample_graph(), path)
    ds = load_rdflib(path)
    assert isinstance(ds, rdflib.Dataset)
    a2 = rdflib.URIRef(ns.article_iri("a2"))
    graph = ds.graph(a2)
    assert (a2, rdflib.RDF.type, rdflib.URIRef(KG + "NewsArticle")) in graph
    assert (None, rdflib.RDF.type, rdflib.URIRef(KG + "Company")) not in graph


def test_turtle_uses_prefixes_and_valid_for_rapper(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    write_graph(sample_graph(), path)
    text = path.read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/kgnews/ontology#> ." in text
    assert "_:" not in text
    assert "深圳市云帆科技有限公司" in text  # readable Chinese, not percent-encoded
    if shutil.which("rapper") is None:
        pytest.skip("rapper (raptor2-utils) not installed")
    out = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


# ---------------------------------------------------------------- determinism


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_deterministic_bytes(tmp_path: Path, fmt: str) -> None:
    ext = EXT[fmt]
    write_graph(sample_graph(), tmp_path / f"a.{ext}")
    write_graph(sample_graph(), tmp_path / f"b.{ext}")
    write_graph(sample_graph(shuffle_seed=7), tmp_path / f"c.{ext}")
    a = (tmp_path / f"a.{ext}").read_bytes()
    assert a == (tmp_path / f"b.{ext}").read_bytes() == (tmp_path / f"c.{ext}").read_bytes()


def test_deterministic_across_hash_seeds(tmp_path: Path) -> None:
    tests_dir = Path(__file__).resolve().parent
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]);"
        "from graphdata_sample import sample_graph; from kg.graph import write_graph;"
        "write_graph(sample_graph(), Path(sys.argv[1]))"
    )
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"s{seed}.ttl"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", code, str(out), str(tests_dir)], check=True, env=env)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_different_input_gives_different_output(tmp_path: Path) -> None:
    data = sample_graph()
    write_graph(data, tmp_path / "a.ttl")
    data.entities["company/北京星河数据有限公司"].aliases.add("星河数据")
    write_graph(data, tmp_path / "b.ttl")
    assert (tmp_path / "a.ttl").read_bytes() != (tmp_path / "b.ttl").read_bytes()


# ---------------------------------------------------------------- atomic writes


def test_write_replaces_atomically_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "g.ttl"
    write_graph(sample_graph(), path)
    path.write_text("old", encoding="utf-8")
    write_graph(sample_graph(), path)
    assert path.read_text(encoding="utf-8").startswith("@prefix")
    assert sorted(p.name for p in path.parent.iterdir()) == ["g.ttl"]


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text("old", encoding="utf-8")
    bad = GraphData([], {"company/x": Entity("company/x", "Company", "x")}, {}, [Relation("company/x", "bad predicate", "company/y")])
    with pytest.raises(ValueError):
        write_graph(bad, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.ttl"]
    with pytest.raises(ValueError):
        write_graph(sample_graph(), tmp_path / "g.yaml")
    assert not (tmp_path / "g.yaml").exists()


# ---------------------------------------------------------------- rdfio


def test_union_of_named_graphs_is_a_set(tmp_path: Path) -> None:
    path = tmp_path / "g.trig"
    write_graph(sample_graph(), path)
    store = load_store(path)
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s <%slocatedIn> ?o }" % KG
    assert int(next(iter(store.query(q)))["n"].value) == 5
    # without the merge pyoxigraph's own union would count the repeated triple twice
    raw = ox.Store()
    raw.bulk_load(path=str(path))
    assert int(next(iter(raw.query(q, use_default_graph_as_union=True)))["n"].value) == 6
    g = load_rdflib(path)
    assert int(next(iter(g.query(q)))[0]) == 5


@pytest.mark.parametrize(
    "name, content, line",
    [
        ("bad.ttl", '@prefix ex: <http://x/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', 3),
        ("bad.nt", "<http://x/a> <http://x/b> <http://x/c> .\n<http://x/a> <http://x/b> .\n", 2),
        ("bad.trig", "<http://g> {\n <http://x/a> <http://x/b> }\n", 2),
        ("bad.jsonld", '[{"@id": "http://x/a",\n "http://x/b": [}]\n', 2),
    ],
)
def test_parse_errors_name_file_and_line(tmp_path: Path, name: str, content: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    for loader in (load_store, load_rdflib):
        with pytest.raises(GraphLoadError) as err:
            loader(path)
        assert err.value.path == path
        assert err.value.line == line
        assert str(err.value).startswith(f"{path}:{line}: ")
        assert "\n" not in str(err.value)


def test_missing_and_unknown_files(tmp_path: Path) -> None:
    with pytest.raises(GraphLoadError, match="no such file"):
        load_store(tmp_path / "missing.ttl")
    (tmp_path / "g.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(GraphLoadError, match="unknown graph format"):
        load_rdflib(tmp_path / "g.csv")


def test_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.nt"
    path.write_text("<http://x/a> <http://x/b> <http://x/c> .\n", encoding="utf-8")
    assert len(load_store(path)) == 1
    assert len(load_rdflib(path)) == 1
