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


def test_every_named_query_answers_the_same_on_the_store_and_the_file(built, capsys: pytest.CaptureFixture[str]) -> None:
    """Also the store versions of named queries (ontology/queries/store/), which count
    articles by their graphs where the file versions walk the statements."""
    from kg.query import named_queries

    store, graph = built
    binds = {"entity": ["--bind", "name=南方科技大学"], "orgs-in-region": ["--bind", "region=深圳"],
             "search": ["--bind", "text=科技"]}
    assert any(q.store_text for q in named_queries().values())
    for name in named_queries():
        args = ["query", "-n", name, "--format", "csv", *binds.get(name, [])]
        assert main([*args, str(graph)]) == 0
        from_file = capsys.readouterr().out
        assert main([*args, "--store", str(store)]) == 0
        assert capsys.readouterr().out == from_file, name
        assert from_file.count("\n") > 1, name  # a header and at least one row


def test_articles_stating_the_same_fact_are_counted_alike(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two articles state one cooperation (in either order of the pair) and one investment:
    the store versions count article graphs, the file versions statements; both say 2."""
    (tmp_path / "a.txt").write_text("深圳云帆智能科技有限公司与南方科技大学签署战略合作协议。星河资本领投深圳云帆智能科技有限公司B轮融资。\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("据报道，南方科技大学与深圳云帆智能科技有限公司开展合作。此前，星河资本投资了深圳云帆智能科技有限公司。\n",
                                    encoding="utf-8")
    inputs = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert main(["build", *inputs, "--store", str(tmp_path / "st"), "-q"]) == 0
    assert main(["build", *inputs, "--out", str(tmp_path / "g.ttl"), "--no-html", "-q"]) == 0
    capsys.readouterr()
    for name in ("cooperation", "investments"):
        answers = []
        for source in (["--store", str(tmp_path / "st")], [str(tmp_path / "g.ttl")]):
            assert main(["query", "-n", name, "--format", "csv", *source]) == 0
            answers.append(capsys.readouterr().out.splitlines())
        assert answers[0] == answers[1]
        assert [row.rsplit(",", 1)[1] for row in answers[0][1:]] == ["2"], name


def test_querying_a_store_does_not_load_the_extractor(built) -> None:
    """A query on a store answers in milliseconds; importing jieba and the recognisers would
    add a third of a second to every `kg query --store`."""
    import subprocess
    import sys

    store, _ = built
    code = ("import sys, io, contextlib; from kg.cli import main; out = io.TextIOWrapper(io.BytesIO()); "
            "sys.stdout = out; rc = main(['query', '--store', sys.argv[1], '-n', 'stats']); sys.stdout = sys.__stdout__; "
            "print(rc, sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'rjieba') or m in ('kg.pipeline', 'kg.recognise')))")
    done = subprocess.run([sys.executable, "-c", code, str(store)], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "0 []", done.stderr


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
