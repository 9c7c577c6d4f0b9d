"""Every aggregation a page shows, as pure functions of the records.

Counting rules of the contract:

* per stage, per OPD: each innovation counts once;
* per kecamatan: once in each kecamatan it names; kabupaten-wide innovations count under
  ``Semua Kecamatan`` (not added to each of the 28) and those naming none under ``Tidak disebut``;
* gaps are counted, never dropped: innovations with no OPD under ``OPD belum diisi`` (a row of its
  own after the real OPDs), with no stage in either model under ``Tahap belum diisi`` (a stage
  column of its own after the real stages, :mod:`lebak_dash.analysis.stages`).

Stacked tables (OPD, year or kecamatan x stage) have one column per stage key of the data's
:class:`~lebak_dash.analysis.stages.StageScheme` (5D stages, IID stages, the gap) and, when some 5D
stage is derived from an IID stage, a ``turunan:<stage>`` column with how many of that stage's
innovations are derived (a part of the stage's column, not added to ``jumlah``).

Every function returns a new DataFrame and never mutates its input (the records are shared by
every session).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from lebak_dash.analysis.stages import (
    IMPLEMENTED,
    MODEL_5D,
    MODEL_IID,
    MODEL_STAGES,
    StageScheme,
    derived_column,
    derived_mask,
    has_stage,
    opd_key,
    stage_codes,
    stage_key,
    stage_scheme,
)
from lebak_dash.records.reference import Reference
from lebak_dash.records.schema import KABUPATEN_WIDE, NO_OPD, NO_STAGE, NOT_STATED, STAGES

#: Stages whose innovations have been implemented or shown: the "reached Delivery" share.
DELIVERED_STAGES: tuple[str, ...] = IMPLEMENTED[MODEL_5D]
#: Rows of :func:`kpis`, in the order the cards show them.
KPI_KEYS: tuple[str, ...] = ("inovasi", "opd", "kecamatan", "delivery_display")
#: Kind given to OPDs that are not in the reference list.
OTHER_KIND = "Lainnya"
#: Kind of the row of innovations that name no OPD (``OPD belum diisi``).
GAP_KIND = "-"


def explode_kecamatan(records: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (innovation, kecamatan label), keyed by the records' index.

    Parameters
    ----------
    records : pandas.DataFrame
        Records with a ``kecamatan`` column of tuples.

    Returns
    -------
    pandas.DataFrame
        Columns ``record`` (index of the record) and ``kecamatan`` (a name, ``Semua Kecamatan``
        or ``Tidak disebut``; categorical, which keeps the per-rerun counts cheap).
    """
    labels = records["kecamatan"].map(lambda names: names if names else (NOT_STATED,))
    exploded = labels.explode()
    return pd.DataFrame(
        {"record": exploded.index.to_numpy(), "kecamatan": pd.Categorical(exploded.to_numpy(dtype=object))}
    )


def count_per_stage(records: pd.DataFrame, model: str = MODEL_5D) -> pd.Series:
    """Return the number of innovations in each stage of `model` (5D by default), in order, zeros
    included (innovations without a stage of that model are not in it)."""
    stages = MODEL_STAGES[model]
    codes = stage_codes(records, model)
    counts = np.bincount(codes[codes >= 0], minlength=len(stages))
    return pd.Series(counts.astype(int), index=list(stages), name="jumlah")


def count_per_opd(records: pd.DataFrame, reference: Reference, *, include_zero: bool = True) -> pd.Series:
    """Return innovations per OPD (reference names), most first.

    OPDs of the reference list with no innovation are included as zeros (unless
    `include_zero` is False); OPDs not in the list are counted under the name as written.
    """
    counts = records["opd"].astype(object).value_counts()
    if include_zero:
        zeros = pd.Series(0, index=[n for n in reference.opd_names if n not in counts.index])
        counts = pd.concat([counts, zeros])
    counts = counts.astype(int)
    order = sorted(counts.index, key=lambda name: (-counts[name], str(name)))
    return counts.reindex(order).rename("jumlah")


