"""Parse untrusted files in the isolated worker: imports, OPD and kecamatan lists, boundaries, the worker's probe.

The reader's checks stop the known tricks with precise messages, but a parser is large native
code: a file that makes it allocate without bound (calamine sizes its grid from the furthest
cell, so two cells can ask for 500 GB) must end in a message, not in a dead server, and a parser
exploit must find nothing worth taking. So every parse that the app or the command line runs
happens in the worker of :mod:`lebak_dash.ingest.worker`:

* a fresh interpreter (not a fork of a multi-threaded server, and not a multiprocessing child
  that would re-run the server's ``__main__``), started with a minimal environment in a private
  folder, which confines itself before it reads the file (:mod:`lebak_dash.ingest.isolation`:
  an unprivileged user, no network, resource limits);
* the parent sends it the job (file bytes, reference tables, limits) on stdin; the worker sends
  back the result as Arrow IPC bytes (:mod:`lebak_dash.ingest.resultio`), never a pickle, so a
  worker that parsed a hostile file can return data but not code; it writes nothing: the store
  writes what the worker returns;
* the parent watches its resident memory and its time and kills it past
  ``Limits.max_memory_mb`` / ``Limits.timeout_s`` (:mod:`lebak_dash.ingest.supervisor`):
  whatever happens to it, the caller gets an :class:`ImportResult`.

A long-running server calls :func:`keep_warm` so that a started worker (modules loaded) is always
waiting: an upload then pays no interpreter start-up.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from lebak_dash.config import Limits
from lebak_dash.ingest.boundaries import BoundaryError, read_boundaries
from lebak_dash.ingest.importer import Source, import_workbook, rejection
from lebak_dash.ingest.reflists import read_kecamatan_list
from lebak_dash.ingest.resultio import result_from_ipc
from lebak_dash.ingest.supervisor import WorkerProgram, WorkerRun, isolation_enabled
from lebak_dash.records.mapping import ColumnMapping
from lebak_dash.records.model import ImportResult
from lebak_dash.records.reference import (
    KECAMATAN_COLUMNS,
    OPD_COLUMNS,
    Reference,
    ReferenceListError,
    load_reference,
    parse_opd_table,
)

log = logging.getLogger(__name__)

#: The import worker program (one spare kept by a server, see :func:`keep_warm`).
IMPORT_WORKER = WorkerProgram("lebak_dash.ingest.worker")
#: Codes of a rejection that says the worker failed, not that the file is bad.
WORKER_FAILURES = ("file.memory", "file.timeout", "file.corrupt")


def keep_warm(enabled: bool = True) -> None:
    """Keep one started import worker waiting for the next job (for a long-running server)."""
    IMPORT_WORKER.keep_warm(enabled)


def default_isolation() -> bool:
    """Return whether parses run in the isolated worker (``LEBAK_ISOLATE_IMPORT``, on by default).

    Off is for the test suite's in-process runs only.
    """
    return isolation_enabled()


def failure_result(run: WorkerRun, limits: Limits) -> ImportResult:
    """Return the rejection that says why the worker gave no result."""
    if run.status == "timeout":
        return rejection("file.timeout", count=limits.timeout_s)
    if run.status in ("corrupt", "denied", "unconfined"):
        detail = str(run.header.get("detail", ""))
        if run.status != "corrupt":
            log.error("import worker could not run the job (%s): %s", run.status, detail)
        return rejection("file.corrupt", detail="detail.worker", error=detail)
    # "memory", or the worker died (a native allocation failure aborts the process).
    return rejection("file.memory", limit=f"{limits.max_memory_mb} MB")


def import_isolated(
    source: Source,
    *,
    filename: str | None = None,
    reference: Reference | None = None,
    limits: Limits | None = None,
    mappings: Sequence[ColumnMapping] = (),
) -> ImportResult:
    """Import a workbook like :func:`~lebak_dash.ingest.importer.import_workbook`, in the isolated worker.

    Parameters
    ----------
    source : bytes or path-like
    filename : str, optional
    reference : Reference, optional
    limits : Limits, optional
        ``max_memory_mb`` and ``timeout_s`` bound the worker.
    mappings : sequence of ColumnMapping
        Column mappings in priority order (see :func:`~lebak_dash.ingest.importer.import_workbook`).

    Returns
    -------
    ImportResult
        The worker's result, or a rejection (``file.memory``, ``file.timeout``, ``file.corrupt``)
        when the worker ran out of memory or time, or died.
    """
    limits = limits or Limits.from_env()
    reference = reference or load_reference()
    if isinstance(source, (str, Path)):
        try:
            data = Path(source).read_bytes()
        except OSError:
            return import_workbook(source, filename=filename, reference=reference, limits=limits)
        filename = filename or Path(source).name
    else:
        data = bytes(source)
    if len(data) > limits.max_file_bytes:  # refuse before paying for a worker (no byte is parsed)
        return import_workbook(data, filename=filename, reference=reference, limits=limits, mappings=mappings)
    job = {
        "task": "import",
        "data": data,
        "filename": filename,
        "reference": reference,
        "limits": limits,
        "mappings": tuple(mappings),
    }
    run = IMPORT_WORKER.run(job, max_memory_mb=limits.max_memory_mb, timeout_s=limits.timeout_s)
    if run.status != "ok":
        return failure_result(run, limits)
    try:
        return result_from_ipc(run.payload)
    except (ValueError, KeyError, OSError) as exc:
        return rejection("file.corrupt", detail="detail.worker", error=type(exc).__name__)


def import_in_worker(
    data: bytes,
    *,
    filename: str | None,
    reference: Reference,
    limits: Limits | None = None,
    mappings: Sequence[ColumnMapping] = (),
) -> ImportResult:
    """Import `data` in the worker, or in process when isolation is off (the test suite's switch)."""
    if default_isolation():
        return import_isolated(data, filename=filename, reference=reference, limits=limits, mappings=mappings)
    return import_workbook(data, filename=filename, reference=reference, limits=limits, mappings=mappings)


def opd_table(data: bytes, *, limits: Limits | None = None) -> pd.DataFrame:
    """Read and check an OPD list (CSV) in the worker, like :func:`~lebak_dash.records.reference.parse_opd_table`.

    Raises
    ------
    ReferenceListError
        When the list cannot be used, or the worker could not read it within its limits
        (``detail.ref_unreadable``).
    """
    limits = limits or Limits.from_env()
    if not default_isolation():
        return parse_opd_table(data)
    if len(data) > limits.max_file_bytes:
        raise ReferenceListError("detail.ref_unreadable", limit=f"{limits.max_file_mb:g} MB")
    job = {"task": "opd_list", "data": bytes(data), "limits": limits}
    run = IMPORT_WORKER.run(job, max_memory_mb=limits.max_memory_mb, timeout_s=limits.timeout_s)
    if run.status == "refused":
        raise ReferenceListError(str(run.header.get("key")), **dict(run.header.get("params") or {}))
    if run.status != "ok":
        log.warning("OPD list not read by the worker: %s %s", run.status, run.header.get("detail", ""))
        raise ReferenceListError("detail.ref_unreadable", limit=f"{limits.max_memory_mb} MB")
    return pd.DataFrame(json.loads(run.payload), columns=list(OPD_COLUMNS))


def boundaries_in_worker(
    data: bytes, filename: str, reference: Reference, *, limits: Limits | None = None
) -> dict[str, Any]:
    """Read and check a kecamatan boundary file in the worker (:func:`~lebak_dash.ingest.boundaries.read_boundaries`).

    Returns
    -------
    dict
        The worker's answer (plain JSON data: coordinates, names, notes).

    Raises
    ------
    BoundaryError
        When the file cannot be used, or the worker could not read it within its limits
        (``detail.boundary_unreadable``).
    """
    limits = limits or Limits.from_env()
    if len(data) > limits.max_boundary_bytes:  # refused before paying for a worker
        raise BoundaryError("detail.boundary_too_big", limit=f"{limits.max_boundary_mb:g} MB")
    if not default_isolation():
        return read_boundaries(bytes(data), filename, reference, limits)
    job = {"task": "boundaries", "data": bytes(data), "filename": filename, "reference": reference, "limits": limits}
    run = IMPORT_WORKER.run(job, max_memory_mb=limits.max_memory_mb, timeout_s=limits.timeout_s)
    if run.status == "refused":
        raise BoundaryError(str(run.header.get("key")), **dict(run.header.get("params") or {}))
    if run.status != "ok":
        log.warning("boundary file not read by the worker: %s %s", run.status, run.header.get("detail", ""))
        raise BoundaryError("detail.boundary_unreadable", limit=f"{limits.max_memory_mb} MB", seconds=limits.timeout_s)
    try:
        answer: dict[str, Any] = json.loads(run.payload)
    except ValueError as exc:
        raise BoundaryError(
            "detail.boundary_unreadable", limit=f"{limits.max_memory_mb} MB", seconds=limits.timeout_s
        ) from exc
    return answer


def kecamatan_table(data: bytes, filename: str | None = None, *, limits: Limits | None = None) -> pd.DataFrame:
    """Read and check a kecamatan list (CSV or workbook) in the worker (see :mod:`lebak_dash.ingest.reflists`).

    Raises
    ------
    ReferenceListError
        When the list cannot be used, or the worker could not read it within its limits
        (``detail.ref_kecamatan_unreadable``).
    """
    limits = limits or Limits.from_env()
    if not default_isolation():
        return read_kecamatan_list(data, filename, limits)
    if len(data) > limits.max_file_bytes:
        raise ReferenceListError("detail.ref_kecamatan_unreadable", limit=f"{limits.max_file_mb:g} MB")
    job = {"task": "kecamatan_list", "data": bytes(data), "filename": filename, "limits": limits}
    run = IMPORT_WORKER.run(job, max_memory_mb=limits.max_memory_mb, timeout_s=limits.timeout_s)
    if run.status == "refused":
        raise ReferenceListError(str(run.header.get("key")), **dict(run.header.get("params") or {}))
    if run.status != "ok":
        log.warning("kecamatan list not read by the worker: %s %s", run.status, run.header.get("detail", ""))
        raise ReferenceListError("detail.ref_kecamatan_unreadable", limit=f"{limits.max_memory_mb} MB")
    table = pd.DataFrame(json.loads(run.payload), columns=list(KECAMATAN_COLUMNS))
    return table.astype({"kode": str, "nama": str, "alias": str, "lat": float, "lon": float, "luas_km2": float})


def probe(folder: Path | str | None = None, port: int | None = None, limits: Limits | None = None) -> dict[str, Any]:
    """Return what a confined worker can see and do (see :mod:`lebak_dash.ingest.worker`'s ``probe``).

    Parameters
    ----------
    folder : path-like, optional
        A folder the worker tries to list, read and write into (e.g. the store).
    port : int, optional
        A port on 127.0.0.1 the worker tries to connect to.
    """
    limits = limits or Limits.from_env()
    job = {"task": "probe", "folder": str(folder) if folder else None, "port": port, "limits": limits}
    run = IMPORT_WORKER.run(job, max_memory_mb=limits.max_memory_mb, timeout_s=max(limits.timeout_s, 30))
    if run.status != "ok":
        raise RuntimeError(f"the worker's probe failed: {run.status} {run.header.get('detail', '')}")
    facts: dict[str, Any] = json.loads(run.payload)
    return facts
