"""Tables the Data pages show: the importer's report, what an upload changes, versions and the audit log.

Pure functions of an :class:`~lebak_dash.records.model.ImportResult`, a :class:`~lebak_dash.records.diff.Diff` or
store rows, returning DataFrames with headers in the reader's language; the pages only draw them
(``st.dataframe`` shows every cell as text, so user text in them is never Markdown or HTML). Times
are shown in the dashboard's time zone (:func:`lebak_dash.i18n.formatting.local_time`).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from lebak_dash.i18n import STRINGS, t
from lebak_dash.i18n.formatting import fmt_datetime, local_time
from lebak_dash.records.counts import import_counts
from lebak_dash.records.diff import PER_OPD_COLUMNS, Diff
from lebak_dash.records.model import ImportResult, SheetPreview
from lebak_dash.records.reference import Reference
from lebak_dash.records.schema import COLUMN_BY_KEY, IID_STAGES, NO_OPD, NO_STAGE
from lebak_dash.store import AuditEntry, BoundaryVersion, ReferenceVersion, StageMapVersion, Version

#: Columns of :func:`diff_per_opd_table` that count a change (``sebelum``/``sesudah`` do not).
CHANGE_COLUMNS = tuple(c for c in PER_OPD_COLUMNS if c not in ("sebelum", "sesudah"))


def blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Return `frame` for showing: missing numbers and texts as empty cells, not "None".

    A nullable integer column with a gap becomes text (a table column holds one type), so only
    columns with a gap are touched.

    Examples
    --------
    >>> frame = pd.DataFrame({"row": pd.array([4, None], dtype="Int64"), "text": ["a", None]})
    >>> blank_missing(frame).values.tolist()
    [['4', 'a'], ['', '']]
    """
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if not values.isna().any() or pd.api.types.is_datetime64_any_dtype(values):
            continue
        if pd.api.types.is_integer_dtype(values) or pd.api.types.is_string_dtype(values) or values.dtype == object:
            out[column] = values.astype(object).map(lambda v: "" if v is None or pd.isna(v) else str(v))
    return out


# ------------------------------------------------------------------------------------ report
def report_counts(result: ImportResult) -> dict[str, int]:
    """Return the headline numbers of an import: records, rejected rows, warnings, sheets read/skipped.

    Examples
    --------
    >>> from lebak_dash.records.model import ImportResult
    >>> report_counts(ImportResult(ok=False, records=pd.DataFrame()))["records"]
    0
    """
    return {
        "records": len(result.records),
        "rejected": int(result.rejected_rows),
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "sheets": len(result.sheets),
        "skipped": len(result.skipped_sheets),
    }


def gap_label(name: str, lang: str = "id") -> str:
    """Return a count's label for the screen: the gap labels in the reader's language, names as they are.

    Examples
    --------
    >>> gap_label("OPD belum diisi", "en"), gap_label("Dinkes", "en")
    ('No agency given', 'Dinkes')
    """
    return {NO_OPD: t("dv.no_opd", lang), NO_STAGE: t("dv.no_stage", lang)}.get(name, name)


#: The counts of an import the report shows, in order, with the header of their name column.
COUNT_TABLES: tuple[tuple[str, str], ...] = (
    ("per_stage", "dv.stage_5d"),
    ("per_stage_iid", "dv.stage_iid"),
    ("per_opd", "dv.opd"),
    ("per_urusan", "dv.urusan"),
)


def count_tables(result: ImportResult, lang: str = "id") -> dict[str, pd.DataFrame]:
    """Return the import's counts (:func:`~lebak_dash.records.counts.import_counts`) as tables to show.

    Only the counts with something to count; the gap labels in the reader's language.

    Examples
    --------
    >>> records = pd.DataFrame({"tahapan": [None], "tahapan_iid": ["Penerapan"], "opd": [None],
    ...                         "urusan": ["Kesehatan"]})
    >>> tables = count_tables(ImportResult(ok=True, records=records), "en")
    >>> list(tables), tables["per_opd"].values.tolist()
    (['per_stage_iid', 'per_opd', 'per_urusan'], [['No agency given', 1]])
    """
    counts = import_counts(result.records)
    tables = {}
    for key, header in COUNT_TABLES:
        if counts[key]:
            rows = [(gap_label(name, lang), n) for name, n in counts[key].items()]
            tables[key] = pd.DataFrame(rows, columns=[t(header, lang), t("dv.count", lang)])
    return tables