def count_per_kecamatan(records: pd.DataFrame, reference: Reference) -> pd.Series:
    """Return innovations per kecamatan: the 28 in code order (zeros included), then names not in
    the reference list, then ``Semua Kecamatan`` and ``Tidak disebut``."""
    exploded = explode_kecamatan(records)
    counts = exploded["kecamatan"].astype(object).value_counts()
    known = reference.kecamatan_names
    special = [KABUPATEN_WIDE, NOT_STATED]
    unknown = sorted(n for n in counts.index if n not in known and n not in special)
    order = [*known, *unknown, *special]
    return counts.reindex(order, fill_value=0).astype(int).rename("jumlah")


def present_values(values: pd.Series) -> set[str]:
    """Return the distinct non-missing values of `values` as text (cheap on categoricals: no
    per-row iteration, which costs tens of milliseconds at 100k rows)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = np.unique(values.cat.codes.to_numpy())
        return {str(values.cat.categories[c]) for c in codes if c >= 0}
    return {str(v) for v in pd.unique(values.dropna())}


def _long_of(records: pd.DataFrame, kecamatan_long: pd.DataFrame | None) -> pd.DataFrame:
    """Return the exploded kecamatan rows of `records` (from the table kept at load when given)."""
    if kecamatan_long is None:
        return explode_kecamatan(records)
    if len(kecamatan_long) and kecamatan_long["record"].nunique() == len(records):
        return kecamatan_long  # the table of exactly these records: nothing to cut
    return kecamatan_long[kecamatan_long["record"].isin(records.index).to_numpy()]


def _scheme(records: pd.DataFrame, scheme: StageScheme | None) -> StageScheme:
    return scheme if scheme is not None else stage_scheme(records)


def _grouped(keys: object, stages: object) -> pd.Series:
    """Return the counts of (key, stage key) pairs (categorical keys stay categorical: cheap)."""
    frame = pd.DataFrame({"key": keys, "stage": stages})
    return frame.groupby(["key", "stage"], observed=True).size()


def _unstacked(grouped: pd.Series, index: Sequence[object], columns: Sequence[str]) -> pd.DataFrame:
    table = grouped.unstack(fill_value=0) if len(grouped) else pd.DataFrame()
    table = table.reindex(index=list(index), columns=list(columns), fill_value=0).fillna(0).astype(int)
    table.columns = pd.Index(list(columns), dtype=object)
    return table


def _stage_counts(
    keys: pd.Series, stages: pd.Categorical, derived: np.ndarray | None, index: Sequence[object], scheme: StageScheme
) -> pd.DataFrame:
    """Return the key x stage-key table of :func:`stage_table` from one key and stage key per row."""
    keys = keys.reset_index(drop=True)
    table = _unstacked(_grouped(keys, stages), index, scheme.columns)
    total = table.sum(axis=1)
    if derived is not None:
        parts = _unstacked(_grouped(keys[derived], stages[derived]), index, STAGES)
        for stage in STAGES:
            table[derived_column(stage)] = parts[stage]
    table["jumlah"] = total
    return table


def stage_table(
    records: pd.DataFrame, keys: object, index: Sequence[object], scheme: StageScheme | None = None
) -> pd.DataFrame:
    """Return innovations per key (rows `index`) and stage key (columns), with a total.

    Parameters
    ----------
    records : pandas.DataFrame
    keys : array-like
        One key per record (an OPD, a year...), same order as `records`.
    index : sequence
        The rows, in order (keys not in it are left out; rows with no record are zeros).
    scheme : StageScheme, optional
        The data's stage models (default: those of `records`).

    Returns
    -------
    pandas.DataFrame
        Columns ``scheme.columns``, then ``turunan:<stage>`` for the 5D stages when the scheme has
        derived stages, then ``jumlah`` (the sum of the stage columns).
    """
    scheme = _scheme(records, scheme)
    derived = derived_mask(records) if scheme.derived else None
    return _stage_counts(pd.Series(keys), stage_key(records), derived, index, scheme)


def implemented_mask(records: pd.DataFrame) -> np.ndarray:
    """Return which records are implemented: in Delivery or Display (5D), or in Penerapan (IID)."""
    mask = np.zeros(len(records), dtype=bool)
    for model in (MODEL_5D, MODEL_IID):
        stages = MODEL_STAGES[model]
        mask |= np.isin(stage_codes(records, model), [stages.index(s) for s in IMPLEMENTED[model]])
    return mask


def kpis(records: pd.DataFrame, reference: Reference, kecamatan_long: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the headline numbers of the Ringkasan page.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``inovasi`` (innovations), ``opd`` (reference OPDs with at least one
        innovation, of all reference OPDs), ``kecamatan`` (of the 28, those named by at least one
        innovation; kabupaten-wide ones are counted apart, as the contract says) and
        ``delivery_display`` (innovations implemented, of all: in Delivery or Display, or in IID's
        Penerapan); columns ``nilai``, ``dari`` and ``persen`` (``nilai / dari``, NaN when ``dari``
        is 0).
    """
    total = len(records)
    opd_names = reference.opd_names
    with_opd = len(present_values(records["opd"]) & set(opd_names))
    long = _long_of(records, kecamatan_long)
    kec_names = reference.kecamatan_names
    reached = len(present_values(long["kecamatan"]) & set(kec_names))
    delivered = int(implemented_mask(records).sum())
    rows = {
        "inovasi": (total, total),
        "opd": (int(with_opd), len(opd_names)),
        "kecamatan": (int(reached), len(kec_names)),
        "delivery_display": (delivered, total),
    }
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["nilai", "dari"])
    frame["persen"] = frame["nilai"] / frame["dari"].where(frame["dari"] > 0)
    return frame


