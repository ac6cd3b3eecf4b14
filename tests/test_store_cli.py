"""`kg build --store`, `kg remove`, `kg export` and the other commands on a store folder."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("st")
    assert main(["build", str(EXAMPLES), "--store", str(tmp / "store"), "-q"]) == 0
    assert main(["build", str(EXAMPLES), "--out", str(tmp / "g.nq"), "--no-html", "-q"]) == 0
    return tmp / "store", tmp / "g.nq"


def test_second_build_skips_every_unchanged_article(built, capsys: pytest.CaptureFixture[str]) -> None:
    store, _ = built
    assert main(["build", str(EXAMPLES), "--store", str(store)]) == 0
    assert "0 added, 0 replaced, 7 unchanged" in capsys.readouterr().err


def test_export_equals_the_graph_file(built, tmp_path: Path) -> None:
    store, graph = built
    assert main(["export", "--store", str(store), "--out", str(tmp_path / "x.nq")]) == 0
    read = lambda p: set(ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS))  # noqa: E731
    assert read(tmp_path / "x.nq") == read(graph)


def test_commands_answer_the_same_on_the_store_and_the_file(built, capsys: pytest.CaptureFixture[str]) -> None:
    store, graph = built
    for args in (["query", "-n", "stats", "--format", "csv"], ["query", "-n", "people", "--format", "csv"],
                 ["validate"]):
        assert main([*args, str(graph)]) == 0
        from_file = capsys.readouterr().out
        assert main([*args, "--store", str(store)]) == 0
        from_store = capsys.readouterr().out
        assert from_store.replace(str(store), "G") == from_file.replace(str(graph), "G")


def test_query_text_after_store(built, capsys: pytest.CaptureFixture[str]) -> None:
    store, _ = built
    assert main(["query", "--store", str(store), "ASK { ?a a kg:NewsArticle }", "--format", "json"]) == 0
    assert "true" in capsys.readouterr().out


def test_remove_reports_unknown_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "s"
    assert main(["build", str(EXAMPLES / "01-robot-partnership.txt"), "--store", str(store), "-q"]) == 0
    assert main(["remove", "--store", str(store), "nope"]) == 1
    assert "nope: not in the store" in capsys.readouterr().err
    assert main(["remove", "--store", str(tmp_path / "none"), "x"]) == 2


def test_build_refuses_a_folder_that_is_not_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    assert main(["build", str(EXAMPLES), "--store", str(tmp_path)]) == 2
    assert "not empty" in capsys.readouterr().err


def test_store_built_with_two_workers_is_the_same(built, tmp_path: Path) -> None:
    store, graph = built
    assert main(["build", str(EXAMPLES), "--store", str(tmp_path / "w2"), "--workers", "2", "-q"]) == 0
    read = lambda p: set(ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS))  # noqa: E731
    assert main(["export", "--store", str(tmp_path / "w2"), "--out", str(tmp_path / "w2.nq")]) == 0
    assert read(tmp_path / "w2.nq") == read(graph)
