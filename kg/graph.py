"""GraphData -> RDF quads -> files, modelled exactly as the docstring of `kg.ns` says.

Layout of the dataset:

* default graph: what holds whatever the articles say - entity descriptions (type, label,
  altLabels, adminCode) and relations without evidence (the gazetteer's region hierarchy);
* one named graph per article, named by the article IRI: the article node and its
  metadata, ``schema:mentions``, the sentences that carry evidence, the mentions, the
  relation triples the article states and one ``rdf:Statement`` per (relation, sentence).

Conventions this module relies on (the builder must follow them):

* ``Evidence.start``/``end`` delimit the *sentence* in ``Document.text`` and
  ``Evidence.text`` is the sentence's (repaired) text - for relations and mentions alike.
* A mention is a ``kg.model.EntityMention``: its sentence (as evidence) and its exact
  span, sentence-relative and in ``Document.text``.
* Mention IRIs are ``ns.mention_iri(doc, sentence, start)``; when several different
  mentions start at the same character (a region inside an organisation name) each gets
  ``-{end}`` appended, and a key hash when even the end is shared.
* Statement IRI: ``kgr:stmt/`` + first 16 hex of sha1 of
  ``"{subject key}|{predicate}|{object key}|{doc id}|{sentence index}"``.

Output is deterministic: quads are sorted, no blank nodes, prefixes from ``ns.PREFIXES``.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from kg import ns
from kg.model import Evidence, GraphData

log = logging.getLogger(__name__)

_XSD_DATE = ox.NamedNode(ns.XSD_NS + "date")
_RDF_TYPE = ox.NamedNode(ns.RDF_NS + "type")
_RDFS_LABEL = ox.NamedNode(ns.RDFS_NS + "label")
_SKOS_ALT = ox.NamedNode(ns.SKOS_NS + "altLabel")
_DEFAULT = ox.DefaultGraph()


def _kg(local: str) -> ox.NamedNode:
    return ox.NamedNode(ns.KG_NS + local)


def _term(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(ns.PREFIXES[prefix] + local)


# Format name -> pyoxigraph format.
FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
FORMAT_ALIASES: dict[str, str] = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "nq": "nquads",
    "n-quads": "nquads",
    "json-ld": "jsonld",
    "json": "jsonld",
    "rdfxml": "xml",
    "rdf/xml": "xml",
    "rdf": "xml",
    "owl": "xml",
}
# Formats written with their named graphs; the others get the union as triples.
DATASET_FORMATS = frozenset({"trig", "nquads"})
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


def format_name(path: Path, fmt: str | None = None) -> str:
    """The canonical format name for `fmt`, or for the file extension when fmt is None."""
    if fmt is not None:
        name = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        if name not in FORMATS:
            raise ValueError(f"unknown RDF format {fmt!r} (one of: {', '.join(FORMATS)})")
        return name
    name = EXTENSIONS.get(path.suffix.lower())
    if name is None:
        raise ValueError(
            f"{path}: cannot tell the RDF format from the extension "
            f"(use one of {' '.join(EXTENSIONS)} or give a format)"
        )
    return name


def _date_literal(value: str) -> ox.Literal:
    """xsd:date when the value is a real YYYY-MM-DD date, else a plain string."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return ox.Literal(value, datatype=_XSD_DATE)
    return ox.Literal(value)


def _url_term(value: str) -> ox.NamedNode | ox.Literal:
    try:
        node = ox.NamedNode(value)
    except ValueError:
        return ox.Literal(value)
    return node


def statement_iri(subject: str, predicate: str, obj: str, doc_id: str, sentence: int) -> str:
    """IRI of the rdf:Statement recording that one sentence states one relation."""
    digest = hashlib.sha1(f"{subject}|{predicate}|{obj}|{doc_id}|{sentence}".encode("utf-8"))
    return f"{ns.KGR_NS}stmt/{digest.hexdigest()[:16]}"


@dataclass(frozen=True, slots=True)
class _Mention:
    doc_id: str
    sentence: int
    start: int  # sentence-relative
    end: int
    doc_start: int  # in Document.text
    doc_end: int
    key: str
    surface: str


