"""kg query: named queries, bindings, output formats, errors, pyoxigraph == rdflib."""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graphdata_sample import sample_graph
from kg import ns
from kg.graph import write_graph
from kg.query import (
    Page,
    QueryError,
    QuerySyntaxError,
    bind_term,
    display_width,
    execute,
    format_table,
    mask,
    named_queries,
    paged,
    prepare,
    prepare_named,
    register,
    truncate,
)
from kg.rdfio import load_rdflib, load_store

KG, KGR = ns.KG_NS, ns.KGR_NS
BINDS = {"entity": {"name": "云帆科技"}, "orgs-in-region": {"region": "广东"}, "search": {"text": "科技"}}


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("graphs")
    out = {}
    for ext in ("ttl", "trig"):
        out[ext] = folder / f"g.{ext}"
        write_graph(sample_graph(), out[ext])
    return out


@pytest.fixture(scope="module")
def store(graphs: dict[str, Path]) -> ox.Store:
    return load_store(graphs["ttl"])


def rows(store: ox.Store, name: str, binds: dict[str, str] | None = None) -> list[dict[str, str]]:
    """Rows of a named query as {var: shown value}, unbound vars left out."""
    result = execute(store, prepare_named(named_queries()[name], binds))
    return [{v.value: s[v].value for v in result.variables if s[v] is not None} for s in result]


def kg_query(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="kg")
    register(parser.add_subparsers())
    args = parser.parse_args(["query", *argv])
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- named queries


def test_every_named_query_is_documented() -> None:
    queries = named_queries()
    assert {"orgs-in-region", "cooperation", "projects", "entity", "stats"} <= set(queries)
    for q in queries.values():
        assert q.text.startswith("# "), q.path
        assert q.summary, q.path
        body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#"))
        for b in q.binds:
            assert f"?{b.name}" in body, (q.name, b.name)
    assert [b.name for b in queries["entity"].binds] == ["name"]
    assert queries["entity"].binds[0].required and queries["entity"].binds[0].lang == "zh"
    assert queries["search"].binds[0].lang is None
    assert queries["cooperation"].binds == ()


def test_named_query_class_lists_follow_ns() -> None:
    text = named_queries()["orgs-in-region"].text
    orgs = {c for c, parent in ns.SUBCLASS_OF.items() if parent in ns.ORGS} | set(ns.ORGS)
    regions = {c for c, parent in ns.SUBCLASS_OF.items() if parent == "Region"} | {"Region"}
    listed = set(re.findall(r"kg:(\w+)", text))
    assert orgs <= listed and regions <= listed
    assert "Project" not in listed and "Person" not in listed


def test_orgs_in_region_follows_part_of(store: ox.Store) -> None:
    names = lambda region: sorted(r["name"] for r in rows(store, "orgs-in-region", {"region": region}))  # noqa: E731
    guangdong = ["广州海川生物医药股份有限公司", "深圳市云帆科技有限公司"]
    assert names("广东") == guangdong  # alias; companies sit in a city and a district below it
    assert names("广东省") == guangdong  # label
    assert names("深圳") == ["深圳市云帆科技有限公司"]
    assert names("北京") == ['Q&A "测试" 公司', "北京星河数据有限公司"]
    assert names("南山区") == []  # a project is located there, not an organisation
    assert names("火星") == []
    places = {r["name"]: r["place"] for r in rows(store, "orgs-in-region", {"region": "广东"})}
    assert places["广州海川生物医药股份有限公司"] == "黄埔区"


def test_cooperation_pairs_once(store: ox.Store) -> None:
    got = rows(store, "cooperation")
    pairs = sorted((r["aName"], r["bName"], r["articles"]) for r in got)
    assert pairs == [
        ("北京星河数据有限公司", "深圳市云帆科技有限公司", "1"),
        ("深圳市云帆科技有限公司", "南方理工大学", "1"),
    ]


def test_projects(store: ox.Store) -> None:
    # one row per project, in name order; each column's organisations in name order
    cols = ("name", "place", "developers", "undertakers", "investors")
    got = [tuple(r.get(c, "") for c in cols) for r in rows(store, "projects")]
    assert got == [
        ("智能巡检机器人项目", "南山区", "南方理工大学、深圳市云帆科技有限公司", "", ""),
        ("海川创新中心项目", "", "", "", "广州海川生物医药股份有限公司"),
    ]


