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

import gc
import hashlib
import re
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from kg import ns
from kg.forked import Forked
from kg.model import Document, EntityMention, Evidence, GraphData, Relation

_XSD_DATE = ox.NamedNode(ns.XSD_NS + "date")


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


def _locate_mentions(data: GraphData, skip_docs: frozenset[str] | set[str] = frozenset()) -> list[_Mention]:
    """The mentions of every article (but those of `skip_docs`), deduplicated."""
    out: set[_Mention] = set()
    for doc_id, items in data.mentions.items():
        if doc_id in skip_docs:
            continue
        for m in items:
            out.add(_Mention(doc_id, m.sentence.sentence, m.start, m.end, m.doc_start, m.doc_end, m.key, m.surface))
    return list(out)  # any order: IRIs depend only on which mentions share a start


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


# A quad as N-Triples term strings: (graph or "" for the default graph, subject, rank of
# the predicate (rdf:type 0, rdfs:label 1, others 2: they come first in a subject's
# block), predicate, object).  Sorting these tuples natively is what makes the writer fast
# and its output deterministic.
Row = tuple[str, str, int, str, str]


class QuadList(list):  # type: ignore[type-arg]
    """The sorted quads of `to_quads`, remembering their rows so that `serialize` need not
    convert them back to strings to sort them."""

    rows: list[Row]


