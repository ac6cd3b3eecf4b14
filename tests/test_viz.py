"""Tests of `kg viz`: offline page, escaping, focus/hops, legend, determinism, CLI errors.

The graphs are Turtle written here (fictional organisations and sentences), checked by
rdflib before the view reads them.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib

from kg import viz
from kg.rdfio import load_store
from kg.viz_data import FocusError, find_nodes, read_view, select

PREFIXES = """\
@prefix kg: <https://w3id.org/kgnews/ontology#> .
@prefix kgr: <https://w3id.org/kgnews/resource/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_ttl(entities: list[tuple[str, str, str, list[str]]],
             relations: list[tuple[str, str, str, str | None, str | None]],
             mentions: dict[str, list[str]]) -> str:
    """Turtle in the project's model: entities (key, class, label, aliases), relations
    (s, predicate, o, article id, sentence), articles mentioning entity keys."""
    out = [PREFIXES]
    for key, cls, label, aliases in entities:
        out.append(f"<{key_iri(key)}> a kg:{cls} ; rdfs:label {_lit(label)}@zh .")
        for a in aliases:
            out.append(f"<{key_iri(key)}> skos:altLabel {_lit(a)}@zh .")
    for doc, keys in mentions.items():
        art = f"<{key_iri('article/' + doc)}>"
        out.append(f"{art} a kg:NewsArticle ; dcterms:identifier {_lit(doc)} ; dcterms:title {_lit(doc + ' 标题')} .")
        for k in keys:
            out.append(f"{art} schema:mentions <{key_iri(k)}> .")
    for n, (s, p, o, doc, sentence) in enumerate(relations):
        out.append(f"<{key_iri(s)}> kg:{p} <{key_iri(o)}> .")
        if doc and sentence:
            sent = f"<https://w3id.org/kgnews/resource/article/{doc}#s{n}>"
            out.append(f"{sent} a kg:Sentence ; kg:text {_lit(sentence)} ; kg:startOffset {n * 40} ; "
                       f"dcterms:isPartOf <{key_iri('article/' + doc)}> .")
            out.append(f"<{key_iri(f'stmt/{n}')}> a rdf:Statement ; rdf:subject <{key_iri(s)}> ; rdf:predicate kg:{p} ; "
                       f"rdf:object <{key_iri(o)}> ; prov:wasDerivedFrom {sent} .")
    return "\n".join(out) + "\n"


def key_iri(key: str) -> str:
    return "https://w3id.org/kgnews/resource/" + key


