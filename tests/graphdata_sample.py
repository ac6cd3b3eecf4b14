"""A small hand-made GraphData shared by test_graph.py and test_query.py.

Three short articles written for these tests (no third-party text): companies, a
university, a project, a person, a document, a region hierarchy 中国 > 广东省 > 深圳市 >
南山区 and 广东省 > 广州市 > 黄埔区, plus 北京市 outside it.
"""
from __future__ import annotations

import random

from kg.model import EntityMention, Document, Entity, Evidence, GraphData, Relation

ARTICLES: dict[str, tuple[str, str | None, str | None, list[str]]] = {
    # id: (title, date, url, sentences)
    "a1": (
        "云帆科技与南方理工大学合作",
        "2024-03-05",
        "https://example.com/news/a1",
        [
            "深圳市云帆科技有限公司与南方理工大学签署合作协议。",
            "双方将共同研发智能巡检机器人项目，项目落地南山区。",
            "云帆科技表示，与南方理工大学的合作将持续五年。",
            "南方理工大学教授李明参与该项目，南方理工大学同时发布了《智能制造发展报告》。",
        ],
    ),
    "a2": (
        "海川生物扩产",
        "2024年5月",
        None,
        [
            "广州海川生物医药股份有限公司位于广州市黄埔区。",
            "该公司投资建设海川创新中心项目。",
            "今年产能预计翻番。",  # no mention, no relation: not written
        ],
    ),
    "a3": (
        None,
        "2024-02-30",  # not a real date: written as a plain string
        "not a url",
        [
            "北京星河数据有限公司与深圳市云帆科技有限公司达成战略合作。",
            "Q&A \"测试\" 公司也在北京。",
            "深圳市云帆科技有限公司总部位于深圳市。",
        ],
    ),
}

ENTITIES: list[Entity] = [
    Entity("company/深圳市云帆科技有限公司", "Company", "深圳市云帆科技有限公司", {"云帆科技"}),
    Entity("institution/南方理工大学", "University", "南方理工大学"),
    Entity("project/智能巡检机器人项目", "Project", "智能巡检机器人项目"),
    Entity("person/李明", "Person", "李明"),
    Entity("document/智能制造发展报告", "Document", "智能制造发展报告"),
    Entity("company/广州海川生物医药股份有限公司", "Company", "广州海川生物医药股份有限公司", {"海川生物"}),
    Entity("project/海川创新中心项目", "Project", "海川创新中心项目"),
    Entity("company/北京星河数据有限公司", "Company", "北京星河数据有限公司"),
    Entity('company/Q&A "测试" 公司', "Company", 'Q&A "测试" 公司'),
    Entity("region/CHN", "Country", "中国", region_code=None, context=True),
    Entity("region/440000", "Province", "广东省", {"广东", "粤"}, "440000", context=True),
    Entity("region/440300", "City", "深圳市", {"深圳"}, "440300"),
    Entity("region/440305", "County", "南山区", set(), "440305"),
    Entity("region/440100", "City", "广州市", {"广州"}, "440100"),
    Entity("region/440112", "County", "黄埔区", set(), "440112"),
    Entity("region/110000", "Province", "北京市", {"北京"}, "110000"),
]

# (doc, sentence, surface, key) for every mention; the same surface twice in a sentence is
# listed twice.
MENTIONS: list[tuple[str, int, str, str]] = [
    ("a1", 0, "深圳市云帆科技有限公司", "company/深圳市云帆科技有限公司"),
    ("a1", 0, "深圳市", "region/440300"),
    ("a1", 0, "南方理工大学", "institution/南方理工大学"),
    ("a1", 1, "智能巡检机器人项目", "project/智能巡检机器人项目"),
    ("a1", 1, "南山区", "region/440305"),
    ("a1", 2, "云帆科技", "company/深圳市云帆科技有限公司"),
    ("a1", 2, "南方理工大学", "institution/南方理工大学"),
    ("a1", 3, "南方理工大学", "institution/南方理工大学"),
    ("a1", 3, "李明", "person/李明"),
    ("a1", 3, "南方理工大学", "institution/南方理工大学"),
    ("a1", 3, "智能制造发展报告", "document/智能制造发展报告"),
    ("a2", 0, "广州海川生物医药股份有限公司", "company/广州海川生物医药股份有限公司"),
    ("a2", 0, "广州市", "region/440100"),
    ("a2", 0, "黄埔区", "region/440112"),
    ("a2", 1, "海川创新中心项目", "project/海川创新中心项目"),
    ("a3", 0, "北京星河数据有限公司", "company/北京星河数据有限公司"),
    ("a3", 0, "深圳市云帆科技有限公司", "company/深圳市云帆科技有限公司"),
    ("a3", 1, 'Q&A "测试" 公司', 'company/Q&A "测试" 公司'),
    ("a3", 1, "北京", "region/110000"),
    ("a3", 2, "深圳市", "region/440300"),
    ("a3", 2, "深圳市云帆科技有限公司", "company/深圳市云帆科技有限公司"),
    ("a3", 2, "深圳市", "region/440300"),
]

