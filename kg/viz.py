"""`kg viz`: the graph as one self-contained, offline HTML page.

The page inlines vis-network from the installed pyvis package (found without importing
pyvis, which pulls in IPython) and none of pyvis's templates: they link CDNs.  Graph data
goes in as escaped JSON in a <script type="application/json"> block and the page script
puts text into the DOM with textContent only, so names from the news cannot inject markup.
Node positions are computed here (kg.viz_layout), so the page starts with physics off and
the same graph always gives the same bytes.
"""
from __future__ import annotations

import argparse
import html
import importlib.resources
import importlib.util
import json
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.ns import TOP_CLASSES
from kg.rdfio import GraphLoadError, load_store
from kg.viz_data import FocusError, ViewGraph, read_view, select
from kg.viz_layout import label_width, layout

VIS_JS_RELPATH = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")


@dataclass(frozen=True, slots=True)
class VizStats:
    nodes: int
    edges: int


@dataclass(frozen=True, slots=True)
class Labels:
    """Chinese labels and colours of classes and predicates (kg/data/viz_labels.tsv)."""

    classes: dict[str, tuple[str, str]]  # top class -> (zh, colour)
    subclasses: dict[str, str]  # subclass -> zh
    predicates: dict[str, tuple[str, bool]]  # predicate -> (zh, directed)


class VizError(Exception):
    """A problem with the environment (e.g. vis-network not found), not with the graph."""


@cache
def labels() -> Labels:
    text = importlib.resources.files("kg").joinpath("data", "viz_labels.tsv").read_text("utf-8")
    classes: dict[str, tuple[str, str]] = {}
    subclasses: dict[str, str] = {}
    predicates: dict[str, tuple[str, bool]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, *cols = line.split("\t")
        if kind == "class":
            classes[cols[0]] = (cols[1], cols[2])
        elif kind == "subclass":
            subclasses[cols[0]] = cols[1]
        elif kind == "predicate":
            predicates[cols[0]] = (cols[1], cols[2] == "yes")
    return Labels(classes, subclasses, predicates)


def _asset(name: str) -> str:
    return importlib.resources.files("kg").joinpath("assets", name).read_text("utf-8")


@cache
def vis_network_js() -> str:
    """vis-network's standalone build, from the installed pyvis package (not imported)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise VizError("the pyvis package (which ships vis-network) is not installed: pip install pyvis")
    for root in spec.submodule_search_locations:
        path = Path(root).joinpath(*VIS_JS_RELPATH)
        if path.is_file():
            return path.read_text("utf-8")
    raise VizError(f"vis-network.min.js not found in the pyvis package ({'/'.join(VIS_JS_RELPATH)})")


def json_for_script(value: object) -> str:
    """JSON that is safe inside <script>: no '<', '>', '&' or JS line separators left raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _inline_script(js: str) -> str:
    if re.search(r"</script|<!--", js, re.IGNORECASE):
        raise VizError("script text would end the inline <script> block")
    return js


LABEL_MAX = 16


def short_label(label: str) -> str:
    """The label drawn on the canvas: long names cut with an ellipsis (the panel has all)."""
    return label if len(label) <= LABEL_MAX else label[:LABEL_MAX - 1] + "…"


def page_data(view: ViewGraph) -> dict[str, object]:
    """The JSON the page script reads: nodes with positions, edges with evidence indices."""
    lab = labels()
    iris = sorted(view.nodes)
    index = {iri: i for i, iri in enumerate(iris)}
    pairs = [(index[e.source], index[e.target]) for e in view.edges]
    shorts = [short_label(view.nodes[i].label) for i in iris]
    widths = [label_width(t) for t in shorts]
    positions = layout(len(iris), pairs, widths)
    # the box holding every node and its label, so the page can fit labels, not just dots
    bounds = [min((x - w / 2 for (x, _), w in zip(positions, widths)), default=0),
              min((y - 20 for _, y in positions), default=0),
              max((x + w / 2 for (x, _), w in zip(positions, widths)), default=0),
              max((y + 40 for _, y in positions), default=0)]
    nodes = []
    for i, iri in enumerate(iris):
        n = view.nodes[iri]
        nodes.append({"iri": n.iri, "label": n.label, "cls": n.cls, "top": n.top,
                      "aliases": n.aliases, "articles": n.articles, "ctx": int(n.context),
                      "x": positions[i][0], "y": positions[i][1]})
        if shorts[i] != n.label:
            nodes[-1]["short"] = shorts[i]
    # only the sentences of relations shown, renumbered in their (deterministic) order
    used = sorted({s for e in view.edges for s in e.evidence})
    renum = {s: k for k, s in enumerate(used)}
    sentences = [[view.sentences[s].article, view.sentences[s].text] for s in used]
    # parallel edges between one pair of nodes get curves of growing roundness
    per_pair = Counter(frozenset(p) for p in pairs)
    seen: Counter[frozenset[int]] = Counter()
    edges = []
    for (s, o), e in zip(pairs, view.edges):
        key = frozenset((s, o))
        roundness = 0.0
        if per_pair[key] > 1:
            seen[key] += 1
            roundness = round(0.15 * seen[key], 2)
        edges.append([s, e.predicate, o, [renum[x] for x in e.evidence], roundness])
    return {
        "classes": [[c, *lab.classes.get(c, (c, "#999999"))] for c in TOP_CLASSES],
        "subclasses": lab.subclasses,
        "predicates": {p: [zh, directed] for p, (zh, directed) in lab.predicates.items()},
        "articles": [[a.ident, a.title] for a in view.articles],
        "bounds": [round(b) for b in bounds],
        "sentences": sentences,
        "nodes": nodes,
        "edges": edges,
    }


def legend_html(view: ViewGraph) -> str:
    """The type legend with one filter checkbox per class present, and the relation key."""
    lab = labels()
    counts = Counter(n.top for n in view.nodes.values())
    context = sum(1 for n in view.nodes.values() if n.context)
    out = ['  <h2>类型</h2>', '  <ul id="legend">']
    for cls in TOP_CLASSES:
        if not counts[cls]:
            continue
        zh, colour = lab.classes.get(cls, (cls, "#999999"))
        out.append(
            f'    <li><label><input type="checkbox" data-class="{html.escape(cls)}" checked>'
            f'<span class="swatch" style="background:{html.escape(colour)}"></span>'
            f'{html.escape(zh)} <span class="en">{html.escape(cls)}</span>'
            f'<span class="count">{counts[cls]}</span></label></li>')
    out.append('  </ul>')
    if context:
        out.append(f'  <p><label><input type="checkbox" id="show-context"> 显示仅作上级的地区'
                   f'<span class="count">{context}</span></label></p>')
    preds = Counter(e.predicate for e in view.edges)
    if preds:
        out += ['  <h2>关系</h2>', '  <ul id="relations">']
        for p, (zh, directed) in lab.predicates.items():
            if preds[p]:
                mark = "directed" if directed else "undirected"
                out.append(f'    <li><label><span class="rel-mark {mark}"></span>{html.escape(zh)} '
                           f'<span class="en">{html.escape(p)}</span><span class="count">{preds[p]}</span></label></li>')
        out.append('  </ul>')
    return "\n".join(out)


def render(view: ViewGraph, title: str) -> str:
    """The whole page as a string."""
    stats = f"{len(view.nodes)} 个节点 · {len(view.edges)} 条关系"
    if view.note:
        stats += f"（{view.note}）"
    parts = {
        "TITLE": html.escape(title),
        "STATS": html.escape(stats),
        "LEGEND": legend_html(view),
        "CSS": _asset("viz.css"),
        "DATA": json_for_script(page_data(view)),
        "VIS_JS": _inline_script(vis_network_js()),
        "APP_JS": _inline_script(_asset("viz.js")),
    }
    if "</style" in parts["CSS"].lower():
        raise VizError("style text would end the inline <style> block")
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], _asset("viz.html"))


