"""A persistent, incrementally updated graph: `kg build --store DIR`.

Layout of DIR:
    graph/         a pyoxigraph (RocksDB) store holding the RDF: one named graph per
                   article (its metadata, sentences, mentions, relations with evidence);
                   the default graph holds the entity descriptions, the region hierarchy
                   and a copy of every article triple, so that it is the graph `kg build`
                   writes (the union as a set) and SPARQL reads one graph instead of a
                   union of thousands (3-10x faster, see bench/store_scale.py)
    state.sqlite   what each article said, in the article's own entity keys: the source of
                   truth the RDF is derived from, so that any change can be redone

Adding an article stores its extraction, then recomputes only what it can change: the
cross-document merges (kg.corpus) of the entities it names, the descriptions of those
entities, and the named graphs of articles whose entities were merged differently.  An
unchanged article (same content hash) is skipped; a changed one replaces its facts;
removing one takes away every fact only it supported (a triple leaves the default graph
when no article graph holds it any more and it is not a gazetteer link still brought).  The graph equals what `kg build`
writes for the same articles, whatever order they came in (tests/test_store.py).

Crash safety: all RDF changes of a batch happen inside `commit()`, after a marker file
(pending.json) has recorded which articles, entities and links they touch, and the SQLite
transaction commits after them.  A crash before that leaves the state as it was (the
uncommitted articles are extracted again on the next run); a crash in between is repaired
when the store is next opened, by deriving what the marker lists from the committed state.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import __version__, ns
from kg.corpus import MERGING_GROUPS, merge_map, reduce_counts
from kg.graph import _parse_rows, _row_set
from kg.model import DocExtraction, Document, Entity, EntityMention, GraphData, Relation

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, digest TEXT NOT NULL, chars INTEGER, part BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS doc_keys (doc TEXT, key TEXT, PRIMARY KEY (doc, key));
CREATE INDEX IF NOT EXISTS doc_keys_key ON doc_keys (key);
CREATE TABLE IF NOT EXISTS facts (key TEXT, kind TEXT, value TEXT, n INTEGER, PRIMARY KEY (key, kind, value));
CREATE TABLE IF NOT EXISTS name_keys (name TEXT, key TEXT, n INTEGER, PRIMARY KEY (name, key));
CREATE INDEX IF NOT EXISTS name_keys_key ON name_keys (key);
CREATE TABLE IF NOT EXISTS links (s TEXT, p TEXT, o TEXT, n INTEGER, PRIMARY KEY (s, p, o));
CREATE TABLE IF NOT EXISTS canon (key TEXT PRIMARY KEY, target TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS canon_target ON canon (target);
"""
FORMAT_VERSION = "2"  # 2: the default graph holds the union of the article graphs


class StoreError(Exception):
    """A store folder that cannot be opened or used."""


def content_digest(doc: Document) -> str:
    """What decides whether an article changed: its text and metadata, and the kg version
    (new rules extract differently, so a new version re-extracts on the next build)."""
    h = hashlib.sha256()
    for part in (__version__, doc.id, doc.title or "", doc.date or "", doc.url or "", doc.text):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass
class UpdateStats:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    missing: list[str] = field(default_factory=list)  # ids asked to remove that the store lacks


