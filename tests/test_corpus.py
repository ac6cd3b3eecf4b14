"""Resolution across documents (kg.corpus, used by `kg build` and the store)."""
from __future__ import annotations

from kg.corpus import EntityRecord, merge_map, reduce_records
from kg.ingest import parse_document
from kg.model import Document, Entity
from kg.pipeline import assemble, extract
from kg.resources import load_resources


def _build(*texts: str):
    res = load_resources()
    exs = [extract(parse_document(Document(id=f"d{i}", text=t)), res) for i, t in enumerate(texts)]
    return assemble(exs, res)


def _names(data) -> dict[str, set[str]]:
    return {e.name: e.aliases for e in data.entities.values() if not e.context}


SHORT_FIRST = "本轮融资由星河资本领投，多家机构跟投。"
FULL_LATER = "深圳星河资本管理有限公司（以下简称“星河资本”）今日宣布设立新基金。"


def test_short_name_seen_first_joins_the_full_name_seen_later() -> None:
    for texts in ((SHORT_FIRST, FULL_LATER), (FULL_LATER, SHORT_FIRST)):
        names = _names(_build(*texts))
        assert "星河资本" not in names  # no node of its own
        assert "星河资本" in names["深圳星河资本管理有限公司"]


def test_short_name_two_full_names_claim_stays_apart() -> None:
    other = "上海星河资本投资有限公司（以下简称“星河资本”）发布年报。"
    names = _names(_build(SHORT_FIRST, FULL_LATER, other))
    assert "星河资本" in names  # ambiguous: which one the first article meant is unknown


def test_people_are_never_merged_by_name() -> None:
    ents = [Entity("person/王磊", "Person", "王磊", set()), Entity("person/王磊磊", "Person", "王磊磊", {"王磊"})]
    assert merge_map(ents) == {}


def test_description_does_not_depend_on_document_order() -> None:
    recs = [EntityRecord("institution/星海大学", "Institution", "星海大学", frozenset()),
            EntityRecord("institution/星海大学", "University", "星海大学", frozenset({"星大"}))]
    a, b = reduce_records(recs), reduce_records(list(reversed(recs)))
    assert (a.type, a.name, a.aliases) == (b.type, b.name, b.aliases) == ("University", "星海大学", {"星大"})
