"""The records cache: a workbook's records and issues as read with one OPD list, in Arrow IPC files.

``cache/<workbook sha256>.<reference key>.arrow`` and ``....issues.arrow``. The cache is
disposable: a missing or unreadable file is rebuilt from the original bytes, and a failed write
only costs that rebuild later. Deleting ``cache/`` loses nothing.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pyarrow as pa

from lebak_dash.ingest.resultio import issues_table, records_table, result_from_tables
from lebak_dash.records.model import ImportResult
from lebak_dash.store.files import write_atomic

log = logging.getLogger(__name__)


def _read_arrow(path: Path) -> pa.Table:
    """Read a whole Arrow IPC file (memory-mapped: no decoding step, unlike parquet)."""
    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_file(source).read_all()


def _write_arrow(table: pa.Table, handle: io.BufferedWriter) -> None:
    """Write `table` as an Arrow IPC file, LZ4-compressed (a third of the size, read as fast)."""
    options = pa.ipc.IpcWriteOptions(compression="lz4")
    with pa.ipc.new_file(handle, table.schema, options=options) as writer:
        writer.write_table(table)


class RecordsCache:
    """The ``cache/`` folder of a store.

    Parameters
    ----------
    folder : Path
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def paths(self, sha: str, ref_key: str) -> tuple[Path, Path]:
        """Return the records file and the issues file of workbook `sha` read with OPD list `ref_key`."""
        stem = self.folder / f"{sha}.{ref_key}"
        return stem.with_name(stem.name + ".arrow"), stem.with_name(stem.name + ".issues.arrow")

    def write(self, sha: str, ref_key: str, result: ImportResult) -> None:
        """Write the records and issues; a failure only costs a rebuild later, so it is logged."""
        records_path, issues_path = self.paths(sha, ref_key)
        try:
            write_atomic(issues_path, lambda fh: _write_arrow(issues_table(result.issues), fh), "cache_issues")
            write_atomic(records_path, lambda fh: _write_arrow(records_table(result), fh), "cache")
        except OSError as exc:
            log.warning("records cache not written (%s): %s", records_path.name, exc)

    def read(self, sha: str, ref_key: str, with_issues: bool) -> ImportResult:
        """Return the cached result (issues left out unless `with_issues`).

        Raises
        ------
        FileNotFoundError
            When nothing is cached for the pair; any other error means an unreadable file.
        """
        records_path, issues_path = self.paths(sha, ref_key)
        issues = _read_arrow(issues_path) if with_issues else None
        return result_from_tables(_read_arrow(records_path), issues)