class GraphStore:
    """An on-disk graph of articles; open with `GraphStore(path)`, close with `close()`."""

    def __init__(self, path: Path | str, create: bool = True, read_only: bool = False,
                 all_mentions: bool | None = None) -> None:
        self.path = Path(path)
        state = self.path / "state.sqlite"
        if not state.exists():
            if not create or read_only:
                raise StoreError(f"{self.path}: not a kg store (no state.sqlite); build one with kg build --store")
            if self.path.exists() and not self.path.is_dir():
                raise StoreError(f"{self.path}: exists and is not a folder")
            if self.path.is_dir() and any(self.path.iterdir()):
                raise StoreError(f"{self.path}: folder is not empty and is not a kg store")
            self.path.mkdir(parents=True, exist_ok=True)
        upgrade = False
        try:
            self.db = sqlite3.connect(str(state), isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            version = self.db.execute("SELECT v FROM meta WHERE k='format'").fetchone()
            if version is None:
                self.db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT_VERSION,))
            elif version[0] == "1" and not read_only:
                upgrade = True
            elif version[0] != FORMAT_VERSION:
                hint = "; open it once for writing (kg build ... --store, kg remove) to upgrade it" if version[0] == "1" else ""
                raise StoreError(f"{self.path}: store format {version[0]}, this kg reads {FORMAT_VERSION}{hint}")
            mode = self.db.execute("SELECT v FROM meta WHERE k='mentions'").fetchone()
            if mode is None:
                mode = ("all" if all_mentions else "first",)
                if not read_only:
                    self.db.execute("INSERT INTO meta VALUES ('mentions', ?)", mode)
            elif all_mentions is not None and mode[0] != ("all" if all_mentions else "first"):
                raise StoreError(f"{self.path}: the store records {mode[0]} mentions; build it with --mentions {mode[0]}")
            self.all_mentions = mode[0] == "all"
            graph = str(self.path / "graph")
            self.rdf = ox.Store.read_only(graph) if read_only else ox.Store(graph)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from None
        self._in_tx = False
        self._dirty_keys: set[str] = set()  # entities and articles to recompute at the next commit
        self._dirty_docs: set[str] = set()
        self._adds: list[ox.Quad] = []
        self._dirty_links: set[tuple[str, str, str]] = set()
        self._pending = self.path / "pending.json"
        if not read_only and self._pending.exists():
            self._recover()
        if upgrade:
            self._materialise_union()

    def _materialise_union(self) -> None:
        """Format 1 to 2: copy every article triple into the default graph."""
        self.rdf.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        self.rdf.flush()
        self.db.execute("UPDATE meta SET v=? WHERE k='format'", (FORMAT_VERSION,))

    # ------------------------------------------------------------------ reading
    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM docs").fetchone()[0]

    def digest(self, doc_id: str) -> str | None:
        row = self.db.execute("SELECT digest FROM docs WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def doc_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM docs ORDER BY id")]

    def quads(self) -> Iterator[ox.Quad]:
        """The quads `kg build` would write for the articles in the store (`export_quads`)."""
        return self.export_quads()

    def query(self, sparql: str, **options: object):
        """SPARQL over the default graph, which is the union of all graphs as a set (the
        triples of the graph file `kg build` writes); GRAPH reaches one article's graph."""
        return self.rdf.query(sparql, prefixes=dict(ns.PREFIXES), **options)  # type: ignore[arg-type]

    def triple_count(self) -> int:
        """Distinct triples of the graph (the default graph: the union of all graphs)."""
        return int(next(iter(self.rdf.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)

    def export_quads(self) -> Iterator[ox.Quad]:
        """The store as `kg build` writes N-Quads: the article graphs, and in the default graph
        only the entity descriptions and gazetteer links (not the copies of article triples)."""
        links = self._live_links()
        for q in self.rdf.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            if q.predicate.value in _DESCRIPTION_PREDICATES and not q.subject.value.startswith(_LOCAL_NS):
                yield q
            elif (q.subject.value, q.predicate.value, q.object.value) in links:
                yield q
        for g in sorted(self.rdf.named_graphs(), key=lambda g: g.value):
            yield from self.rdf.quads_for_pattern(None, None, None, g)

    def _live_links(self) -> set[tuple[str, str, str]]:
        """The gazetteer links some article in the store still brings, as IRI strings."""
        return {(ns.entity_iri(s_), f"{ns.KG_NS}{p}", ns.entity_iri(o))
                for s_, p, o in self.db.execute("SELECT s, p, o FROM links WHERE n > 0")}

    # ------------------------------------------------------------------ writing
    def begin(self) -> None:
        if not self._in_tx:
            self.db.execute("BEGIN")
            self._in_tx = True

    def commit(self) -> None:
        """Derive the RDF of the batch so far and make it durable (RDF first, then the state
        that records it).  Entities named by many articles of a batch are described once."""
        if not self._in_tx:
            return
        # what this batch touches, recorded before the RDF changes: after a crash in between,
        # the next open derives these again from the state that was committed
        marker = {"docs": sorted(self._dirty_docs), "keys": sorted(self._dirty_keys),
                  "links": sorted(self._dirty_links)}
        tmp = self.path / "pending.json.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(marker, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self._pending)
        if self._dirty_links:
            # gazetteer links stay while any article in the store still brings them
            present = {(s_, p, o) for s_, p, o in self._dirty_links
                       if self.db.execute("SELECT 1 FROM links WHERE s=? AND p=? AND o=?", (s_, p, o)).fetchone()}
            rels = lambda items: [Relation(s_, p, o, None) for s_, p, o in sorted(items)]  # noqa: E731
            for q in _quads(_row_set(GraphData([], {}, {}, rels(self._dirty_links - present)))):
                if not self._in_named_graph(q.subject, q.predicate, q.object):  # an article states it too
                    self.rdf.remove(q)
            self._adds.extend(_quads(_row_set(GraphData([], {}, {}, rels(present)))))
            self._dirty_links = set()
        if self._dirty_keys or self._dirty_docs:
            self._refresh(self._dirty_keys, self._dirty_docs)
            self._dirty_keys, self._dirty_docs = set(), set()
        if self._adds:
            # bulk_extend skips pyoxigraph's transaction (3x faster): a crash halfway is
            # repaired from the pending marker when the store is next opened
            self.rdf.bulk_extend(self._adds)
            self._adds = []
        self.rdf.flush()
        self.db.execute("COMMIT")
        self._in_tx = False
        self._pending.unlink(missing_ok=True)

    def _recover(self) -> None:
        """A batch that crashed between its RDF changes and its commit: derive what it
        touched again from the committed state."""
        with open(self._pending, encoding="utf-8") as fh:
            marker = json.load(fh)
        self.begin()
        self._dirty_docs |= set(marker["docs"])
        self._dirty_keys |= set(marker["keys"])
        self._dirty_links |= {tuple(x) for x in marker["links"]}
        self.commit()

    def optimize(self) -> None:
        """Compact the RDF files (RocksDB): after a large build, queries run about twice as
        fast (bench/store_scale.py); takes seconds per few hundred MB."""
        self.commit()
        self.rdf.optimize()

    def close(self) -> None:
        """Commit, and let go of the files (RocksDB's lock is released with the last reference)."""
        self.commit()
        self.db.close()
        del self.rdf

    def put(self, part: GraphData, digest: str) -> str:
        """Add or replace one article (`part`: `assemble` of its extraction alone).
        Returns "added", "replaced" or "unchanged"."""
        doc = part.documents[0]
        old = self.digest(doc.id)
        if old == digest:
            return "unchanged"
        self.begin()
        old_keys = self._forget(doc.id) if old is not None else set()
        blob = zlib.compress(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL), 3)
        self.db.execute("INSERT INTO docs VALUES (?, ?, ?, ?)", (doc.id, digest, len(doc.text), blob))
        self._count(part, +1)
        self._dirty_keys |= old_keys | set(part.entities)
        self._dirty_docs.add(doc.id)
        return "replaced" if old is not None else "added"

    def _count(self, part: GraphData, sign: int) -> None:
        """Add (+1) or take away (-1) what one article says about its entities and links."""
        doc_id = part.documents[0].id
        facts, names = [], []
        for k, e in part.entities.items():
            facts += [(k, "rec", "", sign), (k, "type", e.type, sign), (k, "name", e.name, sign)]
            facts += [(k, "alias", n, sign) for n in {e.name, *e.aliases}]
            if e.region_code:
                facts.append((k, "code", e.region_code, sign))
            if e.context:
                facts.append((k, "ctx", "", sign))
            names += [(n, k, sign) for n in {e.name, *e.aliases}]
        self.db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?) ON CONFLICT (key, kind, value) DO UPDATE SET n = n + excluded.n", facts)
        self.db.executemany("INSERT INTO name_keys VALUES (?, ?, ?) ON CONFLICT (name, key) DO UPDATE SET n = n + excluded.n", names)
        links = [(r.subject, r.predicate, r.object, sign) for r in part.relations if r.evidence is None]
        self.db.executemany("INSERT INTO links VALUES (?, ?, ?, ?) ON CONFLICT (s, p, o) DO UPDATE SET n = n + excluded.n", links)
        self._dirty_links.update((s_, p, o) for s_, p, o, _ in links)
        if sign > 0:
            self.db.executemany("INSERT OR IGNORE INTO doc_keys VALUES (?, ?)", [(doc_id, k) for k in part.entities])
        else:
            self.db.execute("DELETE FROM doc_keys WHERE doc=?", (doc_id,))
            self.db.executemany("DELETE FROM facts WHERE key=? AND n <= 0", [(k,) for k in part.entities])
            self.db.executemany("DELETE FROM name_keys WHERE key=? AND n <= 0", [(k,) for k in part.entities])
            self.db.executemany("DELETE FROM links WHERE s=? AND p=? AND o=? AND n <= 0", [l[:3] for l in links])

    def remove(self, doc_ids: Iterable[str]) -> UpdateStats:
        stats = UpdateStats()
        self.begin()
        keys: set[str] = set()
        for doc_id in doc_ids:
            if self.digest(doc_id) is None:
                stats.missing.append(doc_id)
                continue
            keys |= self._forget(doc_id)
            stats.removed += 1
        self._dirty_keys |= keys
        return stats

    def _forget(self, doc_id: str) -> set[str]:
        """Take an article's state and facts out; returns the entity keys it had named."""
        row = self.db.execute("SELECT part FROM docs WHERE id=?", (doc_id,)).fetchone()
        part: GraphData = pickle.loads(zlib.decompress(row[0]))
        self._count(part, -1)
        self.db.execute("DELETE FROM docs WHERE id=?", (doc_id,))
        self._dirty_docs.add(doc_id)  # its graph is removed (or rewritten) at the commit
        return set(part.entities)

    # ------------------------------------------------------------------ derived RDF
    def _entity(self, key: str) -> Entity | None:
        """The entity as all the articles in the store describe it (kg.corpus.reduce_counts)."""
        rows = self.db.execute("SELECT kind, value, n FROM facts WHERE key=?", (key,)).fetchall()
        by: dict[str, Counter] = {}
        for kind, value, n in rows:
            by.setdefault(kind, Counter())[value] = n
        if not by.get("rec"):
            return None
        return reduce_counts(key, by["type"], by["name"], set(by["alias"]), min(by.get("code", {}), default=None),
                             by.get("ctx", Counter())[""] == by["rec"][""])

    def _refresh(self, keys: set[str], docs: set[str]) -> None:
        """Recompute merges and descriptions around `keys`, rewrite the named graphs that
        change (always those in `docs`)."""
        # every key whose merge decision can depend on these: the organisations among them,
        # the organisations sharing a name with those, and what is merged into or from them
        area = {k for k in keys if k.partition("/")[0] in MERGING_GROUPS}
        names = {n for k in area for (n,) in self.db.execute("SELECT name FROM name_keys WHERE key=?", (k,))}
        for n in names:
            area |= {k for (k,) in self.db.execute("SELECT key FROM name_keys WHERE name=?", (n,))
                     if k.partition("/")[0] in MERGING_GROUPS}
        for k in list(area):
            area |= {src for (src,) in self.db.execute("SELECT key FROM canon WHERE target=?", (k,))}
            row = self.db.execute("SELECT target FROM canon WHERE key=?", (k,)).fetchone()
            if row:
                area.add(row[0])
        # the merge decisions for the area, from every organisation holding one of its names
        pool: dict[str, Entity] = {}
        for k in sorted(area):
            e = self._entity(k)
            if e is None:
                continue
            pool[k] = e
            for (h,) in self.db.execute("SELECT key FROM name_keys WHERE name=?", (e.name,)):
                if h not in pool and h.partition("/")[0] in MERGING_GROUPS and (he := self._entity(h)) is not None:
                    pool[h] = he
        decided = {k: t for k, t in merge_map(pool.values()).items() if k in area}
        old = {k: t for k in area for (t,) in self.db.execute("SELECT target FROM canon WHERE key=?", (k,))}
        changed = {k for k in area if old.get(k) != decided.get(k)}
        self.db.executemany("DELETE FROM canon WHERE key=?", [(k,) for k in area])
        self.db.executemany("INSERT INTO canon VALUES (?, ?)", sorted(decided.items()))
        # descriptions of every entity concerned (merged-away ones lose theirs)
        for k in sorted(keys | area | set(decided.values()) | set(old.values())):
            self._describe(k)
        # named graphs whose keys now map elsewhere
        rewrite = set(docs)
        for k in changed:
            rewrite |= {d for (d,) in self.db.execute("SELECT doc FROM doc_keys WHERE key=?", (k,))}
        for d in sorted(rewrite):
            self._write_article(d)

    def _describe(self, key: str) -> None:
        """The default-graph description of one entity, from all the records of it and of
        the keys merged into it (nothing if it is merged away or no article names it)."""
        node = ox.NamedNode(ns.entity_iri(key))
        have = {q for q in self.rdf.quads_for_pattern(node, None, None, ox.DefaultGraph())
                if q.predicate.value in _DESCRIPTION_PREDICATES}
        want: set[ox.Quad] = set()
        ent = None if self.db.execute("SELECT 1 FROM canon WHERE key=?", (key,)).fetchone() else self._entity(key)
        if ent is not None:
            for (src,) in self.db.execute("SELECT key FROM canon WHERE target=? ORDER BY key", (key,)):
                gone = self._entity(src)
                if gone is not None:
                    ent.aliases |= ({gone.name} | gone.aliases) - {ent.name}
            want = set(_quads(_row_set(GraphData([], {key: ent}, {}, []))))
        for q in have - want:
            self.rdf.remove(q)
        self._adds.extend(want - have)

    def _write_article(self, doc_id: str) -> None:
        row = self.db.execute("SELECT part FROM docs WHERE id=?", (doc_id,)).fetchone()
        graph = ox.NamedNode(ns.article_iri(doc_id))
        if self.rdf.contains_named_graph(graph):
            self._drop_graph(graph)
        if row is None:
            return
        part: GraphData = pickle.loads(zlib.decompress(row[0]))
        mapping = {k: t for k in part.entities for (t,) in self.db.execute("SELECT target FROM canon WHERE key=?", (k,))}
        mentions, relations = part.mentions, part.relations
        if mapping:
            # here, not at import: kg query/viz/export open stores and must not load the
            # extractor (jieba and the recognisers take a third of a second to import)
            from kg.pipeline import remap_mentions, remap_relations

            mentions = remap_mentions(mentions, mapping, self.all_mentions)
            relations = remap_relations(relations, mapping)
        data = GraphData(part.documents, {}, mentions, [r for r in relations if r.evidence is not None])
        for q in _quads(_row_set(data)):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                self._adds.append(q)
                self._adds.append(ox.Quad(q.subject, q.predicate, q.object))  # the union copy

    def _drop_graph(self, graph: ox.NamedNode) -> None:
        """Remove an article graph and the default-graph copies of its triples that no other
        article graph holds and that are not live gazetteer links.  The copies go first, so a
        crash in between leaves the graph to be dropped again on recovery."""
        local = (graph.value + "#", _STATEMENT_NS)  # nodes only this article's graph holds
        links: set[tuple[str, str, str]] | None = None
        for q in list(self.rdf.quads_for_pattern(None, None, None, graph)):
            s_, p, o = q.subject, q.predicate, q.object
            if s_ != graph and not s_.value.startswith(local):  # a fact about entities: shared?
                if self._in_named_graph(s_, p, o, besides=graph):
                    continue
                if p.value in _LINK_PREDICATES:
                    links = self._live_links() if links is None else links
                    if (s_.value, p.value, o.value) in links:
                        continue
            self.rdf.remove(ox.Quad(s_, p, o))
        self.rdf.remove_graph(graph)

    def _in_named_graph(self, s, p, o, besides: ox.NamedNode | None = None) -> bool:  # noqa: ANN001
        return any(not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != besides
                   for q in self.rdf.quads_for_pattern(s, p, o, None))


_LINK_PREDICATES = {f"{ns.KG_NS}partOf"}  # gazetteer links, kept by `links`
# what `_describe` writes about an entity in the default graph (article graphs never hold these
# about an entity: their rdf:type triples are about article-local nodes)
_DESCRIPTION_PREDICATES = {f"{ns.RDF_NS}type", f"{ns.RDFS_NS}label", f"{ns.SKOS_NS}altLabel", f"{ns.KG_NS}adminCode"}
_STATEMENT_NS = f"{ns.KGR_NS}stmt/"  # a statement's IRI hashes its article and sentence
_LOCAL_NS = (f"{ns.KGR_NS}article/", _STATEMENT_NS)


def _quads(rows: Iterable[tuple[str, str, int, str, str]]) -> Iterator[ox.Quad]:
    return _parse_rows(list(rows), quads=True)


def doc_part(ex: DocExtraction, res, all_mentions: bool = False) -> GraphData:
    """One article's contribution, as `assemble` of it alone."""
    from kg.pipeline import assemble

    return assemble([ex], res, all_mentions)


__all__ = ["GraphStore", "StoreError", "UpdateStats", "content_digest", "doc_part", "EntityMention"]
