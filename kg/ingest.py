"""Reading the corpus: files, folders and JSONL into `Document`s, never stopping on bad input.

Why: users point kg at whatever they have (folders of crawled .txt in GBK, JSONL dumps,
Markdown notes).  Every problem (an undecodable file, a malformed JSONL line, an empty
file, a duplicate id) becomes an `IngestWarning` naming the file and line, and the rest of
the corpus is still read.  Page repair and sentence splitting are in `kg.layout`;
`parse_document` is re-exported here so callers need one import.
"""
from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path

from kg.layout import looks_like_headline, parse_document
from kg.model import Document

__all__ = [
    "IngestWarning",
    "TEXT_SUFFIXES",
    "decode_bytes",
    "iter_documents",
    "parse_document",
]

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIX = ".jsonl"
_FOLDER_SUFFIXES = frozenset(TEXT_SUFFIXES + (JSONL_SUFFIX,))
_CANNOT_DECODE = "cannot decode (tried utf-8, gb18030)"


@dataclass(frozen=True, slots=True)
class IngestWarning:
    """A problem with one input.  `skipped` is False for warnings that lose nothing
    (a JSONL date that is not a date is dropped, the document is kept)."""

    source: str  # file path
    line: int | None  # 1-based line for JSONL, else None
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.message}"
        return f"{self.source}:{self.line}: {self.message}"


Warn = Callable[[IngestWarning], None]


# ---------------------------------------------------------------------------------------
# Decoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Text never holds NUL or most C0 controls; GB18030 also maps byte pairs to the private use
# area, which real news never uses: either means the guess was wrong (binary, UTF-16
# without a BOM, Latin-1 …).
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\ue000-\uf8ff]")


def decode_bytes(data: bytes) -> tuple[str, str] | None:
    """Decode a file's bytes: (text, encoding) or None when no encoding fits.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); otherwise strict UTF-8, then
    strict GB18030 (a superset of GBK and GB2312).  Line ends become ``\\n``.
    """
    candidates: list[str]
    for bom, enc in _BOMS:
        if data.startswith(bom):
            candidates = [enc]
            break
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _NOT_TEXT.search(text):
            continue
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text, enc
    return None


# ---------------------------------------------------------------------------------------
# Titles and dates

_MD_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


def _text_title(text: str, markdown: bool) -> str | None:
    """The first `# ` heading of Markdown, else the first line when it reads as a headline."""
    if markdown:
        m = _MD_TITLE.search(text)
        if m:
            return m.group(1).strip() or None
    for line in text.split("\n", 50):
        line = line.strip(" \t\u3000\u00a0\ufeff")
        if line:
            if line.startswith("#"):
                line = line.lstrip("#").strip()
            return line if looks_like_headline(line) else None
    return None


_DATE_PATTERNS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"),
    re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def normalise_date(value: str) -> str | None:
    """An ISO 8601 date (YYYY-MM-DD) from the common ways news metadata writes one."""
    v = value.strip()
    for rx in _DATE_PATTERNS:
        m = rx.fullmatch(v)
        if m:
            try:
                return _date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                return None
    return None


# ---------------------------------------------------------------------------------------
# Files


