"""Tests of kg eval: the scoring rules of ../shared/eval/FORMAT.md on hand-made graphs."""
from __future__ import annotations

import argparse
import json
import sys
import types
from pathlib import Path

import pytest
from rdflib import Graph

from kg import evaluate
from kg.evaluate import (
    Counts,
    EvalError,
    find_sentence,
    gold_graph,
    load_gold,
    norm_name,
    parse_gold,
    score,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"

PREFIXES = """
@prefix kg: <https://w3id.org/kgnews/ontology#> .
@prefix kgr: <https://w3id.org/kgnews/resource/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix ex: <http://example.org/> .
"""


def ttl(body: str) -> Graph:
    g = Graph()
    g.parse(data=PREFIXES + body, format="turtle")
    return g


def article(*keys: str, doc: str = "t.txt") -> str:
    """An article node mentioning the given kgr: local names."""
    mentions = " , ".join(f"kgr:{k}" for k in keys)
    return f'kgr:article\\/{doc} a kg:NewsArticle ; dcterms:identifier "{doc}" ; schema:mentions {mentions} .\n'


def ent(key: str, cls: str, label: str, *aliases: str) -> str:
    alt = "".join(f' ; skos:altLabel "{a}"@zh' for a in aliases)
    return f'kgr:{key} a {cls} ; rdfs:label "{label}"@zh{alt} .\n'


def gold(entities=(), optional=(), relations=(), optional_relations=(), doc="t.txt") -> dict:
    def e(t):
        typ, name, *aliases = t
        return {"type": typ, "name": name, "aliases": list(aliases)}

    return {
        "doc": doc,
        "entities": [e(t) for t in entities],
        "optional_entities": [e(t) for t in optional],
        "relations": [list(r) for r in relations],
        "optional_relations": [list(r) for r in optional_relations],
    }


# ---------------------------------------------------------------- entities


def test_tp_fp_fn_per_type() -> None:
    g = ttl(
        article("a", "x", "r")
        + ent("a", "kg:Company", "青禾电子有限公司")
        + ent("x", "kg:Company", "全省布局")
        + ent("r", "kg:Region", "江城")
    )
    s = score(g, gold([("Company", "青禾电子有限公司"), ("Company", "远帆机器人公司"), ("Region", "江城")]))
    assert (s.entities["Company"].tp, s.entities["Company"].fp, s.entities["Company"].fn) == (1, 1, 1)
    assert (s.entities["Region"].tp, s.entities["Region"].fp, s.entities["Region"].fn) == (1, 0, 0)
    assert s.entities["Company"].precision == 0.5 and s.entities["Company"].recall == 0.5
    assert s.core_entities.tp == 2 and s.core_entities.fp == 1 and s.core_entities.fn == 1
    assert [e.name for e in s.fp_entities] == ["全省布局"]
    assert s.fp_entities[0].reason == "no gold entity"
    assert [e.name for e in s.fn_entities] == ["远帆机器人公司"]
    assert s.fn_entities[0].reason == "not found"


def test_alias_matches_but_a_near_name_does_not() -> None:
    g = ttl(article("a", "b") + ent("a", "kg:Company", "青禾") + ent("b", "kg:Company", "远帆科技"))
    s = score(g, gold([("Company", "青禾电子有限公司", "青禾"), ("Company", "远帆机器人有限公司", "远帆")]))
    assert s.entities["Company"].tp == 1
    assert [e.name for e in s.fp_entities] == ["远帆科技"]
    assert [e.name for e in s.fn_entities] == ["远帆机器人有限公司"]


def test_graph_alt_label_matches_gold_name() -> None:
    g = ttl(article("a") + ent("a", "kg:Company", "青禾公司", "青禾电子有限公司"))
    s = score(g, gold([("Company", "青禾电子有限公司")]))
    assert s.entities["Company"].tp == 1 and s.entities["Company"].fp == 0


def test_nfkc_spaces_and_quotes_are_ignored() -> None:
    assert norm_name("“星河”杯 创新大赛") == "星河杯创新大赛"
    assert norm_name("《智能制造白皮书》") == "智能制造白皮书"
    assert norm_name("ＡＢＣ\u3000平台") == "ABC平台"
    g = ttl(
        article("e", "d", "p", "w")
        + ent("e", "kg:Event", "“星河”杯创新大赛")
        + ent("d", "kg:Document", "《智能制造白皮书》")
        + ent("p", "kg:Project", "ＡＢＣ平台")
        + ent("w", "kg:Person", "王\u3000明")
    )
    s = score(
        g,
        gold([("Event", "星河杯创新大赛"), ("Document", "智能制造白皮书"), ("Project", "ABC平台"), ("Person", "王明")]),
    )
    assert s.extended_entities.tp == 3 and s.entities["Project"].tp == 1
    assert s.extended_entities.fp == 0 and s.core_entities.fp == 0
    # case is not folded, and other characters still count
    s2 = score(ttl(article("p") + ent("p", "kg:Project", "abc平台")), gold([("Project", "ABC平台")]))
    assert s2.entities["Project"].tp == 0 and s2.entities["Project"].fp == 1


def test_subclass_counts_as_its_top_class() -> None:
    g = ttl(
        article("u", "s", "c")
        + ent("u", "kg:University", "东湖理工大学")
        + ent("s", "ex:Startup", "青禾电子有限公司")
        + "ex:Startup rdfs:subClassOf ex:SmallFirm . ex:SmallFirm rdfs:subClassOf kg:Company .\n"
        + ent("c", "kg:City", "江城")
    )
    s = score(g, gold([("Institution", "东湖理工大学"), ("Company", "青禾电子有限公司"), ("Region", "江城")]))
    assert s.core_entities.tp == 3 and s.core_entities.fp == 0


def test_wrong_type_is_fp_and_fn() -> None:
    g = ttl(article("u") + ent("u", "kg:University", "东湖理工大学"))
    s = score(g, gold([("Company", "东湖理工大学")]))
    assert s.entities["Institution"].fp == 1 and s.entities["Company"].fn == 1
    assert s.fp_entities[0].reason.startswith("gold type is Company")
    assert s.fn_entities[0].reason == "graph has it as Institution"


def test_unknown_class_is_not_scored() -> None:
    g = ttl(article("z") + ent("z", "ex:Gadget", "青禾电子有限公司"))
    s = score(g, gold([("Company", "青禾电子有限公司")]))
    assert s.core_entities.fp == 0 and s.entities["Company"].fn == 1


def test_second_node_for_a_gold_entity_is_fp() -> None:
    g = ttl(
        article("a1", "a2")
        + ent("a1", "kg:Company", "青禾电子有限公司")
        + ent("a2", "kg:Company", "青禾")
    )
    s = score(g, gold([("Company", "青禾电子有限公司", "青禾")]))
    assert (s.entities["Company"].tp, s.entities["Company"].fp, s.entities["Company"].fn) == (1, 1, 0)
    # the node carrying the canonical name is the one counted as the true positive
    assert s.fp_entities[0].name == "青禾" and "second node" in s.fp_entities[0].reason


def test_assignment_maximises_true_positives() -> None:
    # kgr:a1 merges two companies; a greedy match would give it 甲 and leave 乙 unmatched
    g = ttl(
        article("a1", "a2")
        + ent("a1", "kg:Company", "甲星电子有限公司", "乙岭")
        + ent("a2", "kg:Company", "甲星电子有限公司")
    )
    s = score(g, gold([("Company", "甲星电子有限公司"), ("Company", "乙岭科技有限公司", "乙岭")]))
    assert (s.entities["Company"].tp, s.entities["Company"].fp, s.entities["Company"].fn) == (2, 0, 0)


def test_optional_entities_are_ignored_only_with_the_same_type() -> None:
    g = ttl(article("o", "q") + ent("o", "kg:Institution", "东湖大学") + ent("q", "kg:Region", "临川"))
    s = score(g, gold(optional=[("Institution", "东湖大学"), ("Company", "临川")]))
    assert s.entities["Institution"].fp == 0 and s.entities["Institution"].tp == 0
    assert s.entities["Region"].fp == 1  # 临川 is optional only as a Company
    assert s.core_entities.fn == 0


def test_unmentioned_context_nodes_are_not_scored() -> None:
    g = ttl(
        article("c")
        + ent("c", "kg:City", "江城")
        + ent("p", "kg:Province", "江南省")  # hierarchy context, no article mentions it
        + "kgr:c kg:partOf kgr:p .\n"
    )
    s = score(g, gold([("Region", "江城"), ("Region", "江南省")]))
    assert s.entities["Region"].tp == 1 and s.entities["Region"].fp == 0 and s.entities["Region"].fn == 1
    assert s.fn_entities[0].reason == "in graph but not mentioned by the article"
    assert s.core_relations.fp == 0  # partOf to an unscored node is ignored


def test_only_the_gold_documents_article_counts() -> None:
    g = ttl(
        article("a", doc="one.txt")
        + article("b", doc="two.txt")
        + ent("a", "kg:Company", "青禾电子有限公司")
        + ent("b", "kg:Company", "远帆机器人有限公司")
    )
    s = score(g, gold([("Company", "青禾电子有限公司")], doc="corpus/one.txt"))
    assert s.entities["Company"].fp == 0 and s.entities["Company"].tp == 1
    s_all = score(g, gold([("Company", "青禾电子有限公司")], doc="three.txt"))
    assert s_all.entities["Company"].fp == 1  # no article names the doc: every article counts


def test_relation_stated_only_in_another_article_is_left_out() -> None:
    body = (
        article("a", "p", doc="one.txt")
        + article("a", "p", doc="two.txt")
        + ent("a", "kg:Company", "青禾电子有限公司")
        + ent("p", "kg:Project", "天枢平台")
        + "kgr:a kg:develops kgr:p .\n"
        + "kgr:st a rdf:Statement ; rdf:subject kgr:a ; rdf:predicate kg:develops ; rdf:object kgr:p ;"
        + " prov:wasDerivedFrom kgr:s2 .\n"
        + "kgr:s2 a kg:Sentence ; kg:text \"青禾电子有限公司研发天枢平台。\" ; dcterms:isPartOf kgr:article\\/two.txt .\n"
    )
    ents = [("Company", "青禾电子有限公司"), ("Project", "天枢平台")]
    assert score(ttl(body), gold(ents, doc="one.txt")).relations["develops"].fp == 0
    assert score(ttl(body), gold(ents, doc="two.txt")).relations["develops"].fp == 1


# ---------------------------------------------------------------- relations

FOUR = (
    article("a", "b", "p", "r")
    + ent("a", "kg:Company", "青禾电子有限公司", "青禾")
    + ent("b", "kg:University", "东湖理工大学")
    + ent("p", "kg:Project", "天枢平台")
    + ent("r", "kg:City", "江城")
)
FOUR_GOLD = [
    ("Company", "青禾电子有限公司", "青禾"),
    ("Institution", "东湖理工大学"),
    ("Project", "天枢平台"),
    ("Region", "江城"),
]


def test_cooperates_with_is_undirected() -> None:
    g = ttl(FOUR + "kgr:b kg:cooperatesWith kgr:a .\n")
    s = score(g, gold(FOUR_GOLD, relations=[("青禾", "cooperatesWith", "东湖理工大学")]))
    assert (s.relations["cooperatesWith"].tp, s.relations["cooperatesWith"].fp, s.relations["cooperatesWith"].fn) == (1, 0, 0)


def test_other_predicates_keep_direction() -> None:
    g = ttl(FOUR + "kgr:r kg:locatedIn kgr:a .\n")
    s = score(g, gold(FOUR_GOLD, relations=[("青禾电子有限公司", "locatedIn", "江城")]))
    c = s.relations["locatedIn"]
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)
    assert s.fp_relations[0].reason == "gold has locatedIn the other way round"
    assert s.fn_relations[0].reason == "graph has locatedIn the other way round"


