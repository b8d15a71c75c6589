"""The processes a load forks (parse workers, Whoosh's index writers): they die with the load,
and a failure or death of one fails the load once, in one line, instead of hanging it,
losing its documents or printing a traceback of its own.

A load killed with SIGKILL (by a person, the OOM killer, a supervisor) gets no chance to
stop its children; without PR_SET_PDEATHSIG they would parse and write on as orphans.
"""

import ctypes
import gc
import multiprocessing
import os
import queue
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class WorkerDied(Exception):
    """A process of the load was killed or failed: nothing is published."""


class IndexWriterFailed(Exception):
    """An index writer process raised (its exception, as text: it happened in the child)."""


def die_with_parent(parent: int) -> None:
    """Run first in a forked child: the kernel sends it SIGKILL when `parent` dies."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    # The parent may have died before the request above was made: it would never fire.
    if os.getppid() != parent:
        os._exit(1)


# Whoosh ships no types, so its classes are Any to mypy and subclassing them is an error in strict mode.
class _QuietSubWriter(SubWriterTask):  # type: ignore[misc]
    """Whoosh's writer process, tied to the load. Its failure goes to the load, which reports
    it once; multiprocessing would print it as a traceback, after the load's own message."""

    def __init__(self, *args: Any, failures: Any, parent: int) -> None:
        super().__init__(*args)
        self.failures = failures
        self.parent = parent

    def run(self) -> None:
        die_with_parent(self.parent)
        try:
            super().run()
        except BaseException as exc:
            self.failures.put((getattr(exc, "errno", None), f"{type(exc).__name__}: {exc}"))
            sys.exit(1)  # an exit code, no traceback


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Fork inside this: the objects the load holds (every parsed record, at 100k files
    several hundred MB) are moved out of the collector's reach first, so a child's garbage
    collections never write to them and the child does not end up with a copy of each page
    it inherited (copy-on-write). The load's own collections see them again after the
    outermost of nested uses (the load writes its build inside one too: see pipeline.load).
    """
    if not _frozen:
        gc.freeze()
    _frozen.append(True)
    try:
        yield
    finally:
        _frozen.pop()
        if not _frozen:
            gc.unfreeze()


# One entry per frozen_heap() the load is inside.
_frozen: list[bool] = []


def start_worker(parent: int) -> None:
    """Run first in a forked parse worker: it dies with the load (`die_with_parent`) and
    collects its own garbage, whatever the load had turned off when it forked."""
    die_with_parent(parent)
    gc.enable()


class _Jobs:
    """The parent's side of Whoosh's job queue: a put that would wait for writers that are
    gone raises instead (a full queue nobody reads hung the load)."""

    def __init__(self, jobs: Any, writer: "QuietMpWriter") -> None:
        self.jobs = jobs
        self.writer = writer

    def put(self, item: object) -> None:
        while True:
            try:
                self.jobs.put(item, timeout=0.5)
                return
            except queue.Full:
                self.writer.raise_failure()


class QuietMpWriter(MpWriter):  # type: ignore[misc]  # untyped Whoosh class, as above
    """Whoosh's MpWriter whose processes die with the load, and whose failures are raised in
    the load (Whoosh skipped a failed process's segment and committed without it)."""

    jobqueue: Any  # Whoosh's multiprocessing.Queue, then the _Jobs wrapped around it

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # (errno or None, the exception as text), put by a failed writer process.
        self.failures: multiprocessing.SimpleQueue[tuple[int | None, str]] = multiprocessing.SimpleQueue()
        self._raw_jobs: Any = self.jobqueue
        self.jobqueue = _Jobs(self._raw_jobs, self)

    def _new_task(self) -> SubWriterTask:
        task = _QuietSubWriter(
            self.storage,
            self.indexname,
            self._raw_jobs,
            self.resultqueue,
            self.subargs,
            self.multisegment,
            failures=self.failures,
            parent=os.getpid(),
        )
        self.tasks.append(task)
        with frozen_heap():
            task.start()
        return task

    def raise_failure(self) -> None:
        """Raise what made a writer process fail or die, if one did."""
        ended = [task.exitcode for task in self.tasks if task.exitcode not in (None, 0)]
        if not ended:
            return
        if not self.failures.empty():
            code, message = self.failures.get()
            if code:
                raise OSError(code, os.strerror(code))
            # Most likely one document's content: the load can find it and leave it out.
            raise IndexWriterFailed(f"an index writer process failed: {message}")
        raise WorkerDied(
            "an index writer process died (killed, perhaps for lack of memory); nothing was published"
        )

    def stop(self) -> None:
        """End the writer processes still running (the load failed: their work is lost)."""
        for task in self.tasks:
            if task.is_alive():
                task.terminate()
            task.join()
