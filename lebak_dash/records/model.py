"""What an import produces: records, issues and the sheets read or skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from lebak_dash.i18n import render
from lebak_dash.records.mapping import ColumnMapping

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


@dataclass(frozen=True)
class MappingUse:
    """A column mapping and the sheets it was applied to.

    Attributes
    ----------
    mapping : ColumnMapping
    sheets : tuple of str
        The sheets whose header it matched (empty: it matched none).
    """

    mapping: ColumnMapping
    sheets: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """Return the use as a JSON-ready dict (``number``, ``explicit``, ``columns``, ``sheets``)."""
        return {
            "number": self.mapping.number,
            "explicit": self.mapping.explicit,
            "columns": dict(self.mapping.columns),
            "sheets": list(self.sheets),
        }

    @classmethod
    def from_dict(cls, data: dict) -> MappingUse:
        """Return the use of :meth:`to_dict`."""
        columns = tuple((str(h), k) for h, k in data["columns"].items())
        mapping = ColumnMapping(columns, data.get("number"), bool(data.get("explicit")))
        return cls(mapping, tuple(data["sheets"]))


@dataclass(frozen=True)
class ColumnPreview:
    """One column of a sheet, as the column-mapping screen shows it.

    Attributes
    ----------
    letter : str
        Excel letter.
    header : str
        The header as written ("" when the column has none).
    key : str or None
        The contract key it is read as now (None: kept aside, or not read).
    samples : tuple of str
        Up to three values from the rows below the header.
    """

    letter: str
    header: str
    key: str | None
    samples: tuple[str, ...]


@dataclass(frozen=True)
class SheetPreview:
    """A sheet's likely header row and its columns, so an editor can say which column is which.

    Attributes
    ----------
    name : str
    header_row : int
        Excel row of the header (for a sheet not read: the fullest of its first rows).
    read : bool
        Whether the sheet was read as data.
    columns : tuple of ColumnPreview
    """

    name: str
    header_row: int
    read: bool
    columns: tuple[ColumnPreview, ...]

    def to_dict(self) -> dict[str, object]:
        """Return the preview as a JSON-ready dict."""
        return {
            "name": self.name,
            "header_row": self.header_row,
            "read": self.read,
            "columns": [[c.letter, c.header, c.key, list(c.samples)] for c in self.columns],
        }

    @classmethod
    def from_dict(cls, data: dict) -> SheetPreview:
        """Return the preview of :meth:`to_dict`."""
        columns = tuple(ColumnPreview(str(a), str(b), c, tuple(d)) for a, b, c, d in data["columns"])
        return cls(str(data["name"]), int(data["header_row"]), bool(data["read"]), columns)


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
    data_rows : int
        Rows below a header that are neither empty nor filled only in a numbering column:
        ``len(records) + rejected_rows + duplicate_rows + skipped_rows``.
    duplicate_rows : int
        Exact repeats of an earlier row, counted once.
    skipped_rows : int
        Rows inside the data that repeat the header row, skipped (each listed as an issue).
    mappings : list of MappingUse
        The column mappings the import was given (explicit first, then the saved ones) and the
        sheets each was applied to.
    previews : list of SheetPreview
        Every non-empty worksheet's likely header and three sample values per column (for the
        column-mapping screen).
    """

    ok: bool
    records: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)
    sheets: list[SheetInfo] = field(default_factory=list)
    skipped_sheets: list[SkippedSheet] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    format: str = ""
    rejected_rows: int = 0
    data_rows: int = 0
    duplicate_rows: int = 0
    skipped_rows: int = 0
    mappings: list[MappingUse] = field(default_factory=list)
    previews: list[SheetPreview] = field(default_factory=list)

    @property
    def mappings_used(self) -> list[MappingUse]:
        """Return the mappings applied to at least one sheet."""
        return [m for m in self.mappings if m.sheets]

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
