"""Resolution across documents: one description per entity, and short names merged into the
full names other articles give them.

Both `kg build` (all documents at once, `kg.pipeline.assemble`) and the incremental store
(`kg.store`, documents arriving over days) call these functions, so the two reach the same
graph whatever order the documents come in: every choice here depends on the set of
records, never on their order.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import Entity
from kg.ns import top_class

# Groups whose short names are merged into a full name seen elsewhere (星河电子 -> 星河电子股份
# 有限公司); people, places and projects keep their own nodes.
MERGING_GROUPS = ("company", "institution")


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """What one document says about one entity (its local key, before cross-document merging)."""

    key: str
    type: str
    name: str
    aliases: frozenset[str]
    region_code: str | None = None
    context: bool = False  # a region the gazetteer adds, not named by the text

    @staticmethod
    def of(ent: Entity) -> "EntityRecord":
        return EntityRecord(ent.key, ent.type, ent.name, frozenset(ent.aliases), ent.region_code, ent.context)


def reduce_records(records: Iterable[EntityRecord]) -> Entity:
    """One entity from what several documents say about it (see `reduce_counts`)."""
    recs = list(records)
    return reduce_counts(recs[0].key, Counter(r.type for r in recs), Counter(r.name for r in recs),
                         set().union(*(r.aliases for r in recs)) | {r.name for r in recs},
                         min((r.region_code for r in recs if r.region_code), default=None),
                         all(r.context for r in recs))


def reduce_counts(key: str, types: Counter, names: Counter, all_names: set[str], code: str | None,
                  context: bool) -> Entity:
    """The most frequent type (a subclass before its top class, then by name) and name; every
    other name an alias.  Counts, not order, decide, so any arrival order gives the same."""
    typ = min((t for t in types if types[t] > 0), key=lambda t: (-types[t], t == top_class(t), t))
    name = min((n for n in names if names[n] > 0), key=lambda n: (-names[n], n))
    return Entity(key, typ, name, set(all_names) - {name}, code, context=context)


def merge_map(entities: Iterable[Entity]) -> dict[str, str]:
    """Keys to merge into another entity's key: an organisation known only by a short name
    that exactly one organisation of its group elsewhere lists among its names (a full name
    with 以下简称 or a short form).  Chains end at the fullest name."""
    by_group: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        group = e.key.partition("/")[0]
        if group in MERGING_GROUPS:
            by_group[group].append(e)
    out: dict[str, str] = {}
    for items in by_group.values():
        holders: dict[str, set[str]] = defaultdict(set)
        for e in items:
            for n in (e.name, *e.aliases):
                holders[n].add(e.key)
        length = {e.key: len(e.name) for e in items}
        for e in items:
            fuller = {k for k in holders.get(e.name, ()) if k != e.key and length[k] > len(e.name)}
            if len(fuller) == 1:
                out[e.key] = fuller.pop()
    for key in list(out):  # follow chains to their end (names only grow, so no cycles)
        target = out[key]
        while target in out:
            target = out[target]
        out[key] = target
    return out