SMALL_ENTITIES = [
    ("company/xinghe", "Company", "星河智能科技有限公司", ["星河智能"]),
    ("company/nanling", "Company", "南岭新材料股份有限公司", ["南岭新材"]),
    ("company/haichuan", "Company", "海川电池集团", []),
    ("company/qinghe", "Company", "青禾生物医药有限公司", ["青禾生物"]),
    ("company/qiming", "Company", "启明半导体有限公司", []),
    ("institution/donghu", "University", "东湖大学", ["东大"]),
    ("institution/huanan", "ResearchInstitute", "华南先进制造研究院", []),
    ("institution/zhujiang", "Laboratory", "珠江实验室", []),
    ("institution/gzkj", "GovernmentAgency", "广州市科学技术局", ["广州市科技局"]),
    ("institution/jiangcheng", "Hospital", "江城人民医院", []),
    ("region/CHN", "Country", "中国", []),
    ("region/440000", "Province", "广东省", ["广东", "粤"]),
    ("region/440100", "City", "广州市", ["广州"]),
    ("region/440112", "County", "黄埔区", []),
    ("region/440300", "City", "深圳市", ["深圳"]),
    ("region/440305", "County", "南山区", []),
    ("region/gba", "Zone", "粤港澳大湾区", ["大湾区"]),
    ("region/420000", "Province", "湖北省", ["湖北"]),
    ("region/420100", "City", "武汉市", ["武汉"]),
    ("project/battery", "Project", "固态电池中试线", []),
    ("project/robot", "Project", "智能巡检机器人", []),
    ("project/display", "Project", "新型显示材料项目", []),
    ("project/bci", "Project", "脑机接口开放平台", []),
    ("person/limy", "Person", "李明远", []),
    ("person/chenj", "Person", "陈静", []),
    ("document/plan", "Document", "新型储能产业发展行动方案", []),
    ("event/forum", "Event", "第三届湾区科技创新大会", ["湾区科创大会"]),
]
SMALL_RELATIONS = [
    ("company/xinghe", "locatedIn", "region/440112", "a1", "星河智能科技有限公司总部位于广州黄埔区。"),
    ("company/xinghe", "cooperatesWith", "institution/donghu", "a1", "星河智能与东湖大学签署合作协议，共建联合实验室。"),
    ("company/xinghe", "develops", "project/robot", "a1", "星河智能自主研发的智能巡检机器人已在多座变电站投用。"),
    ("company/nanling", "locatedIn", "region/440305", "a2", "南岭新材料股份有限公司位于深圳市南山区。"),
    ("company/nanling", "develops", "project/display", "a2", "南岭新材正在研发新型显示材料项目。"),
    ("company/haichuan", "undertakes", "project/battery", "a2", "固态电池中试线由海川电池集团承建。"),
    ("company/haichuan", "invests", "company/nanling", "a2", "海川电池集团出资两亿元入股南岭新材。"),
    ("company/qinghe", "locatedIn", "region/420100", "a3", "青禾生物医药有限公司落户武汉。"),
    ("company/qinghe", "cooperatesWith", "institution/jiangcheng", "a3", "青禾生物与江城人民医院开展临床合作。"),
    ("company/qiming", "cooperatesWith", "institution/zhujiang", "a3", "启明半导体与珠江实验室联合攻关芯片封装。"),
    ("institution/donghu", "locatedIn", "region/420100", "a1", "东湖大学地处武汉。"),
    ("institution/huanan", "locatedIn", "region/440100", "a4", "华南先进制造研究院坐落于广州。"),
    ("institution/huanan", "develops", "project/bci", "a4", "华南先进制造研究院牵头研发脑机接口开放平台。"),
    ("institution/zhujiang", "locatedIn", "region/440100", "a4", "珠江实验室位于广州市。"),
    ("institution/gzkj", "publishes", "document/plan", "a4", "广州市科技局印发《新型储能产业发展行动方案》。"),
    ("institution/gzkj", "partOf", "region/440100", None, None),
    ("person/limy", "affiliatedWith", "institution/donghu", "a1", "东湖大学教授李明远介绍了项目进展。"),
    ("person/chenj", "affiliatedWith", "company/xinghe", "a1", "星河智能董事长陈静表示将继续加大投入。"),
    ("person/chenj", "invests", "company/qiming", "a3", "陈静个人出资参与启明半导体天使轮融资。"),
    ("event/forum", "locatedIn", "region/440100", "a4", "第三届湾区科技创新大会在广州开幕。"),
    ("region/440112", "partOf", "region/440100", None, None),
    ("region/440100", "partOf", "region/440000", None, None),
    ("region/440305", "partOf", "region/440300", None, None),
    ("region/440300", "partOf", "region/440000", None, None),
    ("region/440000", "partOf", "region/CHN", None, None),
    ("region/420100", "partOf", "region/420000", None, None),
    ("region/420000", "partOf", "region/CHN", None, None),
    ("region/440100", "partOf", "region/gba", None, None),
    ("region/440300", "partOf", "region/gba", None, None),
    ("institution/zhujiang", "cooperatesWith", "company/qiming", "a4", "珠江实验室表示与启明半导体的合作已进入第二期。"),
]
SMALL_MENTIONS = {
    "a1": ["company/xinghe", "institution/donghu", "project/robot", "person/limy", "person/chenj",
           "region/440112", "region/420100"],
    "a2": ["company/nanling", "company/haichuan", "project/display", "project/battery", "region/440305",
           "region/440300"],
    "a3": ["company/qinghe", "company/qiming", "institution/jiangcheng", "institution/zhujiang",
           "person/chenj", "region/420100"],
    "a4": ["institution/huanan", "institution/zhujiang", "institution/gzkj", "project/bci",
           "document/plan", "event/forum", "region/440100", "region/gba"],
}


def small_ttl() -> str:
    return make_ttl(SMALL_ENTITIES, SMALL_RELATIONS, SMALL_MENTIONS)