def _locate_mentions(data: GraphData) -> list[_Mention]:
    """The mentions of every article, deduplicated and in a stable order."""
    out: set[_Mention] = set()
    for doc_id, items in data.mentions.items():
        for m in items:
            out.add(_Mention(doc_id, m.sentence.sentence, m.start, m.end, m.doc_start, m.doc_end, m.key, m.surface))
    return sorted(out, key=lambda m: (m.doc_id, m.sentence, m.start, m.end, m.key))


def _mention_iris(mentions: list[_Mention]) -> dict[_Mention, str]:
    by_start: dict[tuple[str, int, int], list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_start[(m.doc_id, m.sentence, m.start)].append(m)
    iris: dict[_Mention, str] = {}
    for (doc_id, sent, start), group in by_start.items():
        base = ns.mention_iri(doc_id, sent, start)
        if len(group) == 1:
            iris[group[0]] = base
            continue
        ends: dict[int, int] = defaultdict(int)
        for m in group:
            ends[m.end] += 1
        for m in group:
            iri = f"{base}-{m.end}"
            if ends[m.end] > 1:
                iri += "-" + hashlib.sha1(m.key.encode("utf-8")).hexdigest()[:8]
            iris[m] = iri
    return iris


def to_quads(data: GraphData) -> list[ox.Quad]:
    """All quads of the graph, sorted (see the module docstring for the layout)."""
    quads: set[ox.Quad] = set()
    add = quads.add

    # Entity descriptions, default graph.
    for key, ent in data.entities.items():
        e = ox.NamedNode(ns.entity_iri(key))
        add(ox.Quad(e, _RDF_TYPE, _kg(ent.type), _DEFAULT))
        add(ox.Quad(e, _RDFS_LABEL, ox.Literal(ent.name, language="zh"), _DEFAULT))
        for alias in ent.aliases:
            if alias and alias != ent.name:
                add(ox.Quad(e, _SKOS_ALT, ox.Literal(alias, language="zh"), _DEFAULT))
        if ent.region_code:
            add(ox.Quad(e, _kg("adminCode"), ox.Literal(ent.region_code), _DEFAULT))

    # Articles and their metadata.
    articles: dict[str, ox.NamedNode] = {}

    def article(doc_id: str) -> ox.NamedNode:
        if doc_id not in articles:
            articles[doc_id] = ox.NamedNode(ns.article_iri(doc_id))
        return articles[doc_id]

    for doc in data.documents:
        a = article(doc.id)
        add(ox.Quad(a, _RDF_TYPE, _kg("NewsArticle"), a))
        add(ox.Quad(a, _term("dcterms", "identifier"), ox.Literal(doc.id), a))
        if doc.title:
            add(ox.Quad(a, _term("dcterms", "title"), ox.Literal(doc.title), a))
        if doc.date:
            add(ox.Quad(a, _term("dcterms", "date"), _date_literal(doc.date), a))
        if doc.url:
            add(ox.Quad(a, _term("schema", "url"), _url_term(doc.url), a))

    # Sentences: one node per (doc, index); offsets from the smallest evidence span seen.
    sentences: dict[tuple[str, int], tuple[int, int, str]] = {}

    def sentence(ev: Evidence) -> ox.NamedNode:
        k = (ev.doc_id, ev.sentence)
        cand = (ev.start, ev.end, ev.text)
        if k not in sentences or cand < sentences[k]:
            sentences[k] = cand
        return ox.NamedNode(ns.sentence_iri(ev.doc_id, ev.sentence))

    mentions_of: dict[str, set[str]] = defaultdict(set)
    for doc_id, items in data.mentions.items():
        for em in items:
            mentions_of[doc_id].add(em.key)
            sentence(em.sentence)

    mentions = _locate_mentions(data)
    for m, iri in _mention_iris(mentions).items():
        g = article(m.doc_id)
        node = ox.NamedNode(iri)
        add(ox.Quad(node, _RDF_TYPE, _kg("Mention"), g))
        add(ox.Quad(node, _kg("denotes"), ox.NamedNode(ns.entity_iri(m.key)), g))
        add(ox.Quad(node, _kg("inSentence"), ox.NamedNode(ns.sentence_iri(m.doc_id, m.sentence)), g))
        add(ox.Quad(node, _kg("surface"), ox.Literal(m.surface), g))
        add(ox.Quad(node, _kg("startOffset"), ox.Literal(m.doc_start), g))
        add(ox.Quad(node, _kg("endOffset"), ox.Literal(m.doc_end), g))

    # Relations: a direct triple (default graph without evidence, else the article's
    # graph) and one Statement per evidence sentence.
    rdf_statement = _term("rdf", "Statement")
    for rel in data.relations:
        s = ox.NamedNode(ns.entity_iri(rel.subject))
        p = _kg(rel.predicate)
        o = ox.NamedNode(ns.entity_iri(rel.object))
        ev = rel.evidence
        if ev is None:
            add(ox.Quad(s, p, o, _DEFAULT))
            continue
        g = article(ev.doc_id)
        add(ox.Quad(s, p, o, g))
        mentions_of[ev.doc_id].update((rel.subject, rel.object))
        st = ox.NamedNode(statement_iri(rel.subject, rel.predicate, rel.object, ev.doc_id, ev.sentence))
        add(ox.Quad(st, _RDF_TYPE, rdf_statement, g))
        add(ox.Quad(st, _term("rdf", "subject"), s, g))
        add(ox.Quad(st, _term("rdf", "predicate"), p, g))
        add(ox.Quad(st, _term("rdf", "object"), o, g))
        add(ox.Quad(st, _term("prov", "wasDerivedFrom"), sentence(ev), g))
        if rel.rule:
            add(ox.Quad(st, _kg("rule"), ox.Literal(rel.rule), g))

    for doc_id, keys in mentions_of.items():
        a = article(doc_id)
        for key in keys:
            add(ox.Quad(a, _term("schema", "mentions"), ox.NamedNode(ns.entity_iri(key)), a))

    for (doc_id, index), (start, end, text) in sentences.items():
        a = article(doc_id)
        node = ox.NamedNode(ns.sentence_iri(doc_id, index))
        add(ox.Quad(node, _RDF_TYPE, _kg("Sentence"), a))
        add(ox.Quad(node, _kg("text"), ox.Literal(text), a))
        add(ox.Quad(node, _kg("startOffset"), ox.Literal(start), a))
        add(ox.Quad(node, _kg("endOffset"), ox.Literal(end), a))
        add(ox.Quad(node, _term("dcterms", "isPartOf"), a, a))

    return sorted(quads, key=_quad_key)


_PRED_RANK = {_RDF_TYPE.value: 0, _RDFS_LABEL.value: 1}


def _triple_key(q: ox.Quad | ox.Triple) -> tuple[str, int, str, str]:
    p = q.predicate.value
    return (str(q.subject), _PRED_RANK.get(p, 2), p, str(q.object))


def _quad_key(q: ox.Quad) -> tuple[str, str, int, str, str]:
    g = q.graph_name
    return ("" if isinstance(g, ox.DefaultGraph) else str(g), *_triple_key(q))


def sorted_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Distinct triples in the order the writers use (subject, type and label first)."""
    return sorted(set(triples), key=_triple_key)


def serialize(quads: list[ox.Quad], fmt: str) -> tuple[bytes, int]:
    """Bytes of the graph in format `fmt` (a name of FORMATS) and the statement count.

    Dataset formats (trig, nquads) keep the named graphs; the others get the union of all
    graphs as a set of triples.
    """
    rdf_format = FORMATS[fmt]
    if fmt in DATASET_FORMATS:
        items: list[ox.Quad] | list[ox.Triple] = sorted(quads, key=_quad_key)
    else:
        items = sorted_triples(q.triple for q in quads)
    data = ox.serialize(items, format=rdf_format, prefixes=ns.PREFIXES)
    return data, len(items)


def write_graph(data: GraphData, path: Path, fmt: str | None = None) -> int:
    """Write the graph to `path` (format from the extension unless `fmt`), atomically.

    Returns the number of statements written: triples, or quads for trig/nquads.
    """
    path = Path(path)
    name = format_name(path, fmt)
    payload, count = serialize(to_quads(data), name)
    write_atomic(path, payload)
    return count


def write_atomic(path: Path, payload: bytes) -> None:
    """Write bytes through a temporary file in the same folder, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