PROJECT_CELLS = """
@prefix kg: <https://w3id.org/kgnews/ontology#> .
@prefix pr: <https://w3id.org/kgnews/resource/project/> .
@prefix org: <https://w3id.org/kgnews/resource/company/> .
@prefix re: <https://w3id.org/kgnews/resource/region/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
pr:p a kg:Project ; rdfs:label "星辰计划"@zh ; kg:locatedIn re:b, re:a .
pr:q a kg:Project ; rdfs:label "北斗工程"@zh .
re:a rdfs:label "南山区"@zh .
re:b rdfs:label "福田区"@zh .
org:o1 rdfs:label "甲公司研究院"@zh ; kg:develops pr:p .
org:o2 rdfs:label "甲公司"@zh ; kg:develops pr:p ; kg:invests pr:q .
org:o3 rdfs:label "云明X"@zh ; kg:develops pr:p .
org:o4 rdfs:label "云明"@zh ; kg:develops pr:p ; kg:undertakes pr:p .
org:o5 rdfs:label "乙公司"@zh ; kg:develops pr:p ; kg:develops re:a .
"""


def test_projects_cells_in_name_order_on_both_engines(tmp_path: Path) -> None:
    # a name that begins another ("云明", "云明X"; "甲公司", "甲公司研究院") comes first, as
    # in the sort of the names themselves; the region that 乙公司 develops is not a project
    path = tmp_path / "projects.ttl"
    path.write_text(PROJECT_CELLS, encoding="utf-8")
    store, graph = load_store(path), load_rdflib(path)
    prepared = prepare_named(named_queries()["projects"])
    cols = ("name", "place", "developers", "undertakers", "investors")
    ours = [tuple(s[c].value if s[c] is not None else "" for c in cols) for s in execute(store, prepared)]
    assert ours == [
        ("北斗工程", "", "", "", "甲公司"),
        ("星辰计划", "南山区、福田区", "乙公司、云明、云明X、甲公司、甲公司研究院", "云明", ""),
    ]
    theirs = [tuple(str(r[c]) if r[c] is not None else "" for c in cols) for r in graph.query(prepared.text)]
    assert theirs == ours


def test_entity_everything_with_evidence(store: ox.Store) -> None:
    got = rows(store, "entity", {"name": "云帆科技"})
    assert {r["entity"] for r in got} == {KGR + "company/深圳市云帆科技有限公司"}
    facts = {(r["dir"], r["property"].rsplit("#", 1)[-1].rsplit("/", 1)[-1], r.get("valueName", r["value"])) for r in got}
    assert ("", "type", KG + "Company") in facts
    assert ("", "altLabel", "云帆科技") in facts
    assert ("←", "mentions", "a3") in facts
    assert ("←", "cooperatesWith", "北京星河数据有限公司") in facts
    coop = [r for r in got if r["dir"] == "→" and r["property"] == KG + "cooperatesWith"]
    assert sorted(r["evidence"] for r in coop) == [
        "云帆科技表示，与南方理工大学的合作将持续五年。",
        "深圳市云帆科技有限公司与南方理工大学签署合作协议。",
    ]
    located = [r for r in got if r["property"] == KG + "locatedIn"]
    assert sorted(r["article"] for r in located) == ["a1", "a3"]
    # evidence machinery (statements, mention nodes) is not listed as a relation
    assert not [r for r in got if r["property"] in (ns.RDF_NS + "subject", KG + "denotes")]
    assert rows(store, "entity", {"name": "不存在的公司"}) == []


def test_other_named_queries(store: ox.Store) -> None:
    assert [(r["investorName"], r["targetName"], r["articles"]) for r in rows(store, "investments")] == [
        ("广州海川生物医药股份有限公司", "海川创新中心项目", "1")
    ]
    assert [(r["name"], r["orgName"]) for r in rows(store, "people")] == [("李明", "南方理工大学")]
    assert [(r["title"], r["publisherName"]) for r in rows(store, "publications")] == [("智能制造发展报告", "南方理工大学")]
    assert [r["name"] for r in rows(store, "search", {"text": "云帆"})] == ["深圳市云帆科技有限公司"]
    assert rows(store, "search", {"text": "银行"}) == []
    arts = {r["id"]: r for r in rows(store, "articles")}
    assert sorted(arts) == ["a1", "a2", "a3"]
    assert arts["a1"]["entities"] == "7" and "title" not in arts["a3"]