def stage_funnel(records: pd.DataFrame, model: str = MODEL_5D, scheme: StageScheme | None = None) -> pd.DataFrame:
    """Return a stage model's funnel: innovations in each stage and those that reached at least it.

    Parameters
    ----------
    records : pandas.DataFrame
    model : {"5d", "iid"}
        The 5D stages, or IID's three stages.
    scheme : StageScheme, optional
        The data's stage models (default: those of `records`); when it has gaps, the funnel ends
        with a ``Tahap belum diisi`` row (innovations with no stage in either model).

    Returns
    -------
    pandas.DataFrame
        Indexed by stage in order (then ``Tahap belum diisi``); ``jumlah`` (now in the stage),
        ``persen`` (of the funnel's innovations), ``mencapai`` (in this stage or a later one; 0 for
        the gap), ``persen_mencapai`` and ``turunan`` (of ``jumlah``, those whose 5D stage was
        derived from their IID stage).
    """
    scheme = _scheme(records, scheme)
    stages = list(MODEL_STAGES[model])
    counts = count_per_stage(records, model)
    derived = derived_mask(records) if model == MODEL_5D else np.zeros(len(records), dtype=bool)
    turunan = count_per_stage(records[derived], model) if derived.any() else pd.Series(0, index=stages)
    frame = pd.DataFrame({"jumlah": counts.astype(int), "turunan": turunan.astype(int)})
    frame["mencapai"] = frame["jumlah"][::-1].cumsum()[::-1].astype(int)
    if scheme.has_gap:
        gap = int((~has_stage(records)).sum())
        frame.loc[NO_STAGE] = {"jumlah": gap, "turunan": 0, "mencapai": 0}
    frame = frame.astype(int)
    frame.index.name = "tahapan"
    total = int(frame["jumlah"].sum())
    frame["persen"] = frame["jumlah"] / total if total else np.nan
    frame["persen_mencapai"] = frame["mencapai"] / total if total else np.nan
    return frame[["jumlah", "persen", "mencapai", "persen_mencapai", "turunan"]]


