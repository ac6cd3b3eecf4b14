"""Node positions for the HTML view, computed once in Python.

A browser running force physics on 2,000 nodes takes tens of seconds and never gives the
same picture twice; a layout computed here lets the page start with physics off and makes
the file deterministic.  Each connected component gets a force layout sized to its node
count, then nodes whose label boxes overlap are pushed apart; the components are packed
in rows, largest first, and lone nodes follow in rows like words of a text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np

SEED = 20261127


NODE_H = 44.0  # a dot and the label below it, in pixels at zoom 1
GAP = 12.0
MIN_EDGE = 110.0  # shortest edge: room for the relation's label


@dataclass(frozen=True, slots=True)
class _Block:
    nodes: list[int]
    xs: list[float]
    ys: list[float]
    ws: list[float]  # label box widths

    def left(self) -> float:
        return min(x - w / 2 for x, w in zip(self.xs, self.ws))

    def right(self) -> float:
        return max(x + w / 2 for x, w in zip(self.xs, self.ws))

    def top(self) -> float:
        return min(self.ys) - NODE_H / 2

    def bottom(self) -> float:
        return max(self.ys) + NODE_H / 2


def label_width(label: str, font_px: float = 14.0) -> float:
    """Rough width of a label drawn at `font_px`: CJK characters are square, others half."""
    units = sum(1.0 if ord(ch) >= 0x2E80 else 0.55 for ch in label)
    return max(24.0, units * font_px + 6)


def layout(n: int, edges: list[tuple[int, int]], widths: list[float] | None = None,
           spacing: float = 110.0) -> list[tuple[int, int]]:
    """Positions (pixels, integers) of nodes 0..n-1.

    `widths` are the label widths (pixels, see label_width) used to keep labels apart;
    `spacing` is the typical distance between linked nodes.
    """
    if n == 0:
        return []
    ws = widths if widths is not None else [60.0] * n
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(sorted({(min(a, b), max(a, b)) for a, b in edges if a != b}))
    comps = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    blocks = [_component(graph, c, ws, spacing) for c in comps if len(c) > 1]
    lone = [c[0] for c in comps if len(c) == 1]
    if lone:
        blocks.append(_flow(lone, ws, blocks))
    return _pack(blocks, n)


def _component(graph: nx.Graph, nodes: list[int], ws: list[float], spacing: float) -> _Block:
    widths = [ws[v] for v in nodes]
    if len(nodes) == 2:
        return _Block(nodes, [0.0, max(spacing, (widths[0] + widths[1]) / 2 + 40)], [0.0, 0.0], widths)
    index = {v: i for i, v in enumerate(nodes)}
    pairs = sorted((index[a], index[b]) for a, b in graph.subgraph(nodes).edges())
    iterations = 150 if len(nodes) <= 500 else 100
    pos = _force_layout(len(nodes), pairs, iterations)
    # scale the unit layout so that the component's area fits its nodes' label boxes
    k = len(nodes)
    mean_w = sum(widths) / k
    # big components are denser in the middle: give them more room (0.75 at 50 nodes, 1.1 at 2,000)
    room = min(1.1, 0.75 + 0.35 * max(0.0, math.log(k / 50) / math.log(40)))
    radius = max(spacing * 0.8, math.sqrt(k * (mean_w + 40) * (NODE_H + 40)) * room)
    span = float(max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1]))) or 1.0
    f = 2 * radius / span
    xs, ys = _separate([float(x) * f for x in pos[:, 0]], [float(y) * f for y in pos[:, 1]], widths, pairs)
    return _Block(nodes, xs, ys, widths)


def _force_layout(n: int, pairs: list[tuple[int, int]], iterations: int) -> np.ndarray:
    """Fruchterman-Reingold in the unit square, vectorised, repulsion computed in row blocks.

    networkx's spring_layout does the same but falls back to slow per-row loops or an
    optimiser above 500 nodes (10-16 s for 1,500 nodes here); this takes about a second.
    """
    rng = np.random.default_rng(SEED)
    pos = rng.random((n, 2))
    src = np.array([a for a, _ in pairs], dtype=np.intp)
    dst = np.array([b for _, b in pairs], dtype=np.intp)
    k2 = np.float32(1.0 / n)
    k = math.sqrt(1.0 / n)
    t = 0.1
    dt = t / (iterations + 1)
    block = max(1, 2_000_000 // max(n, 1))
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        x = pos[:, 0].astype(np.float32)
        y = pos[:, 1].astype(np.float32)
        for start in range(0, n, block):
            dx = np.subtract.outer(x[start:start + block], x)
            dy = np.subtract.outer(y[start:start + block], y)
            inv = dx * dx
            inv += dy * dy
            np.maximum(inv, 1e-4, out=inv)
            np.divide(k2, inv, out=inv)
            disp[start:start + block, 0] = (dx * inv).sum(axis=1)
            disp[start:start + block, 1] = (dy * inv).sum(axis=1)
        d = pos[src] - pos[dst]
        dist = np.maximum(np.sqrt((d ** 2).sum(axis=1)), 1e-2)
        pull = d * (dist / k)[:, None]
        np.subtract.at(disp, src, pull)
        np.add.at(disp, dst, pull)
        length = np.sqrt((disp ** 2).sum(axis=1))
        length = np.where(length < 0.01, 0.1, length)
        pos += disp * (t / length)[:, None]
        t -= dt
    return pos


def _separate(xs: list[float], ys: list[float], ws: list[float], pairs: list[tuple[int, int]] = [],
              rounds: int = 60) -> tuple[list[float], list[float]]:
    """Push apart nodes whose label boxes (width ws, height NODE_H) overlap, and linked
    nodes closer than MIN_EDGE (the relation's label needs room between them).

    Each round, every overlapping pair moves apart along the axis where it overlaps less,
    half the overlap each; the last third of the rounds leave edge lengths alone, so that
    labels win where the two rules disagree.  Candidate pairs (boxes within a margin) are found with a full
    vectorised pass every ten rounds; the rounds in between look at those pairs only.
    """
    n = len(xs)
    x = np.array(xs, dtype=np.float64)
    y = np.array(ys, dtype=np.float64)
    w = np.array(ws, dtype=np.float64)
    src = np.array([a for a, _ in pairs], dtype=np.intp)
    dst = np.array([b for _, b in pairs], dtype=np.intp)
    for r in range(rounds):
        if r % 10 == 0:
            ci, cj = _near_pairs(x, y, w, margin=60.0)
        moved = _lengthen_edges(x, y, src, dst) if r < rounds * 2 // 3 else False
        if len(ci):
            dx, dy = x[cj] - x[ci], y[cj] - y[ci]
            ox = (w[ci] + w[cj]) / 2 + GAP - np.abs(dx)
            oy = NODE_H + GAP - np.abs(dy)
            hit = (ox > 0) & (oy > 0)
            if hit.any():
                moved = True
                sx = np.where(dx != 0, np.sign(dx), 1.0)  # ties: j goes right/down
                sy = np.where(dy != 0, np.sign(dy), 1.0)
                px = np.where(hit & (oy > ox), sx * ox / 2, 0.0)
                py = np.where(hit & (oy <= ox), sy * oy / 2, 0.0)
                for arr, push in ((x, px), (y, py)):
                    delta = np.zeros(n)
                    np.subtract.at(delta, ci, push)
                    np.add.at(delta, cj, push)
                    arr += delta
        if not moved:
            break
    return [float(v) for v in x], [float(v) for v in y]


def _near_pairs(x: np.ndarray, y: np.ndarray, w: np.ndarray, margin: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs i < j whose label boxes are within `margin` of overlapping."""
    n = len(x)
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    block = max(1, 1_000_000 // max(n, 1))
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block))
        near = ((np.abs(x[None, :] - x[rows, None]) < (w[rows, None] + w[None, :]) / 2 + GAP + margin)
                & (np.abs(y[None, :] - y[rows, None]) < NODE_H + GAP + margin)
                & (np.arange(n)[None, :] > rows[:, None]))
        i, j = np.nonzero(near)
        out_i.append(rows[i])
        out_j.append(j)
    if not out_i:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    return np.concatenate(out_i), np.concatenate(out_j)