@pytest.mark.parametrize("ext", ["ttl", "trig"])
def test_stats_counts_each_triple_once(graphs: dict[str, Path], ext: str) -> None:
    got = {(r["kind"], r["term"]): int(r["count"]) for r in rows(load_store(graphs[ext]), "stats")}
    assert got[("relation", KG + "locatedIn")] == 5  # one triple stated in two articles
    assert got[("relation", KG + "partOf")] == 6
    assert got[("class", KG + "Company")] == 4
    assert got[("class", KG + "NewsArticle")] == 3
    assert ("relation", KG + "undertakes") not in got


# ---------------------------------------------------------------- pyoxigraph == rdflib


def _norm(term: object) -> tuple[str, ...] | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.Literal):
        return ("lit", term.value, term.language or "", "" if term.language else term.datatype.value)
    if isinstance(term, rdflib.URIRef):
        return ("iri", str(term))
    if isinstance(term, rdflib.Literal):
        dt = "" if term.language else str(term.datatype or ns.XSD_NS + "string")
        return ("lit", str(term), term.language or "", dt)
    return ("other", str(term))


AD_HOC = [
    "SELECT ?s ?o WHERE { ?s kg:locatedIn ?o }",
    "SELECT ?r (COUNT(?x) AS ?n) WHERE { ?x kg:partOf+ ?r } GROUP BY ?r",
    "SELECT ?t WHERE { ?s kg:text ?t FILTER(CONTAINS(?t, '合作')) }",
    "SELECT ?a ?d WHERE { ?a a kg:NewsArticle OPTIONAL { ?a dcterms:date ?d FILTER(datatype(?d) = xsd:date) } }",
    "SELECT DISTINCT ?p WHERE { ?st rdf:predicate ?p }",
]


@pytest.mark.parametrize("ext", ["ttl", "trig"])
def test_pyoxigraph_answers_equal_rdflib(graphs: dict[str, Path], ext: str) -> None:
    store, graph = load_store(graphs[ext]), load_rdflib(graphs[ext])
    cases = [prepare_named(q, BINDS.get(name)) for name, q in named_queries().items()] + [prepare(q) for q in AD_HOC]
    for prepared in cases:
        text = prepared.text
        ours = execute(store, prepared)
        names = [v.value for v in ours.variables]
        a = sorted((tuple(_norm(s[v]) for v in names) for s in ours), key=repr)
        b = sorted((tuple(_norm(r[v]) for v in names) for r in graph.query(prepared.text)), key=repr)
        assert a == b, text
        assert a, f"no rows: {text}"  # every case has answers on the sample graph


# ---------------------------------------------------------------- preparing queries


def test_prefixes_predeclared_only_when_missing() -> None:
    p = prepare("SELECT * WHERE { ?s a kg:Company }")
    assert p.text.count("PREFIX kg:") == 1 and p.prefix_lines == len(ns.PREFIXES)
    own = prepare("PREFIX kg: <http://example.org/other#>\nSELECT * WHERE { ?s a kg:Company }")
    assert own.text.count("PREFIX kg:") == 1 and "http://example.org/other#" in own.text
    assert own.prefixes["kg"] == "http://example.org/other#"
    # a PREFIX inside a comment or a string does not count as declared
    commented = prepare("# PREFIX kg: <http://x/>\nSELECT * WHERE { ?s ?p 'PREFIX kg: <y>' }")
    assert f"PREFIX kg: <{KG}>" in commented.text


def test_own_prefix_overrides(store: ox.Store) -> None:
    text = "PREFIX kg: <http://example.org/other#>\nSELECT ?s WHERE { ?s a kg:Company }"
    assert list(execute(store, prepare(text))) == []
    assert len(list(execute(store, prepare("SELECT ?s WHERE { ?s a kg:Company }")))) == 4


def test_mask_blanks_strings_comments_iris() -> None:
    text = 'SELECT * WHERE { ?s ?p "a { b" . ?s <http://x/a#b> ?o } # { comment\n'
    masked = mask(text)
    assert len(masked) == len(text)
    assert masked.count("{") == 1 and masked.count("}") == 1 and "#" not in masked
    assert masked.endswith("}            \n")
    assert "?s < ?o" == mask("?s < ?o")  # a comparison is not an IRI


