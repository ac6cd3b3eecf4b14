"""Everything the extractor knows, loaded once: gazetteer, lexicons, suffixes, triggers.

Knowledge lives in data files under kg/data (each states its source and date); this module
only reads them into lookup structures.  `load_resources()` is cached, so every document
of a build (and every worker process) pays the loading cost once.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path

from kg.lexicon import DictText, OrgEntry, OrgLexicon, load_org_lexicon, load_person_titles, load_surnames
from kg.matcher import Matcher
from kg.regions import Gazetteer, Region, load_gazetteer

DATA = importlib_resources.files("kg") / "data"


def data_lines(name: str) -> Iterator[list[str]]:
    """Rows of a packaged data file: tab-separated, `#` comments and blank lines skipped."""
    text = (DATA / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [cell.strip() for cell in line.split("\t")]


def data_words(name: str) -> frozenset[str]:
    return frozenset(row[0] for row in data_lines(name))


@dataclass(frozen=True, slots=True)
class Suffix:
    text: str
    cls: str
    strength: str  # strong | weak | sub


@dataclass(frozen=True, slots=True)
class Trigger:
    """A relation trigger word and how the relation hangs on it (see relation_triggers.tsv)."""

    word: str
    predicate: str
    pattern: str


@dataclass(frozen=True)
class Resources:
    gazetteer: Gazetteer
    orgs: OrgLexicon
    surnames: frozenset[str]
    titles: dict[str, bool]
    suffixes: dict[str, Suffix]
    suffix_re: re.Pattern[str]
    boundaries: frozenset[str]
    region_matcher: Matcher[Region]
    org_matcher: Matcher[OrgEntry]
    title_matcher: Matcher[str]
    generic_names: frozenset[str]
    generic_cores: frozenset[str]
    project_heads: dict[str, str]  # head word -> strength
    event_heads: frozenset[str]
    document_heads: frozenset[str]
    speech_verbs: frozenset[str]
    triggers: tuple[Trigger, ...]
    agency_abbrev: dict[str, str]  # abbreviated agency head -> canonical head
    anaphora: tuple[tuple[re.Pattern[str], str], ...]
    zone_re: re.Pattern[str]
    event_head_re: re.Pattern[str]
    project_head_re: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def load_resources(user_dicts: tuple[Path | DictText, ...] = ()) -> Resources:
    """Everything the extractor knows, with the user dictionaries (files or their content)."""
    gaz = load_gazetteer()
    orgs = load_org_lexicon(list(user_dicts))
    suffixes = {row[0]: Suffix(row[0], row[1], row[2]) for row in data_lines("org_suffixes.tsv")}
    abbrev = {r[0]: r[1] for r in data_lines("agency_abbreviations.tsv")}
    # abbreviated and full agency heads (科技厅, 发展和改革委员会) end names like any suffix
    for head in (*abbrev, *abbrev.values()):
        suffixes.setdefault(head, Suffix(head, "GovernmentAgency", "weak"))
    region_matcher: Matcher[Region] = Matcher()
    for surface in gaz.surfaces():
        if len(surface) < 2:
            continue
        for region in gaz.lookup(surface):
            region_matcher.add(surface, region)
    org_matcher: Matcher[OrgEntry] = Matcher()
    for surface, entry in orgs.surfaces():
        if len(surface) >= 2:
            org_matcher.add(surface, entry)
    titles = load_person_titles()
    title_matcher: Matcher[str] = Matcher()
    for t in titles:
        title_matcher.add(t, t)
    project_heads = {row[0]: row[1] for row in data_lines("project_heads.tsv")}
    triggers = tuple(Trigger(r[0], r[1], r[2]) for r in data_lines("relation_triggers.tsv"))
    return Resources(
        gazetteer=gaz,
        orgs=orgs,
        surnames=load_surnames(),
        titles=titles,
        suffixes=suffixes,
        suffix_re=re.compile(_alternation(list(suffixes))),
        boundaries=data_words("name_boundaries.txt"),
        region_matcher=region_matcher,
        org_matcher=org_matcher,
        title_matcher=title_matcher,
        generic_names=data_words("generic_names.txt"),
        generic_cores=data_words("generic_cores.txt"),
        project_heads=project_heads,
        event_heads=data_words("event_heads.txt"),
        document_heads=data_words("document_heads.txt"),
        speech_verbs=data_words("speech_verbs.txt"),
        triggers=triggers,
        agency_abbrev=abbrev,
        zone_re=re.compile(_alternation(list(data_words("zone_suffixes.txt")))),
        anaphora=tuple((re.compile(r[0]), r[1]) for r in data_lines("anaphora.tsv")),
        event_head_re=re.compile(_alternation(list(data_words("event_heads.txt")))),
        project_head_re=re.compile(_alternation(list(project_heads))),
    )