def test_relations_tp_fp_fn_and_names() -> None:
    g = ttl(FOUR + "kgr:a kg:develops kgr:p .\nkgr:b kg:develops kgr:p .\n")
    s = score(
        g,
        gold(FOUR_GOLD, relations=[("青禾", "develops", "天枢平台"), ("东湖理工大学", "invests", "青禾")]),
    )
    assert s.relations["develops"].tp == 1 and s.relations["develops"].fp == 1
    assert s.relations["invests"].fn == 1
    assert s.core_relations.precision == 0.5 and s.core_relations.recall == 0.5
    fp = s.fp_relations[0]
    assert (fp.subject, fp.predicate, fp.object, fp.reason) == ("东湖理工大学", "develops", "天枢平台", "not in gold")
    fn = s.fn_relations[0]
    assert (fn.subject, fn.object) == ("东湖理工大学", "青禾电子有限公司")


def test_optional_relations_are_ignored() -> None:
    g = ttl(FOUR + "kgr:b kg:locatedIn kgr:r .\n")
    s = score(g, gold(FOUR_GOLD, optional_relations=[("东湖理工大学", "locatedIn", "江城")]))
    assert s.core_relations.fp == 0 and s.core_relations.tp == 0
    s2 = score(g, gold(FOUR_GOLD))
    assert s2.core_relations.fp == 1


