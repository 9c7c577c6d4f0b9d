"""The stage rule: two stage models side by side, each cell read per value.

A stage cell (``Tahapan 5D``, ``Tahapan``, IID's ``Tahapan Inovasi``) holds a 5D stage or an IID
stage: a 5D value fills the record's ``tahapan``, an IID value its ``tahapan_iid``. A dedicated
``Tahapan IID`` column fills ``tahapan_iid`` too (and wins when both name one). An empty stage is a
gap (:mod:`lebak_dash.ingest.gaps`); anything else rejects the row, with the nearest stage suggested.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lebak_dash.i18n import t
from lebak_dash.ingest.rules import RowIssues, map_unique, map_unique_fields
from lebak_dash.records.schema import STAGES
from lebak_dash.records.values import parse_iid_stage, parse_stage, suggest_stage


@dataclass(frozen=True)
class StageValues:
    """What the stage rule found.

    Attributes
    ----------
    tahapan : pandas.Series
        5D stage or None.
    tahapan_iid : pandas.Series
        IID stage or None.
    bad : pandas.Series
        Rows rejected for a stage in neither model.
    """

    tahapan: pd.Series
    tahapan_iid: pd.Series
    bad: pd.Series


def _read_cell(text: str) -> tuple[str | None, str | None, int | None]:
    """Return (5D stage, IID stage, conflicting number) of one stage cell."""
    result = parse_stage(text)
    if result.stage is not None or result.conflict_number is not None:
        return result.stage, None, result.conflict_number
    return None, parse_iid_stage(text), None


def _hint(value: str) -> str:
    nearest = suggest_stage(value)
    return t("hint.maybe", "id", names=nearest) if nearest else ""


def stages(clean: pd.DataFrame, issues: RowIssues) -> StageValues:
    """Read the stage cells into the 5D and IID models; reject a stage in neither.

    Parameters
    ----------
    clean : pandas.DataFrame
        Cleaned text, with ``tahapan`` and ``tahapan_iid``.
    issues : RowIssues

    Returns
    -------
    StageValues
    """
    text, iid_text = clean["tahapan"], clean["tahapan_iid"]
    five_d, iid_in_cell, conflict = map_unique_fields(text, _read_cell, 3)
    unknown = text.notna() & five_d.isna() & iid_in_cell.isna()

    def conflict_params(v: str) -> dict[str, object]:
        number = parse_stage(v).conflict_number or 0
        return {"value": v, "number": number, "stage": STAGES[number - 1]}

    issues.add_rows("row.stage_conflict", "error", unknown & conflict.notna(), "tahapan", text, conflict_params)
    issues.add_rows(
        "row.stage_unknown",
        "error",
        unknown & conflict.isna(),
        "tahapan",
        text,
        lambda v: {"value": v, "hint": _hint(v)},
    )
    iid_column = map_unique(iid_text, parse_iid_stage)
    iid_unknown = iid_text.notna() & iid_column.isna()
    issues.add_rows(
        "row.stage_unknown", "error", iid_unknown, "tahapan_iid", iid_text, lambda v: {"value": v, "hint": _hint(v)}
    )
    differs = iid_column.notna() & iid_in_cell.notna() & iid_column.ne(iid_in_cell).fillna(False).astype(bool)
    issues.add_rows(
        "row.stage_iid_differs",
        "warning",
        differs & ~unknown,
        "tahapan_iid",
        iid_column,
        lambda v: {"value": v},
    )
    iid = iid_column.where(iid_column.notna(), iid_in_cell)
    return StageValues(five_d, iid, unknown | iid_unknown)
