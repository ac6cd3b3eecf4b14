"""Assembling the corpus one document at a time, from what each document contributes.

A document's contribution (`DocFacts`: its entity records, where it names each entity,
its relations with evidence, and its own subjects already written as Turtle) depends only
on its extraction, so it is made where the document is extracted: in a worker process of
a parallel build, the worker does that part of resolution and writing too, and what
crosses the process boundary is small.  The `Assembler` takes contributions in input order
as they arrive (a parallel build's parent does this while the workers extract) and
`finish` does only what needs the whole corpus: one description per entity, merging short
names into full names other articles give (kg.corpus), the region hierarchy.  The graph is
the same whatever did which part: `kg.pipeline.assemble` is this over a list.
"""
from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.corpus import MERGING_GROUPS, EntityRecord, merge_map, reduce_counts
from kg.graph import DocTurtle, doc_turtle
from kg.model import DocExtraction, Document, Entity, EntityMention, GraphData, Relation
from kg.resources import Resources

__all__ = ["Assembler", "DocFacts", "doc_facts"]


@dataclass(frozen=True, slots=True)
class DocFacts:
    """What one document contributes to the corpus (see the module docstring).

    `turtle` is None when it was not rendered (or could not be: the writer then renders
    the article itself, and reports what is wrong with it)."""

    doc: Document
    records: tuple[EntityRecord, ...]
    mentions: list[EntityMention]  # kg.pipeline.doc_mentions
    relations: list[Relation]  # kg.pipeline.doc_relations
    turtle: DocTurtle | None = None


def doc_facts(ex: DocExtraction, all_mentions: bool = False, render: bool = True) -> DocFacts:
    """A document's contribution from its extraction; `render`: with its Turtle."""
    from kg.pipeline import doc_mentions, doc_relations

    mentions = doc_mentions(ex, all_mentions)
    relations = doc_relations(ex)
    turtle = None
    if render:
        try:
            turtle = doc_turtle(ex.parsed.doc, mentions, relations)
        except ValueError:
            turtle = None  # a term the writer rejects: let it say so when it writes the corpus
    return DocFacts(ex.parsed.doc, tuple(EntityRecord.of(e) for e in ex.entities.values()), mentions, relations,
                    turtle)


def _relation_key(r: Relation) -> tuple:
    ev = r.evidence
    return (r.subject, r.predicate, r.object, ev.doc_id if ev else "", ev.sentence if ev else -1)


@dataclass(slots=True)
class _Tally:
    """What the documents so far say about one entity key: `kg.corpus.reduce_records`'s
    inputs, counted as they arrive so that the end has only the choice left."""

    types: dict[str, int]
    names: dict[str, int]
    all_names: set[str]
    code: str | None
    context: bool

    def add(self, rec: EntityRecord) -> None:
        self.types[rec.type] = self.types.get(rec.type, 0) + 1
        self.names[rec.name] = self.names.get(rec.name, 0) + 1
        self.all_names.add(rec.name)
        self.all_names |= rec.aliases
        if rec.region_code and (self.code is None or rec.region_code < self.code):
            self.code = rec.region_code
        self.context = self.context and rec.context

    @staticmethod
    def of(rec: EntityRecord) -> "_Tally":
        return _Tally({rec.type: 1}, {rec.name: 1}, {rec.name} | rec.aliases, rec.region_code or None, rec.context)

    def entity(self, key: str) -> Entity:
        return reduce_counts(key, self.types, self.names, self.all_names, self.code, self.context)