def _lengthen_edges(x: np.ndarray, y: np.ndarray, src: np.ndarray, dst: np.ndarray) -> bool:
    """Move the ends of edges shorter than MIN_EDGE apart; whether anything moved."""
    if not len(src):
        return False
    dx, dy = x[dst] - x[src], y[dst] - y[src]
    d = np.hypot(dx, dy)
    short = d < MIN_EDGE
    if not short.any():
        return False
    zero = d < 1e-6
    dx = np.where(zero, 0.0, dx)
    dy = np.where(zero, 1.0, dy)
    d = np.where(zero, 1.0, d)
    push = np.where(short, (MIN_EDGE - d) / 2 / d, 0.0)
    for arr, comp in ((x, dx), (y, dy)):
        delta = np.zeros(len(arr))
        np.subtract.at(delta, src, comp * push)
        np.add.at(delta, dst, comp * push)
        arr += delta
    return True


def _flow(nodes: list[int], ws: list[float], blocks: list[_Block]) -> _Block:
    """Lone nodes in rows, each as wide as its label, rows about as wide as the picture."""
    area = sum((ws[v] + GAP) * (NODE_H + GAP) for v in nodes)
    row_width = max(600.0, math.sqrt(area) * 2.0, *(b.right() - b.left() for b in blocks[:1]))
    xs: list[float] = []
    ys: list[float] = []
    x = y = 0.0
    for v in nodes:
        if x > 0 and x + ws[v] > row_width:
            x, y = 0.0, y + NODE_H + GAP
        xs.append(x + ws[v] / 2)
        ys.append(y)
        x += ws[v] + GAP * 2
    return _Block(nodes, xs, ys, [ws[v] for v in nodes])


def _pack(blocks: list[_Block], n: int) -> list[tuple[int, int]]:
    """Shelf-pack the blocks in rows of about the width a square picture would have."""
    gap = 60.0
    sizes = [(b.right() - b.left(), b.bottom() - b.top()) for b in blocks]
    area = sum((w + gap) * (h + gap) for w, h in sizes)
    row_width = max(max(w for w, _ in sizes), math.sqrt(area) * 1.3)
    placed: list[tuple[float, float, _Block]] = []
    x = y = row_h = 0.0
    for b, (w, h) in zip(blocks, sizes):
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        placed.append((x, y, b))
        x += w + gap
        row_h = max(row_h, h)
    total_w = max(px + w for (px, _, _), (w, _) in zip(placed, sizes))
    total_h = max(py + h for (_, py, _), (_, h) in zip(placed, sizes))
    out: list[tuple[int, int]] = [(0, 0)] * n
    for px, py, b in placed:
        x0, y0 = b.left(), b.top()
        for v, bx, by in zip(b.nodes, b.xs, b.ys):
            out[v] = (round(px + bx - x0 - total_w / 2), round(py + by - y0 - total_h / 2))
    return out