def write_graph(tmp_path: Path, ttl: str, name: str = "g.ttl") -> Path:
    """Parse with rdflib (so the fixture is valid Turtle) and write it in the format of `name`."""
    g = rdflib.Graph()
    g.parse(data=ttl, format="turtle")
    path = tmp_path / name
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}[path.suffix]
    g.serialize(destination=str(path), format=fmt, encoding="utf-8")
    return path


class _Scan(HTMLParser):
    """Collects tag attributes, script and style text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str, str | None]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag in ("script", "style"):
            self._in = (tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in and self._in[0] == "script":
            self.scripts.append((self._in[1], data))
        elif self._in and self._in[0] == "style":
            self.styles.append(data)
        else:
            self.text.append(data)


def scan(page: str) -> _Scan:
    s = _Scan()
    s.feed(page)
    s.close()
    return s


def page_json(page: str) -> dict:
    s = scan(page)
    blocks = [text for attrs, text in s.scripts if attrs.get("type") == "application/json"]
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture(scope="module")
def small_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, viz.VizStats]:
    tmp = tmp_path_factory.mktemp("viz")
    graph = write_graph(tmp, small_ttl())
    out = tmp / "sub" / "graph.html"
    stats = viz.write_html(graph, out)
    return out.read_text("utf-8"), stats


# ---- offline ----

EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


def test_page_is_self_contained(small_page: tuple[str, viz.VizStats]) -> None:
    page, _ = small_page
    s = scan(page)
    for tag, name, value in s.attrs:
        if name in ("src", "href", "srcset", "data", "poster", "action"):
            assert value is None or not EXTERNAL.match(value), (tag, name, value)
    css = "\n".join(s.styles) + "".join(v or "" for _, k, v in s.attrs if k == "style")
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", css, re.IGNORECASE)
    assert "<link" not in page.lower()
    # vis-network is inline, not fetched
    assert any("vis.Network" in text or "DataSet" in text for _, text in s.scripts)
    assert not any(k == "src" for tag, k, _ in s.attrs if tag == "script")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_offline_check_catches_an_external_script() -> None:
    page = '<html><script src="https://cdn.example.org/vis.js"></script></html>'
    s = scan(page)
    assert any(k == "src" and v and EXTERNAL.match(v) for _, k, v in s.attrs)
    assert EXTERNAL.match("//cdn.example.org/x.css")
    assert not EXTERNAL.match("data:image/png;base64,AAAA")


# ---- content ----

def test_stats_and_data_match_the_graph(small_page: tuple[str, viz.VizStats]) -> None:
    page, stats = small_page
    data = page_json(page)
    # cooperatesWith stated both ways (启明/珠江) is one edge
    assert stats == viz.VizStats(nodes=len(SMALL_ENTITIES), edges=len(SMALL_RELATIONS) - 1)
    assert len(data["nodes"]) == stats.nodes and len(data["edges"]) == stats.edges
    by_label = {n["label"]: n for n in data["nodes"]}
    xinghe = by_label["星河智能科技有限公司"]
    assert xinghe["top"] == "Company" and xinghe["aliases"] == ["星河智能"]
    assert [data["articles"][a][0] for a in xinghe["articles"]] == ["a1"]
    assert by_label["东湖大学"]["cls"] == "University" and by_label["东湖大学"]["top"] == "Institution"
    # evidence sentence of one edge, with its article
    idx = {n["label"]: i for i, n in enumerate(data["nodes"])}
    edge = next(e for e in data["edges"] if e[1] == "develops" and e[0] == idx["星河智能科技有限公司"])
    assert edge[2] == idx["智能巡检机器人"]
    [sent] = edge[3]
    assert data["sentences"][sent][1] == "星河智能自主研发的智能巡检机器人已在多座变电站投用。"
    assert data["articles"][data["sentences"][sent][0]][0] == "a1"
    # hierarchy facts have no evidence
    part = next(e for e in data["edges"] if e[0] == idx["广州市"] and e[2] == idx["广东省"])
    assert part[1] == "partOf" and part[3] == []
    assert data["predicates"]["cooperatesWith"] == ["合作", False]
    assert data["predicates"]["locatedIn"] == ["位于", True]


def test_symmetric_relation_stated_both_ways_is_one_edge(small_page: tuple[str, viz.VizStats]) -> None:
    data = page_json(small_page[0])
    idx = {n["label"]: i for i, n in enumerate(data["nodes"])}
    pair = {idx["启明半导体有限公司"], idx["珠江实验室"]}
    coop = [e for e in data["edges"] if e[1] == "cooperatesWith" and {e[0], e[2]} == pair]
    assert len(coop) == 1 and len(coop[0][3]) == 2  # both sentences on the one edge


def test_context_regions_are_marked(small_page: tuple[str, viz.VizStats]) -> None:
    data = page_json(small_page[0])
    ctx = sorted(n["label"] for n in data["nodes"] if n["ctx"])
    assert ctx == ["中国", "广东省", "湖北省"]  # regions no article mentions
    assert 'id="show-context"' in small_page[0]


def test_no_context_without_mentions(tmp_path: Path) -> None:
    ttl = make_ttl(SMALL_ENTITIES[:12], [], {})
    view = read_view(load_store(write_graph(tmp_path, ttl)))
    assert not any(n.context for n in view.nodes.values())


def test_legend_lists_the_classes_present(small_page: tuple[str, viz.VizStats], tmp_path: Path) -> None:
    s = scan(small_page[0])
    classes = [v for tag, k, v in s.attrs if tag == "input" and k == "data-class"]
    assert classes == ["Company", "Institution", "Region", "Project", "Person", "Document", "Event"]
    text = "".join(s.text)
    for zh in ("企业", "机构", "地区", "项目", "人物", "文件", "事件", "位于", "合作", "任职"):
        assert zh in text
    # a graph with two classes lists only those two
    ttl = make_ttl([SMALL_ENTITIES[0], SMALL_ENTITIES[12]], [("company/xinghe", "locatedIn", "region/440100", "a1", "x")],
                   {"a1": ["company/xinghe", "region/440100"]})
    out = tmp_path / "two.html"
    viz.write_html(write_graph(tmp_path, ttl), out)
    s2 = scan(out.read_text("utf-8"))
    assert [v for tag, k, v in s2.attrs if k == "data-class"] == ["Company", "Region"]
    assert "合作" not in "".join(s2.text)


# ---- escaping ----

HOSTILE = "<script>alert(1)</script>"


def test_hostile_names_are_escaped(tmp_path: Path) -> None:
    ents = [("company/evil", "Company", HOSTILE, ["<img src=x onerror=alert(2)>"]),
            ("region/440100", "City", "广州市&amp;\u2028</script>", [])]
    rels = [("company/evil", "locatedIn", "region/440100", "a<b>", "</script><script>alert(3)</script>")]
    out = tmp_path / "evil.html"
    ttl = make_ttl(ents, rels, {"a<b>": ["company/evil"]}).replace("article/a<b>", "article/a%3Cb%3E")
    ttl = ttl.replace('"a%3Cb%3E"', '"a<b>"')  # the identifier literal keeps the raw text
    viz.write_html(write_graph(tmp_path, ttl), out, title="<b>标题</b>")
    page = out.read_text("utf-8")
    assert "<script>alert" not in page
    assert "<img" not in page and "\u2028" not in page
    # exactly our three script blocks (data, vis-network, page script): none ended early
    assert len(scan(page).scripts) == 3
    assert "&lt;b&gt;标题&lt;/b&gt;" in page
    data = page_json(page)
    labels = {n["label"] for n in data["nodes"]}
    assert HOSTILE in labels and "广州市&amp;\u2028</script>" in labels  # the text survives
    assert "</script><script>alert(3)</script>" in [t for _, t in data["sentences"]]
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page


def test_long_labels_are_cut_on_the_canvas_only(tmp_path: Path) -> None:
    long = "浙江省人民政府关于加快推进未来产业先导区高质量发展的若干实施意见"
    ttl = make_ttl([("document/long", "Document", long, []), ("document/short", "Document", "行动方案", [])], [], {})
    out = tmp_path / "long.html"
    viz.write_html(write_graph(tmp_path, ttl), out)
    nodes = {n["label"]: n for n in page_json(out.read_text("utf-8"))["nodes"]}
    assert nodes[long]["short"] == long[:15] + "…" and len(nodes[long]["short"]) == 16
    assert "short" not in nodes["行动方案"]


def test_json_for_script_escapes_and_round_trips() -> None:
    value = {"a": "<&>\u2028\u2029", "b": ["</script>"]}
    text = viz.json_for_script(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value
    assert viz.json_for_script({"a": "plain 中文"}) == '{"a":"plain 中文"}'


def test_page_script_uses_no_innerhtml() -> None:
    js = (Path(viz.__file__).parent / "assets" / "viz.js").read_text("utf-8")
    assert "innerHTML" not in js and "outerHTML" not in js and "insertAdjacentHTML" not in js
    assert "document.write" not in js and "eval(" not in js


# ---- focus / hops / max-nodes ----

@pytest.fixture(scope="module")
def small_view(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("view")
    return read_view(load_store(write_graph(tmp, small_ttl())))


def _labels(view) -> set[str]:
    return {n.label for n in view.nodes.values()}


def test_focus_one_hop(small_view) -> None:
    v = select(small_view, focus="星河智能", hops=1)  # matched by alias
    assert _labels(v) == {"星河智能科技有限公司", "黄埔区", "东湖大学", "智能巡检机器人", "陈静"}
    assert all(e.source in v.nodes and e.target in v.nodes for e in v.edges)
    assert len(v.edges) == 4


def test_focus_two_hops_and_zero(small_view) -> None:
    v = select(small_view, focus="星河智能科技有限公司", hops=2)
    assert _labels(v) == {"星河智能科技有限公司", "黄埔区", "东湖大学", "智能巡检机器人", "陈静",
                          "广州市", "武汉市", "李明远", "启明半导体有限公司"}
    v0 = select(small_view, focus=" 东湖大学\u3000", hops=0)  # NFKC and trimmed
    assert _labels(v0) == {"东湖大学"} and v0.edges == []


def test_focus_on_context_region_shows_it(small_view) -> None:
    v = select(small_view, focus="湖北", hops=1)
    assert _labels(v) == {"湖北省", "武汉市", "中国"}
    assert not next(n for n in v.nodes.values() if n.label == "湖北省").context
    assert next(n for n in v.nodes.values() if n.label == "中国").context
    assert next(n for n in small_view.nodes.values() if n.label == "湖北省").context  # input untouched


def test_focus_unknown_name(small_view) -> None:
    with pytest.raises(FocusError, match="did you mean: 星河智能科技有限公司"):
        select(small_view, focus="星河", hops=1)
    with pytest.raises(FocusError, match="no entity named"):
        select(small_view, focus="不存在的公司")
    assert find_nodes(small_view, "  广州市科技局 ") == ["https://w3id.org/kgnews/resource/institution/gzkj"]


def test_max_nodes_keeps_the_best_connected(small_view) -> None:
    v = select(small_view, max_nodes=3)
    assert _labels(v) == {"广州市", "星河智能科技有限公司", "东湖大学"}
    assert "3" in v.note and str(len(SMALL_ENTITIES)) in v.note
    assert len(select(small_view, max_nodes=1000).nodes) == len(SMALL_ENTITIES)


# ---- determinism and formats ----

def test_same_graph_same_bytes(tmp_path: Path) -> None:
    graph = write_graph(tmp_path, small_ttl())
    nt = write_graph(tmp_path, small_ttl(), "g.nt")  # another format, other triple order
    viz.write_html(graph, tmp_path / "a.html")
    viz.write_html(graph, tmp_path / "b.html")
    viz.write_html(nt, tmp_path / "c.html", title="知识图谱 · g.ttl")
    a = (tmp_path / "a.html").read_bytes()
    assert a == (tmp_path / "b.html").read_bytes() == (tmp_path / "c.html").read_bytes()
    viz.write_html(graph, tmp_path / "d.html", focus="东湖大学")
    assert (tmp_path / "d.html").read_bytes() != a


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's TriG serializer
def test_trig_with_a_triple_in_two_graphs_reads_like_turtle(tmp_path: Path) -> None:
    g = rdflib.Graph()
    g.parse(data=small_ttl(), format="turtle")
    ds = rdflib.Dataset()
    first = ds.graph(rdflib.URIRef(key_iri("article/a1")))
    second = ds.graph(rdflib.URIRef(key_iri("article/a2")))
    for n, triple in enumerate(sorted(g)):
        first.add(triple)
        if n % 2:
            second.add(triple)  # half the triples stated in both graphs
    trig = tmp_path / "g.trig"
    ds.serialize(destination=str(trig), format="trig", encoding="utf-8")
    viz.write_html(trig, tmp_path / "t.html")
    viz.write_html(write_graph(tmp_path, small_ttl()), tmp_path / "u.html")
    a, b = page_json((tmp_path / "t.html").read_text("utf-8")), page_json((tmp_path / "u.html").read_text("utf-8"))
    assert a == b


def test_jsonld_input(tmp_path: Path) -> None:
    graph = write_graph(tmp_path, small_ttl(), "g.jsonld")
    stats = viz.write_html(graph, tmp_path / "j.html")
    assert stats.nodes == len(SMALL_ENTITIES)


def test_layout_is_spread_out(small_page: tuple[str, viz.VizStats]) -> None:
    nodes = page_json(small_page[0])["nodes"]
    pts = [(n["x"], n["y"]) for n in nodes]
    assert len(set(pts)) == len(pts)
    closest = min(((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 for i, (ax, ay) in enumerate(pts)
                  for (bx, by) in pts[i + 1:])
    assert closest >= 30


# ---- command line ----

def main(argv: list[str]) -> int:
    """`kg viz ...` through the subcommand's own parser (as kg.cli wires it)."""
    import argparse

    parser = argparse.ArgumentParser(prog="kg")
    viz.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_writes_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = write_graph(tmp_path, small_ttl())
    out = tmp_path / "deep" / "dir" / "v.html"
    assert main(["viz", str(graph), "--out", str(out), "--focus", "东湖大学", "--hops", "1", "--title", "东湖"]) == 0
    data = page_json(out.read_text("utf-8"))
    assert sorted(n["label"] for n in data["nodes"]) == sorted(["东湖大学", "星河智能科技有限公司", "武汉市", "李明远"])
    assert "4 nodes" in capsys.readouterr().err
    assert not list(out.parent.glob(".*.tmp"))


