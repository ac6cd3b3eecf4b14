"""`kg eval`: score a graph against gold annotations (../shared/eval/FORMAT.md).

Decisions FORMAT.md leaves open, made here once:

* Names: NFKC, then every whitespace character (incl. zero-width) and quote mark removed;
  no case folding.  A graph entity's names are its rdfs:label, skos:prefLabel, skos:altLabel.
* Type: each rdf:type is walked up rdfs:subClassOf (the graph's own triples, and
  ``kg.ns.SUBCLASS_OF`` for classes the graph does not describe) to the first class whose
  local name is one of the seven top classes.  Nodes without one are not scored.
* Scored entities: objects of ``schema:mentions`` from article nodes (typed NewsArticle; any
  subject of schema:mentions when no node is).  When an article's ``dcterms:identifier``
  names the gold document (same path or same file name), only that article counts, and a
  relation whose evidence statements all come from other articles is left out.
* Assignment: graph nodes and required gold entities of the same type whose names meet
  form a bipartite graph; a maximum matching (Kuhn's augmenting paths, gold entities in
  file order, each one's candidates tried best first: label equal to the gold name, then
  more shared names, then IRI) gives the true positives, so TPs are maximal and the result
  deterministic.  An unassigned node then counts as: ignored if it matches an optional
  gold entity of its type; otherwise a false positive ("second node" when it matches an
  already matched required entity of its type, "gold type is X" when it only matches
  another type, "no gold entity" when it matches nothing).
* Relations: a triple whose predicate local name is one of the eight, between two scored
  entities (mentioned, of a scored type; optional ones included, since FORMAT.md lists
  their relations in optional_relations).  Each end maps to the gold entity it was
  assigned, else the one it matches (same type first, required first), else stays itself
  and can only be a false positive.  Triples to unmentioned context nodes or nodes of no
  scored type are ignored.  The scored relations are a set: two graph triples that map to
  the same gold triple count once.  cooperatesWith is compared without direction.
* Region-to-region partOf and locatedIn (the hierarchy) are not scored, in the graph or
  in the gold.
* P/R/F1 come from the counts: P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2tp/(2tp+fp+fn);
  a ratio with a zero denominator is None (shown as "-").  Micro averages sum the counts.
"""
from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.ns import (
    CORE_PREDICATES,
    DOMAIN_RANGE,
    EXTENDED_PREDICATES,
    KG,
    PREDICATES,
    PROV_NS,
    SUBCLASS_OF,
    TOP_CLASSES,
    article_iri,
    entity_iri,
)

PROV = Namespace(PROV_NS)
SCHEMA_MENTIONS = (URIRef("https://schema.org/mentions"), URIRef("http://schema.org/mentions"))
LABEL_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
CORE_TYPES = ("Company", "Institution", "Region", "Project")
EXTENDED_TYPES = ("Person", "Document", "Event")

# Quote marks FORMAT.md removes before comparing names (after NFKC, so full-width forms
# such as ＂ have already become their ASCII twins).
QUOTES = frozenset("\"'`´“”‘’‚‛„‟«»‹›《》〈〉「」『』〝〞〟﹁﹂﹃﹄")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


class EvalError(Exception):
    """A user error (bad file, bad gold): printed as one line, no traceback."""


def norm_name(text: str) -> str:
    """The comparison form of a name: NFKC, no whitespace, no quote marks."""
    return "".join(
        ch
        for ch in unicodedata.normalize("NFKC", text)
        if not ch.isspace() and ch not in QUOTES and ch not in _INVISIBLE
    )


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return re.split(r"[#/]", str(iri))[-1]


# --------------------------------------------------------------------------- counts


