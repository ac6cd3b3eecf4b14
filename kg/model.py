"""Typed records passed between the steps of the pipeline.

ingest -> Document + Sentence/Credit; recognise -> Mention; relate -> RelationMention;
resolve -> Entity/Relation; graph -> RDF.  Each step takes and returns these dataclasses
only, so a step can be tested alone and replaced without touching the others.
All offsets are Python string indices (code points), end exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """One input article as read from disk, before any repair."""

    id: str  # JSONL "id", or the file path relative to the input root
    text: str  # the decoded text; every offset in the pipeline points into this string
    title: str | None = None
    date: str | None = None  # ISO 8601 date when known
    url: str | None = None
    source: str = ""  # where it came from, for messages: "path" or "path:line"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document.

    `text` is the repaired text (a word broken across a column break joined back, layout
    spaces removed); `start`/`end` delimit the sentence in `Document.text`.  When repair
    changed the text, `char_map[i]` is the offset in `Document.text` of `text[i]`;
    otherwise `char_map` is empty and `start + i` is that offset.
    """

    index: int
    text: str
    start: int
    end: int
    kind: str = "body"  # body | heading | byline | caption
    char_map: tuple[int, ...] = ()

    def doc_offset(self, i: int) -> int:
        """Offset in Document.text of character i of this sentence (i may equal len)."""
        if not self.char_map:
            return self.start + i
        if i >= len(self.char_map):
            return self.end
        return self.char_map[i]


@dataclass(frozen=True, slots=True)
class CreditName:
    """A person named in a byline or dateline."""

    name: str
    role: str  # 记者 | 通讯员 | 摄影 | 编辑 ...
    sentence: int
    start: int  # sentence-relative
    end: int


@dataclass(frozen=True, slots=True)
class Credit:
    """A byline (◎本报记者 X) or dateline (科技日报讯(记者 X), 中新网厦门11月4日电)."""

    kind: str  # byline | dateline
    sentence: int
    start: int  # sentence-relative span of the whole credit
    end: int
    outlet: str | None = None  # 科技日报, 中新网, 本报 is resolved to None
    place: str | None = None  # 厦门 in 中新网厦门11月4日电
    date: str | None = None  # 11月4日 as written
    people: tuple[CreditName, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """Output of ingest: the document cut into sentences, with its bylines found."""

    doc: Document
    sentences: tuple[Sentence, ...]
    credits: tuple[Credit, ...] = ()
    duplicate_sentences: int = 0  # sentences dropped because a paragraph was printed twice


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a sentence that names something.

    `type` is the most specific ontology class local name (Company, University, City,
    Person, Document, ...).  `key` identifies the thing in a lexicon or gazetteer when
    known (region code, lexicon id), so that different surfaces resolve to one node.
    """

    sentence: int
    start: int  # sentence-relative
    end: int
    surface: str
    type: str
    rule: str  # which rule or resource found it, for --explain
    key: str | None = None
    canonical: str | None = None  # the full name when the rule knows it (lexicon, 以下简称)


@dataclass(frozen=True, slots=True)
class RelationMention:
    """A relation the text states between two mentions (indices into the mention list)."""

    subject: int
    predicate: str  # ontology local name: locatedIn, partOf, cooperatesWith, ...
    object: int
    sentence: int
    rule: str


@dataclass(frozen=True, slots=True)
class Rejection:
    """A candidate the extractor considered and dropped, with the reason (for explain)."""

    sentence: int
    what: str  # the candidate text or triple
    reason: str


@dataclass(slots=True)
class Entity:
    """One thing in the world: the node the graph will have."""

    key: str  # stable identity: becomes the IRI's local part
    type: str  # most specific class local name
    name: str  # canonical name (rdfs:label)
    aliases: set[str] = field(default_factory=set)  # other surfaces seen (skos:altLabel)
    region_code: str | None = None  # for regions from the gazetteer
    context: bool = False  # added for hierarchy only (not named in any text)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was stated: the article and the sentence with offsets in its text."""

    doc_id: str
    sentence: int
    text: str
    start: int  # offsets in Document.text
    end: int


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One place an entity is named: its sentence (as evidence) and its exact span."""

    key: str  # entity key
    sentence: Evidence  # the sentence, with its offsets in Document.text
    start: int  # sentence-relative
    end: int
    doc_start: int  # in Document.text
    doc_end: int
    surface: str


@dataclass(frozen=True, slots=True)
class Relation:
    """A resolved relation between two entity keys, with its evidence."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence | None = None  # None for gazetteer hierarchy facts
    rule: str = ""


@dataclass(slots=True)
class DocExtraction:
    """Everything extracted from one document, resolved within the document.

    `mention_entity[i]` is the entity key of mention i.  This is the unit that parallel and
    distributed builds ship between processes, so it holds only plain data.
    """

    parsed: ParsedDocument
    mentions: list[Mention]
    relations: list[RelationMention]
    entities: dict[str, Entity]
    mention_entity: list[str]
    rejections: list[Rejection] = field(default_factory=list)


@dataclass(slots=True)
class GraphData:
    """The resolved corpus, ready to become RDF."""

    documents: list[Document]
    entities: dict[str, Entity]  # key -> entity
    mentions: dict[str, list[EntityMention]]  # doc id -> where each entity is named
    relations: list[Relation]
    # doc id -> its own subjects already written as Turtle (kg.graph.DocTurtle), for the
    # articles whose entity keys resolution kept: the Turtle writer only joins them
    turtle: dict[str, Any] = field(default_factory=dict)
