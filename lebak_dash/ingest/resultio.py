"""An :class:`~lebak_dash.records.model.ImportResult` as Arrow tables, and back, exactly.

Two users: the store's records cache (Arrow IPC files) and the import sandbox, whose child process
sends its result to the parent as Arrow IPC bytes. Arrow rather than pickle, so that a child that
parsed a hostile file can hand back data but never code.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lebak_dash.records.model import ImportResult, Issue, MappingUse, SheetInfo, SheetPreview, SkippedSheet

# 2: issue parameters are data (counts as ``count``, the reader's details as ``detail.*`` keys); an
# older cache is rebuilt from the original file.
# 3: the IID columns (tahapan_iid categorical, coordinates, dates, kematangan, tahapan_turunan), the
# row counts, the column mappings used and the sheet previews.
FORMAT_VERSION = 3
_META_KEY = b"lebak_dash"
_SEPARATOR = "\x00"


def issues_table(issues: list[Issue]) -> pa.Table:
    """Return the issues as an Arrow table (parameters as JSON)."""
    return pa.table(
        {
            "code": pa.array([i.code for i in issues], pa.string()),
            "severity": pa.array([i.severity for i in issues], pa.string()),
            "sheet": pa.array([i.sheet for i in issues], pa.string()),
            "row": pa.array([i.row for i in issues], pa.int64()),
            "column": pa.array([i.column for i in issues], pa.string()),
            "letter": pa.array([i.letter for i in issues], pa.string()),
            "params": pa.array([json.dumps(i.params, ensure_ascii=False, default=str) for i in issues], pa.string()),
        }
    )


def issues_from_table(table: pa.Table) -> list[Issue]:
    """Return the issues of :func:`issues_table`."""
    issues = []
    for row in table.to_pylist():
        params = tuple((str(k), v) for k, v in json.loads(row["params"]))
        issues.append(
            Issue(row["code"], row["severity"], row["sheet"], row["row"], row["column"], row["letter"], params)
        )
    return issues


def records_table(result: ImportResult) -> pa.Table:
    """Return the records as an Arrow table, with the metadata needed to restore the result exactly."""
    records = result.records
    table = pa.Table.from_pandas(records.drop(columns=["kecamatan"]), preserve_index=False)
    kecamatan = pa.array(records["kecamatan"].map(list).tolist(), type=pa.list_(pa.string()))
    table = table.add_column(list(records.columns).index("kecamatan"), "kecamatan", kecamatan)
    dtypes: dict[str, object] = {}
    for name, dtype in records.dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype):
            dtypes[str(name)] = {
                "category": [None if pd.isna(c) else c for c in dtype.categories.tolist()],
                "ordered": bool(dtype.ordered),
            }
        else:
            dtypes[str(name)] = str(dtype)
    meta = {
        "format_version": FORMAT_VERSION,
        "columns": [str(c) for c in records.columns],
        "dtypes": dtypes,
        "ok": result.ok,
        "format": result.format,
        "rejected_rows": result.rejected_rows,
        "data_rows": result.data_rows,
        "duplicate_rows": result.duplicate_rows,
        "skipped_rows": result.skipped_rows,
        "mappings": [m.to_dict() for m in result.mappings],
        "previews": [p.to_dict() for p in result.previews],
        "extra_columns": list(result.extra_columns),
        "skipped_sheets": [[s.name, s.code, dict(s.params)] for s in result.skipped_sheets],
        "sheets": [asdict(s) for s in result.sheets],
        "issues": len(result.issues),
    }
    metadata = dict(table.schema.metadata or {})
    metadata[_META_KEY] = json.dumps(meta, ensure_ascii=False, default=str).encode()
    return table.replace_schema_metadata(metadata)


def _tuples(column: pa.ChunkedArray) -> np.ndarray:
    """Return a list<string> column as an object array of tuples, converting each distinct list once.

    Kecamatan lists repeat a lot (a few hundred distinct ones in 100,000 records), so the lists are
    joined in Arrow, dictionary-encoded, and only the dictionary is turned into Python tuples.
    """
    flat = pc.list_flatten(column)
    if len(flat) and pc.any(pc.match_substring(flat, _SEPARATOR)).as_py():  # cleaned text never holds NUL
        slow = np.empty(len(column), dtype=object)
        for i, names in enumerate(column.to_pylist()):
            slow[i] = tuple(names or ())
        return slow
    encoded = pc.binary_join(column, _SEPARATOR).combine_chunks().dictionary_encode()
    lookup = np.empty(len(encoded.dictionary) + 1, dtype=object)
    for i, text in enumerate(encoded.dictionary.to_pylist()):
        lookup[i] = tuple(text.split(_SEPARATOR)) if text else ()
    lookup[-1] = ()  # a null list (never written) reads as no kecamatan
    indices = encoded.indices.fill_null(len(lookup) - 1).to_numpy(zero_copy_only=False)
    return lookup[indices]


def records_from_table(table: pa.Table) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Return the records frame and the metadata of :func:`records_table`."""
    meta = json.loads(table.schema.metadata[_META_KEY])
    if meta.get("format_version") != FORMAT_VERSION:
        raise ValueError("records table format")
    kecamatan = _tuples(table.column("kecamatan"))
    others = [name for name in meta["columns"] if name != "kecamatan"]
    frame = table.select(others).to_pandas(use_threads=table.num_rows > 50_000)
    # The dtypes read once (a column lookup costs more than the whole conversion of a small table)
    # and only the columns that Arrow did not bring back as written are converted.
    current = dict(zip(frame.columns, frame.dtypes, strict=True))
    for name, dtype in meta["dtypes"].items():
        if name == "kecamatan":
            continue
        if isinstance(dtype, dict):
            if not _same_categories(current[name], dtype):
                categories = pd.Index(dtype["category"], dtype=None if dtype["category"] else "str")
                if isinstance(current[name], pd.CategoricalDtype):  # recode by value, no round trip through objects
                    frame[name] = frame[name].cat.set_categories(categories, ordered=dtype["ordered"])
                else:
                    wanted = pd.CategoricalDtype(categories, ordered=dtype["ordered"])
                    frame[name] = pd.Categorical(frame[name].astype(object), dtype=wanted)
        elif str(current[name]) != dtype:
            frame[name] = frame[name].astype(dtype)
    frame.insert(meta["columns"].index("kecamatan"), "kecamatan", pd.Series(kecamatan, index=frame.index, dtype=object))
    return frame, meta