def _iri(value: str) -> str:
    return f"<{value}>"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _lit(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    text = '"' + value.translate(_ESCAPES) + '"'
    if lang:
        return f"{text}@{lang}"
    return f"{text}^^<{datatype}>" if datatype else text


def _int(value: int) -> str:
    return f'"{value}"^^<{ns.XSD_NS}integer>'


def _date_term(value: str) -> str:
    lit = _date_literal(value)
    return _lit(value, datatype=ns.XSD_NS + "date") if lit.datatype == _XSD_DATE else _lit(value)


def _url(value: str) -> str:
    term = _url_term(value)
    return _iri(value) if isinstance(term, ox.NamedNode) else _lit(value)


_P_TYPE = _iri(ns.RDF_NS + "type")
_P_LABEL = _iri(ns.RDFS_NS + "label")
_RANK = {_P_TYPE: 0, _P_LABEL: 1}


def _p(prefix: str, local: str) -> str:
    return f"<{ns.PREFIXES[prefix]}{local}>"


def quad_rows(data: GraphData) -> list[Row]:
    """All quads of the graph as sorted, distinct rows (see the module docstring)."""
    return sorted(_row_set(data))


def _row_set(data: GraphData, by_subject: dict[str, set[tuple[int, str, str]]] | None = None,
             skip_docs: frozenset[str] | set[str] = frozenset(), direct: bool = True) -> set[Row]:
    """The rows of the graph; or, given `by_subject` (a defaultdict(set)), each subject's
    (rank, predicate, object) put there instead (the Turtle writer's grouping, without
    building the rows first), and an empty set returned.

    `skip_docs`: articles whose own subjects (the article, its sentences, mentions and
    statements) are written already (`doc_turtle`); only the direct relation triples they
    state are made.  `direct=False` leaves out the direct relation triples of relations
    with evidence (their subjects are entities: `doc_turtle` renders an article's own
    subjects only)."""
    rows: set[Row] = set()
    put = rows.add
    rank = _RANK.get

    # add: one triple; node: a subject's (rank, predicate, object) pairs at once (rdf:type
    # rank 0, rdfs:label 1, others 2, as `rank` gives them)
    def add(g: str, s: str, p: str, o: str) -> None:
        put((g, s, rank(p, 2), p, o))

    def node(g: str, s: str, pairs: Iterable[tuple[int, str, str]]) -> None:
        for r, p, o in pairs:
            put((g, s, r, p, o))

    if by_subject is not None:
        def add(g: str, s: str, p: str, o: str) -> None:  # noqa: F811
            by_subject[s].add((rank(p, 2), p, o))

        def node(g: str, s: str, pairs: Iterable[tuple[int, str, str]]) -> None:  # noqa: F811
            by_subject[s].update(pairs)

    kg = lambda local: f"<{ns.KG_NS}{local}>"  # noqa: E731
    entity_iris: dict[str, str] = {}

    def entity(key: str) -> str:
        iri = entity_iris.get(key)
        if iri is None:
            iri = entity_iris[key] = _iri(ns.entity_iri(key))
        return iri

    # the vocabulary terms, built once
    K_Mention = kg("Mention")
    K_NewsArticle = kg("NewsArticle")
    K_Sentence = kg("Sentence")
    K_adminCode = kg("adminCode")
    K_denotes = kg("denotes")
    K_endOffset = kg("endOffset")
    K_inSentence = kg("inSentence")
    K_rule = kg("rule")
    K_startOffset = kg("startOffset")
    K_surface = kg("surface")
    K_text = kg("text")
    P_dcterms_date = _p("dcterms", "date")
    P_dcterms_identifier = _p("dcterms", "identifier")
    P_dcterms_isPartOf = _p("dcterms", "isPartOf")
    P_dcterms_title = _p("dcterms", "title")
    P_prov_wasDerivedFrom = _p("prov", "wasDerivedFrom")
    P_rdf_Statement = _p("rdf", "Statement")
    P_rdf_object = _p("rdf", "object")
    P_rdf_predicate = _p("rdf", "predicate")
    P_rdf_subject = _p("rdf", "subject")
    P_schema_mentions = _p("schema", "mentions")
    P_schema_url = _p("schema", "url")
    P_skos_altLabel = _p("skos", "altLabel")

    # Entity descriptions, default graph.
    for key, ent in data.entities.items():
        pairs = [(0, _P_TYPE, kg(ent.type)), (1, _P_LABEL, _lit(ent.name, "zh"))]
        for alias in ent.aliases:
            if alias and alias != ent.name:
                pairs.append((2, P_skos_altLabel, _lit(alias, "zh")))
        if ent.region_code:
            pairs.append((2, K_adminCode, _lit(ent.region_code)))
        node("", entity(key), pairs)

    # Articles and their metadata.
    articles: dict[str, str] = {}

    def article(doc_id: str) -> str:
        a = articles.get(doc_id)
        if a is None:
            a = articles[doc_id] = _iri(ns.article_iri(doc_id))
        return a

    for doc in data.documents:
        if doc.id in skip_docs:
            continue
        a = article(doc.id)
        pairs = [(0, _P_TYPE, K_NewsArticle), (2, P_dcterms_identifier, _lit(doc.id))]
        if doc.title:
            pairs.append((2, P_dcterms_title, _lit(doc.title)))
        if doc.date:
            pairs.append((2, P_dcterms_date, _date_term(doc.date)))
        if doc.url:
            pairs.append((2, P_schema_url, _url(doc.url)))
        node(a, a, pairs)

    # Sentences: one node per (doc, index); offsets from the smallest evidence span seen.
    sentences: dict[tuple[str, int], tuple[int, int, str]] = {}
    sentence_iris: dict[tuple[str, int], str] = {}

    def sentence_iri(doc_id: str, index: int) -> str:
        k = (doc_id, index)
        iri = sentence_iris.get(k)
        if iri is None:
            iri = sentence_iris[k] = _iri(ns.sentence_iri(doc_id, index))
        return iri

    def sentence(ev: Evidence) -> str:
        k = (ev.doc_id, ev.sentence)
        cand = (ev.start, ev.end, ev.text)
        old = sentences.get(k)
        if old is None or cand < old:
            sentences[k] = cand
        return sentence_iri(ev.doc_id, ev.sentence)

    mentions_of: dict[str, set[str]] = defaultdict(set)
    for doc_id, items in data.mentions.items():
        if doc_id in skip_docs:
            continue
        for em in items:
            mentions_of[doc_id].add(em.key)
            sentence(em.sentence)

    mentions = _locate_mentions(data, skip_docs)
    for m, iri in _mention_iris(mentions).items():
        node(article(m.doc_id), _iri(iri), ((0, _P_TYPE, K_Mention), (2, K_denotes, entity(m.key)),
                                             (2, K_inSentence, sentence_iri(m.doc_id, m.sentence)),
                                             (2, K_surface, _lit(m.surface)), (2, K_startOffset, _int(m.doc_start)),
                                             (2, K_endOffset, _int(m.doc_end))))

    # Relations: a direct triple (default graph without evidence, else the article's
    # graph) and one Statement per evidence sentence.
    predicates: dict[str, str] = {}
    for rel in data.relations:
        p = predicates.get(rel.predicate)
        if p is None:
            p = predicates[rel.predicate] = kg(rel.predicate)
        s, o = entity(rel.subject), entity(rel.object)
        ev = rel.evidence
        if ev is None:
            add("", s, p, o)
            continue
        skipped = ev.doc_id in skip_docs
        if not direct and skipped:
            continue
        g = article(ev.doc_id)
        if direct:
            add(g, s, p, o)
        if skipped:
            continue
        mentions_of[ev.doc_id].update((rel.subject, rel.object))
        pairs = [(0, _P_TYPE, P_rdf_Statement), (2, P_rdf_subject, s), (2, P_rdf_predicate, p), (2, P_rdf_object, o),
                 (2, P_prov_wasDerivedFrom, sentence(ev))]
        if rel.rule:
            pairs.append((2, K_rule, _lit(rel.rule)))
        node(g, _iri(statement_iri(rel.subject, rel.predicate, rel.object, ev.doc_id, ev.sentence)), pairs)

    mentions_p = P_schema_mentions
    for doc_id, keys in mentions_of.items():
        a = article(doc_id)
        node(a, a, [(2, mentions_p, entity(key)) for key in keys])

    for (doc_id, index), (start, end, text) in sentences.items():
        a = article(doc_id)
        node(a, sentence_iri(doc_id, index), ((0, _P_TYPE, K_Sentence), (2, K_text, _lit(text)),
                                              (2, K_startOffset, _int(start)), (2, K_endOffset, _int(end)),
                                              (2, P_dcterms_isPartOf, a)))

    return rows


def _parse_rows(rows: Iterable[Row] | Iterable[tuple[str, int, str, str]], quads: bool) -> Iterator[ox.Quad]:
    """pyoxigraph terms for rows (quads) or triple rows (s, rank, p, o), in their order.

    The parser checks every IRI and literal; a bad one raises ValueError.
    """
    if quads:
        lines = [f"{s} {p} {o} {g} .\n" if g else f"{s} {p} {o} .\n" for g, s, _, p, o in rows]  # type: ignore[misc]
        fmt = ox.RdfFormat.N_QUADS
    else:
        lines = [f"{s} {p} {o} .\n" for s, _, p, o in rows]  # type: ignore[misc]
        fmt = ox.RdfFormat.N_TRIPLES
    payload = "".join(lines).encode("utf-8")

    def parse() -> Iterator[ox.Quad]:
        try:
            yield from ox.parse(payload, format=fmt)
        except SyntaxError as exc:
            bad = lines[exc.lineno - 1].strip() if exc.lineno and exc.lineno <= len(lines) else ""
            raise ValueError(f"cannot write the graph: {exc.msg}: {bad}") from None

    return parse()


def to_quads(data: GraphData) -> list[ox.Quad]:
    """All quads of the graph, sorted (see the module docstring for the layout)."""
    rows = quad_rows(data)
    out = QuadList(_parse_rows(rows, quads=True))
    out.rows = rows
    return out


def _row(q: ox.Quad) -> Row:
    g = q.graph_name
    p = str(q.predicate)
    return ("" if isinstance(g, ox.DefaultGraph) else str(g), str(q.subject), _RANK.get(p, 2), p, str(q.object))


def _triple_key(t: ox.Triple) -> tuple[str, int, str, str]:
    p = str(t.predicate)
    return (str(t.subject), _RANK.get(p, 2), p, str(t.object))


def sorted_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Distinct triples in the order the writers use (subject, type and label first)."""
    return sorted(set(triples), key=_triple_key)


def serialize(quads: list[ox.Quad], fmt: str) -> tuple[bytes, int]:
    """Bytes of the graph in format `fmt` (a name of FORMATS) and the statement count.

    Dataset formats (trig, nquads) keep the named graphs; the others get the union of all
    graphs as a set of triples.  Sorted whatever the order of `quads`.
    """
    rows: list[Row] | None = getattr(quads, "rows", None)
    return serialize_rows(rows if rows is not None else {_row(q) for q in quads}, fmt)


def serialize_rows(rows: Iterable[Row], fmt: str) -> tuple[bytes, int]:
    """`serialize` for rows as `quad_rows` makes them (in any order)."""
    dataset = fmt in DATASET_FORMATS
    if fmt == "turtle":
        by_subject: dict[str, set[tuple[int, str, str]]] = defaultdict(set)
        for _, s, rank, p, o in rows:
            by_subject[s].add((rank, p, o))
        return _turtle(by_subject), sum(len(v) for v in by_subject.values())
    items: list = sorted(set(rows)) if dataset else sorted({r[1:] for r in rows})
    data = ox.serialize(_parse_rows(items, quads=dataset), format=FORMATS[fmt], prefixes=ns.PREFIXES)
    return data, len(items)


_SIMPLE_LOCAL = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')  # what an IRI may not hold (RFC 3987 / Turtle IRIREF)


def _turtle(by_subject: dict[str, set[tuple[int, str, str]]]) -> bytes:
    """Turtle for triples grouped by subject (see `turtle_blocks`)."""
    return join_turtle(turtle_blocks(by_subject))


def join_turtle(blocks: list[tuple[str, bytes]]) -> bytes:
    """The Turtle file of subject blocks (see `turtle_chunks`)."""
    return b"".join(turtle_chunks(blocks))


def turtle_chunks(blocks: list[tuple[str, bytes]]) -> list[bytes]:
    """The pieces of the Turtle file of subject blocks (`turtle_blocks`, `doc_turtle`, in
    any order and from any number of calls; each subject in one block only): prefixes,
    then the blocks sorted by subject.  Written as they are, without joining them first
    (a large graph's file is hundreds of megabytes)."""
    blocks.sort(key=_first)
    head = "".join(f"@prefix {p}: <{base}> .\n" for p, base in ns.PREFIXES.items()) + "\n"
    out = [head.encode("utf-8"), *map(_second, blocks)]
    if blocks:
        out[-1] = out[-1][:-1]  # one newline after the last block
    return out


def _first(t: tuple[str, bytes]) -> str:
    return t[0]


def _second(t: tuple[str, bytes]) -> bytes:
    return t[1]


# vocabulary terms (IRIs that `turtle_blocks` writes as prefixed names) -> prefixed name
_PREFIXED: dict[str, str] = {}


def turtle_blocks(by_subject: dict[str, set[tuple[int, str, str]]]) -> list[tuple[str, bytes]]:
    """One Turtle block (bytes) per subject, for triples grouped by subject (rank, predicate,
    object), written directly (the terms are N-Triples terms, which are valid Turtle
    terms): the subject with its sorted predicate-object pairs after `;`, `a` for rdf:type,
    prefixed names only for vocabulary terms with plain local names.  Checked against rdflib, pyoxigraph and
    rapper in the tests; sorting subjects and then each subject's few pairs is much cheaper
    than sorting every triple, and several times faster than a parse-and-serialise round
    trip through Python objects on large graphs."""
    names: dict[str, str] = dict(_PREFIXED)  # a call per article: the vocabulary is known already
    # resource IRIs (most terms) are written in full; when no other namespace can be a
    # prefix of one, the prefix loop can be skipped for them
    kgr = "<" + ns.KGR_NS
    kgr_alone = all(not (ns.KGR_NS.startswith(base) or base.startswith(ns.KGR_NS))
                    for prefix, base in ns.PREFIXES.items() if prefix != "kgr")

    def short(term: str) -> str:
        out = term
        if term.startswith("<") and term.endswith(">"):
            iri = term[1:-1]
            if _BAD_IRI.search(iri) or not iri:
                raise ValueError(f"cannot write the graph: invalid IRI {term}")
            if kgr_alone and term.startswith(kgr):
                names[term] = out
                return out
            for prefix, base in ns.PREFIXES.items():
                if prefix != "kgr" and iri.startswith(base) and _SIMPLE_LOCAL.fullmatch(iri[len(base):]):
                    out = _PREFIXED[term] = f"{prefix}:{iri[len(base):]}"
                    break
        names[term] = out
        return out

    int_suffix = f'"^^<{ns.XSD_NS}integer>'
    cut = len(int_suffix)
    get = names.get

    out: list[tuple[str, bytes]] = []
    append = out.append
    for s in by_subject:
        subject = get(s) or short(s)
        pairs = []  # "predicate object" of the subject, joined with " ;" below
        for _, p, o in sorted(by_subject[s]):
            pred = "a" if p == _P_TYPE else (get(p) or short(p))
            if o[0] == "<":
                o = get(o) or short(o)
            elif o.endswith(int_suffix) and o[1:-cut].lstrip("-").isdigit():
                o = o[1:-cut]  # "12"^^xsd:integer is written 12
            # other literals as in N-Triples (valid Turtle)
            pairs.append(f"{pred} {o}")
        append((s, (subject + " " + " ;\n    ".join(pairs) + " .\n\n").encode("utf-8")))
    return out


@dataclass(frozen=True, slots=True)
class DocTurtle:
    """An article's own subjects (the article, its sentences, mentions and statements) as
    Turtle blocks (`turtle_blocks`), and how many triples they hold.  Made where the
    article is extracted (a worker process), so that writing the corpus only sorts and
    joins them; valid while none of the entity keys it names is merged into another."""

    blocks: tuple[tuple[str, bytes], ...]
    triples: int


def doc_turtle(doc: Document, mentions: list[EntityMention], relations: list[Relation]) -> DocTurtle:
    """`DocTurtle` of one article from its mentions and relations (`kg.pipeline.doc_mentions`,
    `doc_relations`): the blocks `write_graph` would write for its own subjects."""
    by_subject: dict[str, set[tuple[int, str, str]]] = defaultdict(set)
    _row_set(GraphData([doc], {}, {doc.id: mentions}, relations), by_subject, direct=False)
    blocks = sorted(turtle_blocks(by_subject), key=_first)
    # the article's fragment subjects (<…article/ID#s3>, #m3-10 …) are next to each other in
    # any corpus (no other IRI starts with the article's IRI and `#`, as IDs are escaped):
    # one block for all of them, so the corpus has fewer blocks to sort
    inner = "<" + ns.article_iri(doc.id) + "#"
    out: list[tuple[str, bytes]] = []
    run: list[tuple[str, bytes]] = []  # the fragment subjects, consecutive once sorted
    for item in blocks:
        if item[0].startswith(inner):
            run.append(item)
            continue
        if run:
            out.append((run[0][0], b"".join(map(_second, run))))
            run = []
        out.append(item)
    if run:
        out.append((run[0][0], b"".join(map(_second, run))))
    return DocTurtle(tuple(out), sum(len(v) for v in by_subject.values()))


# Fewer articles left to render than this are rendered by the writing process alone.
FORK_MIN_ARTICLES = 64
# The share of those articles a forked child renders while the writing process renders
# the entity descriptions and the rest (measured on generated news: the entities and
# their relation triples cost about as much as 40% of the articles).
FORK_SHARE = 0.7


def _blocks_of(data: GraphData, skip_docs: frozenset[str] | set[str] | Iterable[str],
               direct: bool = True) -> tuple[list[tuple[str, bytes]], int]:
    by_subject: dict[str, set[tuple[int, str, str]]] = defaultdict(set)
    _row_set(data, by_subject, skip_docs=skip_docs, direct=direct)
    return turtle_blocks(by_subject), sum(len(v) for v in by_subject.values())


def _turtle_parts(data: GraphData) -> tuple[list[tuple[str, bytes]], int]:
    """Every subject block of the Turtle file (any order) and the triple count.

    Articles rendered already (`data.turtle`, by the workers of a parallel build) are
    joined as they are.  When many articles are left (they name an entity that resolution
    merged), a forked child (kg.forked) renders most of them while this process renders
    the entity descriptions, the relation triples and the other articles: the end of a
    parallel build then uses both cores.  The blocks are the same either way (a subject's
    block depends only on its triples; each subject is in one part only)."""
    rendered = data.turtle
    todo = [d for d in data.documents if d.id not in rendered]
    if not rendered or len(todo) < FORK_MIN_ARTICLES or len({d.id for d in todo}) < len(todo):
        blocks, count = _blocks_of(data, rendered.keys())
    else:
        cut = int(len(todo) * FORK_SHARE)
        theirs = {d.id for d in todo[:cut]}
        part = GraphData(todo[:cut], {}, {i: data.mentions[i] for i in theirs if i in data.mentions},
                         [r for r in data.relations if r.evidence is not None and r.evidence.doc_id in theirs])
        child = Forked(lambda: _blocks_of(part, (), direct=False))
        try:
            blocks, count = _blocks_of(data, rendered.keys() | theirs)
        finally:
            more, n = child.result()  # also when this process failed: the child is waited for
        blocks.extend(more)
        count += n
    for doc_turtle_part in rendered.values():
        blocks.extend(doc_turtle_part.blocks)
        count += doc_turtle_part.triples
    return blocks, count


def write_graph(data: GraphData, path: Path, fmt: str | None = None) -> int:
    """Write the graph to `path` (format from the extension unless `fmt`), atomically.

    Returns the number of statements written: triples, or quads for trig/nquads.
    """
    path = Path(path)
    name = format_name(path, fmt)
    # the rows are hundreds of thousands of tuples of strings, no cycles among them: the
    # cyclic collector would only scan them again and again while they are built
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        if name == "turtle":  # as serialize_rows, grouping by subject while the rows are made
            # articles rendered already (data.turtle) only add their direct relation triples
            blocks, count = _turtle_parts(data)
            payload: bytes | list[bytes] = turtle_chunks(blocks)
        else:
            payload, count = serialize_rows(_row_set(data), name)
    finally:
        if was_enabled:
            gc.enable()
    write_atomic(path, payload)
    return count


def write_atomic(path: Path, payload: bytes | Iterable[bytes]) -> None:
    """Write bytes (or pieces of bytes, one after the other) through a temporary file in
    the same folder, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(payload, (bytes, bytearray)):
                fh.write(payload)
            else:
                fh.writelines(payload)
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
