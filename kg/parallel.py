"""Extraction on several processes or machines: one engine-agnostic unit of work, two engines.

`kg.pipeline.extract` handles one document and depends only on it and the resources, so
the corpus can be cut into batches and each batch extracted anywhere:

- `extract_batch(docs, user_dicts)` is the unit of work any engine calls (this module's
  process pool and Dask engine; Ray, Spark or a job queue would call it the same way).
  It loads the resources once per process (`load_resources` is cached) and turns a
  document that makes the extractor fail into an `IngestWarning`, in the document's place,
  exactly as the serial build reports and skips it.  User dictionaries travel as their
  content (`DictText`, see `read_dict`), never as paths another machine may not have.
- `facts_batch(docs, user_dicts, options)` goes one step further: each document's
  contribution to the corpus (`kg.assembly.DocFacts`: its resolved mentions and relations
  and its own part of the Turtle file), so that the assembling process only merges.  This
  is what `kg build` sends its workers; both engines below run either unit (`facts=`).
- `pack` / `unpack` carry a batch's results back as bytes: only what `assemble` reads
  (`slim`), each record rebuilt from its field values; on the generated corpus that is
  about 20% fewer bytes and several times cheaper to unpickle in the assembling process
  than the dataclasses pickled as they are.
- `extract_local(docs, workers)`: a pool of processes on this machine.
  `extract_dask(docs, address)`: a Dask distributed cluster.  Both read the input lazily,
  cut it into chunks (`chunked`), keep a bounded number of chunks in flight (memory stays
  flat while reading) and yield the results in input order, so `assemble` sees exactly
  what a serial build gives it and the graph is byte-identical.
"""
from __future__ import annotations

import copyreg
import dataclasses
import gc
import io
import multiprocessing
import os
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

from kg.assembly import DocFacts, doc_facts
from kg.corpus import EntityRecord
from kg.graph import DocTurtle
from kg.ingest import IngestWarning, parse_document
from kg.lexicon import DictText, read_dict
from kg.model import (DocExtraction, Document, Entity, EntityMention, Evidence, Mention, ParsedDocument, Relation,
                      RelationMention, Sentence)
from kg.pipeline import extract
from kg.resources import Resources, load_resources

__all__ = ["CHUNK_CHARS", "CHUNK_DOCS", "DictText", "EngineError", "FactsOptions", "Result", "chunked",
           "connect_dask", "extract_batch", "extract_dask", "extract_local", "extract_packed", "extraction_failure",
           "facts_batch", "facts_packed", "pack", "read_dict", "slim", "unpack", "warm_up"]

# One chunk: up to this many documents or characters, whichever comes first.  Big enough to
# amortise a round trip (a chunk of generated news takes ~0.5-1 s to extract), small enough
# that the last chunks leave no worker idle for long.
CHUNK_DOCS = 64
CHUNK_CHARS = 200_000

Result = Union[DocExtraction, DocFacts, IngestWarning]


@dataclass(frozen=True, slots=True)
class FactsOptions:
    """Asks an engine for each document's `DocFacts` instead of its extraction (`facts_batch`)."""

    all_mentions: bool = False  # every place an entity is named, not only the first (--mentions all)
    render: bool = True  # with the document's own Turtle (kg.graph.doc_turtle)
WAIT_FOR_WORKERS = 60  # seconds a scheduler without workers gets to find one


class EngineError(RuntimeError):
    """The engine itself failed (no cluster, a worker that cannot run kg, a dead process);
    `code` is the exit code `kg build` returns: 2 when it could not start, 1 when a run broke."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


# ------------------------------------------------------------------------- the unit of work

def extraction_failure(doc: Document, exc: BaseException) -> IngestWarning:
    """The warning that reports a document the extractor failed on (it is skipped)."""
    return IngestWarning(doc.source or doc.id, None,
                         f"extraction failed, document skipped: {type(exc).__name__}: {exc}")


def extract_batch(docs: Sequence[Document], user_dicts: tuple[DictText | Path, ...] = ()) -> list[Result]:
    """One result per document, in order: its extraction, or the warning that it was skipped."""
    res = load_resources(tuple(user_dicts))
    out: list[Result] = []
    for doc in docs:
        try:
            out.append(extract(parse_document(doc), res))
        except Exception as exc:  # noqa: BLE001 - reported with the document, never silent
            out.append(extraction_failure(doc, exc))
    return out


def facts_batch(docs: Sequence[Document], user_dicts: tuple[DictText | Path, ...] = (),
                options: FactsOptions = FactsOptions()) -> list[Result]:
    """One result per document, in order: its contribution to the corpus (`DocFacts`), or
    the warning that it was skipped."""
    return [doc_facts(r, options.all_mentions, options.render) if isinstance(r, DocExtraction) else r
            for r in extract_batch(docs, user_dicts)]


def warm_up(user_dicts: tuple[DictText | Path, ...] = ()) -> Resources:
    """Load the resources and jieba's dictionary (the first extraction loads it) now."""
    res = load_resources(tuple(user_dicts))
    extract(parse_document(Document("warm-up", "华为技术有限公司与清华大学在深圳签署合作协议。")), res)
    return res


