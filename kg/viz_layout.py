"""Node positions for the HTML view, computed once in Python.

A browser running force physics on 2,000 nodes takes tens of seconds and never gives the
same picture twice; a layout computed here lets the page start with physics off and makes
the file deterministic.  Each connected component gets a force layout sized to its node
count, and the components are packed in rows, largest first; lone nodes go in a grid.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np

SEED = 20261127


@dataclass(frozen=True, slots=True)
class _Block:
    nodes: list[int]
    xs: list[float]
    ys: list[float]

    @property
    def width(self) -> float:
        return max(self.xs) - min(self.xs)

    @property
    def height(self) -> float:
        return max(self.ys) - min(self.ys)


def layout(n: int, edges: list[tuple[int, int]], spacing: float = 120.0) -> list[tuple[int, int]]:
    """Positions (pixels, integers) of nodes 0..n-1; `spacing` is the typical gap."""
    if n == 0:
        return []
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(sorted({(min(a, b), max(a, b)) for a, b in edges if a != b}))
    comps = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    blocks = [_component(graph, c, spacing) for c in comps if len(c) > 1]
    lone = [c[0] for c in comps if len(c) == 1]
    if lone:
        blocks.append(_grid(lone, spacing))
    return _pack(blocks, n, spacing)


def _component(graph: nx.Graph, nodes: list[int], spacing: float) -> _Block:
    if len(nodes) == 2:
        return _Block(nodes, [0.0, spacing * 1.2], [0.0, 0.0])
    index = {v: i for i, v in enumerate(nodes)}
    pairs = sorted((index[a], index[b]) for a, b in graph.subgraph(nodes).edges())
    iterations = 150 if len(nodes) <= 500 else 100
    pos = _force_layout(len(nodes), pairs, iterations)
    block = _Block(nodes, [float(x) for x in pos[:, 0]], [float(y) for y in pos[:, 1]])
    return _spread(block, spacing)


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


def _spread(block: _Block, spacing: float) -> _Block:
    """Scale a unit layout so that its nearest neighbours sit about `spacing` apart."""
    k = len(block.nodes)
    radius = max(spacing * 0.8, spacing * 0.75 * math.sqrt(k))
    span = max(block.width, block.height) or 1.0
    f = 2 * radius / span
    xs = [x * f for x in block.xs]
    ys = [y * f for y in block.ys]
    xs, ys = _separate(xs, ys, spacing * 0.55)
    return _Block(block.nodes, xs, ys)


def _separate(xs: list[float], ys: list[float], min_gap: float, rounds: int = 30) -> tuple[list[float], list[float]]:
    """Push apart nodes closer than `min_gap` (labels are wider than tall, so x counts half)."""
    xs, ys = xs[:], ys[:]
    cell = min_gap
    for _ in range(rounds):
        grid: dict[tuple[int, int], list[int]] = {}
        for i, (x, y) in enumerate(zip(xs, ys)):
            grid.setdefault((math.floor(x / (2 * cell)), math.floor(y / cell)), []).append(i)
        moved = False
        for (cx, cy), members in sorted(grid.items()):
            near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in grid.get((cx + dx, cy + dy), ())]
            for i in members:
                for j in near:
                    if j <= i:
                        continue
                    dx, dy = xs[j] - xs[i], ys[j] - ys[i]
                    d = math.hypot(dx * 0.5, dy)
                    if d >= min_gap:
                        continue
                    if d < 1e-6:
                        dx, dy, d = 1.0, 0.0, 0.5
                    push = (min_gap - d) / 2
                    ux, uy = dx * 0.5 / d, dy / d
                    xs[i] -= ux * push * 2
                    ys[i] -= uy * push
                    xs[j] += ux * push * 2
                    ys[j] += uy * push
                    moved = True
        if not moved:
            break
    return xs, ys


def _grid(nodes: list[int], spacing: float) -> _Block:
    cols = max(1, math.ceil(math.sqrt(len(nodes) * 2)))
    xs = [(i % cols) * spacing * 1.4 for i in range(len(nodes))]
    ys = [(i // cols) * spacing * 0.7 for i in range(len(nodes))]
    return _Block(nodes, xs, ys)


def _pack(blocks: list[_Block], n: int, spacing: float) -> list[tuple[int, int]]:
    """Shelf-pack the blocks in rows of about the width a square picture would have."""
    area = sum((b.width + spacing) * (b.height + spacing) for b in blocks)
    row_width = max(max(b.width for b in blocks), math.sqrt(area) * 1.4)
    out: list[tuple[int, int]] = [(0, 0)] * n
    x = y = row_h = 0.0
    placed: list[tuple[float, float, _Block]] = []
    for b in blocks:
        if x > 0 and x + b.width > row_width:
            x, y, row_h = 0.0, y + row_h + spacing * 1.5, 0.0
        placed.append((x, y, b))
        x += b.width + spacing * 1.5
        row_h = max(row_h, b.height)
    total_w = max(px + b.width for px, _, b in placed)
    total_h = max(py + b.height for _, py, b in placed)
    for px, py, b in placed:
        x0, y0 = min(b.xs), min(b.ys)
        for v, bx, by in zip(b.nodes, b.xs, b.ys):
            out[v] = (round(px + bx - x0 - total_w / 2), round(py + by - y0 - total_h / 2))
    return out