def _atomic_write(out: Path, text: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_html(graph_path: Path, out: Path, focus: str | None = None, hops: int = 1,
               title: str | None = None, max_nodes: int | None = None) -> VizStats:
    """Read the RDF file `graph_path` and write the HTML view to `out`.

    Raises kg.rdfio.GraphLoadError (unreadable graph), FocusError (focus names no entity) and
    VizError (vis-network missing); all carry a one-line message.
    """
    view = read_view(load_store(Path(graph_path)))
    view = select(view, focus=focus, hops=hops, max_nodes=max_nodes)
    page = render(view, title or f"知识图谱 · {Path(graph_path).name}")
    _atomic_write(Path(out), page)
    return VizStats(nodes=len(view.nodes), edges=len(view.edges))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("viz", help="write the graph as one offline HTML page",
                       description="Write GRAPH (Turtle, N-Triples, TriG, JSON-LD, RDF/XML; "
                                   "format from the extension) as a self-contained HTML view.")
    p.add_argument("graph", type=Path, nargs="?", metavar="GRAPH", help="graph file or store folder")
    p.add_argument("--store", type=Path, metavar="DIR", help="a store folder made by kg build --store, instead of GRAPH")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.html")
    p.add_argument("--focus", metavar="NAME", help="keep only the neighbourhood of this entity (name or alias)")
    p.add_argument("--hops", type=int, default=1, metavar="N", help="neighbourhood radius for --focus (default 1)")
    p.add_argument("--max-nodes", type=int, metavar="N", help="keep at most N nodes (those with most relations)")
    p.add_argument("--title", metavar="T", help="page title")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if (args.graph is None) == (args.store is None):
        print("kg viz: give GRAPH or --store DIR", file=sys.stderr)
        return 2
    args.graph = args.graph or args.store
    if args.hops < 0:
        print("kg viz: --hops must be 0 or more", file=sys.stderr)
        return 2
    if args.max_nodes is not None and args.max_nodes < 1:
        print("kg viz: --max-nodes must be 1 or more", file=sys.stderr)
        return 2
    try:
        stats = write_html(args.graph, args.out, focus=args.focus, hops=args.hops,
                           title=args.title, max_nodes=args.max_nodes)
    except FocusError as exc:
        print(f"kg viz: {args.graph}: {exc}", file=sys.stderr)
        return 2
    except (GraphLoadError, VizError) as exc:
        print(f"kg viz: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"kg viz: {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"kg viz: wrote {args.out} ({stats.nodes} nodes, {stats.edges} edges)", file=sys.stderr)
    return 0