# ------------------------------------------------------------------------------ transfer

def slim(ex: DocExtraction) -> DocExtraction:
    """What `assemble` reads of one document's extraction: the sentences that hold a mention
    or a relation (not the others, not the credits) and no rejections (those are for
    `kg explain`).  The graph assembled from slim extractions is the same."""
    used = {m.sentence for m in ex.mentions} | {r.sentence for r in ex.relations}
    p = ex.parsed
    parsed = ParsedDocument(p.doc, tuple(s for s in p.sentences if s.index in used), (), p.duplicate_sentences)
    return DocExtraction(parsed, ex.mentions, ex.relations, ex.entities, ex.mention_entity, [])


def _by_fields(cls: type) -> Callable[[Any], tuple]:
    names = tuple(f.name for f in dataclasses.fields(cls))

    def reduce(obj: Any) -> tuple:
        return cls, tuple([getattr(obj, n) for n in names])

    return reduce


# Records pickled as a call of their constructor with the field values: the default for a
# slotted dataclass goes through a Python __getstate__/__setstate__ per object.
_DISPATCH = {**copyreg.dispatch_table,
             **{cls: _by_fields(cls) for cls in (Document, Sentence, ParsedDocument, Mention, RelationMention,
                                                  Entity, DocExtraction, IngestWarning, DocFacts, EntityRecord,
                                                  EntityMention, Evidence, Relation, DocTurtle)}}


def pack(results: Iterable[Result]) -> bytes:
    """A batch's results as bytes for the trip to the assembling process (see `unpack`)."""
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump([slim(r) if isinstance(r, DocExtraction) else r for r in results])
    return buf.getvalue()


def unpack(payload: bytes) -> list[Result]:
    """The results `pack` wrote.  The collector is paused meanwhile: unpickling creates
    many objects that all stay alive, and each collection it triggers would scan them all."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(payload)
    finally:
        if enabled:
            gc.enable()


def extract_packed(docs: Sequence[Document], user_dicts: tuple[DictText | Path, ...] = ()) -> bytes:
    """`extract_batch`, packed: what an engine's worker runs."""
    return pack(extract_batch(docs, user_dicts))


def facts_packed(docs: Sequence[Document], user_dicts: tuple[DictText | Path, ...] = (),
                 options: FactsOptions = FactsOptions()) -> bytes:
    """`facts_batch`, packed: what an engine's worker runs for `kg build`."""
    return pack(facts_batch(docs, user_dicts, options))


def _unit(docs: Sequence[Document], user_dicts: tuple[DictText | Path, ...], facts: FactsOptions | None) -> bytes:
    return extract_packed(docs, user_dicts) if facts is None else facts_packed(docs, user_dicts, facts)


# ------------------------------------------------------------------------ shared plumbing

def chunked(docs: Iterable[Document], max_docs: int | None = None, max_chars: int | None = None) -> Iterator[list[Document]]:
    """Consecutive chunks of documents (at most CHUNK_DOCS documents or CHUNK_CHARS
    characters unless told), read lazily."""
    max_docs = max_docs or CHUNK_DOCS
    max_chars = max_chars or CHUNK_CHARS
    chunk: list[Document] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.text)
        if len(chunk) >= max_docs or size >= max_chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _in_order(submit: Callable[[list[Document]], Any], chunks: Iterable[list[Document]], window: int,
              result: Callable[[Any], bytes]) -> Iterator[Result]:
    """Submit chunks (at most `window` in flight) and yield their results in input order."""
    pending: deque[Any] = deque()
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield from unpack(result(pending.popleft()))
        while pending:
            yield from unpack(result(pending.popleft()))
    finally:
        for fut in pending:
            fut.cancel()


# -------------------------------------------------------------------- local process pool

