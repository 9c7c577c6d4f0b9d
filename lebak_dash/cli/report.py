"""The import report: one JSON schema for ``check --json`` and ``import --json``, and its readable form.

Every report has every key of :data:`REPORT_KEYS`, in that order; a key that does not apply is
``null`` (the stored version's fields for ``check``, or for an ``import`` that stored nothing).
README.md ("Command line") documents the schema for the people who script against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lebak_dash.analysis.aggregate import count_per_kecamatan
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.records.counts import import_counts
from lebak_dash.records.diff import Diff
from lebak_dash.records.mapping import ColumnMapping
from lebak_dash.records.model import ImportResult, Issue
from lebak_dash.records.reference import Reference
from lebak_dash.store import Candidate, Version

#: The report's keys, in the order they are printed.
REPORT_KEYS = (
    # the file and how it was read (check and import)
    "ok",
    "filename",
    "format",
    "size",
    "sha256",
    "reference_version",
    "records",
    "rejected_rows",
    "rejected",
    "duplicate_rows",
    "skipped_rows",
    "errors",
    "warnings",
    "sheets",
    "skipped_sheets",
    "mappings",
    "stage_map",
    "per_stage",
    "per_stage_iid",
    "per_opd",
    "per_urusan",
    "per_kecamatan",
    "issues",
    "duplicate_of",
    # the stored version (import only; null otherwise)
    "version",
    "previous",
    "diff",
    "uploaded_by",
    "uploaded_at",
    "note",
    "kind",
    "active",
)
#: Issues listed in the readable summary (the JSON lists all).
_SHOWN_ISSUES = 25


@dataclass(frozen=True)
class FileRead:
    """A file as the importer read it: what a report describes.

    Attributes
    ----------
    filename : str
    result : ImportResult
    reference : Reference
        The reference tables the file was read with (names in ``per_opd``/``per_kecamatan``).
    size : int or None
        Bytes (None when the file could not be read).
    sha256 : str or None
    reference_version : int or None
        The store's OPD list the file was read with (None: the bundled list).
    duplicate_of : tuple of int
        Stored versions holding the same bytes.
    stage_map : int or None
        The store's stage map applied to the records (None: off).
    """

    filename: str
    result: ImportResult
    reference: Reference
    size: int | None = None
    sha256: str | None = None
    reference_version: int | None = None
    duplicate_of: tuple[int, ...] = ()
    stage_map: int | None = None

    @classmethod
    def of(cls, candidate: Candidate, reference: Reference) -> FileRead:
        """Return what a report says of a store's checked file (read with `reference`)."""
        return cls(
            candidate.filename,
            candidate.result,
            reference,
            len(candidate.data),
            candidate.sha256,
            candidate.reference_version,
            candidate.duplicate_of,
            candidate.stage_map,
        )


def _mappings(result: ImportResult, stored: tuple[ColumnMapping, ...]) -> list[dict[str, Any]]:
    """Return the mappings given or applied, numbered as stored (an explicit one gets its number once saved)."""
    numbers = {m.sha256: m.number for m in stored}
    uses = [use.to_dict() | {"number": numbers.get(use.mapping.sha256, use.mapping.number)} for use in result.mappings]
    return uses


def report_dict(
    read: FileRead,
    lang: str = "id",
    *,
    stored: Version | None = None,
    previous: int | None = None,
    diff: Diff | None = None,
    stored_mappings: tuple[ColumnMapping, ...] = (),
) -> dict[str, Any]:
    """Return the JSON report of an import (the one schema of ``check --json`` and ``import --json``).

    Parameters
    ----------
    read : FileRead
    lang : {"id", "en"}
        Language of the messages and reasons.
    stored : Version, optional
        The version ``import`` stored (its fields fill the storage keys; ``ok`` then means stored).
    previous : int, optional
        The version active before the import.
    diff : Diff, optional
        What the import changed against `previous`.
    stored_mappings : tuple of ColumnMapping
        The column mappings the stored version was read with (their numbers fill ``mappings``).

    Returns
    -------
    dict
        Every key of :data:`REPORT_KEYS`.
    """
    result, records = read.result, read.result.records
    counts = import_counts(records)
    per_kecamatan = count_per_kecamatan(records, read.reference) if len(records) else {}
    report: dict[str, Any] = {
        "ok": result.ok,
        "filename": read.filename,
        "format": result.format,
        "size": read.size,
        "sha256": read.sha256,
        "reference_version": read.reference_version,
        "records": len(records),
        "rejected_rows": result.rejected_rows,
        "rejected": result.rejected_rows,
        "duplicate_rows": result.duplicate_rows,
        "skipped_rows": result.skipped_rows,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "sheets": [s.name for s in result.sheets],
        "skipped_sheets": [{"sheet": s.name, "reason": s.reason(lang)} for s in result.skipped_sheets],
        "mappings": _mappings(result, stored_mappings),
        "stage_map": read.stage_map,
        **counts,
        "per_kecamatan": {str(k): int(v) for k, v in per_kecamatan.items()},
        "issues": [issue.to_dict(lang) for issue in result.issues],
        "duplicate_of": list(read.duplicate_of),
        **dict.fromkeys(REPORT_KEYS[REPORT_KEYS.index("version") :]),
    }
    if stored is not None:
        fields = stored.to_dict()
        report.update({k: fields[k] for k in REPORT_KEYS if k in fields and k != "ok"})
        report.update(previous=previous, diff=None if diff is None else diff.summary())
    return report