def test_values_go_into_the_where_group() -> None:
    p = prepare("SELECT ?x WHERE { ?x rdfs:label ?n FILTER(STR(?n) = ?name) }", {"name": "深圳"})
    assert 'WHERE { VALUES (?name) { ("深圳") }' in p.text
    c = prepare("CONSTRUCT { ?x a kg:City } WHERE { ?x rdfs:label ?name }", {"name": "a"})
    assert 'CONSTRUCT { ?x a kg:City } WHERE { VALUES (?name)' in c.text
    s = prepare("SELECT ?x WHERE { ?x ?p '{' }", {"name": "a"})
    assert "WHERE { VALUES" in s.text
    with pytest.raises(QueryError):
        prepare("DESCRIBE <http://x/a>", {"name": "a"})


def test_bound_variable_is_seen_by_filters(store: ox.Store) -> None:
    text = "SELECT ?x WHERE { ?x rdfs:label|skos:altLabel ?l FILTER(STR(?l) = ?name) }"
    assert [s["x"].value for s in execute(store, prepare(text, {"name": "粤"}))] == [KGR + "region/440000"]
    assert list(execute(store, prepare(text, {"name": "粤港澳"}))) == []


def test_named_query_binds_language_tagged_names() -> None:
    p = prepare_named(named_queries()["entity"], {"name": "云帆科技"})
    assert 'VALUES (?name) { ("云帆科技"@zh) }' in p.text
    p = prepare_named(named_queries()["search"], {"text": "云帆"})
    assert 'VALUES (?text) { ("云帆") }' in p.text
    with pytest.raises(QueryError, match="needs --bind name"):
        prepare_named(named_queries()["entity"], {})
    with pytest.raises(QueryError, match="takes no --bind x"):
        prepare_named(named_queries()["stats"], {"x": "1"})


def test_bind_terms() -> None:
    assert bind_term('say "hi"\n') == '"say \\"hi\\"\\n"'
    assert bind_term("440000") == '"440000"'  # codes are strings in the graph
    assert bind_term("华为", lang="zh") == '"华为"@zh'
    assert bind_term('"华为"', lang="zh") == '"华为"'  # written as a literal: taken as is
    assert bind_term("<http://x/a>") == "<http://x/a>"
    assert bind_term("kgr:company/华为") == f"<{KGR}company/华为>"
    assert bind_term("foo:bar") == '"foo:bar"'  # not a known prefix: a string
    assert bind_term('"5"^^xsd:integer') == '"5"^^xsd:integer'
    with pytest.raises(QueryError):
        bind_term("<not an iri>")
    with pytest.raises(QueryError):
        bind_term('"unterminated')


# ---------------------------------------------------------------- output


def test_display_width() -> None:
    assert display_width("abc") == 3
    assert display_width("深圳") == 4
    assert display_width("ＡＢ") == 4  # fullwidth
    assert display_width("e\u0301") == 1  # combining accent
    assert truncate("深圳市云帆科技", 7) == "深圳市…"
    assert truncate("short", 7) == "short"
    assert display_width(truncate("深圳市云帆科技有限公司", 10)) <= 10


def test_table_aligns_cjk_columns() -> None:
    rows_ = [
        [ox.NamedNode(KGR + "company/深圳市云帆科技有限公司"), ox.Literal("深圳市云帆科技有限公司", language="zh"), ox.Literal(12)],
        [ox.NamedNode("http://example.org/a"), ox.Literal("ab\ncd"), ox.Literal(3)],
        [None, ox.Literal("Ｘ"), None],
    ]
    text = format_table(["entity", "name", "n"], rows_, ns.PREFIXES)
    lines = text.splitlines()
    assert lines[-1] == "(3 rows)"
    assert lines[2].startswith("kgr:company/深圳市云帆科技有限公司  深圳市云帆科技有限公司")
    assert "<http://example.org/a>" in lines[3] and "ab↵cd" in lines[3]
    assert '"' not in text and "@zh" not in text and "^^" not in text
    # the second column starts at the same display column on every line
    cells = ["name", None, "深圳市云帆科技有限公司", "ab↵cd", "Ｘ"]
    starts = {display_width(line[: line.rindex(cell)]) for line, cell in zip(lines, cells) if cell}
    assert lines[1].startswith("-" * display_width("kgr:company/深圳市云帆科技有限公司") + "  -")
    assert starts == {display_width("kgr:company/深圳市云帆科技有限公司  ")}
    # numbers are right-aligned: every data line of width ends at the same column
    widths = {display_width(line) for line in lines[2:4]}
    assert len(widths) == 1