@dataclass(slots=True)
class Counts:
    """True/false positives and false negatives of one category, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else None

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _sum(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for c in counts:
        total = total + c
    return total


@dataclass(slots=True)
class EntityError:
    """A false positive (graph node) or false negative (gold entity), with why."""

    kind: str  # "fp" | "fn"
    type: str  # top class: the graph's for a FP, the gold's for a FN
    name: str  # the graph label (FP) or the gold name (FN)
    reason: str
    node: str | None = None  # graph IRI
    sentence: str | None = None  # where it came from (FP) or where the text names it (FN)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("kind", "type", "name", "reason", "node", "sentence")}


@dataclass(slots=True)
class RelationError:
    """A false positive or false negative relation, ends named by gold names if known."""

    kind: str
    subject: str
    predicate: str
    object: str
    reason: str
    sentence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        keys = ("kind", "subject", "predicate", "object", "reason", "sentence")
        return {k: getattr(self, k) for k in keys}


@dataclass(slots=True)
class Scores:
    """The score of one document (or, summed, of a corpus)."""

    doc: str | None = None
    entities: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TOP_CLASSES})
    relations: dict[str, Counts] = field(default_factory=lambda: {p: Counts() for p in PREDICATES})
    fp_entities: list[EntityError] = field(default_factory=list)
    fn_entities: list[EntityError] = field(default_factory=list)
    fp_relations: list[RelationError] = field(default_factory=list)
    fn_relations: list[RelationError] = field(default_factory=list)
    documents: int = 1

    @property
    def core_entities(self) -> Counts:
        return _sum(self.entities[t] for t in CORE_TYPES)

    @property
    def extended_entities(self) -> Counts:
        return _sum(self.entities[t] for t in EXTENDED_TYPES)

    @property
    def core_relations(self) -> Counts:
        return _sum(self.relations[p] for p in CORE_PREDICATES)

    @property
    def extended_relations(self) -> Counts:
        return _sum(self.relations[p] for p in EXTENDED_PREDICATES)

    @staticmethod
    def total(parts: Iterable[Scores]) -> Scores:
        """Micro-average over documents: counts summed (errors are kept per document)."""
        out = Scores(doc=None, documents=0)
        for s in parts:
            out.documents += s.documents
            for t in TOP_CLASSES:
                out.entities[t] = out.entities[t] + s.entities[t]
            for p in PREDICATES:
                out.relations[p] = out.relations[p] + s.relations[p]
        return out

    def to_dict(self, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc": self.doc,
            "documents": self.documents,
            "entities": {t: c.to_dict() for t, c in self.entities.items()},
            "entities_micro": {
                "core": self.core_entities.to_dict(),
                "extended": self.extended_entities.to_dict(),
            },
            "relations": {p: c.to_dict() for p, c in self.relations.items()},
            "relations_micro": {
                "core": self.core_relations.to_dict(),
                "extended": self.extended_relations.to_dict(),
            },
        }
        if errors:
            out["errors"] = {
                "fp_entities": [e.to_dict() for e in self.fp_entities],
                "fn_entities": [e.to_dict() for e in self.fn_entities],
                "fp_relations": [e.to_dict() for e in self.fp_relations],
                "fn_relations": [e.to_dict() for e in self.fn_relations],
            }
        return out


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class GoldEntity:
    index: int  # position in required + optional
    type: str
    name: str
    aliases: tuple[str, ...]
    optional: bool
    names: frozenset[str]  # normalised name and aliases


@dataclass(frozen=True, slots=True)
class Gold:
    doc: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[tuple[str, str, str], ...]
    optional_relations: tuple[tuple[str, str, str], ...]


def parse_gold(data: Any, source: str = "gold") -> Gold:
    """Check a gold dict's shape and turn it into a Gold (EvalError names the problem)."""
    if not isinstance(data, dict):
        raise EvalError(f"{source}: a gold file must hold a JSON object")
    entities: list[GoldEntity] = []
    for key, optional in (("entities", False), ("optional_entities", True)):
        items = data.get(key, [])
        if not isinstance(items, list):
            raise EvalError(f"{source}: '{key}' must be a list")
        for i, e in enumerate(items):
            where = f"{source}: {key}[{i}]"
            if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"]:
                raise EvalError(f"{where}: needs a non-empty string 'name'")
            if e.get("type") not in TOP_CLASSES:
                raise EvalError(f"{where}: type {e.get('type')!r} is not one of {', '.join(TOP_CLASSES)}")
            aliases = e.get("aliases", []) or []
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise EvalError(f"{where}: 'aliases' must be a list of strings")
            names = frozenset(n for n in (norm_name(x) for x in [e["name"], *aliases]) if n)
            entities.append(GoldEntity(len(entities), e["type"], e["name"], tuple(aliases), optional, names))
    rels: dict[str, tuple[tuple[str, str, str], ...]] = {}
    for key in ("relations", "optional_relations"):
        items = data.get(key, [])
        if not isinstance(items, list):
            raise EvalError(f"{source}: '{key}' must be a list")
        out = []
        for i, r in enumerate(items):
            if (
                not isinstance(r, list)
                or len(r) != 3
                or not all(isinstance(x, str) for x in r)
                or r[1] not in PREDICATES
            ):
                raise EvalError(f"{source}: {key}[{i}] must be [subject, predicate, object] with a predicate of {', '.join(PREDICATES)}")
            out.append((r[0], r[1], r[2]))
        rels[key] = tuple(out)
    doc = data.get("doc", "")
    return Gold(str(doc) if doc else "", tuple(entities), rels["relations"], rels["optional_relations"])


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read and check a gold JSON file; EvalError names the file (and line) on failure."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise EvalError(f"{p}: no such gold file") from None
    except json.JSONDecodeError as exc:
        raise EvalError(f"{p}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise EvalError(f"{p}: cannot read: {exc}") from None
    parse_gold(data, str(p))
    return data


# --------------------------------------------------------------------------- graph


def load_graph(path: str | Path) -> Graph:
    """Read a graph file (kg.rdfio when present, else rdflib with the extension's format)."""
    p = Path(path)
    if not p.is_file() and not (p / "state.sqlite").is_file():
        raise EvalError(f"{p}: no such graph file or store folder")
    try:
        from kg.rdfio import load_rdflib  # type: ignore[attr-defined]
    except ImportError:
        load_rdflib = None
    try:
        if load_rdflib is not None:
            return load_rdflib(p)
        from rdflib import Dataset
        from rdflib.util import guess_format

        fmt = guess_format(str(p)) or "turtle"
        if fmt in ("trig", "nquads"):
            ds = Dataset()
            ds.parse(str(p), format=fmt)
            return _union(ds)
        g = Graph()
        g.parse(str(p), format=fmt)
        return g
    except Exception as exc:  # rdflib raises many kinds; the message is what the user needs
        msg = " ".join(str(exc).split())
        if type(exc).__name__ == "GraphLoadError":  # kg.rdfio: already "path:line: message"
            raise EvalError(msg) from None
        raise EvalError(f"{p}: cannot parse graph: {msg[:300]}") from None


def _union(graph: Any) -> Graph:
    """A plain Graph holding every triple of a dataset's graphs."""
    if hasattr(graph, "quads") and type(graph) is not Graph:
        g = Graph()
        for s, p, o, _c in graph.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return graph


def _hierarchy(predicate: str, subject_type: str, object_type: str) -> bool:
    """FORMAT.md: region-to-region hierarchy (from a gazetteer) is not scored, either way."""
    return predicate in ("partOf", "locatedIn") and subject_type == object_type == "Region"


def _node_id(node: Any) -> str:
    return str(node) if isinstance(node, URIRef) else node.n3()


@dataclass(frozen=True, slots=True)
class GraphEntity:
    """A scored node of the graph: what the scorer needs to know about it."""

    id: str
    node: Any
    type: str  # top class
    label: str
    label_norm: str
    names: frozenset[str]  # normalised


class _GraphView:
    """The parts of a graph the scorer reads: scored entities, relations, evidence."""

    def __init__(self, graph: Any, doc: str | None) -> None:
        self.g = _union(graph)
        self._top_cache: dict[Any, str | None] = {}
        self.restricted = False  # True when only the gold document's article is scored
        self.articles = self._articles(doc)
        mentioned: set[Any] = set()
        for a in self.articles:
            for p in SCHEMA_MENTIONS:
                mentioned.update(self.g.objects(a, p))
        self.entities: dict[str, GraphEntity] = {}
        for node in mentioned:
            top = self.top_type(node)
            if top is None:
                continue
            raw = self.raw_names(node)
            label = self.label(node)
            ge = GraphEntity(_node_id(node), node, top, label, norm_name(label), frozenset(norm_name(n) for n in raw) - {""})
            self.entities[ge.id] = ge

    # -- articles and types

    def _articles(self, doc: str | None) -> list[Any]:
        typed = sorted(
            {s for s, _, c in self.g.triples((None, RDF.type, None)) if local_name(c) == "NewsArticle"},
            key=_node_id,
        )
        if not typed:
            typed = sorted({s for p in SCHEMA_MENTIONS for s in self.g.subjects(p, None)}, key=_node_id)
        if doc:
            want = {doc, Path(doc).name}
            chosen = [
                a
                for a in typed
                if any(str(i) in want or Path(str(i)).name in want for i in self.g.objects(a, DCTERMS.identifier))
            ]
            if chosen:
                self.restricted = True
                return chosen
        return typed

    def top_type(self, node: Any) -> str | None:
        tops = {t for c in self.g.objects(node, RDF.type) if (t := self._top_of_class(c))}
        for t in TOP_CLASSES:  # several (a modelling error): the first in TOP_CLASSES order
            if t in tops:
                return t
        return None

    def _top_of_class(self, cls: Any) -> str | None:
        if cls in self._top_cache:
            return self._top_cache[cls]
        seen = {cls}
        frontier = [cls]
        found: str | None = None
        while frontier and found is None:
            level = [c for c in frontier if local_name(c) in TOP_CLASSES]
            if level:
                found = min((local_name(c) for c in level), key=TOP_CLASSES.index)
                break
            nxt = []
            for c in frontier:
                supers = list(self.g.objects(c, RDFS.subClassOf))
                if local_name(c) in SUBCLASS_OF:
                    supers.append(KG[SUBCLASS_OF[local_name(c)]])
                for s in supers:
                    if s not in seen:
                        seen.add(s)
                        nxt.append(s)
            frontier = nxt
        self._top_cache[cls] = found
        return found

    def raw_names(self, node: Any) -> list[str]:
        return sorted({str(o) for p in LABEL_PREDICATES for o in self.g.objects(node, p) if isinstance(o, Literal)})

    def label(self, node: Any) -> str:
        """rdfs:label (a @zh one first), else skos:prefLabel, else skos:altLabel, else the IRI."""
        for p in LABEL_PREDICATES:
            vals = sorted(self.g.objects(node, p), key=lambda o: (getattr(o, "language", None) != "zh", str(o)))
            if vals:
                return str(vals[0])
        return local_name(node) or _node_id(node)

    # -- relations and evidence

    def relation_triples(self) -> list[tuple[GraphEntity, str, GraphEntity, Any]]:
        """(subject, predicate local name, object, predicate term) between scored entities."""
        out = []
        for s, p, o in self.g:
            pred = local_name(p)
            if pred not in PREDICATES:
                continue
            gs, go = self.entities.get(_node_id(s)), self.entities.get(_node_id(o))
            if gs is None or go is None:
                continue
            if _hierarchy(pred, gs.type, go.type):
                continue
            if self.restricted and not self._stated_here(s, p, o):
                continue
            out.append((gs, pred, go, p))
        out.sort(key=lambda t: (t[0].id, t[1], t[2].id, str(t[3])))
        return out

    def _statements(self, s: Any, p: Any, o: Any) -> list[Any]:
        return [st for st in self.g.subjects(RDF.subject, s) if (st, RDF.predicate, p) in self.g and (st, RDF.object, o) in self.g]

    def _stated_here(self, s: Any, p: Any, o: Any) -> bool:
        sts = self._statements(s, p, o)
        if not sts:
            return True
        arts = set(self.articles)
        for st in sts:
            for src in self.g.objects(st, PROV.wasDerivedFrom):
                if src in arts or any(a in arts for a in self.g.objects(src, DCTERMS.isPartOf)):
                    return True
        return False

    def _sentence_key(self, sent: Any) -> tuple[int, str]:
        start = self.g.value(sent, KG.startOffset)
        try:
            return (int(start), _node_id(sent)) if start is not None else (1 << 60, _node_id(sent))
        except (TypeError, ValueError):
            return (1 << 60, _node_id(sent))

    def _sentence_text(self, sents: Iterable[Any]) -> str | None:
        arts = set(self.articles)
        ordered = sorted(set(sents), key=lambda s: (not any(a in arts for a in self.g.objects(s, DCTERMS.isPartOf)), self._sentence_key(s)))
        for sent in ordered:
            text = self.g.value(sent, KG.text)
            if text is not None:
                return _tidy(str(text))
        return None

    def mention_sentence(self, node: Any) -> str | None:
        return self._sentence_text(
            sent for m in self.g.subjects(KG.denotes, node) for sent in self.g.objects(m, KG.inSentence)
        )

    def relation_sentence(self, s: Any, p: Any, o: Any) -> str | None:
        return self._sentence_text(
            src for st in self._statements(s, p, o) for src in self.g.objects(st, PROV.wasDerivedFrom)
        )

    def sentences(self) -> list[str]:
        """Texts of the graph's kg:Sentence nodes of the scored articles, in text order."""
        arts = set(self.articles)
        sents = [s for s in self.g.subjects(RDF.type, KG.Sentence) if any(a in arts for a in self.g.objects(s, DCTERMS.isPartOf))]
        return [str(self.g.value(s, KG.text) or "") for s in sorted(sents, key=self._sentence_key)]

    def unmentioned_names(self) -> set[str]:
        """Normalised names of nodes that carry labels but are not scored."""
        out: set[str] = set()
        for p in LABEL_PREDICATES:
            for s, o in self.g.subject_objects(p):
                if _node_id(s) not in self.entities:
                    out.add(norm_name(str(o)))
        return out


def _tidy(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- text

_STOPS = "。！？!?\n"


class TextIndex:
    """A text searchable by normalised names, answering with its original sentences.

    Names are found in the normalised text (so 叶 青 or a name broken across a column
    break still matches); the sentence is cut from the original at 。！？!? or a newline.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        keep: list[str] = []
        self.where: list[int] = []  # flat index -> original index
        for i, ch in enumerate(text):
            for c in unicodedata.normalize("NFKC", ch):
                if not c.isspace() and c not in QUOTES and c not in _INVISIBLE:
                    keep.append(c)
                    self.where.append(i)
        self.flat = "".join(keep)

    def _occurrences(self, names: Iterable[str]) -> list[tuple[int, int]]:
        out = []
        for n in {norm_name(x) for x in names} - {""}:
            pos = self.flat.find(n)
            while pos >= 0:
                out.append((pos, len(n)))
                pos = self.flat.find(n, pos + 1)
        return sorted(out)

    def _span(self, pos: int, length: int) -> tuple[int, int]:
        start, end = self.where[pos], self.where[pos + length - 1] + 1
        left = max(self.text.rfind(c, 0, start) for c in _STOPS) + 1
        rights = [j for c in _STOPS if (j := self.text.find(c, end)) >= 0]
        return left, (min(rights) + 1 if rights else len(self.text))

    def sentence(self, names: Iterable[str], also: Iterable[str] = ()) -> str | None:
        """The first sentence naming one of `names`; with `also`, preferably one naming both."""
        occ = self._occurrences(names)
        if not occ:
            return None
        others = {norm_name(x) for x in also} - {""}
        if others:
            for pos, n in occ:
                left, right = self._span(pos, n)
                lo, hi = bisect.bisect_left(self.where, left), bisect.bisect_left(self.where, right)
                if any(o in self.flat[lo:hi] for o in others):
                    return _tidy(self.text[left:right])
        left, right = self._span(*occ[0])
        return _tidy(self.text[left:right])


def find_sentence(text: str, names: Iterable[str]) -> str | None:
    """The first sentence of `text` that contains one of `names` (compared normalised)."""
    return TextIndex(text).sentence(names)


# --------------------------------------------------------------------------- scoring


def _pref(ge: GraphEntity, gold: GoldEntity) -> tuple[int, int, int, str]:
    gname = norm_name(gold.name)
    return (ge.label_norm != gname, ge.label_norm not in gold.names, -len(ge.names & gold.names), ge.id)


def _assign(entities: list[GraphEntity], gold: Gold) -> dict[str, int]:
    """Maximum matching of graph nodes to required gold entities of their type (node -> gold)."""
    cands: dict[int, list[str]] = {}
    by_id = {ge.id: ge for ge in entities}
    for e in gold.entities:
        if e.optional:
            continue
        cs = [ge for ge in entities if ge.type == e.type and ge.names & e.names]
        cands[e.index] = [ge.id for ge in sorted(cs, key=lambda ge: _pref(ge, e))]
    node_to_gold: dict[str, int] = {}

    def augment(g: int, seen: set[str]) -> bool:
        for n in cands[g]:
            if n in seen:
                continue
            seen.add(n)
            if n not in node_to_gold or augment(node_to_gold[n], seen):
                node_to_gold[n] = g
                return True
        return False

    for g in sorted(cands):
        augment(g, set())
    assert all(by_id[n].type == gold.entities[g].type for n, g in node_to_gold.items())
    return node_to_gold


def _rel_key(s: Any, p: str, o: Any) -> tuple[Any, str, Any]:
    if p == "cooperatesWith" and repr(o) < repr(s):
        s, o = o, s
    return (s, p, o)


def score(graph: Any, gold: dict[str, Any] | Gold, text: str | None = None) -> Scores:
    """Score `graph` (an rdflib graph) against one gold annotation.

    `text` is the annotated document's text; when given, each false negative carries the
    first sentence naming it (else the graph's own kg:Sentence texts are searched).
    """
    g = gold if isinstance(gold, Gold) else parse_gold(gold)
    view = _GraphView(graph, g.doc or None)
    entities = sorted(view.entities.values(), key=lambda ge: ge.id)
    scores = Scores(doc=g.doc or None)
    texts: list[TextIndex] | None = None

    def where(names: list[str], also: list[str] = []) -> str | None:
        nonlocal texts
        if texts is None:
            texts = [TextIndex(t) for t in ([text] if text is not None else view.sentences())]
        for t in texts:
            if (hit := t.sentence(names, also)) is not None:
                return hit
        return None

    # -- entities
    assigned = _assign(entities, g)
    node_gold: dict[str, int] = {}  # node id -> gold index, for relations
    for ge in entities:
        if ge.id in assigned:
            node_gold[ge.id] = assigned[ge.id]
            scores.entities[ge.type].tp += 1
            continue
        hits = sorted((e for e in g.entities if ge.names & e.names), key=lambda e: (e.type != ge.type, e.optional, e.index))
        if not hits:
            reason = "no gold entity"
        else:
            best = hits[0]
            node_gold[ge.id] = best.index
            if best.type == ge.type and best.optional:
                continue  # an optional entity: neither rewarded nor penalised
            if best.type == ge.type:
                reason = f"second node for gold {best.name}"
            else:
                reason = f"gold type is {best.type} ({best.name})"
        scores.entities[ge.type].fp += 1
        scores.fp_entities.append(EntityError("fp", ge.type, ge.label, reason, ge.id, view.mention_sentence(ge.node)))
    matched = set(assigned.values())
    unmentioned: set[str] | None = None
    for e in g.entities:
        if e.optional or e.index in matched:
            continue
        scores.entities[e.type].fn += 1
        other = sorted({ge.type for ge in entities if ge.names & e.names})
        if other:
            reason = f"graph has it as {', '.join(other)}"
        else:
            if unmentioned is None:
                unmentioned = view.unmentioned_names()
            reason = "in graph but not mentioned by the article" if e.names & unmentioned else "not found"
        scores.fn_entities.append(EntityError("fn", e.type, e.name, reason, None, where([e.name, *e.aliases])))

    # -- relations: keys are (end, predicate, end); an end is a gold index or ("node", id)
    index: dict[str, list[GoldEntity]] = {}
    for e in g.entities:
        for n in e.names:
            index.setdefault(n, []).append(e)

    def gold_end(name: str, p: str, pos: int) -> Any:
        cs = index.get(norm_name(name), [])
        if not cs:
            return ("?", name)  # the gold names no entity: nothing can match it
        fits = DOMAIN_RANGE[p][pos]
        return min(cs, key=lambda e: (e.type not in fits, e.optional, e.index)).index

    def gold_keys(rels: Iterable[tuple[str, str, str]]) -> dict[Any, tuple[str, str, str]]:
        out: dict[Any, tuple[str, str, str]] = {}
        for s, p, o in rels:
            si, oi = gold_end(s, p, 0), gold_end(o, p, 1)
            if isinstance(si, int) and isinstance(oi, int) and _hierarchy(p, g.entities[si].type, g.entities[oi].type):
                continue
            out.setdefault(_rel_key(si, p, oi), (s, p, o))
        return out

    required = gold_keys(g.relations)
    optional = gold_keys(g.optional_relations)

    def end(ge: GraphEntity) -> Any:
        return node_gold.get(ge.id, ("node", ge.id))

    found: dict[Any, list[tuple[GraphEntity, str, GraphEntity, Any]]] = {}
    for gs, p, go, term in view.relation_triples():
        found.setdefault(_rel_key(end(gs), p, end(go)), []).append((gs, p, go, term))
    pairs_found = {(k[0], k[2]): k[1] for k in sorted(found, key=repr)}
    pairs_gold = {(k[0], k[2]): k[1] for k in sorted(required, key=repr)}
    mapped = set(node_gold.values())

    for key in sorted(required, key=repr):
        s, p, o = key
        if key in found:
            scores.relations[p].tp += 1
            continue
        scores.relations[p].fn += 1
        sname, _, oname = required[key]
        missing = [n for x, n in ((s, sname), (o, oname)) if x not in mapped]
        if missing:
            reason = f"not matched in graph: {', '.join(missing)}"
        elif (s, o) in pairs_found:
            reason = f"graph has {pairs_found[(s, o)]} between them"
        elif (o, s) in pairs_found:
            reason = f"graph has {pairs_found[(o, s)]} the other way round"
        else:
            reason = "relation not found"
        sent = where(_names(g, s, sname), _names(g, o, oname))
        scores.fn_relations.append(RelationError("fn", _gold_name(g, s, sname), p, _gold_name(g, o, oname), reason, sent))

    for key in sorted(found, key=repr):
        if key in required or key in optional:
            continue
        s, p, o = key
        a, _, b, _ = found[key][0]
        if end(a) != s:  # cooperatesWith re-ordered
            a, b = b, a
        sn = g.entities[s].name if isinstance(s, int) else a.label
        on = g.entities[o].name if isinstance(o, int) else b.label
        unmatched = [n for x, n in ((s, sn), (o, on)) if not isinstance(x, int)]
        if unmatched:
            reason = f"not a gold entity: {', '.join(unmatched)}"
        elif (s, o) in pairs_gold:
            reason = f"gold has {pairs_gold[(s, o)]} between them"
        elif (o, s) in pairs_gold:
            reason = f"gold has {pairs_gold[(o, s)]} the other way round"
        else:
            reason = "not in gold"
        sent = None
        for x, _, y, term in found[key]:
            sent = view.relation_sentence(x.node, term, y.node) or view.relation_sentence(y.node, term, x.node)
            if sent:
                break
        scores.relations[p].fp += 1
        scores.fp_relations.append(RelationError("fp", sn, p, on, reason, sent))
    return scores


def _names(g: Gold, x: Any, fallback: str) -> list[str]:
    if isinstance(x, int):
        e = g.entities[x]
        return [e.name, *e.aliases]
    return [fallback]


def _gold_name(g: Gold, x: Any, fallback: str) -> str:
    return g.entities[x].name if isinstance(x, int) else fallback


# --------------------------------------------------------------------------- gold as a graph


def gold_graph(gold: dict[str, Any] | Gold, doc_id: str | None = None, optional: bool = True) -> Graph:
    """The graph a perfect extractor would build for a gold file, in the kg model.

    One NewsArticle mentioning every entity (optional ones too when `optional`), each with
    its type, rdfs:label and skos:altLabel, and every relation as a direct triple.  Used to
    test the scorer (a perfect graph scores 1.0) and to try downstream tools on gold data.
    """
    g = gold if isinstance(gold, Gold) else parse_gold(gold)
    doc = doc_id or g.doc or "gold"
    graph = Graph()
    art = URIRef(article_iri(doc))
    graph.add((art, RDF.type, KG.NewsArticle))
    graph.add((art, DCTERMS.identifier, Literal(doc)))
    iris: dict[int, URIRef] = {}
    by_name: dict[str, list[GoldEntity]] = {}
    for e in g.entities:
        if e.optional and not optional:
            continue
        iri = URIRef(entity_iri(f"{e.type.lower()}/{e.name}"))
        iris[e.index] = iri
        graph.add((iri, RDF.type, KG[e.type]))
        graph.add((iri, RDFS.label, Literal(e.name, lang="zh")))
        for a in e.aliases:
            if a != e.name:
                graph.add((iri, SKOS.altLabel, Literal(a, lang="zh")))
        graph.add((art, SCHEMA_MENTIONS[0], iri))
        for n in e.names:
            by_name.setdefault(n, []).append(e)

    def pick(name: str, p: str, pos: int) -> URIRef | None:
        cs = by_name.get(norm_name(name), [])
        if not cs:
            return None
        fits = DOMAIN_RANGE[p][pos]
        return iris[min(cs, key=lambda e: (e.type not in fits, e.optional, e.index)).index]

    rels = list(g.relations) + (list(g.optional_relations) if optional else [])
    for s, p, o in rels:
        si, oi = pick(s, p, 0), pick(o, p, 1)
        if si is not None and oi is not None:
            graph.add((si, KG[p], oi))
    return graph


# --------------------------------------------------------------------------- output


def _fmt(x: float | None) -> str:
    return "    -" if x is None else f"{x:5.3f}"


def _row(name: str, c: Counts, width: int = 20) -> str:
    return f"{name:<{width}} {_fmt(c.precision)}  {_fmt(c.recall)}  {_fmt(c.f1)}  {c.tp:5d} {c.fp:5d} {c.fn:5d}"


def format_table(scores: Scores, title: str | None = None) -> str:
    """The score as an aligned text table: types, micro averages, relations."""
    head = f"{'':<20} {'P':>5}  {'R':>5}  {'F1':>5}  {'tp':>5} {'fp':>5} {'fn':>5}"
    lines = [title] if title else []
    lines.append(head.replace(" " * 20, f"{'entity type':<20}", 1))
    lines += [_row(t, scores.entities[t]) for t in TOP_CLASSES]
    lines.append(_row("core (micro)", scores.core_entities))
    lines.append(_row("extended (micro)", scores.extended_entities))
    lines.append("")
    lines.append(head.replace(" " * 20, f"{'relation':<20}", 1))
    lines += [_row(p, scores.relations[p]) for p in PREDICATES]
    lines.append(_row("core (micro)", scores.core_relations))
    lines.append(_row("extended (micro)", scores.extended_relations))
    return "\n".join(lines)


def format_errors(scores: Scores) -> str:
    """Each false positive and false negative, one per line, with its sentence indented."""
    lines: list[str] = []

    def add(tag: str, text: str, sentence: str | None) -> None:
        lines.append(f"  {tag} {text}")
        if sentence:
            lines.append(f"       | {sentence}")

    for e in scores.fp_entities:
        add("FP", f"{e.type:<11} {e.name}  ({e.reason})", e.sentence)
    for e in scores.fn_entities:
        add("FN", f"{e.type:<11} {e.name}  ({e.reason})", e.sentence)
    for r in scores.fp_relations:
        add("FP", f"{r.subject} --{r.predicate}--> {r.object}  ({r.reason})", r.sentence)
    for r in scores.fn_relations:
        add("FN", f"{r.subject} --{r.predicate}--> {r.object}  ({r.reason})", r.sentence)
    if not lines:
        lines.append("  no errors")
    return "\n".join(lines)


def format_summary(docs: list[Scores]) -> str:
    """One line per document: F1 of the four headline figures."""
    width = max([len(s.doc or "") for s in docs] + [8])
    lines = [f"{'document':<{width}}  {'core ent':>8}  {'ext ent':>8}  {'core rel':>8}  {'ext rel':>8}"]
    for s in docs:
        cells = [_fmt(c.f1) for c in (s.core_entities, s.extended_entities, s.core_relations, s.extended_relations)]
        lines.append(f"{s.doc or '':<{width}}  " + "  ".join(f"{c:>8}" for c in cells))
    return "\n".join(lines)


# --------------------------------------------------------------------------- corpus mode


def _gold_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if files:
            return files
        raise EvalError(f"{path}: no gold files (*.json)")
    raise EvalError(f"{path}: no such gold file or directory")


def _find_text(text_dir: Path, doc: str) -> Path | None:
    direct = text_dir / doc
    if direct.is_file():
        return direct
    hits = sorted(p for p in text_dir.rglob(Path(doc).name) if p.is_file())
    return hits[0] if hits else None


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def score_corpus(text_dir: str | Path, gold: str | Path, warn: Any = None) -> tuple[list[Scores], bool]:
    """Build each gold file's document alone and score it; returns (scores, all built ok).

    A document that is missing or fails to build is scored against an empty graph (all its
    gold counts as missed), so a broken build never raises the micro average.
    """
    from kg.build import build_graph  # lazily: building pulls in the whole pipeline

    warn = warn or (lambda msg: print(msg, file=sys.stderr))
    text_dir = Path(text_dir)
    if not text_dir.is_dir():
        raise EvalError(f"{text_dir}: no such text directory")
    results: list[Scores] = []
    ok = True
    for gpath in _gold_files(Path(gold)):
        data = load_gold(gpath)
        doc = str(data.get("doc") or gpath.with_suffix(".txt").name)
        data = {**data, "doc": doc}
        tpath = _find_text(text_dir, doc)
        text: str | None = None
        graph: Graph = Graph()
        if tpath is None:
            warn(f"kg eval: {gpath}: document {doc} not found under {text_dir}; scored as empty")
            ok = False
        else:
            text = _read_text(tpath)
            try:
                graph = build_graph([tpath])
            except Exception as exc:  # the builder's failure must not hide the other documents
                warn(f"kg eval: {tpath}: build failed: {type(exc).__name__}: {exc}; scored as empty")
                ok = False
                graph = Graph()
        s = score(graph, data, text=text)
        s.doc = doc
        results.append(s)
    return results, ok


# --------------------------------------------------------------------------- CLI


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "eval",
        help="score a graph against gold annotations",
        description="Score a graph against gold annotations (P/R/F1 per type, micro averages, relations). "
        "Either GRAPH GOLD.json, or --corpus TEXT_DIR --gold GOLD_DIR to build each document alone and score it.",
    )
    p.add_argument("graph", nargs="?", metavar="GRAPH", help="graph file (.ttl, .nt, .jsonld, .rdf, .trig) or store folder")
    p.add_argument("--store", metavar="DIR", help="a store folder made by kg build --store, instead of GRAPH")
    p.add_argument("gold_file", nargs="?", metavar="GOLD.json", help="gold annotation of one document")
    p.add_argument("--corpus", metavar="TEXT_DIR", help="folder of the annotated texts (corpus mode)")
    p.add_argument("--gold", metavar="GOLD_DIR", help="folder of gold *.json files, or one file (corpus mode)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--errors", action="store_true", help="list each false positive and false negative")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        if args.store:
            if args.graph and args.gold_file:
                raise EvalError("give GRAPH or --store DIR, not both")
            args.gold_file = args.gold_file or args.graph
            args.graph = args.store
        if args.corpus or args.gold:
            if not (args.corpus and args.gold) or args.graph or args.gold_file:
                raise EvalError("use either GRAPH GOLD.json or --corpus TEXT_DIR --gold GOLD_DIR")
            return _run_corpus(args)
        if not (args.graph and args.gold_file):
            raise EvalError("need GRAPH and GOLD.json (or --corpus TEXT_DIR --gold GOLD_DIR)")
        data = load_gold(args.gold_file)
        graph = load_graph(args.graph)
        s = score(graph, data)
        if args.json:
            print(json.dumps(s.to_dict(errors=args.errors), ensure_ascii=False, indent=1))
        else:
            print(format_table(s, title=f"{args.graph} vs {args.gold_file}"))
            if args.errors:
                print("\nerrors")
                print(format_errors(s))
        return 0
    except EvalError as exc:
        print(f"kg eval: {exc}", file=sys.stderr)
        return 1


def _run_corpus(args: argparse.Namespace) -> int:
    try:
        import kg.build  # noqa: F401
    except ImportError as exc:
        raise EvalError(f"corpus mode needs kg.build.build_graph, which cannot be imported: {exc}") from None
    docs, ok = score_corpus(args.corpus, args.gold)
    total = Scores.total(docs)
    if args.json:
        out = {
            "documents": [s.to_dict(errors=args.errors) for s in docs],
            "micro": total.to_dict(),
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(format_summary(docs))
        print()
        print(format_table(total, title=f"micro over {total.documents} documents"))
        if args.errors:
            for s in docs:
                print(f"\nerrors in {s.doc}")
                print(format_errors(s))
    return 0 if ok else 1