def per_year_stage(
    records: pd.DataFrame, years: tuple[int, int] | None = None, scheme: StageScheme | None = None
) -> pd.DataFrame:
    """Return innovations per year (rows, every year of the range) and stage (columns), with a total.

    Innovations with no year are left out (see :func:`count_without_year`).

    Parameters
    ----------
    records : pandas.DataFrame
    years : tuple of (int, int), optional
        Rows to show; default the first to the last year in `records`.
    scheme : StageScheme, optional
        The data's stage models (the columns; default: those of `records`).
    """
    scheme = _scheme(records, scheme)
    known = records[records["tahun"].notna().to_numpy()]
    if years is None:
        years = (int(known["tahun"].min()), int(known["tahun"].max())) if len(known) else None
    index = list(range(years[0], years[1] + 1)) if years else []
    table = stage_table(known, known["tahun"].astype(int).to_numpy(), index, scheme)
    table.index.name = "tahun"
    return table


def count_without_year(records: pd.DataFrame) -> int:
    """Return how many innovations have no year."""
    return int(records["tahun"].isna().sum())


def _kind_order(reference: Reference) -> list[str]:
    kinds = list(dict.fromkeys(reference.opd["jenis"].tolist()))
    return [*kinds, OTHER_KIND]


def opd_stage_matrix(
    records: pd.DataFrame,
    reference: Reference,
    *,
    include_zero: bool = True,
    sort: str = "jumlah",
    by_kind: bool = True,
    scheme: StageScheme | None = None,
) -> pd.DataFrame:
    """Return innovations per OPD and stage, with the OPD's kind and a total.

    Parameters
    ----------
    records : pandas.DataFrame
    reference : Reference
    include_zero : bool
        Include reference OPDs with no innovation (as zero rows).
    sort : {"jumlah", "nama"}
        Most innovations first (ties by name), or by name.
    by_kind : bool
        Group rows by kind (reference ``jenis``, in the reference list's order of kinds; OPDs not
        in the list last, as :data:`OTHER_KIND`), sorting within each kind.
    scheme : StageScheme, optional
        The data's stage models (the columns; default: those of `records`).

    Returns
    -------
    pandas.DataFrame
        Indexed by OPD name; columns ``jenis``, the stage keys (:func:`stage_table`) and ``jumlah``.
        Innovations that name no OPD are the last row, ``OPD belum diisi`` (kind :data:`GAP_KIND`),
        when there are any.
    """
    keys = opd_key(records)
    counts = keys.value_counts()
    present = [str(n) for n, c in counts.items() if c and n != NO_OPD]
    known = reference.opd_names
    names = [*known, *sorted(set(present) - set(known))] if include_zero else present
    table = stage_table(records, keys, [*names, NO_OPD], scheme)
    if not include_zero:
        table = table[table["jumlah"] > 0]
    kinds = reference.opd_kind()
    table.insert(0, "jenis", [kinds.get(n, OTHER_KIND) for n in table.index])
    gap = table.loc[[NO_OPD]] if NO_OPD in table.index and table.loc[NO_OPD, "jumlah"] > 0 else table.iloc[:0]
    table = table.drop(index=NO_OPD, errors="ignore")
    order = {kind: i for i, kind in enumerate(_kind_order(reference))}
    keys_frame = pd.DataFrame(
        {
            "kind": [order.get(k, len(order)) for k in table["jenis"]] if by_kind else 0,
            "neg": -table["jumlah"] if sort == "jumlah" else 0,
            "name": [str(n).casefold() for n in table.index],
        },
        index=table.index,
    )
    table = table.loc[keys_frame.sort_values(["kind", "neg", "name"], kind="stable").index]
    table = pd.concat([table, gap.assign(jenis=GAP_KIND)]) if len(gap) else table
    table.index.name = "opd"
    return table


def leading_opds(
    records: pd.DataFrame, reference: Reference, n: int = 10, scheme: StageScheme | None = None
) -> pd.DataFrame:
    """Return the `n` OPDs with most innovations (per stage and total), most first; ties by name.

    The innovations that name no OPD follow as a last row (``OPD belum diisi``), when any.
    """
    table = opd_stage_matrix(records, reference, include_zero=False, by_kind=False, scheme=scheme)
    real = table.drop(index=NO_OPD, errors="ignore")
    return pd.concat([real.head(n), table.loc[table.index == NO_OPD]])