class Assembler:
    """Documents' contributions in, the resolved corpus (GraphData) out.

    `add` in input order; `finish` once.  The result is `kg.pipeline.assemble`'s for the
    same documents, byte for byte once written.  What can be done per document is done in
    `add` (counting what each says about each entity, noting which articles name a key
    that resolution may merge), so that `finish` only decides.  Both pause the cyclic
    garbage collector (the many small acyclic records kept would only be scanned again
    and again)."""

    def __init__(self, res: Resources, all_mentions: bool = False) -> None:
        self.res = res
        self.all_mentions = all_mentions
        self.tallies: dict[str, _Tally] = {}
        self.relations: dict[tuple, Relation] = {}
        self.mentions: dict[str, list[EntityMention]] = {}
        self.doc_relations: dict[str, list[Relation]] = {}
        self.docs: list[Document] = []
        self.turtle: dict[str, DocTurtle] = {}
        self.naming: dict[str, list[str]] = defaultdict(list)  # mergeable key -> ids of the articles naming it
        self.self_loops: set[str] = set()  # articles with a relation of an entity to itself
        self.repeated: set[str] = set()  # document ids seen twice: resolved and written the slow way

    def add(self, facts: DocFacts) -> None:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._add(facts)
        finally:
            if was_enabled:
                gc.enable()

    def add_all(self, items: Iterable[DocFacts]) -> None:
        for facts in items:
            self.add(facts)

    def _add(self, facts: DocFacts) -> None:
        doc = facts.doc
        doc_id = doc.id
        if doc_id in self.mentions:
            self.repeated.add(doc_id)
        self.docs.append(doc)
        tallies = self.tallies
        for rec in facts.records:
            t = tallies.get(rec.key)
            if t is None:
                tallies[rec.key] = _Tally.of(rec)
            else:
                t.add(rec)
        self.mentions[doc_id] = facts.mentions
        self.doc_relations[doc_id] = facts.relations
        relations = self.relations
        named: set[str] = set()
        for rel in facts.relations:
            relations.setdefault((rel.subject, rel.predicate, rel.object, doc_id, rel.evidence.sentence), rel)
            named.add(rel.subject)
            named.add(rel.object)
            if rel.subject == rel.object:
                self.self_loops.add(doc_id)
        named.update(m.key for m in facts.mentions)
        naming = self.naming
        for key in named:
            if key.partition("/")[0] in MERGING_GROUPS:
                naming[key].append(doc_id)
        if facts.turtle is not None:
            self.turtle[doc_id] = facts.turtle

    def finish(self) -> GraphData:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._finish()
        finally:
            if was_enabled:
                gc.enable()

    def _finish(self) -> GraphData:
        """One node per key, short names merged into full names other articles give
        (kg.corpus); region hierarchy from the gazetteer.

        Each article records where each entity is first named in it (a kg:Mention); with
        `all_mentions`, every place it is named (several times the triples on long articles).
        """
        from kg.pipeline import _region_type, remap_mentions, remap_relations

        res = self.res
        entities = {key: t.entity(key) for key, t in self.tallies.items()}
        mentions = self.mentions
        relations = self.relations
        turtle = self.turtle
        merged = merge_map(entities.values())
        if merged:
            for old, new in sorted(merged.items()):
                gone = entities.pop(old)
                entities[new].aliases |= ({gone.name} | gone.aliases) - {entities[new].name}
            if self.repeated:  # an id's relations cannot be told apart: remap them all
                mentions = remap_mentions(mentions, merged, self.all_mentions)
                relations = {_relation_key(r): r for r in remap_relations(relations.values(), merged)}
                turtle = {}
            else:
                # only the articles naming a merged key change (their IRIs, mentions and
                # relations); they are written anew
                stale = self.self_loops.union(*(self.naming.get(k, ()) for k in merged))
                mentions = dict(mentions)
                mentions.update(remap_mentions({d: mentions[d] for d in stale}, merged, self.all_mentions))
                relations = {k: r for k, r in relations.items() if k[3] not in stale}
                for doc_id in sorted(stale):
                    for r in remap_relations(self.doc_relations[doc_id], merged):
                        relations.setdefault(_relation_key(r), r)
                turtle = {doc_id: t for doc_id, t in turtle.items() if doc_id not in stale}
        if self.repeated:
            turtle = {doc_id: t for doc_id, t in turtle.items() if doc_id not in self.repeated}
        # region hierarchy: every region named gets its chain of parents (context nodes)
        gaz = res.gazetteer
        for key in list(entities):
            ent = entities[key]
            code = ent.region_code
            while code:
                region = gaz.get(code)
                if region is None or not region.parent:
                    break
                parent = gaz.get(region.parent)
                if parent is None:
                    break
                pkey = f"region/{parent.code}"
                if pkey not in entities:
                    entities[pkey] = Entity(pkey, _region_type(res, parent.code), parent.short or parent.name,
                                            {parent.name} - {parent.short or parent.name}, parent.code, context=True)
                relations.setdefault((f"region/{code}", "partOf", pkey, "", -1),
                                     Relation(f"region/{code}", "partOf", pkey, None, "gazetteer"))
                code = parent.code
        for ent in entities.values():
            if ent.region_code:
                region = gaz.get(ent.region_code)
                if region and region.name != ent.name:
                    ent.aliases.add(region.name)
            ent.aliases.discard(ent.name)
        return GraphData(self.docs, entities, mentions, sorted(relations.values(), key=_relation_key), turtle)