def test_cli_table_and_csv_tsv_json(graphs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    g = str(graphs["ttl"])
    code, out, _ = kg_query([g, "--name", "search", "--bind", "text=云帆"], capsys)
    assert code == 0
    assert out.splitlines()[0].split() == ["entity", "name", "class"]
    assert "kgr:company/深圳市云帆科技有限公司  深圳市云帆科技有限公司  kg:Company" in out
    code, out, _ = kg_query([g, "--name", "search", "--bind", "text=云帆", "--format", "csv"], capsys)
    assert list(csv.reader(io.StringIO(out))) == [
        ["entity", "name", "class"],
        [KGR + "company/深圳市云帆科技有限公司", "深圳市云帆科技有限公司", KG + "Company"],
    ]
    code, out, _ = kg_query([g, "--name", "search", "--bind", "text=云帆", "--format", "tsv"], capsys)
    assert out.splitlines() == [
        "?entity\t?name\t?class",
        f'<{KGR}company/深圳市云帆科技有限公司>\t"深圳市云帆科技有限公司"@zh\t<{KG}Company>',
    ]
    code, out, _ = kg_query([g, "--name", "search", "--bind", "text=云帆", "--format", "json"], capsys)
    doc = json.loads(out)
    assert doc["head"]["vars"] == ["entity", "name", "class"]
    assert doc["results"]["bindings"][0]["name"] == {"type": "literal", "value": "深圳市云帆科技有限公司", "xml:lang": "zh"}


def test_cli_ask_and_construct(graphs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    g = str(graphs["ttl"])
    assert kg_query([g, "ASK { ?x a kg:Company }"], capsys)[1] == "true\n"
    assert kg_query([g, "ASK { ?x a kg:Hospital }"], capsys)[1] == "false\n"
    assert json.loads(kg_query([g, "ASK { ?x a kg:Company }", "--format", "json"], capsys)[1]) == {"head": {}, "boolean": True}
    code, out, _ = kg_query([g, "CONSTRUCT { ?x rdfs:label ?l } WHERE { ?x a kg:City ; rdfs:label ?l }"], capsys)
    assert code == 0
    parsed = rdflib.Graph().parse(data=out, format="turtle")
    assert {str(o) for o in parsed.objects()} == {"深圳市", "广州市"}


def test_cli_file_and_list(graphs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?n WHERE { ?x a kg:Person ; rdfs:label ?n }\n", encoding="utf-8")
    code, out, _ = kg_query([str(graphs["ttl"]), "--file", str(q)], capsys)
    assert code == 0 and "李明" in out and "(1 row)" in out
    code, out, _ = kg_query(["--list"], capsys)
    assert code == 0
    for name, nq in named_queries().items():
        assert re.search(rf"^{re.escape(name)}\s+{re.escape(nq.summary)}", out, re.M)
    assert "--bind name=" in out


def test_pages_are_slices_of_the_ordered_answer(graphs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    g = str(graphs["ttl"])
    code, whole, _ = kg_query([g, "--name", "stats", "--format", "csv"], capsys)
    assert code == 0
    header, *body = whole.splitlines()
    assert len(body) > 6
    pages = []
    for offset in range(0, len(body), 4):
        code, out, _ = kg_query([g, "--name", "stats", "--format", "csv", "--limit", "4", "--offset", str(offset)], capsys)
        assert code == 0 and out.splitlines()[0] == header
        pages += out.splitlines()[1:]
    assert pages == body
    code, out, _ = kg_query([g, "--name", "stats", "--limit", "2"], capsys)
    assert out.rstrip().endswith("(2 rows from row 1; next page: --offset 2)")
    code, out, _ = kg_query([g, "--name", "stats", "--offset", str(len(body) - 1)], capsys)
    assert out.rstrip().endswith("(1 row)")


def test_paging_a_query_that_cannot_be_paged() -> None:
    text = "SELECT ?x WHERE { ?x a kg:City }"
    assert paged(prepare(text), Page(3, 6)).text.endswith("}\nLIMIT 3 OFFSET 6\n")
    assert paged(prepare(text), Page()).text == prepare(text).text
    # a LIMIT inside a subquery or a string is not the query's own
    inner = 'SELECT ?x WHERE { { SELECT ?x WHERE { ?x rdfs:label "LIMIT 2" } LIMIT 5 } }'
    assert paged(prepare(inner), Page(1)).text.endswith("LIMIT 1\n")
    for bad, message in [
        ("ASK { ?x a kg:City }", "only a SELECT"),
        (text + " LIMIT 3", "its own LIMIT"),
        (text + " ORDER BY ?x OFFSET 2", "its own OFFSET"),
        ("SELECT ?x WHERE { ?x a ?c } VALUES ?c { kg:City }", "its own VALUES"),
    ]:
        with pytest.raises(QueryError, match=message):
            paged(prepare(bad), Page(1))


# ---------------------------------------------------------------- errors


def test_syntax_error_position_and_exit_code(graphs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?x WHERE {\n  ?x rdfs:label ?name .\n  ?x foo:p ?o }\nLIMIT 3"
    code, out, err = kg_query([str(graphs["ttl"]), query], capsys)
    assert code == 2 and out == ""
    assert err.startswith("kg query: syntax error in the query at line 3, column ")
    assert err.count("\n") == 1 and "Traceback" not in err and "Prefix not found" in err
    column = re.search(r"column (\d+)", err).group(1)  # type: ignore[union-attr]
    # the same position when prefixes and a VALUES clause were added in front
    code, _, err2 = kg_query([str(graphs["ttl"]), query, "--bind", "name=深圳"], capsys)
    assert code == 2 and f"line 3, column {column}:" in err2
    one_line = "SELECT ?x WHERE { ?x ?p ?name . ?x ?p }"
    e1 = kg_query([str(graphs["ttl"]), one_line], capsys)[2]
    e2 = kg_query([str(graphs["ttl"]), one_line, "--bind", "name=深圳市云帆"], capsys)[2]
    assert e1 == e2 and "line 1, column" in e1


def test_syntax_error_in_named_file_names_it(graphs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    q = tmp_path / "bad.rq"
    q.write_text("# comment\nSELECT ?x WHERE { ?x foo:p ?o }\nLIMIT 3\n", encoding="utf-8")
    code, _, err = kg_query([str(graphs["ttl"]), "--file", str(q)], capsys)
    assert code == 2 and f"syntax error in {q} at line 2" in err


def test_missing_or_bad_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = kg_query([str(tmp_path / "none.ttl"), "ASK {}"], capsys)
    assert code == 2 and err == f"kg query: {tmp_path / 'none.ttl'}: no such file\n"
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://x/a> <http://x/b> .\n", encoding="utf-8")
    code, _, err = kg_query([str(bad), "ASK {}"], capsys)
    assert code == 2 and err.startswith(f"kg query: {bad}:1: ")


def test_argument_errors(graphs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    g = str(graphs["ttl"])
    cases = [
        ([g], "give exactly one of"),
        ([g, "ASK {}", "--name", "stats"], "give exactly one of"),
        ([g, "--name", "entity"], "needs --bind name=VALUE"),
        ([g, "--name", "entity", "--bind", "nmae=x"], "takes no --bind nmae"),
        ([g, "--name", "no-such-query"], "no named query 'no-such-query'"),
        ([g, "--name", "entity", "--bind", "name"], "expected VAR=VALUE"),
        ([g, "--file", str(tmp_path / "none.rq")], "none.rq: no such file"),
        (["--name", "stats"], "missing GRAPH"),
    ]
    for argv, message in cases:
        code, out, err = kg_query(argv, capsys)
        assert code == 2 and message in err and out == "", argv
    code, _, err = kg_query([g, "--name", "entity", "--bind", "name=云帆科技"], capsys)
    assert code == 0 and err == ""
    code, _, err = kg_query([g, "SELECT ?x WHERE { ?x a kg:City }", "--bind", "y=1"], capsys)
    assert code == 0 and "?y does not occur" in err


def test_syntax_error_object() -> None:
    with pytest.raises(QuerySyntaxError) as err:
        execute(ox.Store(), prepare("SELECT * WHERE {\n ?s ?p ?o .\n FILTER( }", source="q"))
    assert err.value.line == 3 and err.value.source == "q"
    with pytest.raises(QuerySyntaxError) as err:
        execute(ox.Store(), prepare("SELECT ?x WHERE { ?x ?p ?o } ORDER BY"))
    assert "\\u{" not in err.value.message and "[a name character]" in err.value.message