def mappings_used(result: ImportResult, lang: str = "id") -> pd.DataFrame:
    """Return the column mappings an import was given: which, for which sheets, and how it reads each header."""
    rows = []
    for use in result.mappings:
        name = f"#{use.mapping.number}" if use.mapping.number is not None else t("dv.mapping_this_file", lang)
        columns = ", ".join(f"{header} → {key or t('map.ignore', lang)}" for header, key in use.mapping.columns)
        rows.append((name, ", ".join(use.sheets) or t("dv.mapping_no_sheet", lang), columns))
    return pd.DataFrame(rows, columns=[t(k, lang) for k in ("dv.mapping", "dv.sheets", "dv.mapping_columns")])


def field_label(key: str | None, lang: str = "id") -> str:
    """Return how a contract key is named on the column-mapping screen (``nama · Nama Inovasi``)."""
    if not key:
        return t("map.extra", lang)
    return f"{key} · {COLUMN_BY_KEY[key].header}"


def preview_table(preview: SheetPreview, lang: str = "id") -> pd.DataFrame:
    """Return a sheet's columns as the mapping screen lists them: letter, header, read as, three samples."""
    rows = []
    for column in preview.columns:
        samples = [*column.samples, "", "", ""][:3]
        rows.append((column.letter, column.header, field_label(column.key, lang), *samples))
    keys = ("dv.column", "dv.header", "dv.read_as")
    names = [t(k, lang) for k in keys] + [t("dv.sample", lang, n=n) for n in (1, 2, 3)]
    return pd.DataFrame(rows, columns=names)


def stage_map_table(version: StageMapVersion | None, lang: str = "id") -> pd.DataFrame:
    """Return the stage map in use as a table (IID stage, 5D stage); empty when it is off."""
    pairs = version.stage_map.as_dict() if version is not None else {}
    rows = [(iid, pairs[iid]) for iid in IID_STAGES if iid in pairs]
    return pd.DataFrame(rows, columns=[t("dv.stage_iid", lang), t("dv.stage_5d", lang)])


def stage_map_versions_frame(versions: list[StageMapVersion], lang: str = "id") -> pd.DataFrame:
    """Return every stage map set, newest first, as a table (times in the dashboard's time zone)."""
    rows = [
        (
            v.number,
            v.active,
            local_time(v.created_at).replace(tzinfo=None),
            v.created_by,
            ", ".join(f"{iid} → {stage}" for iid, stage in v.stage_map.pairs),
            v.note,
        )
        for v in reversed(versions)
    ]
    keys = ("referensi.col.version", "hist.active", "dv.set_at", "hist.uploaded_by", "dv.stage_map", "hist.note")
    columns = [t(k, lang, zone=_time_zone_name()) for k in keys]
    frame = pd.DataFrame(rows, columns=columns)
    frame[columns[2]] = pd.to_datetime(frame[columns[2]])
    return frame