def test_relation_ends_outside_the_scored_entities() -> None:
    g = ttl(
        FOUR
        + ent("z", "kg:Province", "江南省")  # context node: not mentioned
        + "kgr:a kg:locatedIn kgr:z .\n"
        + article("a", "b", "p", "r", "x")
        + ent("x", "kg:Company", "全省布局")  # mentioned but matches no gold entity
        + "kgr:x kg:invests kgr:p .\n"
    )
    s = score(g, gold(FOUR_GOLD, relations=[("青禾", "locatedIn", "江南省")]))
    # the triple to the unmentioned node is neither TP nor FP; the gold relation is missed
    assert (s.relations["locatedIn"].tp, s.relations["locatedIn"].fp, s.relations["locatedIn"].fn) == (0, 0, 1)
    assert s.fn_relations[0].reason == "not matched in graph: 江南省"
    # a triple from a false-positive entity is a false positive
    assert s.relations["invests"].fp == 1
    assert s.fp_relations[0].reason == "not a gold entity: 全省布局"


def test_region_hierarchy_is_not_scored() -> None:
    g = ttl(
        article("c", "p", "a")
        + ent("c", "kg:City", "江城")
        + ent("p", "kg:Province", "江南省")
        + ent("a", "kg:Company", "青禾电子有限公司")
        + "kgr:c kg:partOf kgr:p . kgr:c kg:locatedIn kgr:p . kgr:a kg:partOf kgr:p .\n"
    )
    data = gold(
        [("Region", "江城"), ("Region", "江南省"), ("Company", "青禾电子有限公司")],
        relations=[("江城", "partOf", "江南省")],
    )
    s = score(g, data)
    assert s.relations["locatedIn"].fp == 0 and s.relations["partOf"].tp == 0
    assert s.relations["partOf"].fn == 0  # not scored in the gold either
    assert s.relations["partOf"].fp == 1  # a company partOf a region is scored (and wrong)


