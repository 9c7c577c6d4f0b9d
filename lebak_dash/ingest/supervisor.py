"""The parent's side of a worker: start it confined, hand it a job, watch it, take its answer.

Standard library only, so that a command that only waits for a worker (``python -m lebak_dash
check``) stays a small process while the worker parses. A worker program is a module run as
``python -P -s -m <module>`` with :func:`~lebak_dash.ingest.isolation.worker_environment` as its
whole environment, a private working folder (:func:`~lebak_dash.ingest.isolation.make_workdir`)
as its current folder, no file of the parent open, and stderr to ``/dev/null`` (a native
out-of-memory abort prints a backtrace: noise here). The parent writes the job on its stdin and
reads, on its stdout, one JSON line then the payload (:func:`lebak_dash.ingest.isolation.answer`).

While the worker runs the parent samples its resident memory and its time every 20 ms and kills
it past the budget; the worker caps its own address space too. Whatever happens to it, the
caller gets a :class:`WorkerRun` whose ``status`` says what (``ok``, ``memory``, ``timeout``,
``died``, or the worker's own status).

A long-running server keeps one started worker of a program waiting (:meth:`WorkerProgram.keep_warm`):
an upload then pays no interpreter start-up.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import pickle
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import IO, Any

from lebak_dash.ingest.isolation import make_workdir, worker_environment

log = logging.getLogger(__name__)
_WATCH_INTERVAL_S = 0.02
_logged: set[str] = set()
_logged_lock = threading.Lock()


def status_bytes(field_name: str, pid: int | str = "self") -> int:
    """Return a size field of ``/proc/<pid>/status`` (``VmSize``, ``VmRSS``) in bytes (0 if gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def log_confinement(confinement: dict[str, Any] | None) -> None:
    """Log, once per process and kind, what a worker could not enforce on this machine."""
    for fallback in (confinement or {}).get("fallbacks", []):
        with _logged_lock:
            if fallback in _logged:
                continue
            _logged.add(fallback)
        log.warning("import worker isolation reduced on this machine: %s", fallback)


@dataclass
class WorkerRun:
    """What became of one job.

    Attributes
    ----------
    status : str
        ``ok``; ``memory`` / ``timeout`` (the parent stopped it); ``died`` (it ended without an
        answer: a native abort, a kill); or the status the worker answered (``corrupt``...).
    header : dict
        The worker's answer line (empty when it gave none).
    payload : bytes
        What followed the answer line.
    """

    status: str
    header: dict[str, Any] = field(default_factory=dict)
    payload: bytes = b""


class Worker:
    """One started worker process and its working folder."""

    def __init__(self, module: str) -> None:
        self.workdir = make_workdir()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-P", "-s", "-m", module],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                cwd=self.workdir,
                env=worker_environment(self.workdir),
                close_fds=True,
            )
        except BaseException:
            shutil.rmtree(self.workdir, ignore_errors=True)
            raise

    def alive(self) -> bool:
        """Return True while the process runs."""
        return self.process.poll() is None

    def close(self) -> None:
        """Kill the process if it still runs, reap it and remove its working folder."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None and not stream.closed:
                with contextlib.suppress(OSError):
                    stream.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def _pipe(stream: IO[bytes] | None) -> IO[bytes]:
    if stream is None:
        raise RuntimeError("worker started without a pipe")
    return stream


def _collect(worker: Worker, max_memory_mb: float, timeout_s: float) -> WorkerRun:
    """Read the worker's answer while watching its time and resident memory."""
    chunks: list[bytes] = []
    stdout = _pipe(worker.process.stdout)
    reader = threading.Thread(target=lambda: chunks.append(stdout.read()), daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout_s
    budget = max_memory_mb * 1024 * 1024
    while reader.is_alive():
        reader.join(_WATCH_INTERVAL_S)
        if not reader.is_alive():
            break
        if status_bytes("VmRSS", worker.process.pid) > budget:
            return WorkerRun("memory")
        if time.monotonic() > deadline:
            return WorkerRun("timeout")
    header_line, _, payload = b"".join(chunks).partition(b"\n")
    try:
        header = json.loads(header_line)
    except ValueError:
        return WorkerRun("died")  # killed or aborted before it could answer
    if not isinstance(header, dict):
        return WorkerRun("died")
    log_confinement(header.get("confinement"))
    return WorkerRun(str(header.get("status")), header, payload)


class WorkerProgram:
    """A worker program (a module with a ``__main__``) and, for a server, one spare started worker.

    Parameters
    ----------
    module : str
        E.g. ``lebak_dash.ingest.worker``.
    """

    def __init__(self, module: str) -> None:
        self.module = module
        self._lock = threading.Lock()
        self._spare: Worker | None = None
        self._warm = False
        atexit.register(self.stop)

    def _take(self) -> Worker:
        """Return a started worker: the waiting spare if there is one, else a new one."""
        with self._lock:
            worker, self._spare = self._spare, None
            if worker is not None and not worker.alive():
                worker.close()
                worker = None
            if self._warm:
                self._spare = Worker(self.module)
        return worker if worker is not None else Worker(self.module)

    def keep_warm(self, enabled: bool = True) -> None:
        """Keep one started worker waiting for the next job (for a long-running server)."""
        with self._lock:
            self._warm = enabled
            if enabled and (self._spare is None or not self._spare.alive()):
                if self._spare is not None:
                    self._spare.close()
                self._spare = Worker(self.module)

    def stop(self) -> None:
        """Stop keeping a spare, and end the one waiting (at exit)."""
        with self._lock:
            self._warm = False
            spare, self._spare = self._spare, None
        if spare is not None:
            spare.close()

    def run(self, job: object, *, max_memory_mb: float, timeout_s: float) -> WorkerRun:
        """Give `job` (pickled: the worker trusts its parent) to a worker and return its answer.

        The clock starts when the job is written; a worker that has not finished loading its
        modules by then spends part of `timeout_s` on them.
        """
        worker = self._take()
        try:
            try:
                stdin = _pipe(worker.process.stdin)
                stdin.write(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
                stdin.close()
            except OSError:
                return WorkerRun("died")
            return _collect(worker, max_memory_mb, timeout_s)
        finally:
            worker.close()


def isolation_enabled() -> bool:
    """Return whether imports run in the isolated worker (``LEBAK_ISOLATE_IMPORT``, on by default).

    Off (``0``) is for the test suite's in-process runs only: it is never right for a server.
    """
    return os.environ.get("LEBAK_ISOLATE_IMPORT", "1") not in ("0", "false", "no")
