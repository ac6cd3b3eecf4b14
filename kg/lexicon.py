"""Name lexicons: well-known organisations, Chinese surnames, person titles.

The knowledge lives in data files under ``kg/data`` (each states its source and date);
this module only reads them, checks them and caches the result, so that every document
of a build pays the loading cost once.

``organizations.tsv`` and user dictionaries share one format (README, "User dictionary"):
``name<TAB>type[<TAB>aliases<TAB>region<TAB>parent<TAB>flags]``.  Files are merged in
order, built-in first: a later row with the same ``name`` replaces the earlier entry; a
later row whose name or alias is an earlier entry's *alias* takes that surface over (the
earlier entry loses it).  Within one file a surface may name only one row, and no row may
use another entry's canonical name as an alias; both are errors.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path

from kg.ns import ORGS, SUBCLASS_OF, top_class

DATA = importlib_resources.files("kg") / "data"
ORG_FILE = "organizations.tsv"
SURNAME_FILE = "surnames.txt"
TITLE_FILE = "person_titles.txt"

# Every class an organisation row may name: Company, Institution and their subclasses.
ORG_TYPES: frozenset[str] = frozenset(
    {c for c in SUBCLASS_OF if top_class(c) in ORGS} | set(ORGS)
)
COLUMNS = ("name", "type", "aliases", "region", "parent", "flags")

_DOTS = str.maketrans({c: "·" for c in "•・‧∙⋅･"})
_SPACES = re.compile(r"\s+")


def normalize(surface: str) -> str:
    """Lookup key of a surface: NFKC (full-width letters and brackets become ASCII),
    middle dots unified, runs of white space collapsed."""
    text = unicodedata.normalize("NFKC", surface).translate(_DOTS)
    return _SPACES.sub(" ", text).strip()


def _wide(text: str) -> str:
    """Full-width form of the ASCII letters, digits and brackets of a surface."""
    return "".join(
        chr(ord(ch) + 0xFEE0) if ch.isascii() and (ch.isalnum() or ch in "()&-") else ch
        for ch in text
    )


def variants(surface: str) -> list[str]:
    """The written forms of a surface that news text uses: as given, with ASCII or
    full-width brackets, full-width Latin letters, and the other middle dots."""
    out = [surface]
    narrow = normalize(surface)
    forms = [narrow, narrow.replace("(", "（").replace(")", "）")]
    if any(ch.isascii() and ch.isalnum() for ch in narrow):
        forms.append(_wide(narrow))
    if "·" in narrow:
        forms += [narrow.replace("·", dot) for dot in "•・"]
    for form in forms:
        if form not in out:
            out.append(form)
    return out


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """One well-known organisation.  `ambiguous` holds the surfaces (aliases, rarely the
    name) that are also ordinary words and should only match with supporting context."""

    name: str
    type: str
    aliases: tuple[str, ...]
    region: str | None
    parent: str | None
    ambiguous: frozenset[str]
    source: str = field(default="", compare=False)  # "file:line" of the row, for messages

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


class OrgLexicon:
    """Surfaces (names, aliases and their written variants) mapped to entries."""

    def __init__(self, entries: Iterable[OrgEntry]):
        self._entries: dict[str, OrgEntry] = {}
        self._index: dict[str, OrgEntry] = {}
        self._children: dict[str, list[OrgEntry]] = {}
        for entry in entries:
            self._entries[entry.name] = entry
            for surface in entry.names:
                self._index[normalize(surface)] = entry
            if entry.parent:
                self._children.setdefault(entry.parent, []).append(entry)

    def lookup(self, surface: str) -> OrgEntry | None:
        """The entry with this exact name or alias (width, bracket and dot variants
        allowed), or None."""
        return self._index.get(normalize(surface))

    def entry(self, name: str) -> OrgEntry | None:
        """The entry whose canonical name is `name` (aliases do not count)."""
        return self._entries.get(name)

    def surfaces(self) -> Iterator[tuple[str, OrgEntry]]:
        """Every (surface, entry) pair a text matcher should know, written variants
        included; each surface belongs to exactly one entry."""
        seen: set[str] = set()
        for entry in self._entries.values():
            for surface in entry.names:
                for form in variants(surface):
                    if form not in seen:
                        seen.add(form)
                        yield form, entry

    def is_ambiguous(self, surface: str) -> bool:
        entry = self.lookup(surface)
        if entry is None:
            return False
        key = normalize(surface)
        return any(normalize(s) == key for s in entry.ambiguous)

    def children(self, name: str) -> list[OrgEntry]:
        """Entries whose parent is `name` (sub-units, subsidiaries)."""
        return list(self._children.get(name, ()))

    def __iter__(self) -> Iterator[OrgEntry]:
        return iter(self._entries.values())

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and self.lookup(surface) is not None

    def __len__(self) -> int:
        return len(self._entries)


# ---------------------------------------------------------------------------- parsing
@dataclass(slots=True)
class _Row:
    name: str
    type: str
    aliases: list[str]
    region: str | None
    parent: str | None
    ambiguous: set[str]
    where: str  # "file:line"

    def surfaces(self) -> list[str]:
        return [self.name, *self.aliases]


def _split_list(cell: str) -> list[str]:
    out: list[str] = []
    for part in cell.split("|"):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


def _parse_row(cells: list[str], where: str) -> _Row:
    if len(cells) > len(COLUMNS):
        raise ValueError(f"{where}: {len(cells)} columns, at most {len(COLUMNS)} "
                         f"({', '.join(COLUMNS)}) separated by tabs")
    cells = [c.strip() for c in cells] + [""] * (len(COLUMNS) - len(cells))
    name, typ, aliases_cell, region, parent, flags_cell = cells
    if not name:
        raise ValueError(f"{where}: empty name")
    if "|" in name:
        raise ValueError(f"{where}: name {name!r} contains '|' (aliases go in column 3)")
    if not typ:
        raise ValueError(f"{where}: missing type after {name!r} (expected name<TAB>type)")
    if typ not in ORG_TYPES:
        raise ValueError(f"{where}: unknown type {typ!r} for {name!r}; "
                         f"expected one of {', '.join(sorted(ORG_TYPES))}")
    key = normalize(name)
    aliases = [a for a in _split_list(aliases_cell) if normalize(a) != key]
    ambiguous: set[str] = set()
    for flag in (f.strip() for f in flags_cell.split(",")):
        if not flag:
            continue
        word, eq, value = flag.partition("=")
        if word.strip() != "ambiguous":
            raise ValueError(f"{where}: unknown flag {flag!r} (known: ambiguous, ambiguous=A|B)")
        if not eq:
            ambiguous.update(aliases)
            continue
        listed = _split_list(value)
        known = {normalize(s): s for s in (name, *aliases)}
        for s in listed:
            if normalize(s) not in known:
                raise ValueError(f"{where}: ambiguous surface {s!r} is neither the name nor "
                                 f"an alias of {name!r}")
            ambiguous.add(known[normalize(s)])
    if parent and normalize(parent) == key:
        raise ValueError(f"{where}: {name!r} is its own parent")
    return _Row(name, typ, aliases, region or None, parent or None, ambiguous, where)


def _read_text(path: Path, label: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{label}: cannot read dictionary: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValueError(f"{label}:{line}: not UTF-8 text") from None


def parse_org_rows(text: str, label: str) -> list[_Row]:
    """Rows of one dictionary text; `label` names the file in error messages."""
    rows: list[_Row] = []
    owner: dict[str, _Row] = {}  # surface key -> row, for duplicates within the file
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{label}:{lineno}"
        if len(cells) < 2:
            raise ValueError(f"{where}: expected name<TAB>type[<TAB>aliases<TAB>region"
                             f"<TAB>parent<TAB>flags], got {line.strip()!r}")
        if cells[0].strip().lower() == "name" and cells[1].strip().lower() == "type":
            continue  # a header row
        row = _parse_row(cells, where)
        for surface in row.surfaces():
            other = owner.get(normalize(surface))
            if other is not None:
                raise ValueError(f"{where}: {surface!r} already names {other.name!r} "
                                 f"at {other.where}")
            owner[normalize(surface)] = row
        rows.append(row)
    return rows


def _merge(files: Sequence[list[_Row]]) -> list[_Row]:
    """Later files override earlier ones (see the module docstring)."""
    entries: dict[str, _Row] = {}  # name key -> row, in insertion order
    owner: dict[str, str] = {}  # surface key -> name key of the entry that holds it
    for rows in files:
        for row in rows:
            name_key = normalize(row.name)
            old = entries.pop(name_key, None)
            if old is not None:  # same name: the new row replaces the entry
                for s in old.surfaces():
                    owner.pop(normalize(s), None)
            for s in row.surfaces():
                k = normalize(s)
                holder = owner.get(k)
                if holder is None or holder == name_key:
                    continue
                held = entries[holder]
                if k == holder:  # another entry's canonical name used as an alias
                    raise ValueError(f"{row.where}: alias {s!r} is the name of the entry at "
                                     f"{held.where}; override that entry by its name instead")
                # an earlier entry's alias: the later row takes it over
                held.aliases = [a for a in held.aliases if normalize(a) != k]
                held.ambiguous = {a for a in held.ambiguous if normalize(a) != k}
            entries[name_key] = row
            for s in row.surfaces():
                owner[normalize(s)] = name_key
    # parents: given by name or alias, stored as the canonical name; no cycles
    for row in entries.values():
        if row.parent is None:
            continue
        holder = owner.get(normalize(row.parent))
        if holder is None:
            raise ValueError(f"{row.where}: parent {row.parent!r} of {row.name!r} is not "
                             f"in the lexicon")
        row.parent = entries[holder].name
    for row in entries.values():
        seen = {normalize(row.name)}
        cur = row
        while cur.parent is not None:
            k = normalize(cur.parent)
            if k in seen:
                raise ValueError(f"{row.where}: parent chain of {row.name!r} loops")
            seen.add(k)
            cur = entries[k]
    return list(entries.values())


def _entry(row: _Row) -> OrgEntry:
    amb: set[str] = set()
    for s in row.ambiguous:
        amb.update(variants(s))
    return OrgEntry(row.name, row.type, tuple(row.aliases), row.region, row.parent,
                    frozenset(amb), row.where)


@dataclass(frozen=True, slots=True)
class DictText:
    """A user dictionary's content, read where the build starts, so that a worker process
    or another machine needs no copy of the file.  `label` (the path as given) names the
    dictionary in messages, exactly as when the file itself is loaded."""

    label: str
    text: str


def read_dict(path: Path | str) -> DictText:
    """The content of a user dictionary file (ValueError naming it when unreadable)."""
    return DictText(str(path), _read_text(Path(path), str(path)))


@lru_cache(maxsize=8)
def _load_orgs(extra: tuple[tuple[str, int, int] | DictText, ...]) -> OrgLexicon:
    files = [parse_org_rows((DATA / ORG_FILE).read_text(encoding="utf-8"), ORG_FILE)]
    for item in extra:
        if isinstance(item, DictText):
            files.append(parse_org_rows(item.text, item.label))
        else:
            path = item[0]
            files.append(parse_org_rows(_read_text(Path(path), path), path))
    return OrgLexicon(_entry(row) for row in _merge(files))


def load_org_lexicon(extra: Sequence[Path | str | DictText] = ()) -> OrgLexicon:
    """The packaged organisation lexicon with user dictionaries `extra` (files, or their
    content as `DictText`) merged over it, in order.  Cached per set of files (an edited
    file is read again).  A bad row raises ValueError naming the file and line."""
    key: list[tuple[str, int, int] | DictText] = []
    for p in extra:
        if isinstance(p, DictText):
            key.append(p)
            continue
        path = Path(p)
        try:
            st = path.stat()
        except OSError as exc:
            raise ValueError(f"{path}: cannot read dictionary: {exc.strerror or exc}") from None
        key.append((str(path), st.st_mtime_ns, st.st_size))
    return _load_orgs(tuple(key))


# ---------------------------------------------------------------------------- surnames
@dataclass(frozen=True, slots=True)
class Surname:
    text: str
    rank: int | None  # frequency rank among single-character surnames (top 100), else None
    compound: bool  # two characters: 欧阳, 司马
    common_word: bool  # also an everyday word at the start of text (于, 向, 高, 金 ...)


def _data_rows(name: str) -> Iterator[tuple[int, list[str]]]:
    for lineno, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield lineno, [c.strip() for c in line.split("\t")]


@lru_cache(maxsize=1)
def load_surname_table() -> dict[str, Surname]:
    """surname -> Surname, from surnames.txt (columns: surname, rank, flags)."""
    out: dict[str, Surname] = {}
    for lineno, cells in _data_rows(SURNAME_FILE):
        cells += [""] * (3 - len(cells))
        text, rank, flags = cells[:3]
        where = f"{SURNAME_FILE}:{lineno}"
        if not 1 <= len(text) <= 2 or text in out:
            raise ValueError(f"{where}: bad or repeated surname {text!r}")
        if rank and not rank.isdigit():
            raise ValueError(f"{where}: rank {rank!r} is not a number")
        out[text] = Surname(text, int(rank) if rank else None, len(text) == 2,
                            "word" in flags.split(","))
    return out


def load_surnames() -> frozenset[str]:
    """Every known surname, single-character and compound."""
    return _surnames()


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(load_surname_table())


# ---------------------------------------------------------------------------- titles
@dataclass(frozen=True, slots=True)
class Title:
    text: str
    affiliates: bool  # 主任 after an organisation means the person belongs to it
    kind: str  # academic | government | party | corporate | media | medical | ...


@lru_cache(maxsize=1)
def load_title_table() -> dict[str, Title]:
    """title -> Title, from person_titles.txt (columns: title, affiliation yes/no, kind)."""
    out: dict[str, Title] = {}
    for lineno, cells in _data_rows(TITLE_FILE):
        cells += [""] * (3 - len(cells))
        text, aff, kind = cells[:3]
        where = f"{TITLE_FILE}:{lineno}"
        if not text or text in out:
            raise ValueError(f"{where}: empty or repeated title {text!r}")
        if aff not in ("yes", "no"):
            raise ValueError(f"{where}: affiliation must be yes or no, not {aff!r}")
        out[text] = Title(text, aff == "yes", kind)
    return out


def load_person_titles() -> dict[str, bool]:
    """title -> whether it implies affiliation with the organisation named before it.
    A fresh dict each call (callers may extend it)."""
    return {t.text: t.affiliates for t in load_title_table().values()}
