"""`kg build` end to end: golden counts on the bundled examples, determinism, bad input, dev floor."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import rdflib

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
KG = rdflib.Namespace("https://w3id.org/kgnews/ontology#")
SCHEMA = rdflib.Namespace("https://schema.org/")


@pytest.fixture(scope="module")
def example_graph(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, rdflib.Graph]:
    out = tmp_path_factory.mktemp("ex") / "graph.ttl"
    assert main(["build", str(EXAMPLES), "--out", str(out), "-q"]) == 0
    g = rdflib.Graph()
    g.parse(out, format="turtle")
    return out, g


# Golden counts of the graph built from examples/ (GraphRAG-style): the output is
# deterministic, so any change to these numbers is a change in what kg extracts and must be
# looked at and updated on purpose.
GOLDEN_CLASSES = {
    "NewsArticle": 7, "Company": 12, "Person": 12, "City": 8, "Province": 6, "Project": 5,
    "University": 4, "Country": 2, "Document": 2, "GovernmentAgency": 2, "ResearchInstitute": 2,
    "Zone": 5, "County": 1, "Event": 1,
}
GOLDEN_PREDICATES = {
    "locatedIn": 18, "partOf": 20, "cooperatesWith": 3, "develops": 5, "undertakes": 1,
    "invests": 3, "publishes": 2, "affiliatedWith": 7,
}
GOLDEN_TRIPLES = 1120


def test_examples_golden_counts(example_graph: tuple[Path, rdflib.Graph]) -> None:
    _, g = example_graph
    classes = Counter(str(o).split("#")[-1] for s, o in g.subject_objects(rdflib.RDF.type) if str(o).startswith(str(KG)))
    for cls, n in GOLDEN_CLASSES.items():
        assert classes[cls] == n, (cls, classes[cls])
    preds = Counter(str(p).split("#")[-1] for s, p, o in g if str(p).startswith(str(KG)))
    for p, n in GOLDEN_PREDICATES.items():
        assert preds[p] == n, (p, preds[p])
    assert len(g) == GOLDEN_TRIPLES


def test_examples_cover_every_class_and_relation(example_graph: tuple[Path, rdflib.Graph]) -> None:
    _, g = example_graph
    from kg.ns import PREDICATES, TOP_CLASSES, top_class

    classes = {top_class(str(o).split("#")[-1]) for o in g.objects(None, rdflib.RDF.type) if str(o).startswith(str(KG))}
    assert set(TOP_CLASSES) <= classes
    for p in PREDICATES:
        assert (None, KG[p], None) in g, p


def test_examples_facts_with_evidence(example_graph: tuple[Path, rdflib.Graph]) -> None:
    """A relation the text states is a direct triple and its sentence is reachable by SPARQL."""
    _, g = example_graph
    rows = list(g.query("""
        PREFIX kg: <https://w3id.org/kgnews/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?text ?id WHERE {
          ?s rdfs:label "中铁十八局集团有限公司"@zh . ?o rdfs:label "成都地铁30号线二期工程"@zh .
          ?s kg:undertakes ?o .
          ?st rdf:subject ?s ; rdf:predicate kg:undertakes ; rdf:object ?o ; prov:wasDerivedFrom ?sent .
          ?sent kg:text ?text ; dcterms:isPartOf ?a . ?a dcterms:identifier ?id .
        }"""))
    assert rows and "承建" in str(rows[0][0]) and str(rows[0][1]) == "03-metro.txt"


def test_article_nodes_mention_their_entities(example_graph: tuple[Path, rdflib.Graph]) -> None:
    _, g = example_graph
    arts = {str(g.value(a, rdflib.URIRef("http://purl.org/dc/terms/identifier"))): a
            for a in g.subjects(rdflib.RDF.type, KG.NewsArticle)}
    assert set(arts) >= {"news-2025-0301", "01-robot-partnership.txt", "05-summit.md"}
    a = arts["news-2025-0301"]
    assert str(g.value(a, rdflib.URIRef("http://purl.org/dc/terms/title"))) == "星河资本领投光子芯片企业"
    labels = {str(g.value(e, rdflib.RDFS.label)) for e in g.objects(a, SCHEMA.mentions)}
    assert {"星河资本", "苏州光量子芯片技术有限公司", "李文博"} <= labels


def test_build_is_byte_identical(tmp_path: Path) -> None:
    outs = []
    for i in range(2):
        out = tmp_path / f"g{i}.ttl"
        assert main(["build", str(EXAMPLES), "--out", str(out), "--format", "trig", "--no-html", "-q"]) == 0
        outs.append(out)
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert outs[0].with_suffix(".trig").read_bytes() == outs[1].with_suffix(".trig").read_bytes()


def test_build_is_identical_in_a_fresh_process(tmp_path: Path, example_graph: tuple[Path, rdflib.Graph]) -> None:
    """Hash seeds differ between processes: output must not depend on them."""
    out = tmp_path / "g.ttl"
    subprocess.run([sys.executable, "-m", "kg", "build", str(EXAMPLES), "--out", str(out), "--no-html", "-q"],
                   check=True, env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"})
    assert out.read_bytes() == example_graph[0].read_bytes()


def test_bad_inputs_are_reported_and_the_rest_is_built(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text("合肥量子云科技有限公司与中国科学技术大学签署合作协议。", encoding="utf-8")
    (corpus / "gbk.txt").write_bytes("杭州市科技局发布通知。".encode("gb18030"))
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "bad.jsonl").write_text('{"id": "a", "text": "华为发布新品。"}\n{not json\n', encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(corpus), "--out", str(out), "--no-html"]) == 0
    err = capsys.readouterr().err
    assert "empty.txt" in err and "bad.jsonl:2" in err
    assert "3 documents read, 2 skipped" in err
    g = rdflib.Graph().parse(out)
    labels = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
    assert {"合肥量子云科技有限公司", "杭州市科技局", "华为技术有限公司"} <= labels
    assert main(["build", str(corpus), "--out", str(out), "--no-html", "--strict", "-q"]) == 1


def test_every_output_format(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    args = ["build", str(EXAMPLES / "03-metro.txt"), "--out", str(out), "--no-html", "-q"]
    for fmt in ("ntriples", "jsonld", "xml", "trig", "nquads"):
        args += ["--format", fmt]
    assert main(args) == 0
    n = len(rdflib.Graph().parse(out))
    for ext, fmt in ((".nt", "nt"), (".jsonld", "json-ld"), (".rdf", "xml")):
        assert len(rdflib.Graph().parse(out.with_suffix(ext), format=fmt)) == n
    ds = rdflib.Dataset()
    ds.parse(out.with_suffix(".trig"), format="trig")
    assert len({c for c in ds.graphs()}) > 1  # one named graph per article besides the default


def test_user_dictionary(tmp_path: Path) -> None:
    d = tmp_path / "mine.tsv"
    d.write_text("星火测试仪器研究所\tResearchInstitute\t星火所\t西安\t\t\n", encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text("星火所今年发布了三款新仪器。", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(src), "--out", str(out), "--dict", str(d), "--no-html", "-q"]) == 0
    labels = {str(o) for o in rdflib.Graph().parse(out).objects(None, rdflib.RDFS.label)}
    assert "星火测试仪器研究所" in labels
    assert main(["build", str(src), "--out", str(out), "--dict", str(tmp_path / "missing.tsv"), "-q"]) == 2


@pytest.mark.skipif(not (SHARED / "corpus" / "dev").is_dir(), reason="../shared corpus not present")
def test_dev_corpus_floor() -> None:
    """Issue 2's floor on the real dev corpus, each document built alone and scored with its gold."""
    from kg.evaluate import Scores, score_corpus

    per_doc, ok = score_corpus(SHARED / "corpus" / "dev", SHARED / "eval" / "gold")
    assert ok and len(per_doc) == 6
    total = Scores.total(per_doc)
    assert total.core_entities.f1 >= 0.90
    assert total.core_relations.f1 >= 0.70
    assert total.extended_entities.f1 >= 0.85


