"""Parallel and distributed extraction (kg.parallel): `kg build --workers N` and `--dask ADDRESS`
give the graph a serial build gives, byte for byte; failures are reported as in a serial build."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kg.build as build
import kg.parallel as parallel
from kg.cli import main
from kg.ingest import IngestWarning, iter_documents
from kg.model import Document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GEN = ROOT / "bench" / "gen_corpus.py"

# The worker-failure test patches the extractor in this process; the pool's workers see the
# patch because they are forked (Linux).  Elsewhere they start fresh and that test is skipped.
FORKS = parallel._mp_context().get_start_method() == "fork"


def _build(tmp: Path, name: str, inputs: list[Path], *extra: str) -> bytes:
    out = tmp / f"{name}.ttl"
    assert main(["build", *map(str, inputs), "--out", str(out), "--no-html", "-q", *extra]) == 0
    return out.read_bytes()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "corpus"
    subprocess.run([sys.executable, str(GEN), "--mb", "0.2", "--out", str(out), "--format", "jsonl"],
                   check=True, capture_output=True)
    return out


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few documents, so that even a small corpus keeps both workers busy."""
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 3)


def test_workers_give_the_serial_graph_on_the_examples(tmp_path: Path, small_chunks: None) -> None:
    serial = _build(tmp_path, "w1", [EXAMPLES], "--workers", "1", "--format", "trig")
    assert _build(tmp_path, "w2", [EXAMPLES], "--workers", "2", "--format", "trig") == serial
    assert (tmp_path / "w2.trig").read_bytes() == (tmp_path / "w1.trig").read_bytes()


def test_workers_give_the_serial_graph_on_a_generated_corpus(tmp_path: Path, generated: Path, monkeypatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 8)
    serial = _build(tmp_path, "w1", [generated], "--mentions", "all")
    assert len(serial) > 100_000
    assert _build(tmp_path, "w2", [generated], "--workers", "2", "--mentions", "all") == serial


def test_user_dictionary_reaches_the_workers_as_content(tmp_path: Path, small_chunks: None) -> None:
    d = tmp_path / "mine.tsv"
    d.write_text("星火测试仪器研究所\tResearchInstitute\t星火所\t西安\t\t\n", encoding="utf-8")
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(6):
        (corpus / f"{i}.txt").write_text(f"星火所今年与西安交通大学合作发布了{i + 2}款新仪器。", encoding="utf-8")
    serial = _build(tmp_path, "w1", [corpus], "--dict", str(d))
    assert "星火测试仪器研究所".encode() in serial
    assert _build(tmp_path, "w2", [corpus], "--dict", str(d), "--workers", "2") == serial


