"""Every aggregation a page shows, as pure functions of the records.

Counting rules of the contract:

* per stage, per OPD: each innovation counts once;
* per kecamatan: once in each kecamatan it names; kabupaten-wide innovations count under
  ``Semua Kecamatan`` (not added to each of the 28) and those naming none under ``Tidak disebut``.

Every function returns a new DataFrame and never mutates its input (the records are shared by
every session).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from lebak_dash.records.reference import Reference
from lebak_dash.records.schema import KABUPATEN_WIDE, NOT_STATED, STAGES

#: Stages whose innovations have been implemented or shown: the "reached Delivery" share.
DELIVERED_STAGES: tuple[str, ...] = ("Delivery", "Display")
#: Rows of :func:`kpis`, in the order the cards show them.
KPI_KEYS: tuple[str, ...] = ("inovasi", "opd", "kecamatan", "delivery_display")
#: Kind given to OPDs that are not in the reference list.
OTHER_KIND = "Lainnya"


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


def count_per_stage(records: pd.DataFrame) -> pd.Series:
    """Return the number of innovations in each 5D stage, in 5D order, zeros included."""
    counts = records["tahapan"].value_counts()
    return pd.Series([int(counts.get(s, 0)) for s in STAGES], index=list(STAGES), name="jumlah")


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


def _stage_table(grouped: pd.Series, index: Sequence[object]) -> pd.DataFrame:
    """Return ``groupby().size()`` of (key, tahapan) as a key x stage table with a total."""
    table = grouped.unstack(fill_value=0) if len(grouped) else pd.DataFrame()
    table = table.reindex(index=list(index), columns=list(STAGES), fill_value=0).fillna(0).astype(int)
    table.columns = pd.Index(list(STAGES), dtype=object)
    table["jumlah"] = table.sum(axis=1)
    return table


def kpis(records: pd.DataFrame, reference: Reference, kecamatan_long: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the headline numbers of the Ringkasan page.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``inovasi`` (innovations), ``opd`` (reference OPDs with at least one
        innovation, of all reference OPDs), ``kecamatan`` (of the 28, those named by at least one
        innovation; kabupaten-wide ones are counted apart, as the contract says) and
        ``delivery_display`` (innovations in Delivery or Display, of all); columns ``nilai``,
        ``dari`` and ``persen`` (``nilai / dari``, NaN when ``dari`` is 0).
    """
    total = len(records)
    opd_names = reference.opd_names
    with_opd = len(present_values(records["opd"]) & set(opd_names))
    long = _long_of(records, kecamatan_long)
    kec_names = reference.kecamatan_names
    reached = len(present_values(long["kecamatan"]) & set(kec_names))
    delivered = int(records["tahapan"].isin(DELIVERED_STAGES).sum())
    rows = {
        "inovasi": (total, total),
        "opd": (int(with_opd), len(opd_names)),
        "kecamatan": (int(reached), len(kec_names)),
        "delivery_display": (delivered, total),
    }
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["nilai", "dari"])
    frame["persen"] = frame["nilai"] / frame["dari"].where(frame["dari"] > 0)
    return frame


def stage_funnel(records: pd.DataFrame) -> pd.DataFrame:
    """Return the 5D funnel: innovations in each stage and those that reached at least it.

    Returns
    -------
    pandas.DataFrame
        Indexed by stage in 5D order; ``jumlah`` (now in the stage), ``persen`` (of all),
        ``mencapai`` (in this stage or a later one) and ``persen_mencapai``.
    """
    counts = count_per_stage(records)
    total = int(counts.sum())
    frame = pd.DataFrame({"jumlah": counts.astype(int)})
    frame.index.name = "tahapan"
    frame["persen"] = frame["jumlah"] / total if total else np.nan
    frame["mencapai"] = frame["jumlah"][::-1].cumsum()[::-1].astype(int)
    frame["persen_mencapai"] = frame["mencapai"] / total if total else np.nan
    return frame


def per_year_stage(records: pd.DataFrame, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Return innovations per year (rows, every year of the range) and stage (columns), with a total.

    Innovations with no year are left out (see :func:`count_without_year`).

    Parameters
    ----------
    records : pandas.DataFrame
    years : tuple of (int, int), optional
        Rows to show; default the first to the last year in `records`.
    """
    known = records[records["tahun"].notna().to_numpy()]
    if years is None:
        years = (int(known["tahun"].min()), int(known["tahun"].max())) if len(known) else None
    index = list(range(years[0], years[1] + 1)) if years else []
    grouped = known.groupby([known["tahun"].astype(int), "tahapan"], observed=True).size()
    table = _stage_table(grouped, index)
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

    Returns
    -------
    pandas.DataFrame
        Indexed by OPD name; columns ``jenis``, the five stages and ``jumlah``.
    """
    grouped = records.groupby(["opd", "tahapan"], observed=True).size()
    present = [str(n) for n in grouped.index.get_level_values(0).unique()] if len(grouped) else []
    known = reference.opd_names
    names = [*known, *sorted(set(present) - set(known))] if include_zero else present
    table = _stage_table(grouped, names)
    if not include_zero:
        table = table[table["jumlah"] > 0]
    kinds = reference.opd_kind()
    table.insert(0, "jenis", [kinds.get(n, OTHER_KIND) for n in table.index])
    order = {kind: i for i, kind in enumerate(_kind_order(reference))}
    keys = pd.DataFrame(
        {
            "kind": [order.get(k, len(order)) for k in table["jenis"]] if by_kind else 0,
            "neg": -table["jumlah"] if sort == "jumlah" else 0,
            "name": [str(n).casefold() for n in table.index],
        },
        index=table.index,
    )
    table = table.loc[keys.sort_values(["kind", "neg", "name"], kind="stable").index]
    table.index.name = "opd"
    return table


def leading_opds(records: pd.DataFrame, reference: Reference, n: int = 10) -> pd.DataFrame:
    """Return the `n` OPDs with most innovations (per stage and total), most first; ties by name."""
    table = opd_stage_matrix(records, reference, include_zero=False, by_kind=False)
    return table.head(n)


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
    records: pd.DataFrame, reference: Reference, kecamatan_long: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return innovations per kecamatan label and stage, counted as the contract says.

    Returns
    -------
    pandas.DataFrame
        Indexed by label: the 28 in code order (zeros included), names not in the reference list,
        then ``Semua Kecamatan`` and ``Tidak disebut``; columns the five stages, ``jumlah`` and
        ``baris`` (``kecamatan``, ``tidak_dikenal``, ``semua`` or ``tidak_disebut``).
    """
    long = _long_of(records, kecamatan_long)
    stage = records["tahapan"].reindex(long["record"].to_numpy())
    grouped = (
        pd.DataFrame({"kecamatan": long["kecamatan"].astype(object).to_numpy(), "tahapan": stage.array})
        .groupby(["kecamatan", "tahapan"], observed=True)
        .size()
    )
    known = reference.kecamatan_names
    present = set(grouped.index.get_level_values(0)) if len(grouped) else set()
    unknown = sorted(present - set(known) - {KABUPATEN_WIDE, NOT_STATED})
    table = _stage_table(grouped, [*known, *unknown, KABUPATEN_WIDE, NOT_STATED])
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
