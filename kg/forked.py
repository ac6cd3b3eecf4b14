"""One function run on another core by a forked child, while this process goes on.

The child inherits the parent's memory as it is at the fork (no copy, no pickling of the
inputs), runs the function and sends its result back pickled through a pipe.  Used where
the end of a parallel build would otherwise leave one core idle (kg.graph.write_graph).
Where forking is unsafe or unavailable (not Linux, threads running, one processor) the
function runs in this process when its result is asked for: the same result, later.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["Forked", "can_fork"]

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a child can be forked safely here and would run on another processor:
    Linux, no other thread in this process (a fork copies only the calling thread, and
    locks another thread holds would stay held in the child), at least two processors."""
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return False
    if threading.active_count() != 1:
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except (AttributeError, OSError):
        return (os.cpu_count() or 1) > 1


class Forked(Generic[T]):
    """`fn()` started in a forked child (see the module docstring); `result()` waits for it.

    An exception in the child is raised again by `result()` with the same type when that
    type can be rebuilt from its message (ValueError …), else as a RuntimeError naming it;
    a child that dies without answering makes `result()` run `fn` in this process."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self._fn = fn
        self._proc: Any = None
        self._conn: Any = None
        if can_fork():
            ctx = multiprocessing.get_context("fork")
            reader, writer = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(fn, writer), daemon=True)
            proc.start()
            writer.close()
            self._proc, self._conn = proc, reader

    def result(self) -> T:
        if self._proc is None:
            return self._fn()
        try:
            try:
                payload = self._conn.recv_bytes()
            except (EOFError, OSError):
                payload = None
        finally:
            self._conn.close()
            self._proc.join()
        if payload is None:  # the child died (killed, out of memory): do it here
            return self._fn()
        ok, value = pickle.loads(payload)
        if ok:
            return value
        kind, message = value
        if kind in _REBUILT:
            raise _REBUILT[kind](message)
        raise RuntimeError(f"{kind} in a forked process: {message}")


_REBUILT: dict[str, type[Exception]] = {"ValueError": ValueError, "TypeError": TypeError}


def _child(fn: Callable[[], Any], conn: Any) -> None:
    try:
        payload = pickle.dumps((True, fn()), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - sent back to the parent, which raises it
        if type(exc).__name__ not in _REBUILT:
            traceback.print_exc()
        payload = pickle.dumps((False, (type(exc).__name__, str(exc))), protocol=pickle.HIGHEST_PROTOCOL)
    conn.send_bytes(payload)
    conn.close()