def test_relation_to_an_optional_entity_needs_an_optional_relation() -> None:
    g = ttl(FOUR + article("a", "b", "p", "r", "o") + ent("o", "kg:City", "临川") + "kgr:a kg:locatedIn kgr:o .\n")
    base = gold(FOUR_GOLD, optional=[("Region", "临川")])
    assert score(g, base).relations["locatedIn"].fp == 1
    base["optional_relations"] = [["青禾电子有限公司", "locatedIn", "临川"]]
    s = score(g, base)
    assert s.relations["locatedIn"].fp == 0 and s.entities["Region"].fp == 0


def test_duplicate_nodes_give_one_relation() -> None:
    g = ttl(
        FOUR
        + article("a", "b", "p", "r", "a2")
        + ent("a2", "kg:Company", "青禾")
        + "kgr:a kg:develops kgr:p .\nkgr:a2 kg:develops kgr:p .\n"
    )
    s = score(g, gold(FOUR_GOLD, relations=[("青禾", "develops", "天枢平台")]))
    assert (s.relations["develops"].tp, s.relations["develops"].fp) == (1, 0)
    assert s.entities["Company"].fp == 1


# ---------------------------------------------------------------- totals


def test_perfect_score_and_undefined_ratios() -> None:
    data = gold(FOUR_GOLD + [("Person", "王明")], relations=[("青禾", "develops", "天枢平台"), ("王明", "affiliatedWith", "东湖理工大学")])
    s = score(gold_graph(data), data)
    for c in (s.core_entities, s.extended_entities, s.core_relations, s.extended_relations):
        assert c.precision == c.recall == c.f1 == 1.0
    assert s.entities["Document"].f1 is None  # nothing expected, nothing found
    assert Counts(0, 0, 3).precision is None and Counts(0, 0, 3).f1 == 0.0
    assert Counts(2, 1, 1).f1 == pytest.approx(2 / 3)