def test_cli_unknown_focus_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = write_graph(tmp_path, small_ttl())
    out = tmp_path / "v.html"
    assert main(["viz", str(graph), "--out", str(out), "--focus", "无名公司"]) == 2
    err = capsys.readouterr().err
    assert "无名公司" in err and str(graph) in err and "Traceback" not in err
    assert not out.exists()


def test_cli_bad_graph_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(PREFIXES + 'kgr:x a kg:Company ;\n rdfs:label "未闭合 .\n', "utf-8")
    assert main(["viz", str(bad), "--out", str(tmp_path / "o.html")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"kg viz: {bad}:") and len(err.splitlines()) == 1
    assert main(["viz", str(tmp_path / "missing.ttl"), "--out", str(tmp_path / "o.html")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["viz", str(tmp_path / "g.csv"), "--out", str(tmp_path / "o.html")]) == 1
    assert "unknown graph format" in capsys.readouterr().err


# ---- the page script runs in a real browser (when one is installed) ----

@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_page_script_runs_in_chromium(tmp_path: Path) -> None:
    ents = SMALL_ENTITIES + [("company/evil", "Company", HOSTILE, [])]
    rels = SMALL_RELATIONS + [("company/evil", "locatedIn", "region/440100", "a4", HOSTILE + "位于广州。")]
    out = tmp_path / "p.html"
    viz.write_html(write_graph(tmp_path, make_ttl(ents, rels, SMALL_MENTIONS)), out)
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--virtual-time-budget=3000", "--dump-dom", out.as_uri()],
            capture_output=True, text=True, timeout=120)
    dom = proc.stdout
    assert 'data-ready="1"' in dom and 'data-drawn="1"' in dom, proc.stderr[-2000:]
    assert 'data-error="' not in dom
    assert "<script>alert(1)" not in dom.replace('type="application/json"', "")
    # the datalist got one option per name, as text
    assert dom.count("<option") >= len(ents)