def missing_file_report(path: str, lang: str = "id") -> dict[str, Any]:
    """Return the report of a file that could not be read: not ok, one error, nothing counted."""
    issue = Issue("cli.file_missing", "error", params=(("path", path),))
    report: dict[str, Any] = dict.fromkeys(REPORT_KEYS)
    report.update(
        ok=False,
        filename=path,
        records=0,
        rejected_rows=0,
        rejected=0,
        duplicate_rows=0,
        skipped_rows=0,
        errors=1,
        warnings=0,
        sheets=[],
        skipped_sheets=[],
        mappings=[],
        per_stage={},
        per_stage_iid={},
        per_opd={},
        per_urusan={},
        per_kecamatan={},
        issues=[issue.to_dict(lang)],
        duplicate_of=[],
    )
    return report


def _location(issue: Issue, lang: str) -> str:
    parts = []
    if issue.sheet is not None and issue.row is not None:
        parts.append(t("loc.sheet_row", lang, sheet=issue.sheet, row=issue.row))
    elif issue.sheet is not None:
        parts.append(t("loc.sheet", lang, sheet=issue.sheet))
    else:
        parts.append(t("loc.file", lang))
    if issue.column:
        parts.append(t("loc.column", lang, letter=issue.letter or "", column=issue.column).replace("  ", " "))
    return ", ".join(parts)


def _table_lines(title: str, table: dict[str, int], lang: str) -> list[str]:
    width = max((len(str(k)) for k in table), default=0)
    return ["", title, *(f"  {k:<{width}}  {fmt_int(v, lang):>7}" for k, v in table.items())]


def format_summary(read: FileRead, lang: str = "id") -> str:
    """Return the readable summary of an import (what ``check`` and ``import`` print without ``--json``)."""
    result = read.result
    report = report_dict(read, lang)
    lines = [f"{read.filename} ({result.format or '?'})"]
    if result.ok:
        sheets = ", ".join(s.name for s in result.sheets)
        lines.append(t("cli.summary_ok", lang, count=len(result.records), sheets=sheets))
    else:
        lines.append(t("cli.summary_rejected", lang))
    lines.append(t("cli.rejected_rows", lang, count=result.rejected_rows))
    for skipped in result.skipped_sheets:
        lines.append(t("cli.skipped", lang, sheet=skipped.name, reason=skipped.reason(lang)))
    for use in result.mappings_used:
        lines.append(t("cli.mapping_used", lang, mapping=use.mapping.label(), sheets=", ".join(use.sheets)))
    if read.stage_map is not None:
        lines.append(t("cli.stage_map_applied", lang, number=read.stage_map))
    if result.ok:
        for key in ("per_stage", "per_stage_iid", "per_opd", "per_urusan", "per_kecamatan"):
            if report[key]:
                lines += _table_lines(t(f"cli.{key}", lang), report[key], lang)
    if result.issues:
        lines.append("")
        lines.append(t("cli.issues", lang, count=len(result.issues)))
        for issue in result.issues[:_SHOWN_ISSUES]:
            severity = t(f"severity.{issue.severity}", lang)
            lines.append(f"  [{severity}] {_location(issue, lang)}: {issue.message(lang)}")
        if len(result.issues) > _SHOWN_ISSUES:
            lines.append("  " + t("cli.issues_more", lang, count=len(result.issues) - _SHOWN_ISSUES))
    return "\n".join(lines)
