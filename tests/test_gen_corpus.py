"""bench/gen_corpus.py: synthetic news corpora that are deterministic, the size asked for,
readable by kg's ingester, and extractable (every kind of entity and relation shows up)."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from kg.cli import main as kg_main
from kg.ingest import iter_documents
from kg.ns import top_class

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "gen_corpus.py"
KG = "https://w3id.org/kgnews/ontology#"

_spec = importlib.util.spec_from_file_location("gen_corpus", SCRIPT)
gen = importlib.util.module_from_spec(_spec)
sys.modules["gen_corpus"] = gen  # worker processes find make_chunk by module name
_spec.loader.exec_module(gen)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in _files(folder)}


def _make(tmp: Path, name: str, mb: float, **kw) -> Path:
    out = tmp / name
    gen.generate(out, mb, progress=False, **kw)
    return out


@pytest.mark.parametrize("fmt", ["txt", "jsonl"])
def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path, fmt: str) -> None:
    a = _bytes(_make(tmp_path, "a", 0.05, seed=1, fmt=fmt))
    b = _bytes(_make(tmp_path, "b", 0.05, seed=1, fmt=fmt))
    c = _bytes(_make(tmp_path, "c", 0.05, seed=2, fmt=fmt))
    assert a == b
    assert a != c
    assert set(a.values()).isdisjoint(c.values())  # not one article in common


def test_worker_processes_do_not_change_the_bytes(tmp_path: Path) -> None:
    one = _bytes(_make(tmp_path, "one", 0.3, seed=3, fmt="jsonl"))
    two = _bytes(_make(tmp_path, "two", 0.3, seed=3, fmt="jsonl", jobs=2))
    assert one == two


@pytest.mark.parametrize("fmt", ["txt", "jsonl"])
def test_size_within_five_percent(tmp_path: Path, fmt: str) -> None:
    out = _make(tmp_path, "s", 0.2, fmt=fmt)
    total = sum(p.stat().st_size for p in _files(out))
    assert abs(total - 200_000) <= 0.05 * 200_000, total


def test_txt_articles_one_per_file_nested_utf8(tmp_path: Path) -> None:
    out = _make(tmp_path, "t", 0.2)
    files = _files(out)
    assert len(files) > 40
    assert all(p.parent.parent == out and p.suffix == ".txt" for p in files)  # DIR/00000/00000000.txt
    for p in files:
        text = p.read_bytes().decode("utf-8")  # strict: raises on invalid UTF-8
        title, _, body = text.partition("\n")
        assert title.strip() and len(body.strip()) > 100
    warnings: list = []
    docs = list(iter_documents([out], warnings.append))
    assert not warnings, warnings[:3]
    assert len(docs) == len(files)
    assert len({d.id for d in docs}) == len(docs)
    assert sum(1 for d in docs if d.title) >= 0.9 * len(docs)  # kg reads the first line as the title


def test_jsonl_lines_parse_and_are_accepted_by_ingest(tmp_path: Path) -> None:
    out = _make(tmp_path, "j", 0.2, fmt="jsonl", per_file=25)
    files = _files(out)
    assert len(files) >= 2 and all(p.suffix == ".jsonl" for p in files)
    records = []
    for p in files:
        lines = p.read_bytes().decode("utf-8").split("\n")
        assert lines[-1] == "" and all(lines[:-1]) and len(lines) - 1 <= 25
        records += [json.loads(line) for line in lines[:-1]]
    for rec in records:
        assert set(rec) == {"id", "title", "date", "url", "text"}
        assert all(isinstance(v, str) and v.strip() for v in rec.values())
    warnings: list = []
    docs = list(iter_documents([out], warnings.append))
    assert not warnings, warnings[:3]
    assert [d.id for d in docs] == [r["id"] for r in records]
    assert all(d.date == r["date"] and d.title == r["title"] and d.url == r["url"] for d, r in zip(docs, records))


def test_txt_rejects_several_articles_per_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        gen.generate(tmp_path / "x", 0.01, fmt="txt", per_file=5, progress=False)


def test_command_line_writes_and_reports_progress(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    run = subprocess.run([sys.executable, str(SCRIPT), "--mb", "0.02", "--out", str(out), "--format", "jsonl"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "gen_corpus: wrote" in run.stderr and not run.stdout
    assert _files(out)
    again = subprocess.run([sys.executable, str(SCRIPT), "--mb", "0.02", "--out", str(out)],
                           capture_output=True, text=True, timeout=60)
    assert again.returncode != 0 and "not empty" in again.stderr  # never writes over a corpus


def test_kg_build_finds_every_kind_of_thing(tmp_path: Path) -> None:
    """The templates are extractable: kg finds several entity classes and most predicates."""
    corpus = _make(tmp_path, "b", 0.05, seed=7)
    ttl = tmp_path / "b.ttl"
    assert kg_main(["build", str(corpus), "--out", str(ttl), "--no-html", "-q"]) == 0
    g = rdflib.Graph()
    g.parse(ttl, format="turtle")
    classes = {top_class(str(o)[len(KG):]) for o in g.objects(None, rdflib.RDF.type) if str(o).startswith(KG)}
    classes.discard("NewsArticle")
    assert len(classes) >= 4, classes
    predicates = {str(p)[len(KG):] for p in g.predicates() if str(p).startswith(KG)}
    expected = {"locatedIn", "partOf", "cooperatesWith", "develops", "undertakes", "invests", "publishes",
                "affiliatedWith"}
    assert len(predicates & expected) >= 6, predicates & expected