def test_gold_validation_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="g.json: entities\\[0\\]: type 'Firm'"):
        parse_gold({"entities": [{"type": "Firm", "name": "x"}]}, "g.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"entities": [\n  oops]}', encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad.json:2: not valid JSON"):
        load_gold(bad)
    assert parse_gold(gold(FOUR_GOLD)).entities[0].names == frozenset({"青禾电子有限公司", "青禾"})


def test_find_sentence_across_spaces_and_column_breaks() -> None:
    text = "第一句没有。记者 王 明报道，青禾电子\n\n有限公司发布新品。最后一句。"
    assert find_sentence(text, ["王明"]) == "记者 王 明报道，青禾电子"
    assert find_sentence(text, ["青禾电子有限公司"]) == "记者 王 明报道，青禾电子 有限公司发布新品。"
    assert find_sentence(text, ["远帆"]) is None


# ---------------------------------------------------------------- command line


def main(argv: list[str]) -> int:
    """`kg ARGV` with only this subcommand registered (as kg.cli does), so that the test
    does not depend on the other subcommand modules importing cleanly."""
    parser = argparse.ArgumentParser(prog="kg")
    evaluate.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.func(args))


EVIDENCE = (
    FOUR
    + article("a", "b", "p", "r", "x")
    + ent("x", "kg:Company", "全省布局")
    + "kgr:a kg:develops kgr:p . kgr:b kg:develops kgr:p .\n"
    + 'kgr:s1 a kg:Sentence ; kg:text "东湖理工大学研发了天枢平台。" ; kg:startOffset 0 ; dcterms:isPartOf kgr:article\\/t.txt .\n'
    + 'kgr:s2 a kg:Sentence ; kg:text "要做好全省布局。" ; kg:startOffset 20 ; dcterms:isPartOf kgr:article\\/t.txt .\n'
    + "kgr:m1 a kg:Mention ; kg:denotes kgr:x ; kg:inSentence kgr:s2 .\n"
    + "kgr:st a rdf:Statement ; rdf:subject kgr:b ; rdf:predicate kg:develops ; rdf:object kgr:p ; prov:wasDerivedFrom kgr:s1 .\n"
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    graph = tmp_path / "g.ttl"
    graph.write_text(PREFIXES + EVIDENCE, encoding="utf-8")
    gpath = tmp_path / "t.json"
    data = gold(FOUR_GOLD + [("Person", "王明")], relations=[("青禾", "develops", "天枢平台")])
    gpath.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return graph, gpath


def test_cli_table(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    graph, gpath = files
    assert main(["eval", str(graph), str(gpath)]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0] + (" " + line.split()[1] if line.startswith(("core", "extended")) else ""): line for line in out.splitlines() if line.strip()}
    assert lines["Company"].split()[1:] == ["0.500", "1.000", "0.667", "1", "1", "0"]
    assert lines["Person"].split()[1:] == ["-", "0.000", "0.000", "0", "0", "1"]
    assert "core (micro)" in out and "extended (micro)" in out
    assert lines["develops"].split()[1:] == ["0.500", "1.000", "0.667", "1", "1", "0"]
    assert "FP" not in out  # errors only with --errors


def test_cli_errors_show_sentences(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    graph, gpath = files
    assert main(["eval", str(graph), str(gpath), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "FP Company     全省布局  (no gold entity)\n       | 要做好全省布局。" in out
    assert "FP 东湖理工大学 --develops--> 天枢平台  (not in gold)\n       | 东湖理工大学研发了天枢平台。" in out
    assert "FN Person      王明  (not found)" in out


def test_cli_json(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    graph, gpath = files
    assert main(["eval", str(graph), str(gpath), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["entities"]["Company"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "tp": 1, "fp": 1, "fn": 0}
    assert data["entities_micro"]["core"]["tp"] == 4 and data["entities_micro"]["extended"]["fn"] == 1
    assert data["relations_micro"]["core"]["fp"] == 1
    assert "errors" not in data
    assert main(["eval", str(graph), str(gpath), "--json", "--errors"]) == 0
    errs = json.loads(capsys.readouterr().out)["errors"]
    assert [e["name"] for e in errs["fn_entities"]] == ["王明"]


def test_cli_user_errors(files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph, gpath = files
    assert main(["eval", str(tmp_path / "none.ttl"), str(gpath)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "none.ttl: no such graph file" in err
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix kg: <x#> .\nkg:a kg:b .\n", encoding="utf-8")
    assert main(["eval", str(broken), str(gpath)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kg eval: {broken}") and err.count("\n") == 1
    assert main(["eval", str(graph)]) == 1
    assert "need GRAPH and GOLD.json" in capsys.readouterr().err
    assert main(["eval", str(graph), str(gpath), "--corpus", str(tmp_path)]) == 1
    assert "either" in capsys.readouterr().err


def test_cli_corpus_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    texts, golds = tmp_path / "texts", tmp_path / "gold"
    (texts / "sub").mkdir(parents=True)
    golds.mkdir()
    (texts / "a.txt").write_text("青禾电子有限公司研发天枢平台。", encoding="utf-8")
    (texts / "sub" / "b.txt").write_text("开头一句。东湖理工大学位于江城。", encoding="utf-8")
    ga = gold([("Company", "青禾电子有限公司"), ("Project", "天枢平台")], relations=[("青禾电子有限公司", "develops", "天枢平台")], doc="a.txt")
    gb = gold([("Institution", "东湖理工大学"), ("Region", "江城")], relations=[("东湖理工大学", "locatedIn", "江城")], doc="b.txt")
    (golds / "a.json").write_text(json.dumps(ga, ensure_ascii=False), encoding="utf-8")
    (golds / "b.json").write_text(json.dumps(gb, ensure_ascii=False), encoding="utf-8")
    built: list[list[Path]] = []

    def build_graph(paths: list[Path]) -> Graph:
        """A stand-in builder: perfect on a.txt, misses 江城 and the relation on b.txt."""
        built.append(list(paths))
        if paths[0].name == "a.txt":
            return gold_graph(ga)
        return gold_graph(gold([("Institution", "东湖理工大学")], doc="b.txt"))

    fake = types.ModuleType("kg.build")
    fake.build_graph = build_graph  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kg.build", fake)
    assert main(["eval", "--corpus", str(texts), "--gold", str(golds), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p[0].name for p in built] == ["a.txt", "b.txt"]  # each document built alone
    assert [d["doc"] for d in data["documents"]] == ["a.txt", "b.txt"]
    assert data["documents"][0]["entities_micro"]["core"]["f1"] == 1.0
    assert data["micro"]["entities_micro"]["core"] == {"precision": 1.0, "recall": 0.75, "f1": 0.8571, "tp": 3, "fp": 0, "fn": 1}
    assert data["micro"]["relations_micro"]["core"]["tp"] == 1 and data["micro"]["relations_micro"]["core"]["fn"] == 1
    assert data["micro"]["documents"] == 2
    assert main(["eval", "--corpus", str(texts), "--gold", str(golds), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "micro over 2 documents" in out
    assert "FN Region      江城  (not found)\n       | 东湖理工大学位于江城。" in out
    assert "FN 东湖理工大学 --locatedIn--> 江城  (not matched in graph: 江城)\n       | 东湖理工大学位于江城。" in out
    # a gold file whose document is missing: warned, scored as empty, non-zero exit
    (golds / "c.json").write_text(json.dumps(gold([("Region", "江城")], doc="c.txt")), encoding="utf-8")
    assert main(["eval", "--corpus", str(texts), "--gold", str(golds)]) == 1
    captured = capsys.readouterr()
    assert "c.json: document c.txt not found" in captured.err
    assert "micro over 3 documents" in captured.out


# ---------------------------------------------------------------- real gold files


def test_gold_built_graph_scores_one_on_the_real_gold_files() -> None:
    gold_dir = SHARED / "eval" / "gold"
    if not gold_dir.is_dir():
        pytest.skip("../shared/eval/gold is absent")
    files = sorted(gold_dir.glob("*.json"))
    assert files
    for path in files:
        data = load_gold(path)
        s = score(gold_graph(data), data)
        for c in [*s.entities.values(), *s.relations.values()]:
            assert c.f1 in (None, 1.0), path.name
        assert s.core_entities.f1 == 1.0 and s.core_relations.f1 == 1.0, path.name
        assert s.core_entities.tp + s.extended_entities.tp == len(data["entities"])
        assert not (s.fp_entities or s.fn_entities or s.fp_relations or s.fn_relations)
        # the same graph without the optional entities and relations is still perfect
        assert score(gold_graph(data, optional=False), data).core_relations.f1 == 1.0
