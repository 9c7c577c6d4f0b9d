"""Gaps are shown, never dropped: rows with a name but no OPD or no stage are accepted and counted.

A sheet with no OPD column (and not named after an OPD), or no stage column in either model, is
reported once (``sheet.column_absent``); where the column exists, each accepted row that leaves it
empty gets a row warning. The rows are counted under
:data:`~lebak_dash.records.schema.NO_OPD` / :data:`~lebak_dash.records.schema.NO_STAGE`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from lebak_dash.ingest.rules import RowIssues
from lebak_dash.records.schema import COLUMN_BY_KEY, NO_OPD, NO_STAGE

_STAGE_KEYS = ("tahapan", "tahapan_iid")


def gaps(
    clean: pd.DataFrame,
    sheet_keys: Mapping[str, set[str]],
    header_rows: Mapping[str, int],
    accepted: pd.Series,
    issues: RowIssues,
) -> None:
    """Report absent OPD and stage columns once per sheet, and empty cells of existing ones per row.

    Parameters
    ----------
    clean : pandas.DataFrame
        Cleaned text (``opd``, ``tahapan``, ``tahapan_iid``).
    sheet_keys : mapping
        Sheet name to the contract keys its header holds (``opd`` included for a sheet named after one).
    header_rows : mapping
        Sheet name to the Excel row of its header.
    accepted : pandas.Series
        The rows that become records (only they get row warnings).
    issues : RowIssues
    """
    stage_header = " / ".join(COLUMN_BY_KEY[k].header for k in _STAGE_KEYS)
    for sheet, keys in sheet_keys.items():
        if "opd" not in keys:
            issues.sheet("sheet.column_absent", "warning", sheet, header_rows[sheet], column="OPD", label=NO_OPD)
        if not keys & set(_STAGE_KEYS):
            issues.sheet(
                "sheet.column_absent", "warning", sheet, header_rows[sheet], column=stage_header, label=NO_STAGE
            )
    sheet_of = issues.sheets_of()
    with_opd = sheet_of.isin([s for s, keys in sheet_keys.items() if "opd" in keys])
    no_opd = accepted & with_opd & clean["opd"].isna()
    issues.add_rows("row.opd_empty", "warning", no_opd, "opd", clean["opd"], lambda _v: {"label": NO_OPD})
    no_stage = accepted & clean["tahapan"].isna() & clean["tahapan_iid"].isna()
    for key in _STAGE_KEYS:
        # The warning names the sheet's stage column (the 5D one when it has both).
        first_key_sheets = [
            s for s, keys in sheet_keys.items() if key in keys and (key == "tahapan" or "tahapan" not in keys)
        ]
        here = no_stage & sheet_of.isin(first_key_sheets)
        issues.add_rows("row.stage_empty", "warning", here, key, clean[key], lambda _v: {"label": NO_STAGE})
