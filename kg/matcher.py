"""Longest-match dictionary lookup over text, for gazetteers and lexicons.

Surfaces are indexed by their first two characters, so a scan costs one dict probe per
position plus a few `startswith` checks where a surface could begin.  That keeps tens of
thousands of names cheap to look up in every sentence (a regex alternation of that size
is far slower in Python's engine).
"""
from __future__ import annotations

import re

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(slots=True)
class Match(Generic[T]):
    start: int
    end: int
    surface: str
    values: list[T]


@dataclass
class Matcher(Generic[T]):
    """Maps surfaces to values; finds the longest surface at each position."""

    _values: dict[str, list[T]] = field(default_factory=dict)
    _index: dict[str, list[str]] = field(default_factory=dict)  # 2-char prefix -> surfaces, longest first
    _single: dict[str, list[str]] = field(default_factory=dict)  # 1-char surfaces
    _firsts: frozenset[str] | None = None  # characters a surface can start with (built on first scan)
    _n_firsts: int = -1

    def add(self, surface: str, value: T) -> None:
        if not surface:
            return
        self._firsts = None  # rebuilt on the next scan
        values = self._values.setdefault(surface, [])
        if value not in values:
            values.append(value)
        if len(values) > 1:
            return
        if len(surface) == 1:
            self._single.setdefault(surface, []).append(surface)
            return
        bucket = self._index.setdefault(surface[:2], [])
        bucket.append(surface)
        bucket.sort(key=len, reverse=True)

    def update(self, pairs: Iterable[tuple[str, T]]) -> None:
        for surface, value in pairs:
            self.add(surface, value)

    def get(self, surface: str) -> list[T]:
        return self._values.get(surface, [])

    def __contains__(self, surface: str) -> bool:
        return surface in self._values

    def __len__(self) -> int:
        return len(self._values)

    def longest_at(self, text: str, i: int) -> str | None:
        bucket = self._index.get(text[i : i + 2])
        if bucket:
            for s in bucket:
                if text.startswith(s, i):
                    return s
        if i < len(text) and text[i] in self._single:
            return text[i]
        return None

    def scan(self, text: str) -> Iterator[Match[T]]:
        """Longest match at each position, left to right, matches not overlapping."""
        i, n = 0, len(text)
        index, single = self._index, self._single
        while i < n:
            bucket = index.get(text[i : i + 2])
            found = None
            if bucket:
                for s in bucket:
                    if text.startswith(s, i):
                        found = s
                        break
            if found is None and text[i] in single:
                found = text[i]
            if found is None:
                i += 1
                continue
            yield Match(i, i + len(found), found, self._values[found])
            i += len(found)

    def scan_all(self, text: str) -> list[Match[T]]:
        """Longest match starting at every position (matches may overlap)."""
        if not self._single:
            return scan_all_many(text, [self])[0]  # the same matches, found faster
        index, single, values = self._index, self._single, self._values
        out: list[Match[T]] = []
        get = index.get
        startswith = text.startswith
        firsts = self._firsts
        if firsts is None or len(firsts) != self._n_firsts:
            firsts = self._firsts = frozenset(k[0] for k in index) | frozenset(single)
            self._n_firsts = len(firsts)
        for i in range(len(text) - 1):
            if text[i] not in firsts:
                continue
            bucket = get(text[i : i + 2])
            if bucket:
                for s in bucket:
                    if startswith(s, i):
                        out.append(Match(i, i + len(s), s, values[s]))
                        break
                else:
                    if text[i] in single:
                        out.append(Match(i, i + 1, text[i], values[text[i]]))
            elif single and text[i] in single:
                out.append(Match(i, i + 1, text[i], values[text[i]]))
        if text and single and text[-1] in single:
            out.append(Match(len(text) - 1, len(text), text[-1], values[text[-1]]))
        return out


_PREPARED: dict[tuple[int, ...], tuple] = {}  # (prepared, firsts[, merged index, candidate finder])


def scan_all_many(text: str, matchers: list[Matcher], positions: Iterable[int] | None = None) -> list[list[Match]]:
    """`Matcher.scan_all` for several matchers in one pass over the text (one loop, one
    slice per position, instead of one per matcher); only at `positions` when given (the
    token starts: names begin where words begin)."""
    key = tuple(id(m) for m in matchers)
    cached = _PREPARED.get(key)
    if cached is None or any(m._firsts is None for m in matchers):
        prepared = []
        for m in matchers:
            if m._firsts is None:
                m._firsts = frozenset(k[0] for k in m._index) | frozenset(m._single)
            prepared.append((m._index.get, m._single, m._values, m._firsts))
        cached = (prepared, frozenset().union(*(p[3] for p in prepared)))
        if not any(m._single for m in matchers):
            merged: dict[str, list] = {}
            for k, m in enumerate(matchers):
                for two, bucket in m._index.items():
                    lens = tuple(sorted({len(s) for s in bucket}, reverse=True))
                    merged.setdefault(two, []).append((k, lens, m._values))
            pairs = re.compile("[%s](?=[%s])" % ("".join(sorted({re.escape(t[0]) for t in merged})),
                                                 "".join(sorted({re.escape(t[1]) for t in merged})))
                               if merged else "(?!)")
            cached = (*cached, merged, pairs.finditer)
        _PREPARED[key] = cached
    prepared, firsts_any = cached[0], cached[1]
    outs: list[list[Match]] = [[] for _ in matchers]
    if len(cached) > 2:
        # no single-character surfaces: a regex over the first and second characters of the
        # surfaces finds the positions worth a probe in C; there, one probe of the merged
        # 2-character index, then one slice and set test per distinct surface length (longest
        # first) instead of a `startswith` per surface (the 中国 bucket holds hundreds)
        get2 = cached[2].get
        if positions is not None and not isinstance(positions, (set, frozenset)):
            positions = set(positions)
        for m in cached[3](text):
            i = m.start()
            if positions is not None and i not in positions:
                continue
            entries = get2(text[i:i + 2])
            if entries is None:
                continue
            for k, lens, values in entries:
                for length in lens:
                    s = text[i:i + length]
                    if s in values:
                        outs[k].append(Match(i, i + len(s), s, values[s]))
                        break
        return outs
    startswith = text.startswith
    n = len(text)
    for i in (range(n) if positions is None else sorted(positions)):
        ch = text[i]
        if ch not in firsts_any:
            continue
        two = text[i:i + 2]
        for k, (get, single, values, firsts) in enumerate(prepared):
            if ch not in firsts:
                continue
            bucket = get(two) if len(two) == 2 else None
            found = None
            if bucket:
                for s in bucket:
                    if startswith(s, i):
                        found = s
                        break
            if found is None and ch in single:
                found = ch
            if found is not None:
                outs[k].append(Match(i, i + len(found), found, values[found]))
    return outs
