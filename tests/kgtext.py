"""Run the extractor on a text written in a test and look at what it found, by name."""
from __future__ import annotations

from dataclasses import dataclass

from kg.ingest import parse_document
from kg.model import DocExtraction, Document
from kg.ns import top_class
from kg.pipeline import extract
from kg.resources import load_resources


@dataclass
class Found:
    ex: DocExtraction

    @property
    def names(self) -> dict[str, str]:
        """Every name and alias of every entity -> its top class."""
        out = {}
        for e in self.ex.entities.values():
            for n in (e.name, *e.aliases):
                out[n] = top_class(e.type)
        return out

    def entity(self, name: str):
        for e in self.ex.entities.values():
            if name == e.name or name in e.aliases:
                return e
        return None

    def has(self, name: str, cls: str | None = None) -> bool:
        t = self.names.get(name)
        return t is not None and (cls is None or t == cls or self.entity(name).type == cls)

    @property
    def relations(self) -> set[tuple[str, str, str]]:
        out = set()
        for r in self.ex.relations:
            s = self.ex.entities[self.ex.mention_entity[r.subject]].name
            o = self.ex.entities[self.ex.mention_entity[r.object]].name
            out.add((s, r.predicate, o))
        return out

    def rel(self, s: str, p: str, o: str) -> bool:
        es, eo = self.entity(s), self.entity(o)
        if es is None or eo is None:
            return False
        for r in self.ex.relations:
            a, b = self.ex.mention_entity[r.subject], self.ex.mention_entity[r.object]
            if r.predicate == p and ((a, b) == (es.key, eo.key) or (p == "cooperatesWith" and (b, a) == (es.key, eo.key))):
                return True
        return False


def run(text: str, doc_id: str = "t.txt") -> Found:
    return Found(extract(parse_document(Document(doc_id, text)), load_resources()))