def opds_without_innovation(records: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """Return the reference OPDs with no innovation, grouped by kind, with columns ``opd`` and ``jenis``."""
    active = present_values(records["opd"])
    frame = reference.opd[["nama", "jenis"]].rename(columns={"nama": "opd"})
    frame = frame[~frame["opd"].isin(active)]
    order = {kind: i for i, kind in enumerate(_kind_order(reference))}
    frame = frame.assign(_k=frame["jenis"].map(order), _n=frame["opd"].str.casefold())
    return frame.sort_values(["_k", "_n"], kind="stable").drop(columns=["_k", "_n"]).reset_index(drop=True)


def kecamatan_without_innovation(
    records: pd.DataFrame, reference: Reference, kecamatan_long: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the kecamatan (of the 28) that no innovation names, in code order (``kode``, ``kecamatan``).

    Kabupaten-wide innovations do not count here: the list says where no innovation of its own
    has been made yet.
    """
    long = _long_of(records, kecamatan_long)
    named = present_values(long["kecamatan"])
    frame = reference.kecamatan[["kode", "nama"]].rename(columns={"nama": "kecamatan"})
    return frame[~frame["kecamatan"].isin(named)].reset_index(drop=True)


def kecamatan_stage_matrix(
    records: pd.DataFrame,
    reference: Reference,
    kecamatan_long: pd.DataFrame | None = None,
    scheme: StageScheme | None = None,
) -> pd.DataFrame:
    """Return innovations per kecamatan label and stage, counted as the contract says.

    Returns
    -------
    pandas.DataFrame
        Indexed by label: the 28 in code order (zeros included), names not in the reference list,
        then ``Semua Kecamatan`` and ``Tidak disebut``; columns the stage keys (:func:`stage_table`),
        ``jumlah`` and ``baris`` (``kecamatan``, ``tidak_dikenal``, ``semua`` or ``tidak_disebut``).
    """
    long = _long_of(records, kecamatan_long)
    scheme = _scheme(records, scheme)
    rows = records.index.get_indexer(long["record"].to_numpy())
    stages = stage_key(records)[rows]
    derived = derived_mask(records)[rows] if scheme.derived else None
    known = reference.kecamatan_names
    present = present_values(long["kecamatan"])
    unknown = sorted(present - set(known) - {KABUPATEN_WIDE, NOT_STATED})
    index = [*known, *unknown, KABUPATEN_WIDE, NOT_STATED]
    table = _stage_counts(long["kecamatan"], stages, derived, index, scheme)
    kind = {KABUPATEN_WIDE: "semua", NOT_STATED: "tidak_disebut"} | dict.fromkeys(unknown, "tidak_dikenal")
    table["baris"] = [kind.get(n, "kecamatan") for n in table.index]
    table.index.name = "kecamatan"
    return table


def kecamatan_map_frame(
    records: pd.DataFrame, reference: Reference, kecamatan_long: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the 28 kecamatan with their centroid (``lat``, ``lon``) and innovation count (``jumlah``)."""
    counts = kecamatan_stage_matrix(records, reference, kecamatan_long)["jumlah"]
    frame = reference.kecamatan[["kode", "nama", "lat", "lon"]].rename(columns={"nama": "kecamatan"})
    return frame.assign(jumlah=frame["kecamatan"].map(counts).fillna(0).astype(int).to_numpy()).reset_index(drop=True)


# ---------------------------------------------------------------------------- urusan, maturity
def _text_counts(values: pd.Series) -> pd.Series:
    """Return how often each text is written (blank and missing left out), counted on the
    distinct values: no per-row string work (tens of milliseconds at 100k rows)."""
    counts = values.value_counts(dropna=True)
    texts = pd.Index([str(v) for v in counts.index], dtype=object)
    counts.index = texts
    counts = counts[texts.str.strip() != ""]
    return counts.groupby(level=0, sort=False).sum()


def count_per_urusan(records: pd.DataFrame) -> pd.DataFrame:
    """Return innovations per urusan (government affair), most first, ties by name.

    The importer groups an urusan written in several ways (case, spaces) under the form most often
    written; here they are only counted. Innovations with no urusan are left out (see
    :func:`count_without`).

    Returns
    -------
    pandas.DataFrame
        Index ``urusan``; column ``jumlah``. Empty when the records have no urusan.
    """
    counts = _text_counts(records["urusan"]) if "urusan" in records.columns else pd.Series([], dtype=int)
    order = sorted(counts.index, key=lambda name: (-int(counts[name]), name.casefold()))
    frame = pd.DataFrame({"jumlah": counts.reindex(order).astype(int).to_numpy()}, index=pd.Index(order, dtype=object))
    frame.index.name = "urusan"
    return frame


def count_without(records: pd.DataFrame, column: str) -> int:
    """Return how many records have no value in `column`, blank text included (all of them when the
    column is absent)."""
    if column not in records.columns:
        return len(records)
    values = records[column]
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
        return int(values.isna().sum())
    return len(records) - int(_text_counts(values).sum())


#: Width of a band of the maturity score histogram.
MATURITY_BAND = 10


def maturity_bands(records: pd.DataFrame, width: int = MATURITY_BAND) -> pd.DataFrame:
    """Return innovations per band of IID's maturity score (``kematangan``): 0-9, 10-19, ...

    Every band from 0 to the highest score is a row, empty ones included, so the bars read as a
    histogram. Innovations with no score are left out (see :func:`count_without`).

    Returns
    -------
    pandas.DataFrame
        Index ``rentang`` (the band as text, ``"90-99"``); columns ``dari`` and ``sampai`` (the
        band's lowest and highest whole score) and ``jumlah``. Empty when no record has a score.
    """
    if "kematangan" not in records.columns:
        scores = pd.Series([], dtype=float)
    else:
        scores = pd.to_numeric(records["kematangan"], errors="coerce").dropna()
        scores = scores[scores >= 0]
    if scores.empty:
        return pd.DataFrame(
            {"dari": pd.Series(dtype=int), "sampai": pd.Series(dtype=int), "jumlah": pd.Series(dtype=int)},
            index=pd.Index([], dtype=object, name="rentang"),
        )
    bands = (scores.to_numpy(dtype=float) // width).astype(int)
    counts = np.bincount(bands, minlength=int(bands.max()) + 1)
    lows = np.arange(len(counts)) * width
    frame = pd.DataFrame(
        {"dari": lows, "sampai": lows + width - 1, "jumlah": counts.astype(int)},
        index=pd.Index([f"{lo}-{lo + width - 1}" for lo in lows], dtype=object, name="rentang"),
    )
    return frame


# ---------------------------------------------------------------------------------- completeness
def completeness(
    records: pd.DataFrame,
    views: Mapping[str, pd.DataFrame] | None = None,
    kecamatan_long: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return how many innovations lack an OPD, a stage (in either model), a kecamatan, a year.

    Parameters
    ----------
    records : pandas.DataFrame
    views : mapping of str to pandas.DataFrame, optional
        The records to count each gap in (a page counts each ignoring that dimension's own filter,
        so its link opens exactly those); default `records` for every one.
    kecamatan_long : pandas.DataFrame, optional
        :func:`explode_kecamatan` of the records (or a superset), kept from load: the innovations
        naming no kecamatan are its ``Tidak disebut`` rows (no per-record work).

    Returns
    -------
    pandas.DataFrame
        Index ``opd``, ``tahapan``, ``kecamatan``, ``tahun``; columns ``kosong`` (innovations
        lacking it), ``dari`` (innovations counted) and ``persen``.
    """
    views = views or {}
    rows = {}
    for dimension in ("opd", "tahapan", "kecamatan", "tahun"):
        frame = views.get(dimension, records)
        if dimension == "opd":
            missing = int(frame["opd"].isna().sum()) if "opd" in frame.columns else len(frame)
        elif dimension == "tahapan":
            missing = int((~has_stage(frame)).sum())
        elif dimension == "kecamatan":
            long = _long_of(frame, kecamatan_long)
            missing = int((long["kecamatan"] == NOT_STATED).sum())
        else:
            missing = count_without(frame, "tahun")
        rows[dimension] = (missing, len(frame))
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["kosong", "dari"])
    table["persen"] = table["kosong"] / table["dari"].where(table["dari"] > 0)
    return table
