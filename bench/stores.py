"""Data stores for the dashboard benchmarks: N innovations shaped like the sample.

The sample's 480 records are repeated (with unique codes and names) to N rows, so the
distributions a page groups by (61 OPDs, 28 kecamatan and their lists, 9 years, 5 stages) stay
realistic at any size. Stores are built once under ``bench/_work/store_<N>/`` and reused.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lebak_dash.config import SAMPLE_WORKBOOK  # noqa: E402
from lebak_dash.exports.tables import records_to_xlsx  # noqa: E402
from lebak_dash.ingest.importer import import_workbook  # noqa: E402
from lebak_dash.records.schema import STAGES  # noqa: E402
from lebak_dash.store import Store  # noqa: E402

WORK = Path(__file__).resolve().parent / "_work"


def records(rows: int, variant: int = 0) -> pd.DataFrame:
    """Return `rows` records shaped like the sample; `variant` 1 moves a tenth of them one stage on."""
    base = import_workbook(SAMPLE_WORKBOOK).records
    copies = -(-rows // len(base))
    frame = pd.concat([base] * copies, ignore_index=True).iloc[:rows].copy()
    frame["kode"] = [f"B-{i:06d}" for i in range(len(frame))]
    frame["nama"] = frame["nama"].astype(str) + " #" + frame.index.astype(str)
    if variant:
        moved = frame.index % 10 == 0
        order = {s: STAGES[min(i + 1, len(STAGES) - 1)] for i, s in enumerate(STAGES)}
        frame.loc[moved, "tahapan"] = frame.loc[moved, "tahapan"].map(order)
    return frame


def workbook(rows: int, variant: int = 0) -> Path:
    """Return the path of an xlsx workbook of :func:`records`, writing it if needed."""
    path = WORK / f"dashboard_{rows}_v{variant}.xlsx"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(records_to_xlsx(records(rows, variant)))
    return path


def store(rows: int) -> Path:
    """Return the folder of a store whose active version has `rows` innovations."""
    folder = WORK / f"store_{rows}"
    if (folder / "catalog.sqlite").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    opened = Store.open(folder)
    path = workbook(rows)
    opened.add_version(opened.check(path.read_bytes(), path.name, isolated=False), by="bench")
    return folder


def copy_store(rows: int, target: Path) -> Path:
    """Copy the store of `rows` innovations to `target` (a test may add versions to its copy)."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(store(rows), target)
    return target


if __name__ == "__main__":
    for n in (1000, 10_000, 100_000):
        print(store(n))