def _same_categories(current: object, written: dict[str, Any]) -> bool:
    """Return whether Arrow's dictionary came back as the categorical written (it usually does)."""
    return (
        isinstance(current, pd.CategoricalDtype)
        and current.ordered == written["ordered"]
        and current.categories.tolist() == written["category"]
        and (len(written["category"]) > 0 or current.categories.dtype == "str")
    )


def result_from_tables(records: pa.Table, issues: pa.Table | None) -> ImportResult:
    """Return the :class:`ImportResult` of :func:`records_table` and :func:`issues_table`.

    With `issues` None the result carries no issues (a cheaper load for the pages).
    """
    frame, meta = records_from_table(records)
    found = issues_from_table(issues) if issues is not None else []
    if issues is not None and len(found) != meta["issues"]:
        raise ValueError("issues do not match their records")
    return ImportResult(
        ok=bool(meta["ok"]),
        records=frame,
        issues=found,
        sheets=[SheetInfo(**s) for s in meta["sheets"]],
        skipped_sheets=[SkippedSheet(name, code, tuple(kw.items())) for name, code, kw in meta["skipped_sheets"]],
        extra_columns=list(meta["extra_columns"]),
        format=str(meta["format"]),
        rejected_rows=int(meta["rejected_rows"]),
        data_rows=int(meta["data_rows"]),
        duplicate_rows=int(meta["duplicate_rows"]),
        skipped_rows=int(meta["skipped_rows"]),
        mappings=[MappingUse.from_dict(m) for m in meta["mappings"]],
        previews=[SheetPreview.from_dict(p) for p in meta["previews"]],
    )


def result_to_ipc(result: ImportResult) -> bytes:
    """Return `result` as bytes: two Arrow IPC streams (records, issues), each length-prefixed."""
    out = io.BytesIO()
    for table in (records_table(result), issues_table(result.issues)):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        data = sink.getvalue().to_pybytes()
        out.write(len(data).to_bytes(8, "little"))
        out.write(data)
    return out.getvalue()


def result_from_ipc(data: bytes) -> ImportResult:
    """Return the :class:`ImportResult` of :func:`result_to_ipc` bytes."""
    tables = []
    offset = 0
    for _ in range(2):
        size = int.from_bytes(data[offset : offset + 8], "little")
        offset += 8
        tables.append(pa.ipc.open_stream(pa.py_buffer(data[offset : offset + size])).read_all())
        offset += size
    if offset != len(data):
        raise ValueError("trailing bytes after the result")
    return result_from_tables(tables[0], tables[1])
