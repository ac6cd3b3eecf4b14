"""Named word lists the extraction rules use, read from kg/data/word_lists.tsv.

Knowledge stays in the data file (one `list<TAB>word` row each, with the list's purpose in a
comment above it); the rules refer to a list by name.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib import resources as importlib_resources


@lru_cache(maxsize=1)
def _lists() -> dict[str, tuple[str, ...]]:
    text = (importlib_resources.files("kg") / "data" / "word_lists.tsv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = defaultdict(list)
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, word = line.partition("\t")
        if not sep or not word.strip():
            raise ValueError(f"word_lists.tsv:{lineno}: expected 'list<TAB>word'")
        out[name.strip()].append(word.strip())
    return {k: tuple(v) for k, v in out.items()}


def words(name: str) -> tuple[str, ...]:
    """The words of one list, longest first (so prefix and suffix tests take the longest)."""
    try:
        return tuple(sorted(_lists()[name], key=len, reverse=True))
    except KeyError:
        raise KeyError(f"no word list {name!r} in kg/data/word_lists.tsv") from None