@pytest.mark.skipif(not FORKS, reason="needs forked workers to see the patched extractor")
def test_a_failing_document_is_reported_and_skipped_as_in_a_serial_build(tmp_path: Path, monkeypatch, small_chunks,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    real = parallel.extract

    def flaky(parsed, res):
        if parsed.doc.id == "3-bad.txt":
            raise RuntimeError("boom")
        return real(parsed, res)

    monkeypatch.setattr(build, "extract", flaky)
    monkeypatch.setattr(parallel, "extract", flaky)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(8):
        name = "3-bad.txt" if i == 3 else f"{i}-good.txt"
        (corpus / name).write_text(f"合肥量子云科技有限公司与中国科学技术大学签署第{i}份合作协议。", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")

    outputs, warnings = [], []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.ttl"
        assert main(["build", str(corpus), "--out", str(out), "--no-html", "--workers", workers]) == 0
        err = capsys.readouterr().err
        assert "7 documents read, 2 skipped" in err
        outputs.append(out.read_bytes())
        warnings.append(sorted(line for line in err.splitlines() if line.startswith("warning:")))
    assert outputs[0] == outputs[1]
    assert warnings[0] == warnings[1]
    assert any("3-bad.txt: extraction failed, document skipped: RuntimeError: boom" in w for w in warnings[1])
    assert b"3-bad.txt" not in outputs[1] and b"4-good.txt" in outputs[1]


def test_batches_report_failures_in_place_and_pack_round_trips(monkeypatch) -> None:
    real = parallel.extract
    monkeypatch.setattr(parallel, "extract", lambda parsed, res: (_ for _ in ()).throw(ValueError("bad"))
                        if parsed.doc.id == "b" else real(parsed, res))
    docs = [Document("a", "华为技术有限公司与清华大学签署合作协议。"), Document("b", "腾讯发布新品。", source="x.jsonl:2"),
            Document("c", "腾讯在深圳发布新品。")]
    results = parallel.unpack(parallel.pack(parallel.extract_batch(docs)))
    assert [type(r).__name__ for r in results] == ["DocExtraction", "IngestWarning", "DocExtraction"]
    assert results[1] == IngestWarning("x.jsonl:2", None, "extraction failed, document skipped: ValueError: bad")
    full = real(parallel.parse_document(docs[0]), parallel.load_resources())
    assert results[0] == parallel.slim(full)
    assert results[0].entities == full.entities and results[0].mentions == full.mentions


def test_chunks_are_bounded_and_lazy() -> None:
    def docs():
        for i in range(10):
            yield Document(str(i), "字" * 40)

    assert [len(c) for c in parallel.chunked(docs(), max_docs=4)] == [4, 4, 2]
    assert [len(c) for c in parallel.chunked(docs(), max_chars=100)] == [3, 3, 3, 1]
    first = next(parallel.chunked(iter_documents([EXAMPLES], lambda w: None), max_docs=2))
    assert len(first) == 2


def test_command_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "g.ttl")
    assert main(["build", str(EXAMPLES), "--out", out, "--workers", "-1"]) == 2
    assert "--workers" in capsys.readouterr().err
    assert main(["build", str(EXAMPLES), "--out", out, "--workers", "2", "--dask", "tcp://127.0.0.1:8786"]) == 2
    assert "do not combine" in capsys.readouterr().err
    pytest.importorskip("distributed")
    assert main(["build", str(EXAMPLES), "--out", out, "--no-html", "--dask", "not an address"]) == 2
    err = capsys.readouterr().err
    assert "cannot connect to the Dask scheduler at not an address" in err and "Traceback" not in err
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        assert main(["build", str(EXAMPLES), "--out", out, "--no-html", "--dask", "tcp://127.0.0.1:9"]) == 2
    assert "cannot connect to the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
    assert not Path(out).exists()


def test_dask_cluster_gives_the_local_graph(tmp_path: Path, monkeypatch, small_chunks: None) -> None:
    distributed = pytest.importorskip("distributed")
    d = tmp_path / "mine.tsv"
    d.write_text("星河资本管理有限公司\tCompany\t星河资本\t\t\t\n", encoding="utf-8")
    local = _build(tmp_path, "local", [EXAMPLES], "--dict", str(d), "--format", "trig")
    assert "星河资本管理有限公司".encode() in local
    # the workers are fresh interpreters: they import kg from this checkout
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            where = client.run(lambda: __import__("kg").__file__)
            assert len(where) == 2 and all(Path(f).parent.parent == ROOT for f in where.values())
        remote = _build(tmp_path, "dask", [EXAMPLES], "--dict", str(d), "--format", "trig",
                        "--dask", cluster.scheduler_address)
    assert remote == local
    assert (tmp_path / "dask.trig").read_bytes() == (tmp_path / "local.trig").read_bytes()


def _turtle_of(data, tmp: Path, name: str, fmt: str = "turtle") -> bytes:
    from kg.graph import write_graph

    out = tmp / f"{name}.{ 'ttl' if fmt == 'turtle' else fmt }"
    write_graph(data, out, fmt)
    return out.read_bytes()


@pytest.mark.parametrize("all_mentions,fork", [(False, False), (True, False), (False, True)])
def test_articles_written_where_they_are_extracted_give_the_graph_written_at_once(
        tmp_path: Path, generated: Path, all_mentions: bool, fork: bool, monkeypatch) -> None:
    """Workers write each article's own Turtle (kg.assembly.DocFacts); resolution across
    documents merges short names into full names, and the articles naming a merged key are
    written anew (`fork`: most of them by a forked child, kg.forked, as on a large corpus):
    the bytes are those of the graph written at once from the extractions."""
    import dataclasses

    import kg.graph as graph
    from kg.forked import Forked, can_fork

    children: list[bool] = []

    class Recorded(Forked):
        def __init__(self, fn) -> None:  # noqa: ANN001
            super().__init__(fn)
            children.append(self._proc is not None)

    monkeypatch.setattr(graph, "Forked", Recorded)
    if fork:
        monkeypatch.setattr(graph, "FORK_MIN_ARTICLES", 1)

    from kg.assembly import Assembler
    from kg.pipeline import assemble

    docs = list(iter_documents([generated], lambda w: None))
    res = parallel.warm_up()
    reference = assemble([parallel.extract(parallel.parse_document(d), res) for d in docs], res, all_mentions)
    results = parallel.facts_batch(docs, (), parallel.FactsOptions(all_mentions))
    assembler = Assembler(res, all_mentions)
    for i, facts in enumerate(results):
        # a few without their Turtle (as when a worker could not write one): written at the end
        assembler.add(dataclasses.replace(facts, turtle=None) if i % 7 == 3 else facts)
    data = assembler.finish()
    assert 0 < len(data.turtle) < len(docs) - len(docs) // 7  # some articles name a merged key
    assert _turtle_of(data, tmp_path, "parts") == _turtle_of(reference, tmp_path, "whole")
    assert _turtle_of(data, tmp_path, "parts", "nquads") == _turtle_of(reference, tmp_path, "whole", "nquads")
    # a few articles are left to write: the writer forks only when told that few are enough
    assert children == ([can_fork()] if fork else [])


def test_a_repeated_document_id_is_assembled_as_at_once(tmp_path: Path) -> None:
    from kg.assembly import Assembler
    from kg.pipeline import assemble

    docs = [Document("a", "深圳星河电子股份有限公司（以下简称“星河电子”）与清华大学签署合作协议。"),
            Document("b", "星河电子在深圳发布新品。"),
            Document("a", "星河电子与北京大学合作。")]
    res = parallel.warm_up()
    reference = assemble([parallel.extract(parallel.parse_document(d), res) for d in docs], res)
    assembler = Assembler(res)
    assembler.add_all(parallel.facts_batch(docs))
    data = assembler.finish()
    assert "a" not in data.turtle
    assert _turtle_of(data, tmp_path, "parts") == _turtle_of(reference, tmp_path, "whole")


def test_forked_gives_the_result_or_the_error_of_its_function(monkeypatch) -> None:
    import kg.forked as forked

    parent = os.getpid()
    assert forked.Forked(lambda: (os.getpid() != parent, [1, "二"])).result() == (forked.can_fork(), [1, "二"])

    def bad() -> None:
        raise ValueError("cannot write the graph: invalid IRI <a b>")

    with pytest.raises(ValueError, match="invalid IRI <a b>"):
        forked.Forked(bad).result()
    monkeypatch.setattr(forked, "can_fork", lambda: False)  # no fork: run here when asked
    assert forked.Forked(lambda: os.getpid()).result() == parent
