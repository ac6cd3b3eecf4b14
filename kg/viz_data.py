"""Read a graph file into the plain records the HTML view draws, and pick what to show.

The view needs entities (label, aliases, class), the direct relation triples between them
and, for each relation, the sentences that state it (rdf:Statement -> kg:Sentence).  This
module turns a store (kg.rdfio.load_store) into those records with a handful of SPARQL
queries, so that the page builder and the layout never see RDF.
"""
from __future__ import annotations

import unicodedata
from collections import deque
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

import pyoxigraph as ox

from kg.ns import DCTERMS_NS, KG_NS, PREDICATES, PROV_NS, RDF_NS, RDFS_NS, SCHEMA_NS, SKOS_NS
from kg.ns import SUBCLASS_OF, TOP_CLASSES

SYMMETRIC = frozenset({"cooperatesWith"})


class FocusError(Exception):
    """--focus names no entity of the graph."""


@dataclass(slots=True)
class VNode:
    iri: str
    label: str
    cls: str  # most specific class local name
    top: str  # one of TOP_CLASSES
    aliases: list[str] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)  # indices into ViewGraph.articles
    context: bool = False  # a region no article mentions (hierarchy only)


@dataclass(slots=True)
class VEdge:
    source: str  # node IRI
    predicate: str  # ontology local name
    target: str
    evidence: list[int] = field(default_factory=list)  # indices into ViewGraph.sentences


@dataclass(frozen=True, slots=True)
class VArticle:
    ident: str  # dcterms:identifier, or the IRI's last segment
    title: str | None


@dataclass(frozen=True, slots=True)
class VSentence:
    article: int  # index into ViewGraph.articles, -1 when unknown
    text: str


@dataclass(slots=True)
class ViewGraph:
    nodes: dict[str, VNode]  # IRI -> node
    edges: list[VEdge]
    articles: list[VArticle]
    sentences: list[VSentence]
    total_nodes: int = 0  # before focus / max-nodes selection
    note: str = ""  # what was selected, for the page header


def _q(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    prefixes = {
        "rdf": RDF_NS, "rdfs": RDFS_NS, "skos": SKOS_NS, "kg": KG_NS, "prov": PROV_NS,
        "dcterms": DCTERMS_NS, "schema": SCHEMA_NS,
    }
    # kg.rdfio.load_store puts the union of named graphs (TriG, N-Quads) in the default graph
    return list(store.query(query, prefixes=prefixes))


def _local(iri: str, ns: str = KG_NS) -> str | None:
    return iri[len(ns):] if iri.startswith(ns) else None


def _val(term: object) -> str | None:
    return None if term is None else str(term.value)  # type: ignore[attr-defined]


def _top_resolver(store: ox.Store):
    """Map a kg: class local name to its top class, using ns.py and the graph's subClassOf."""
    parents: dict[str, set[str]] = {}
    for row in _q(store, "SELECT ?c ?p WHERE { ?c rdfs:subClassOf ?p }"):
        c, p = _local(_val(row["c"]) or ""), _local(_val(row["p"]) or "")
        if c and p:
            parents.setdefault(c, set()).add(p)

    def top(cls: str) -> str | None:
        seen: set[str] = set()
        todo = deque([cls])
        while todo:
            c = todo.popleft()
            if c in TOP_CLASSES:
                return c
            if c in seen:
                continue
            seen.add(c)
            if c in SUBCLASS_OF:
                todo.append(SUBCLASS_OF[c])
            todo.extend(sorted(parents.get(c, ())))
        return None

    return top


def _best_label(labels: list[tuple[str, str | None]]) -> str:
    """Prefer a Chinese label, then one without language, then any; ties by text."""
    def rank(item: tuple[str, str | None]) -> tuple[int, str]:
        text, lang = item
        if lang and lang.lower().startswith("zh"):
            return (0, text)
        return (1 if not lang else 2, text)

    return min(labels, key=rank)[0]


def _iri_tail(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]) or iri


