"""One node per thing: group a document's mentions into entities, then merge across documents.

Within a document: 以下简称/简称 introductions, short forms a full name implies (region
prefix and industry words dropped: 福建省富达精密科技有限公司 -> 富达公司), 省X/市X standing
for the full name with the document's province or city, and every later occurrence of a
known surface (propagation).  Across documents: gazetteer codes, lexicon names and full
canonical names; short forms that only a document introduced stay local to it.
"""
from __future__ import annotations

import re
import unicodedata

import jieba

from kg.model import Entity
from kg.ns import top_class
from kg.recognise import PRI, Candidate
from kg.resources import Resources
from kg.wordlists import words

ALIAS_RE = re.compile(r"^\s*[（(]\s*(?:[A-Za-z][A-Za-z0-9 .&\-]{1,40}[，,]\s*)?(?:(?:以下)?简称|又称|即)\s*[“\"《「]?([^”\"》」)）(（]{1,24}?)[”\"》」]?\s*[)）]")
# 全球气候监测系统(“天眼地图”): a quoted name in brackets right after a name
QUOTED_ALIAS_RE = re.compile(r"^\s*[（(]\s*[“\"「]([^”\"」)）(（]{2,24})[”\"」]\s*[)）]")
ALIAS_INLINE_RE = re.compile(r"^\s*[，,]?\s*(?:以下)?简称\s*[“\"《「]([^”\"》」]{1,24})[”\"》」]")
INDUSTRY_WORDS = words("industry_words")
COMPANY_SUFFIXES = words("company_suffixes")  # longest first


_NORM_DROP = re.compile(r"[\s“”‘’\"'《》「」『』〈〉]")


def norm(name: str) -> str:
    """The comparison form of a name: NFKC, no spaces or quote marks."""
    s = unicodedata.normalize("NFKC", name)
    return _NORM_DROP.sub("", s)


def short_forms(name: str, res: Resources, region_prefix: str | None) -> list[str]:
    """Forms a later sentence may use for a company's full name."""
    out: list[str] = []
    core = name
    for suf in COMPANY_SUFFIXES:
        if core.endswith(suf):
            core = core[: -len(suf)]
            break
    else:
        return out
    body = core[len(region_prefix):] if region_prefix and core.startswith(region_prefix) else core
    stripped = body
    stages = []
    changed = True
    while changed:
        changed = False
        for w in INDUSTRY_WORDS:
            if stripped.endswith(w) and len(stripped) - len(w) >= 2:
                stripped = stripped[: -len(w)]
                stages.append(stripped)
                changed = True
    # 北京鼎融资本管理有限公司 -> 鼎融资本: each stage on the way is a form a later sentence may use
    out += [st for st in stages[:-1] if len(st) >= 4 and jieba.dt.FREQ.get(st, 0) == 0]
    if len(stripped) >= 2:
        out += [stripped + "公司", stripped + "集团"]
        # the bare core only when it is no ordinary word (富达 yes, 轨道交通 no)
        if (len(stripped) >= 3 or region_prefix) and jieba.dt.FREQ.get(stripped, 0) == 0:
            out.append(stripped)
        if region_prefix:
            short = region_prefix.rstrip("省市区县")
            if len(short) >= 2:
                out.append(short + stripped)
    if body != stripped and len(body) >= 3 and jieba.dt.FREQ.get(body, 0) == 0:
        out.append(body)
    return [s for s in out if s not in res.generic_names and s != name]


ENGLISH_NAME_RE = re.compile(r"^\s*[（(]\s*([A-Za-z][A-Za-z0-9 .&\-]{1,40}?)\s*[，,)）]")


def english_name_after(text: str, end: int) -> tuple[str, int, int] | None:
    """特斯拉公司（Tesla，以下简称…）: the English name given in brackets after a name."""
    ch = text[end:end + 1]
    if ch not in ("（", "(") and not ch.isspace():
        return None  # the pattern starts with white space or a bracket
    m = ENGLISH_NAME_RE.match(text[end:])
    if not m or m.group(1).isupper() and len(m.group(1)) > 8:
        return None
    return m.group(1), end + m.start(1), end + m.end(1)


def alias_after(text: str, end: int) -> tuple[str, int, int] | None:
    """An alias introduced right after a name: (以下简称“X”)."""
    ch = text[end:end + 1]
    if ch not in ("（", "(", "，", ",", "以", "简") and not ch.isspace():
        return None  # each pattern starts with white space, a bracket, a comma, 以下 or 简称
    m = ALIAS_RE.match(text[end:]) or ALIAS_INLINE_RE.match(text[end:]) or QUOTED_ALIAS_RE.match(text[end:])
    if not m:
        return None
    return m.group(1), end + m.start(1), end + m.end(1)


def entity_key(ent: Entity, name: str) -> str:
    group = top_class(ent.type).lower()
    if ent.region_code:
        return f"region/{ent.region_code}"
    return f"{group}/{norm(name)}"


_ABBREV: dict[int, tuple[tuple[str, ...], dict[str, str]]] = {}


def expand_abbreviation(name: str, res: Resources) -> str:
    """北京市发改委 -> 北京市发展和改革委员会: the full head of an abbreviated agency name."""
    cached = _ABBREV.get(id(res))
    if cached is None or cached[1] is not res.agency_abbrev:
        cached = _ABBREV[id(res)] = (tuple(sorted(res.agency_abbrev, key=len, reverse=True)), res.agency_abbrev)
    abbrs, table = cached
    if not name.endswith(abbrs):
        return name
    for abbr in abbrs:
        if name.endswith(abbr):
            return name[: -len(abbr)] + table[abbr]
    return name


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def propagate(texts: dict[int, str], chosen: list[Candidate], surfaces: dict[str, tuple[str, int]]) -> list[Candidate]:
    """Every later occurrence of a known surface becomes a mention too.

    A document has tens of surfaces, so one alternation, longest first, finds the same
    leftmost-longest matches as a `Matcher` scan, in the regex engine instead of a Python
    loop over every position."""
    names = sorted((s for s in surfaces if len(s) >= 2), key=lambda s: (-len(s), s))
    if not names:
        return []
    finder = re.compile("|".join(map(re.escape, names)))
    taken: dict[int, list[tuple[int, int]]] = {}
    for c in chosen:
        taken.setdefault(c.sentence, []).append((c.start, c.end))
    out = []
    for si, text in texts.items():
        spans = taken.get(si, [])
        for hit in finder.finditer(text):
            start, end = hit.span()
            if spans and any(not (end <= s or start >= e) for s, e in spans):
                continue
            surface = hit.group()
            typ, _ = surfaces[surface]
            # a Latin name inside a longer Latin word is no hit
            if surface.isascii() and (
                (start > 0 and text[start - 1].isalnum() and text[start - 1].isascii())
                or (end < len(text) and text[end].isalnum() and text[end].isascii())
            ):
                continue
            out.append(Candidate(si, start, end, typ, "propagate", PRI["propagate"]))
    return out
