"""What an import produces: records, issues and the sheets read or skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from lebak_dash.i18n import render

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Issue:
    """One finding of the importer, located as precisely as the file allows.

    Attributes
    ----------
    code : str
        Message key (``row.stage_unknown``...), stable for programs and tests.
    severity : {"error", "warning", "info"}
        ``error`` means the row (or, with no row, the file) was not imported.
    sheet : str or None
        Sheet name; None for the file as a whole.
    row : int or None
        Row number as Excel shows it (1-based).
    column : str or None
        The column's header as written in the file.
    letter : str or None
        The column's Excel letter (``E``).
    params : tuple of (str, object)
        Values for the message's placeholders.
    """

    code: str
    severity: Severity
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    letter: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str = "id") -> str:
        """Return the message in `lang` (Indonesian by default)."""
        return render(self.code, lang, dict(self.params))

    def to_dict(self, lang: str = "id") -> dict[str, object]:
        """Return the issue as a JSON-ready dict (``sheet, row, column, severity, message``)."""
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "column_letter": self.letter,
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
        }


@dataclass(frozen=True)
class SkippedSheet:
    """A sheet that was not read as data, and why.

    Attributes
    ----------
    name : str
        Sheet name.
    code : str
        Reason key (``sheet.empty``, ``sheet.no_header``...).
    params : tuple of (str, object)
        Values for the reason's placeholders.
    """

    name: str
    code: str
    params: tuple[tuple[str, object], ...] = ()

    def reason(self, lang: str = "id") -> str:
        """Return the reason in `lang` (Indonesian by default)."""
        return render(self.code, lang, dict(self.params))


@dataclass(frozen=True)
class SheetInfo:
    """A data sheet that was read.

    Attributes
    ----------
    name : str
    header_row : int
        Excel row number of the header row.
    data_rows : int
        Non-empty rows below the header.
    columns : dict
        Column key (or extra header) to the header as written.
    opd_from_name : str or None
        The OPD every row belongs to, for a one-sheet-per-OPD sheet.
    """

    name: str
    header_row: int
    data_rows: int
    columns: dict[str, str]
    opd_from_name: str | None = None


@dataclass
class ImportResult:
    """Everything the importer found in one file.

    Attributes
    ----------
    ok : bool
        False when the file was rejected as a whole; ``issues`` then says why.
    records : pandas.DataFrame
        One row per accepted innovation, canonical columns first (see
        :data:`lebak_dash.records.schema.RECORD_KEYS`), then ``opd_dikenal``, the source sheet and row,
        then the workbook's extra columns. ``kecamatan`` holds a tuple of names.
    issues : list of Issue
    sheets : list of SheetInfo
        Data sheets read.
    skipped_sheets : list of SkippedSheet
        Every sheet that was not read as data, with the reason.
    extra_columns : list of str
        Headers of columns kept aside (not in the contract).
    format : str
        ``xlsx``, ``xls``, ``ods`` or ``csv`` (empty when unreadable).
    rejected_rows : int
        Rows not imported because of an error.
    """

    ok: bool
    records: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)
    sheets: list[SheetInfo] = field(default_factory=list)
    skipped_sheets: list[SkippedSheet] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    format: str = ""
    rejected_rows: int = 0

    @property
    def errors(self) -> list[Issue]:
        """Return the issues of severity ``error``."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        """Return the issues of severity ``warning``."""
        return [i for i in self.issues if i.severity == "warning"]

    def issues_frame(self, lang: str = "id") -> pd.DataFrame:
        """Return the issues as a table (sheet, row, column, severity, message)."""
        columns = ["sheet", "row", "column", "column_letter", "severity", "code", "message"]
        return pd.DataFrame([i.to_dict(lang) for i in self.issues], columns=columns)