def read_view(store: ox.Store) -> ViewGraph:
    """Everything the page shows, read from the store; sorted so output is deterministic."""
    top_of = _top_resolver(store)
    classes: dict[str, list[tuple[str, str]]] = {}
    for row in _q(store, "SELECT ?e ?c WHERE { ?e a ?c FILTER(isIRI(?e) && isIRI(?c)) }"):
        cls = _local(_val(row["c"]) or "")
        top = top_of(cls) if cls else None
        if cls and top:
            classes.setdefault(_val(row["e"]) or "", []).append((cls, top))

    labels: dict[str, list[tuple[str, str | None]]] = {}
    for row in _q(store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(isLiteral(?l)) }"):
        labels.setdefault(_val(row["e"]) or "", []).append((_val(row["l"]) or "", row["l"].language))
    aliases: dict[str, set[str]] = {}
    for row in _q(store, "SELECT ?e ?l WHERE { ?e skos:altLabel ?l FILTER(isLiteral(?l)) }"):
        aliases.setdefault(_val(row["e"]) or "", set()).add(_val(row["l"]) or "")

    nodes: dict[str, VNode] = {}
    for iri in sorted(classes):
        # the most specific class: a subclass before its top class, then by name
        cls, top = min(classes[iri], key=lambda ct: (ct[0] == ct[1], ct[0]))
        label = _best_label(labels[iri]) if iri in labels else _iri_tail(iri)
        alias_list = sorted(a for a in aliases.get(iri, ()) if a and a != label)
        nodes[iri] = VNode(iri=iri, label=label, cls=cls, top=top, aliases=alias_list)

    articles: list[VArticle] = []
    article_index: dict[str, int] = {}

    def article(iri: str | None, ident: str | None, title: str | None) -> int:
        if iri is None:
            return -1
        if iri not in article_index:
            article_index[iri] = len(articles)
            articles.append(VArticle(ident or _iri_tail(iri), title))
        return article_index[iri]

    mentions = _q(store, """
        SELECT ?e ?a (MIN(?id) AS ?ident) (MIN(?t) AS ?title) WHERE {
          ?a schema:mentions ?e .
          OPTIONAL { ?a dcterms:identifier ?id } OPTIONAL { ?a dcterms:title ?t } }
        GROUP BY ?e ?a""")
    evid = _q(store, """
        SELECT ?s ?p ?o ?sent (MIN(?x) AS ?text) (MIN(?st0) AS ?start) (MIN(?a0) AS ?a)
               (MIN(?id) AS ?ident) (MIN(?t) AS ?title) WHERE {
          ?stmt rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?sent .
          ?sent kg:text ?x .
          OPTIONAL { ?sent kg:startOffset ?st0 }
          OPTIONAL { ?sent dcterms:isPartOf ?a0 .
                     OPTIONAL { ?a0 dcterms:identifier ?id } OPTIONAL { ?a0 dcterms:title ?t } } }
        GROUP BY ?s ?p ?o ?sent""")
    # articles numbered in identifier order, whatever order the queries return them in
    seen_articles: dict[str, tuple[str | None, str | None]] = {}
    for row in mentions:
        seen_articles.setdefault(_val(row["a"]) or "", (_val(row["ident"]), _val(row["title"])))
    for row in evid:
        if row["a"] is not None:
            seen_articles.setdefault(_val(row["a"]) or "", (_val(row["ident"]), _val(row["title"])))
    for iri, (ident, title) in sorted(seen_articles.items(), key=lambda kv: (kv[1][0] or _iri_tail(kv[0]), kv[0])):
        article(iri, ident, title)

    for row in mentions:
        node = nodes.get(_val(row["e"]) or "")
        if node is not None:
            node.articles.append(article_index[_val(row["a"]) or ""])
    for node in nodes.values():
        node.articles.sort(key=lambda i: (articles[i].ident, i))
    if mentions:  # only a graph that records mentions can say a region is context only
        for node in nodes.values():
            node.context = node.top == "Region" and not node.articles

    # sentences: (article ident, start offset, text) order
    sent_rows: dict[str, tuple[int, int, str]] = {}
    for row in evid:
        a = article_index.get(_val(row["a"]) or "", -1)
        start = int(_val(row["start"]) or 0) if row["start"] is not None else 0
        sent_rows.setdefault(_val(row["sent"]) or "", (a, start, _val(row["text"]) or ""))
    order = sorted(sent_rows, key=lambda k: (articles[sent_rows[k][0]].ident if sent_rows[k][0] >= 0 else "", sent_rows[k][1], sent_rows[k][2], k))
    sentence_index = {k: i for i, k in enumerate(order)}
    sentences = [VSentence(sent_rows[k][0], sent_rows[k][2]) for k in order]

    evidence: dict[tuple[str, str, str], set[int]] = {}
    for row in evid:
        p = _local(_val(row["p"]) or "")
        if p in PREDICATES:
            key = _edge_key(_val(row["s"]) or "", p, _val(row["o"]) or "")
            evidence.setdefault(key, set()).add(sentence_index[_val(row["sent"]) or ""])

    values = " ".join(f"kg:{p}" for p in PREDICATES)
    edge_keys: set[tuple[str, str, str]] = set()
    for row in _q(store, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"):
        s, o = _val(row["s"]) or "", _val(row["o"]) or ""
        p = _local(_val(row["p"]) or "") or ""
        if s in nodes and o in nodes and s != o:
            edge_keys.add(_edge_key(s, p, o))
    edges = [VEdge(s, p, o, sorted(evidence.get((s, p, o), ()))) for s, p, o in sorted(edge_keys)]
    return ViewGraph(nodes=nodes, edges=edges, articles=articles, sentences=sentences,
                     total_nodes=len(nodes))


def _edge_key(s: str, p: str, o: str) -> tuple[str, str, str]:
    """One key per relation; a symmetric relation is the same whichever way it is stated."""
    if p in SYMMETRIC and o < s:
        s, o = o, s
    return (s, p, o)


def normalise(name: str) -> str:
    """How names are compared for --focus and search: NFKC, trimmed, case-folded."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def find_nodes(view: ViewGraph, name: str) -> list[str]:
    """IRIs of the nodes whose label or an alias equals `name` (normalised)."""
    want = normalise(name)
    return sorted(iri for iri, n in view.nodes.items()
                  if normalise(n.label) == want or any(normalise(a) == want for a in n.aliases))


def _distances(view: ViewGraph, seeds: list[str], limit: int | None) -> dict[str, int]:
    adj: dict[str, set[str]] = {}
    for e in view.edges:
        adj.setdefault(e.source, set()).add(e.target)
        adj.setdefault(e.target, set()).add(e.source)
    dist = {s: 0 for s in seeds}
    todo = deque(seeds)
    while todo:
        cur = todo.popleft()
        if limit is not None and dist[cur] >= limit:
            continue
        for nxt in sorted(adj.get(cur, ())):
            if nxt not in dist:
                dist[nxt] = dist[cur] + 1
                todo.append(nxt)
    return dist


def select(view: ViewGraph, focus: str | None = None, hops: int = 1,
           max_nodes: int | None = None) -> ViewGraph:
    """Keep the `hops`-neighbourhood of `focus` and at most `max_nodes` nodes.

    When nodes must be dropped, the ones nearest the focus and then those with the most
    relations are kept (ties by name), so the cut is deterministic.
    """
    if hops < 0:
        raise ValueError("hops must be >= 0")
    keep = set(view.nodes)
    dist: dict[str, int] = {}
    notes: list[str] = []
    seeds: list[str] = []
    if focus is not None:
        seeds = find_nodes(view, focus)
        if not seeds:
            raise FocusError(_no_match_message(view, focus))
        dist = _distances(view, seeds, hops)
        keep = set(dist)
        notes.append(f"聚焦“{focus}”，{hops} 跳以内")
    if max_nodes is not None and len(keep) > max_nodes:
        degree: dict[str, int] = {}
        for e in view.edges:
            degree[e.source] = degree.get(e.source, 0) + 1
            degree[e.target] = degree.get(e.target, 0) + 1
        ranked = sorted(keep, key=lambda i: (dist.get(i, 0), view.nodes[i].context,
                                             -degree.get(i, 0), view.nodes[i].label, i))
        keep = set(ranked[:max(max_nodes, 0)])
        notes.append(f"仅显示关系最多的 {len(keep)} 个节点（共 {len(view.nodes)} 个）")
    # what the user asked for is never hidden as mere context
    nodes = {iri: (replace(n, context=False) if iri in seeds else n)
             for iri, n in view.nodes.items() if iri in keep}
    edges = [e for e in view.edges if e.source in nodes and e.target in nodes]
    return ViewGraph(nodes=nodes, edges=edges, articles=view.articles, sentences=view.sentences,
                     total_nodes=view.total_nodes, note="；".join(notes))


def _no_match_message(view: ViewGraph, name: str) -> str:
    want = normalise(name)
    near = sorted({n.label for n in view.nodes.values()
                   if want and (want in normalise(n.label)
                                or any(want in normalise(a) for a in n.aliases))})
    hint = f" (did you mean: {', '.join(near[:5])}?)" if near else ""
    return f"no entity named {name!r} in the graph{hint}"
