"""The on-disk store (kg.store): equal to a full build whatever the order, incremental
replace/skip/remove, cross-document merging as articles arrive, and no loss on a crash."""
from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import ns
from kg.graph import to_quads
from kg.ingest import iter_documents, parse_document
from kg.model import Document
from kg.pipeline import assemble, extract
from kg.resources import load_resources
from kg.store import GraphStore, StoreError, content_digest, doc_part

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def examples():
    res = load_resources()
    docs = list(iter_documents([ROOT / "examples"], lambda w: None))
    return res, docs, [extract(parse_document(d), res) for d in docs]


def _put(store: GraphStore, res, doc: Document, ex=None) -> str:
    ex = ex or extract(parse_document(doc), res)
    return store.put(doc_part(ex, res), content_digest(doc))


def _quads(store: GraphStore) -> set[ox.Quad]:
    """What the store holds as `kg build` writes it, after checking that its default graph
    is the union of all its graphs as a set (what SPARQL on the store reads)."""
    quads = set(store.quads())
    union = {(q.subject, q.predicate, q.object) for q in quads}
    default = {(q.subject, q.predicate, q.object) for q in store.rdf.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert default == union
    assert store.triple_count() == len(union)
    return quads


def _full(res, exs) -> set[ox.Quad]:
    return set(to_quads(assemble(exs, res)))


def test_store_equals_a_full_build_in_any_order(tmp_path: Path, examples) -> None:
    res, docs, exs = examples
    want = _full(res, exs)
    for seed in (1, 2):
        store = GraphStore(tmp_path / f"s{seed}")
        order = list(range(len(docs)))
        random.Random(seed).shuffle(order)
        for n, i in enumerate(order):
            _put(store, res, docs[i], exs[i])
            if n % 3 == 2:
                store.commit()
        store.commit()
        assert _quads(store) == want
        # take half away and bring it back: the same graph again
        half = [docs[i].id for i in order[: len(order) // 2]]
        assert store.remove(half).removed == len(half)
        store.commit()
        assert _quads(store) != want
        for i in order[: len(order) // 2]:
            _put(store, res, docs[i], exs[i])
        store.commit()
        assert _quads(store) == want
        store.close()


def test_unchanged_article_is_skipped_and_a_changed_one_replaces_its_facts(tmp_path: Path) -> None:
    res = load_resources()
    store = GraphStore(tmp_path / "s")
    v1 = Document(id="a1", text="星海大学与北辰科技有限公司签署战略合作协议。")
    v2 = Document(id="a1", text="星海大学与南岭电子有限公司签署战略合作协议。")
    assert _put(store, res, v1) == "added"
    store.commit()
    assert _put(store, res, v1) == "unchanged"
    assert _put(store, res, v2) == "replaced"
    store.commit()
    labels = {str(q.object.value) for q in store.quads() if q.predicate.value.endswith("#label")}
    assert "南岭电子有限公司" in labels and "北辰科技有限公司" not in labels
    assert _quads(store) == _full(res, [extract(parse_document(v2), res)])


def test_removing_an_article_keeps_what_others_still_say(tmp_path: Path) -> None:
    res = load_resources()
    store = GraphStore(tmp_path / "s")
    a = Document(id="a", text="星海大学与北辰科技有限公司签署战略合作协议。")
    b = Document(id="b", text="星海大学发布《星海大学年度科研报告》。")
    _put(store, res, a)
    _put(store, res, b)
    store.commit()
    stats = store.remove(["a", "nope"])
    store.commit()
    assert stats.removed == 1 and stats.missing == ["nope"]
    labels = {str(q.object.value) for q in store.quads() if q.predicate.value.endswith("#label")}
    assert "星海大学" in labels and "北辰科技有限公司" not in labels
    assert _quads(store) == _full(res, [extract(parse_document(b), res)])


def test_short_name_first_and_full_name_later_end_as_one_node(tmp_path: Path) -> None:
    res = load_resources()
    store = GraphStore(tmp_path / "s")
    first = Document(id="d1", text="本轮融资由星河资本领投，多家机构跟投。")
    later = Document(id="d2", text="深圳星河资本管理有限公司（以下简称“星河资本”）今日宣布设立新基金。")
    _put(store, res, first)
    store.commit()
    _put(store, res, later)
    store.commit()
    nodes = {q.subject for q in store.quads() if q.predicate.value.endswith("#label")
             and q.object.value in ("星河资本", "深圳星河资本管理有限公司")}
    assert len(nodes) == 1
    both = [extract(parse_document(d), res) for d in (first, later)]
    assert _quads(store) == _full(res, both)
    store.remove(["d2"])  # the full name gone: the short name has its own node again
    store.commit()
    assert _quads(store) == _full(res, both[:1])


CRASH = """
import os, sys
from pathlib import Path
from kg.ingest import iter_documents, parse_document
from kg.pipeline import extract
from kg.resources import load_resources
from kg.store import GraphStore, content_digest, doc_part
res = load_resources()
docs = list(iter_documents([Path(sys.argv[2])], lambda w: None))
store = GraphStore(Path(sys.argv[1]))
for i, d in enumerate(docs[:2]):
    store.put(doc_part(extract(parse_document(d), res), res), content_digest(d))
    if i == 0:
        store.commit()
os._exit(3)  # the process dies with the second article's batch not committed
"""


def test_uncommitted_work_is_redone_after_a_crash(tmp_path: Path, examples) -> None:
    import subprocess
    import sys

    res, docs, exs = examples
    done = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path / "s"), str(ROOT / "examples")],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    store = GraphStore(tmp_path / "s")
    assert store.digest(docs[0].id) and store.digest(docs[1].id) is None
    for d, ex in zip(docs, exs):
        _put(store, res, d, ex)
    store.commit()
    assert _quads(store) == _full(res, exs)


CRASH_IN_COMMIT = """
import os, sys
from pathlib import Path
from kg.ingest import parse_document
from kg.model import Document
from kg.pipeline import extract
from kg.resources import load_resources
from kg.store import GraphStore, content_digest, doc_part
res = load_resources()
store = GraphStore(Path(sys.argv[1]))
def put(doc):
    store.put(doc_part(extract(parse_document(doc), res), res), content_digest(doc))
put(Document(id="a", text="星海大学与北辰科技有限公司签署战略合作协议。"))
store.commit()
put(Document(id="a", text="星海大学与南岭电子有限公司签署战略合作协议。"))
put(Document(id="b", text="北辰科技有限公司发布《北辰年度报告》。"))
class Dies:  # the RDF of the batch is written, then the process dies before the commit
    def __init__(self, db): self.db = db
    def execute(self, sql, *a):
        if sql == "COMMIT":
            os._exit(3)
        return self.db.execute(sql, *a)
    def __getattr__(self, name): return getattr(self.db, name)
store.db = Dies(store.db)
store.commit()
"""


def test_a_crash_inside_a_commit_is_repaired_on_the_next_open(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", CRASH_IN_COMMIT, str(tmp_path / "s")], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    assert (tmp_path / "s" / "pending.json").exists()
    res = load_resources()
    store = GraphStore(tmp_path / "s")  # repairs: the committed state is article a, first version
    assert not (tmp_path / "s" / "pending.json").exists()
    first = Document(id="a", text="星海大学与北辰科技有限公司签署战略合作协议。")
    assert _quads(store) == _full(res, [extract(parse_document(first), res)])


def test_store_refuses_a_folder_that_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not empty"):
        GraphStore(tmp_path / "x")
    with pytest.raises(StoreError, match="not a kg store"):
        GraphStore(tmp_path / "missing", create=False)
    GraphStore(tmp_path / "m", all_mentions=False).close()
    with pytest.raises(StoreError, match="--mentions first"):
        GraphStore(tmp_path / "m", all_mentions=True)


def test_default_graph_keeps_a_shared_fact_until_no_article_states_it(tmp_path: Path) -> None:
    """Two articles state the same location; the default graph (what SPARQL reads) keeps the
    fact while either does, and the gazetteer link while any article brings it."""
    res = load_resources()
    a = Document(id="loc-a", text="深圳云帆智能科技有限公司位于深圳市南山区，主要从事巡检机器人研发。")
    b = Document(id="loc-b", text="据悉，深圳云帆智能科技有限公司位于深圳市南山区，员工超过三百人。")
    store = GraphStore(tmp_path / "s")
    for d in (a, b):
        _put(store, res, d)
    store.commit()
    ask = ("ASK { ?c rdfs:label '深圳云帆智能科技有限公司'@zh ; kg:locatedIn ?r . ?r rdfs:label '南山'@zh ; "
           "kg:partOf ?city . ?city rdfs:label '深圳'@zh }")
    assert store.query(ask)
    graphs = {q.graph_name.value for q in store.rdf.quads_for_pattern(None, ox.NamedNode(f"{ns.KG_NS}locatedIn"), None, None)
              if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert graphs == {ns.article_iri("loc-a"), ns.article_iri("loc-b")}
    store.remove(["loc-a"])
    store.commit()
    assert store.query(ask)
    assert _quads(store) == _full(res, [extract(parse_document(b), res)])
    store.remove(["loc-b"])
    store.commit()
    assert not store.query(ask)
    assert store.triple_count() == 0
    store.close()


def test_a_format_1_store_is_upgraded_when_opened_for_writing(tmp_path: Path, examples) -> None:
    """Stores of the first format had no union in the default graph: opening one for writing
    copies it there; read-only, it is refused with the way to upgrade."""
    import sqlite3

    res, docs, exs = examples
    store = GraphStore(tmp_path / "s")
    for d, ex in zip(docs, exs):
        _put(store, res, d, ex)
    store.close()
    # make it what format 1 was: article triples in their graphs only
    rdf = ox.Store(str(tmp_path / "s" / "graph"))
    rdf.update("DELETE { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    rdf.flush()
    del rdf
    db = sqlite3.connect(tmp_path / "s" / "state.sqlite")
    db.execute("UPDATE meta SET v='1' WHERE k='format'")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="to upgrade it"):
        GraphStore(tmp_path / "s", create=False, read_only=True)
    store = GraphStore(tmp_path / "s", create=False)
    assert _quads(store) == _full(res, exs)
    store.close()