def _location_columns(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return sheet, Excel row and column (``E · TAHAP 5D``) of issue rows, as text a reader can use."""
    whole = t("dv.whole_file", lang)
    sheet = frame["sheet"].map(lambda v: whole if v is None or pd.isna(v) else str(v))
    row = pd.array(frame["row"], dtype="Int64")

    def column(letter: object, header: object) -> str:
        parts = [str(v) for v in (letter, header) if v is not None and not pd.isna(v) and str(v)]
        return " · ".join(parts)

    columns = [column(a, b) for a, b in zip(frame["column_letter"], frame["column"], strict=True)]
    return pd.DataFrame(
        {t("dv.sheet", lang): sheet.to_numpy(), t("dv.row", lang): row, t("dv.column", lang): columns},
    )


def issues_table(result: ImportResult, lang: str = "id", *, errors: bool = True) -> pd.DataFrame:
    """Return the importer's issues as a table: sheet, Excel row, column, (severity,) reason.

    Parameters
    ----------
    result : ImportResult
    lang : {"id", "en"}
    errors : bool
        True: the errors (rejected rows, a rejected file); False: the warnings and notes.

    Returns
    -------
    pandas.DataFrame
        In file order (sheet, then row); the warnings table also says each line's severity.

    Examples
    --------
    >>> from lebak_dash.records.model import ImportResult, Issue
    >>> result = ImportResult(ok=True, records=pd.DataFrame(), issues=[
    ...     Issue("row.missing_required", "error", "Data", 10, "Nama", "C", (("column", "Nama"),))])
    >>> issues_table(result).iloc[0].astype(str).tolist()[:3]
    ['Data', '10', 'C · Nama']
    """
    frame = result.issues_frame(lang)
    wanted = frame["severity"] == "error" if errors else frame["severity"] != "error"
    frame = frame[wanted].reset_index(drop=True)
    table = _location_columns(frame, lang)
    if not errors:
        table[t("dv.severity", lang)] = [t(f"severity.{s}", lang) for s in frame["severity"]]
    table[t("dv.reason" if errors else "dv.message", lang)] = frame["message"].to_numpy()
    return table


def unknown_opd_table(records: pd.DataFrame, reference: Reference, lang: str = "id") -> pd.DataFrame:
    """Return the OPD names not in the list: as written, how many innovations, the nearest known names.

    Parameters
    ----------
    records : pandas.DataFrame
        Imported records (``opd``, ``opd_dikenal``).
    reference : Reference
        The OPD list the file was read with (its :meth:`~Reference.suggest_opd` gives the names).
    lang : {"id", "en"}

    Returns
    -------
    pandas.DataFrame
        One row per unknown name, most frequent first.
    """
    columns = [t("dv.opd_written", lang), t("dv.count", lang), t("dv.suggestions", lang)]
    if len(records) == 0 or "opd_dikenal" not in records:
        return pd.DataFrame(columns=columns)
    unknown = records.loc[~records["opd_dikenal"].astype(bool), "opd"].astype(object)
    counts = unknown.value_counts(sort=False)
    rows = [
        (str(name), int(count), ", ".join(reference.suggest_opd(str(name))) or t("dv.no_suggestion", lang))
        for name, count in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    ]
    return pd.DataFrame(rows, columns=columns)


def sheets_table(result: ImportResult, lang: str = "id") -> pd.DataFrame:
    """Return the data sheets read: name, header row, data rows, OPD taken from the sheet name."""
    rows = [(s.name, s.header_row, s.data_rows, s.opd_from_name or "") for s in result.sheets]
    keys = ("dv.sheet", "dv.header_row", "dv.data_rows", "dv.opd_from_name")
    return pd.DataFrame(rows, columns=[t(k, lang) for k in keys])


def skipped_table(result: ImportResult, lang: str = "id") -> pd.DataFrame:
    """Return the sheets not read as data, with the reason."""
    rows = [(s.name, s.reason(lang)) for s in result.skipped_sheets]
    return pd.DataFrame(rows, columns=[t("dv.sheet", lang), t("dv.reason", lang)])


# -------------------------------------------------------------------------------------- diff
def diff_per_opd_table(diff: Diff, lang: str = "id") -> pd.DataFrame:
    """Return the per-OPD counts of `diff` for the OPDs that change, headers in `lang`.

    Examples
    --------
    >>> from lebak_dash.records.diff import diff_records
    >>> old = pd.DataFrame({"kode": ["A"], "nama": ["Satu"], "opd": ["Dinkes"], "tahapan": ["Design"]})
    >>> new = pd.DataFrame({"kode": ["A"], "nama": ["Satu"], "opd": ["Dinkes"], "tahapan": ["Display"]})
    >>> diff_per_opd_table(diff_records(old, new)).iloc[0].astype(str).tolist()
    ['Dinkes', '1', '1', '0', '0', '1', '0', '0', '0']
    """
    frame = diff.per_opd
    changed = frame[list(CHANGE_COLUMNS)].sum(axis=1) > 0
    frame = frame[changed].reset_index(drop=True)
    return frame.rename(columns={"opd": t("dv.opd", lang), **{c: t(f"dv.{c}", lang) for c in PER_OPD_COLUMNS}})


def diff_items_table(items: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Return a list of :class:`Diff` (``added``, ``removed``, ``moved``, ``reassigned``) for showing.

    Stages become plain text, ``maju`` reads yes/no, headers are in `lang`.
    """
    out = items.copy()
    for column in ("tahapan", "dari", "ke"):
        if column in out:
            out[column] = out[column].astype(object).map(lambda v: "" if v is None or pd.isna(v) else str(v))
    if "maju" in out:
        out["maju"] = out["maju"].map(lambda v: t("dv.yes" if v else "dv.no", lang))
    return out.rename(columns={c: t(f"dv.{c}", lang) for c in out.columns})


# ------------------------------------------------------------------------ choices and lists
def version_label(version: Version, lang: str = "id") -> str:
    """Return how a version is named in a choice list (number, file, records, upload time in WIB)."""
    return t(
        "riwayat.option",
        lang,
        number=version.number,
        filename=version.filename,
        count=version.records,
        at=fmt_datetime(version.uploaded_at, lang),
        active=t("riwayat.option_active", lang) if version.active else "",
    )


def reference_label(version: ReferenceVersion | None, lang: str = "id") -> str:
    """Return how an OPD list is named in a choice list (None: the bundled list)."""
    if version is None:
        return t("referensi.option_bundled", lang)
    return t("referensi.option", lang, number=version.number, filename=version.filename, count=version.opd_count) + (
        t("riwayat.option_active", lang) if version.active else ""
    )


def _time_zone_name() -> str:
    """Return the abbreviation of the dashboard's time zone now (``WIB``), for column headers."""
    return local_time(dt.datetime.now(dt.UTC)).tzname() or ""


def versions_frame(versions: list[Version], lang: str = "id") -> pd.DataFrame:
    """Return the versions as a table to show (newest first, times in the dashboard's time zone, headers in `lang`).

    Examples
    --------
    >>> versions_frame([]).columns.tolist()[:3]
    ['Versi', 'Aktif', 'Diunggah (WIB)']
    """
    keys = ("version", "active", "uploaded_at", "uploaded_by", "filename", "records", "rejected", "warnings", "note")
    rows = [
        (
            v.number,
            v.active,
            local_time(v.uploaded_at).replace(tzinfo=None),
            v.uploaded_by,
            v.filename,
            v.records,
            v.rejected,
            v.warnings,
            v.note,
        )
        for v in reversed(versions)
    ]
    columns = [t(f"hist.{k}", lang, zone=_time_zone_name()) for k in keys]
    frame = pd.DataFrame(rows, columns=columns)
    frame[columns[2]] = pd.to_datetime(frame[columns[2]])
    return frame


def audit_frame(entries: list[AuditEntry], lang: str = "id") -> pd.DataFrame:
    """Return audit lines as a table to show (times in the dashboard's time zone, actions named in `lang`)."""
    rows = [
        (
            local_time(e.at).replace(tzinfo=None),
            e.actor,
            t(f"audit.{e.action}", lang) if f"audit.{e.action}" in STRINGS else e.action,
            e.version,
            ", ".join(f"{k}: {v}" for k, v in e.detail.items() if k != "sha256" and v not in (None, "")),
        )
        for e in entries
    ]
    columns = [t(f"hist.{k}", lang, zone=_time_zone_name()) for k in ("at", "actor", "action", "version", "detail")]
    frame = pd.DataFrame(rows, columns=columns)
    frame[columns[0]] = pd.to_datetime(frame[columns[0]])
    frame[columns[3]] = pd.array(frame[columns[3]], dtype="Int64")
    return frame


def boundary_versions_frame(versions: list[BoundaryVersion], lang: str = "id") -> pd.DataFrame:
    """Return the kecamatan boundary versions as a table, newest first (times in the dashboard's time zone)."""
    keys = ("number", "active", "at", "by", "file", "count", "attribution")
    rows = [
        (v.number, v.active, local_time(v.uploaded_at).replace(tzinfo=None), v.uploaded_by, v.filename,
         v.kecamatan_count, v.attribution)
        for v in reversed(versions)
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=[t(f"boundaries.col.{k}", lang) for k in keys])


def reference_versions_frame(versions: list[ReferenceVersion], bundled_count: int, lang: str = "id") -> pd.DataFrame:
    """Return the OPD lists as a table, newest first, ending with the bundled list (version 0).

    Parameters
    ----------
    versions : list of ReferenceVersion
        From :meth:`lebak_dash.store.Store.reference_versions`.
    bundled_count : int
        OPDs in the bundled list.
    lang : {"id", "en"}
    """
    bundled_active = not any(v.active for v in versions)
    rows = [
        (
            v.number,
            v.active,
            local_time(v.uploaded_at).replace(tzinfo=None),
            v.uploaded_by,
            v.filename,
            v.opd_count,
            v.note,
        )
        for v in reversed(versions)
    ]
    rows.append((0, bundled_active, pd.NaT, "", t("referensi.bundled", lang), bundled_count, ""))
    keys = ("referensi.col.version", "hist.active", "hist.uploaded_at", "hist.uploaded_by", "hist.filename")
    zone = _time_zone_name()
    columns = [t(k, lang, zone=zone) for k in keys] + [t("referensi.col.count", lang), t("hist.note", lang)]
    frame = pd.DataFrame(rows, columns=columns)
    frame[columns[2]] = pd.to_datetime(frame[columns[2]])
    return frame


def names_table(names: tuple[str, ...] | list[str], lang: str = "id") -> pd.DataFrame:
    """Return OPD names as a one-column table."""
    return pd.DataFrame({t("dv.opd", lang): list(names)})