def _read(path: Path, source: str, warn: Warn) -> str | None:
    """Decoded text of a file, or None after a warning."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        warn(IngestWarning(source, None, "is a folder, not a file"))
        return None
    except OSError as exc:
        warn(IngestWarning(source, None, f"cannot read: {exc.strerror or exc}"))
        return None
    decoded = decode_bytes(data)
    if decoded is None:
        warn(IngestWarning(source, None, _CANNOT_DECODE))
        return None
    text = decoded[0]
    if not text.strip():
        warn(IngestWarning(source, None, "empty file"))
        return None
    return text


# Internal generators yield (document, file, line) so that later warnings can name both.
_Located = tuple[Document, str, "int | None"]


def _text_document(path: Path, doc_id: str, warn: Warn) -> Iterator[_Located]:
    source = str(path)
    text = _read(path, source, warn)
    if text is None:
        return
    title = _text_title(text, path.suffix.lower() == ".md")
    yield Document(id=doc_id, text=text, title=title, source=source), source, None


def _jsonl_documents(path: Path, warn: Warn) -> Iterator[_Located]:
    source = str(path)
    text = _read(path, source, warn)
    if text is None:
        return
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        doc = _jsonl_line(line, source, lineno, warn)
        if doc is not None:
            yield doc, source, lineno


def _jsonl_line(line: str, source: str, lineno: int, warn: Warn) -> Document | None:
    def bad(message: str) -> None:
        warn(IngestWarning(source, lineno, message))

    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        bad(f"invalid JSON: {exc.msg} (column {exc.colno})")
        return None
    if not isinstance(obj, dict):
        bad(f"expected a JSON object, got {type(obj).__name__}")
        return None
    doc_id = obj.get("id")
    if doc_id is None:
        bad('missing "id"')
        return None
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        bad(f'"id" must be a string or an integer, got {type(doc_id).__name__}')
        return None
    doc_id = str(doc_id).strip()
    if not doc_id:
        bad('empty "id"')
        return None
    text = obj.get("text")
    if text is None:
        bad(f'missing "text" (id {doc_id!r})')
        return None
    if not isinstance(text, str):
        bad(f'"text" must be a string, got {type(text).__name__} (id {doc_id!r})')
        return None
    if not text.strip():
        bad(f'empty "text" (id {doc_id!r})')
        return None
    fields: dict[str, str | None] = {}
    for key in ("title", "date", "url"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            bad(f'"{key}" must be a string, got {type(value).__name__} (id {doc_id!r})')
            return None
        fields[key] = value.strip() or None if isinstance(value, str) else None
    date = fields["date"]
    if date is not None:
        iso = normalise_date(date)
        if iso is None:
            warn(IngestWarning(source, lineno, f'"date" {date!r} is not a date; ignored (id {doc_id!r})', False))
        date = iso
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(
        id=doc_id,
        text=text,
        title=fields["title"],
        date=date,
        url=fields["url"],
        source=f"{source}:{lineno}",
    )


def _file_documents(path: Path, doc_id: str, warn: Warn) -> Iterator[_Located]:
    if path.suffix.lower() == JSONL_SUFFIX:
        yield from _jsonl_documents(path, warn)
    else:
        yield from _text_document(path, doc_id, warn)


def _walk(root: Path, warn: Warn) -> list[tuple[str, Path]]:
    """(relative posix path, path) of the corpus files under a folder, sorted by path."""
    found: list[tuple[str, Path]] = []

    def onerror(exc: OSError) -> None:
        where = exc.filename or str(root)
        warn(IngestWarning(str(where), None, f"cannot read folder: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in _FOLDER_SUFFIXES:
                continue
            path = Path(dirpath) / name
            found.append((path.relative_to(root).as_posix(), path))
    found.sort(key=lambda item: item[0])
    return found


def _input_documents(inp: Path, warn: Warn) -> Iterator[_Located]:
    source = str(inp)
    try:
        is_dir = inp.is_dir()
        exists = is_dir or inp.exists()
    except OSError as exc:
        warn(IngestWarning(source, None, f"cannot read: {exc.strerror or exc}"))
        return
    if not exists:
        warn(IngestWarning(source, None, "no such file or folder"))
        return
    if is_dir:
        if not os.access(inp, os.R_OK | os.X_OK):
            warn(IngestWarning(source, None, "cannot read folder: permission denied"))
            return
        files = _walk(inp, warn)
        if not files:
            warn(IngestWarning(source, None, "no .txt, .md or .jsonl files in this folder"))
        for rel, path in files:
            yield from _file_documents(path, rel, warn)
    else:
        yield from _file_documents(inp, inp.name, warn)


def iter_documents(inputs: Sequence[str | Path], warn: Callable[[IngestWarning], None]) -> Iterator[Document]:
    """Every document of the inputs, in a deterministic order; problems go to `warn`.

    Folders are walked recursively for .txt, .md and .jsonl files (hidden ones skipped) in
    sorted path order; a file named explicitly is read whatever its extension.  A text
    document's id is its path relative to the folder given (a file given directly: its
    name); a JSONL document's id is its "id" field.  A second document with an id already
    seen is skipped with a warning.
    """
    seen: dict[str, str] = {}
    for raw in inputs:
        for doc, source, line in _input_documents(Path(raw), warn):
            first = seen.get(doc.id)
            if first is not None:
                message = f"duplicate document id {doc.id!r} (first read from {first}); skipped"
                warn(IngestWarning(source, line, message))
                continue
            seen[doc.id] = doc.source
            yield doc