def cpu_count() -> int:
    """Processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork (Linux) lets the workers inherit the loaded resources and jieba's dictionary
    # instead of loading them again; macOS and Windows start fresh interpreters.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


_worker_dicts: tuple[DictText | Path, ...] = ()


def _init_worker(user_dicts: tuple[DictText | Path, ...]) -> None:
    global _worker_dicts
    _worker_dicts = user_dicts
    warm_up(user_dicts)  # a no-op when forked from a warmed-up parent


def _local_chunk(docs: list[Document], facts: FactsOptions | None) -> bytes:
    return _unit(docs, _worker_dicts, facts)


def extract_local(docs: Iterable[Document], workers: int, user_dicts: tuple[DictText | Path, ...] = (),
                  max_docs: int | None = None, max_chars: int | None = None,
                  facts: FactsOptions | None = None) -> Iterator[Result]:
    """Extract with `workers` processes on this machine; results in input order (each
    document's `DocFacts` when `facts` is given)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = _mp_context()
    frozen = False
    if ctx.get_start_method() == "fork":
        warm_up(user_dicts)
        gc.freeze()  # the workers' collections then leave the inherited pages unwritten (shared)
        frozen = True
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(user_dicts,))

    def result(fut: Any) -> bytes:
        try:
            return fut.result()
        except BrokenProcessPool as exc:
            raise EngineError(f"a worker process died ({exc}); try fewer --workers if memory is short") from None

    try:
        yield from _in_order(lambda chunk: pool.submit(_local_chunk, chunk, facts), chunked(docs, max_docs, max_chars),
                             2 * workers, result)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if frozen:
            gc.unfreeze()


# ------------------------------------------------------------------------- Dask cluster

def worker_version() -> str:
    """kg's version where this runs (a Dask worker, asked before any work is sent)."""
    import kg

    return kg.__version__


def _check_address(address: str) -> None:
    from distributed.comm.addressing import get_address_host_port, parse_address

    scheme, _ = parse_address(address)
    if scheme in ("tcp", "tls"):
        get_address_host_port(address)  # ValueError: missing port number …


def connect_dask(address: str, timeout: float | str | None = None) -> Any:
    """A `distributed.Client` for the scheduler at `address`, with workers that run this
    version of kg (EngineError otherwise).  `timeout` defaults to Dask's connect timeout
    (`distributed.comm.timeouts.connect`, 30 s unless configured)."""
    try:
        from distributed import Client
    except ImportError:
        raise EngineError("--dask needs the distributed package: pip install 'kg[dask]'", 2) from None
    import kg

    kwargs = {"timeout": timeout} if timeout is not None else {}
    try:
        _check_address(address)  # a typo fails here: a Client that fails on it hangs at exit
        client = Client(address, set_as_default=False, **kwargs)
    except Exception as exc:  # noqa: BLE001 - bad address, refused, timed out: all one message
        raise EngineError(f"cannot connect to the Dask scheduler at {address}: {type(exc).__name__}: {exc}", 2) from None
    try:
        client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
    except Exception:  # noqa: BLE001 - a TimeoutError
        client.close()
        raise EngineError(f"no Dask worker joined the scheduler at {address} within {WAIT_FOR_WORKERS} s", 2) from None
    try:
        versions = client.run(worker_version)
    except Exception as exc:  # noqa: BLE001
        client.close()
        raise EngineError(f"the Dask workers at {address} cannot run kg ({type(exc).__name__}: {exc}); "
                          f"install kg {kg.__version__} on every worker", 2) from None
    wrong = {w: v for w, v in versions.items() if v != kg.__version__}
    if wrong:
        client.close()
        raise EngineError(f"Dask workers run another kg version than {kg.__version__}: "
                          + ", ".join(f"{w} has {v}" for w, v in sorted(wrong.items())), 2)
    return client


def extract_dask(docs: Iterable[Document], address: str | Any, user_dicts: tuple[DictText | Path, ...] = (),
                 max_docs: int | None = None, max_chars: int | None = None,
                 facts: FactsOptions | None = None) -> Iterator[Result]:
    """Extract on a Dask cluster (a scheduler address, or a connected `distributed.Client`);
    results in input order (each document's `DocFacts` when `facts` is given).  Connects at once (EngineError when it cannot); the client this
    opens is closed when the results are exhausted."""
    dicts = tuple(d if isinstance(d, DictText) else read_dict(d) for d in user_dicts)
    own = isinstance(address, str)
    client = connect_dask(address) if own else address
    return _dask_results(client, own, docs, dicts, max_docs, max_chars, facts)


def _dask_results(client: Any, own: bool, docs: Iterable[Document], dicts: tuple[DictText, ...],
                  max_docs: int | None, max_chars: int | None, facts: FactsOptions | None) -> Iterator[Result]:
    try:
        shared: Any = client.scatter([dicts], broadcast=True, hash=False)[0] if dicts else ()
        window = 2 * max(1, sum(client.nthreads().values()))

        def submit(chunk: list[Document]) -> Any:
            return client.submit(_unit, chunk, shared, facts, pure=False)

        def result(fut: Any) -> bytes:
            try:
                return fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker, a worker without kg …
                raise EngineError(f"the Dask cluster failed: {type(exc).__name__}: {exc}") from None

        yield from _in_order(submit, chunked(docs, max_docs, max_chars), window, result)
    finally:
        if own:
            client.close()