def test_mentions_first_or_all(tmp_path: Path, example_graph: tuple[Path, rdflib.Graph]) -> None:
    """By default one kg:Mention per entity and article (where it is first named); --mentions all
    records every place, with the same entities and relations."""
    _, first = example_graph
    out = tmp_path / "all.ttl"
    assert main(["build", str(EXAMPLES), "--out", str(out), "--mentions", "all", "--no-html", "-q"]) == 0
    every = rdflib.Graph().parse(out)
    count = lambda g: len(set(g.subjects(rdflib.RDF.type, KG.Mention)))  # noqa: E731
    assert count(every) > count(first)
    pairs = {(str(a), str(e)) for m in first.subjects(rdflib.RDF.type, KG.Mention)
             for e in first.objects(m, KG.denotes) for s in first.objects(m, KG.inSentence)
             for a in first.objects(s, rdflib.URIRef("http://purl.org/dc/terms/isPartOf"))}
    assert len(pairs) == count(first)  # one per (article, entity)
    rel = lambda g: {t for t in g if str(t[1]).split("#")[-1] in GOLDEN_PREDICATES}  # noqa: E731
    assert rel(first) == rel(every)


def test_nothing_to_read_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.ttl"
    assert main(["build", str(tmp_path / "missing"), "--out", str(out)]) == 1
    assert not out.exists()
    assert "no documents read" in capsys.readouterr().err