# (subject, predicate, object, doc, sentence) - doc None for gazetteer facts.
RELATIONS: list[tuple[str, str, str, str | None, int]] = [
    ("region/440000", "partOf", "region/CHN", None, 0),
    ("region/440300", "partOf", "region/440000", None, 0),
    ("region/440305", "partOf", "region/440300", None, 0),
    ("region/440100", "partOf", "region/440000", None, 0),
    ("region/440112", "partOf", "region/440100", None, 0),
    ("region/110000", "partOf", "region/CHN", None, 0),
    ("company/深圳市云帆科技有限公司", "locatedIn", "region/440300", "a1", 0),
    ("company/深圳市云帆科技有限公司", "cooperatesWith", "institution/南方理工大学", "a1", 0),
    ("company/深圳市云帆科技有限公司", "cooperatesWith", "institution/南方理工大学", "a1", 2),
    ("company/深圳市云帆科技有限公司", "develops", "project/智能巡检机器人项目", "a1", 1),
    ("institution/南方理工大学", "develops", "project/智能巡检机器人项目", "a1", 1),
    ("project/智能巡检机器人项目", "locatedIn", "region/440305", "a1", 1),
    ("person/李明", "affiliatedWith", "institution/南方理工大学", "a1", 3),
    ("institution/南方理工大学", "publishes", "document/智能制造发展报告", "a1", 3),
    ("company/广州海川生物医药股份有限公司", "locatedIn", "region/440112", "a2", 0),
    ("company/广州海川生物医药股份有限公司", "invests", "project/海川创新中心项目", "a2", 1),
    ("company/北京星河数据有限公司", "cooperatesWith", "company/深圳市云帆科技有限公司", "a3", 0),
    ("company/北京星河数据有限公司", "locatedIn", "region/110000", "a3", 0),
    ('company/Q&A "测试" 公司', "locatedIn", "region/110000", "a3", 1),
    # the same relation as in a1: one triple in each article's graph
    ("company/深圳市云帆科技有限公司", "locatedIn", "region/440300", "a3", 2),
]


def _sentence_spans(sentences: list[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1  # a newline between sentences
    return spans


def sample_graph(shuffle_seed: int | None = None) -> GraphData:
    """The sample corpus; with a seed, every list and dict comes in a shuffled order."""
    docs: list[Document] = []
    evidence: dict[tuple[str, int], Evidence] = {}
    for doc_id, (title, date, url, sentences) in ARTICLES.items():
        docs.append(Document(doc_id, "\n".join(sentences), title, date, url, source=doc_id))
        for i, (start, end) in enumerate(_sentence_spans(sentences)):
            evidence[(doc_id, i)] = Evidence(doc_id, i, sentences[i], start, end)
    entities = [
        Entity(e.key, e.type, e.name, set(e.aliases), e.region_code, e.context) for e in ENTITIES
    ]
    mentions = list(MENTIONS)
    relations = [
        Relation(s, p, o, None if d is None else evidence[(d, i)], rule="" if d is None else "test-rule")
        for s, p, o, d, i in RELATIONS
    ]
    if shuffle_seed is not None:
        rng = random.Random(shuffle_seed)
        for seq in (docs, entities, mentions, relations):
            rng.shuffle(seq)
    by_doc: dict[str, list[EntityMention]] = {}
    seen: dict[tuple[str, int, str], int] = {}
    for doc_id, sent, surface, key in sorted(mentions):
        ev = evidence[(doc_id, sent)]
        # the k-th identical (sentence, surface) is the k-th occurrence in the sentence
        pos = ev.text.find(surface, seen.get((doc_id, sent, surface), -1) + 1)
        seen[(doc_id, sent, surface)] = pos
        by_doc.setdefault(doc_id, []).append(
            EntityMention(key, ev, pos, pos + len(surface), ev.start + pos, ev.start + pos + len(surface), surface))
    return GraphData(
        documents=docs,
        entities={e.key: e for e in entities},
        mentions=by_doc,
        relations=relations,
    )
