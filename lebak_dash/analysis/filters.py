"""Filters: what the pages show, as a frozen value, and which records pass it.

Filters (:class:`Filters`) are frozen values: the pages keep one in the session, mirror it in the
URL (:mod:`lebak_dash.analysis.query`) and change it when a bar is clicked
(:func:`lebak_dash.analysis.query.apply_selection`). Nothing here mutates its input (the records
are shared by every session).

**Kecamatan filter and kabupaten-wide innovations.** An innovation matches a kecamatan filter
when it names one of the chosen kecamatan. A kabupaten-wide innovation (``Semua Kecamatan``)
applies in every kecamatan, so it matches any chosen kecamatan too, unless
``Filters.kabupaten_wide`` is False (the panel's "include kabupaten-wide" toggle). Choosing the
label ``Semua Kecamatan`` itself selects only the kabupaten-wide innovations, and ``Tidak disebut``
those naming no kecamatan (:func:`kecamatan_labels`).

**Gaps.** The labels of what a record lacks are values like any other: ``OPD belum diisi``
(:data:`~lebak_dash.records.schema.NO_OPD`) chooses the innovations that name no OPD, ``Tahap
belum diisi`` (:data:`~lebak_dash.records.schema.NO_STAGE`) those with no stage in either model,
``Tidak disebut`` those naming no kecamatan, and ``Filters.no_year`` those with no year. The stage
filter takes stages of both models (5D and IID); a record with a derived 5D stage matches both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import numpy as np
import pandas as pd

from lebak_dash.analysis.aggregate import OTHER_KIND, explode_kecamatan, present_values
from lebak_dash.analysis.stages import StageScheme, opd_mask, stage_mask, stage_scheme
from lebak_dash.records.reference import Reference
from lebak_dash.records.schema import COLUMN_BY_KEY, KABUPATEN_WIDE, NO_OPD, NOT_STATED, STAGES
from lebak_dash.records.values import parse_stage

#: Dimensions a filter restricts and a chart selection (a clicked bar or map point) can set,
#: named like the record columns.
SELECTABLE: tuple[str, ...] = ("tahun", "opd", "kecamatan", "tahapan", "jenis", "bentuk", "urusan")
#: The dimensions that hold chosen values (every one but the year range).
VALUE_DIMENSIONS: tuple[str, ...] = ("opd", "kecamatan", "tahapan", "jenis", "bentuk", "urusan")


def _as_tuple(values: Iterable[object] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = (values,)
    seen: dict[str, None] = {}
    for value in values:
        text = str(value).strip()
        if text:
            seen.setdefault(text, None)
    return tuple(seen)


@dataclass(frozen=True)
class Filters:
    """What the pages show: a year range and the chosen values of each dimension.

    An empty tuple (or ``tahun=None``) means "no restriction". Values are normalised on
    creation: lists become tuples, repeats and blanks are dropped, a reversed year range is
    put in order.

    Attributes
    ----------
    tahun : tuple of (int, int) or None
        Inclusive year range; innovations with no year are left out while it is set.
    opd, kecamatan, tahapan, jenis, bentuk, urusan : tuple of str
        Chosen values (reference names and ``OPD belum diisi``, kecamatan labels including
        ``Semua Kecamatan`` and ``Tidak disebut``, stages of both models and ``Tahap belum diisi``,
        vocabularies of the contract, urusan as the data writes them).
    kabupaten_wide : bool
        Whether kabupaten-wide innovations match a kecamatan filter (they apply everywhere).
    no_year : bool
        Only the innovations with no year (the year range is then dropped).

    Examples
    --------
    >>> f = Filters(opd=["Dinas Kesehatan", "Dinas Kesehatan"], tahun=(2022, 2019))
    >>> f.tahun, f.opd, f.active
    ((2019, 2022), ('Dinas Kesehatan',), ('tahun', 'opd'))
    """

    tahun: tuple[int, int] | None = None
    opd: tuple[str, ...] = ()
    kecamatan: tuple[str, ...] = ()
    tahapan: tuple[str, ...] = ()
    jenis: tuple[str, ...] = ()
    bentuk: tuple[str, ...] = ()
    urusan: tuple[str, ...] = ()
    kabupaten_wide: bool = True
    no_year: bool = False

    def __post_init__(self) -> None:
        for name in VALUE_DIMENSIONS:
            object.__setattr__(self, name, _as_tuple(getattr(self, name)))
        object.__setattr__(self, "no_year", bool(self.no_year))
        if self.no_year:
            object.__setattr__(self, "tahun", None)
        if self.tahun is not None:
            lo, hi = (int(y) for y in self.tahun)
            object.__setattr__(self, "tahun", (min(lo, hi), max(lo, hi)))
        object.__setattr__(self, "kabupaten_wide", bool(self.kabupaten_wide))

    def restricts(self, dimension: str) -> bool:
        """Return whether `dimension` restricts the records (the year: a range or ``no_year``)."""
        if dimension == "tahun":
            return self.tahun is not None or self.no_year
        return bool(getattr(self, dimension))

    @property
    def is_empty(self) -> bool:
        """Return whether nothing is restricted."""
        return not self.active

    @property
    def active(self) -> tuple[str, ...]:
        """Return the dimensions that restrict the records, in :data:`SELECTABLE` order."""
        return tuple(d for d in SELECTABLE if self.restricts(d))

    def without(self, *dimensions: str) -> Filters:
        """Return these filters with `dimensions` unrestricted (a chart ignores its own axis)."""
        cleared: dict[str, Any] = {d: (None if d == "tahun" else ()) for d in dimensions}
        if "tahun" in dimensions:
            cleared["no_year"] = False
        return replace(self, **cleared)

    def with_values(self, dimension: str, values: Iterable[Any]) -> Filters:
        """Return these filters with `dimension` set to `values` (years become a range)."""
        if dimension == "tahun":
            years = sorted({int(v) for v in values})
            return replace(self, tahun=(years[0], years[-1]) if years else None, no_year=False)
        chosen: dict[str, Any] = {dimension: _as_tuple(values)}
        return replace(self, **chosen)


class RecordSource(Protocol):
    """Records with their exploded kecamatan table kept from load (a
    :class:`~lebak_dash.views.dataset.Dataset`)."""

    records: pd.DataFrame
    kecamatan_long: pd.DataFrame


def _records_of(data: RecordSource | pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Return (records, kecamatan_long) of a Dataset or of a bare records frame."""
    if isinstance(data, pd.DataFrame):
        return data, None
    return data.records, data.kecamatan_long


def kecamatan_labels(filters: Filters) -> set[str]:
    """Return the kecamatan labels an innovation may carry to match `filters`.

    Examples
    --------
    >>> sorted(kecamatan_labels(Filters(kecamatan=("Maja",))))
    ['Maja', 'Semua Kecamatan']
    >>> sorted(kecamatan_labels(Filters(kecamatan=("Maja",), kabupaten_wide=False)))
    ['Maja']
    """
    labels = set(filters.kecamatan)
    if filters.kabupaten_wide and labels - {KABUPATEN_WIDE, NOT_STATED}:
        labels.add(KABUPATEN_WIDE)
    return labels


def filter_mask(records: pd.DataFrame, filters: Filters, kecamatan_long: pd.DataFrame | None = None) -> np.ndarray:
    """Return a boolean array: which records pass `filters`.

    Parameters
    ----------
    records : pandas.DataFrame
        Records of the importer.
    filters : Filters
    kecamatan_long : pandas.DataFrame, optional
        :func:`explode_kecamatan` of `records` (or of a superset), kept from load; exploded here
        when missing.
    """
    mask = np.ones(len(records), dtype=bool)
    if filters.tahun is not None:
        lo, hi = filters.tahun
        years = records["tahun"]
        mask &= ((years >= lo) & (years <= hi)).fillna(False).to_numpy(dtype=bool)
    if filters.no_year:
        mask &= records["tahun"].isna().to_numpy(dtype=bool) if "tahun" in records.columns else True
    if filters.opd:
        mask &= opd_mask(records, filters.opd)
    if filters.tahapan:
        mask &= stage_mask(records, filters.tahapan)
    for dimension in ("jenis", "bentuk", "urusan"):
        chosen = getattr(filters, dimension)
        if chosen:
            column = records[dimension] if dimension in records.columns else pd.Series(np.nan, index=records.index)
            mask &= column.isin(chosen).to_numpy(dtype=bool)
    if filters.kecamatan:
        long = kecamatan_long if kecamatan_long is not None else explode_kecamatan(records)
        hits = long.loc[long["kecamatan"].isin(kecamatan_labels(filters)).to_numpy(), "record"].unique()
        mask &= records.index.isin(hits)
    return mask


def apply_filters(
    data: RecordSource | pd.DataFrame, filters: Filters, kecamatan_long: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the records that pass `filters`.

    Parameters
    ----------
    data : Dataset or pandas.DataFrame
        A :class:`~lebak_dash.views.dataset.Dataset` (its exploded kecamatan table is used) or records.
    filters : Filters
    kecamatan_long : pandas.DataFrame, optional
        Exploded kecamatan table when `data` is a bare frame.

    Returns
    -------
    pandas.DataFrame
        The matching records, index kept. With no filter the same frame is returned: treat it as
        read-only.
    """
    records, long = _records_of(data)
    if filters.is_empty:
        return records
    mask = filter_mask(records, filters, kecamatan_long if kecamatan_long is not None else long)
    return records[mask]


@dataclass(frozen=True)
class FilterOptions:
    """The values the filter panel offers for one dataset.

    Attributes
    ----------
    years : tuple of (int, int) or None
        First and last year in the records (None when no record has a year).
    opd : tuple of str
        Reference OPDs in list order, then OPDs of the records not in the list, then
        ``OPD belum diisi`` when some record names none.
    kecamatan : tuple of str
        The 28 in code order, unknown names, then ``Semua Kecamatan`` and ``Tidak disebut``.
    tahapan, jenis, bentuk : tuple of str
        The stage keys of the data (:attr:`~lebak_dash.analysis.stages.StageScheme.columns`: 5D
        stages, IID stages, ``Tahap belum diisi``); the types and forms present in the records.
    urusan : tuple of str
        The urusan present in the records, by name (none: the data has no urusan).
    missing_year : bool
        Some record has no year (the panel offers "only those without a year").
    kinds : mapping of str to str
        OPD name to its kind (``Dinas``, ``Kecamatan``...; :data:`OTHER_KIND` when unknown).
    """

    years: tuple[int, int] | None
    opd: tuple[str, ...]
    kecamatan: tuple[str, ...]
    tahapan: tuple[str, ...] = STAGES
    jenis: tuple[str, ...] = ()
    bentuk: tuple[str, ...] = ()
    urusan: tuple[str, ...] = ()
    missing_year: bool = False
    kinds: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)


def _present_values(records: pd.DataFrame, key: str) -> tuple[str, ...]:
    if key not in records.columns:
        return ()
    present = present_values(records[key])
    vocab = [v for v in COLUMN_BY_KEY[key].values if v in present]
    return (*vocab, *sorted(present - set(vocab)))


def filter_options(
    records: pd.DataFrame,
    reference: Reference,
    kecamatan_long: pd.DataFrame | None = None,
    scheme: StageScheme | None = None,
) -> FilterOptions:
    """Return what the filter panel offers for `records` (computed once per data version)."""
    known_opd = reference.opd_names
    in_data = present_values(records["opd"])
    gap = (NO_OPD,) if records["opd"].isna().any() else ()
    opd = (*known_opd, *sorted(in_data - set(known_opd) - {NO_OPD}), *gap)
    long = kecamatan_long if kecamatan_long is not None else explode_kecamatan(records)
    known_kec = reference.kecamatan_names
    special = (KABUPATEN_WIDE, NOT_STATED)
    labels = present_values(long["kecamatan"])
    unknown = sorted(labels - set(known_kec) - set(special))
    years = records["tahun"].dropna() if "tahun" in records.columns else pd.Series([], dtype="Int64")
    kinds = reference.opd_kind()
    kinds.update({name: OTHER_KIND for name in opd if name not in kinds})
    urusan = present_values(records["urusan"]) if "urusan" in records.columns else set()
    return FilterOptions(
        years=(int(years.min()), int(years.max())) if len(years) else None,
        opd=opd,
        kecamatan=(*known_kec, *unknown, *special),
        tahapan=(scheme or stage_scheme(records)).columns,
        jenis=_present_values(records, "jenis"),
        bentuk=_present_values(records, "bentuk"),
        urusan=tuple(sorted((u for u in urusan if u.strip()), key=str.casefold)),
        missing_year="tahun" in records.columns and bool(records["tahun"].isna().any()),
        kinds=kinds,
    )


def _match_choice(value: str, choices: Sequence[str], dimension: str, reference: Reference | None) -> str | None:
    if value in choices:
        return value
    folded = {c.casefold(): c for c in choices}
    if value.casefold() in folded:
        return folded[value.casefold()]
    if dimension == "tahapan":
        stage = parse_stage(value).stage
        return stage if stage in choices else None
    if reference is not None and dimension == "opd":
        name = reference.match_opd(value)
        return name if name in choices else None
    if reference is not None and dimension == "kecamatan":
        name = reference.match_kecamatan(value)
        return name if name in choices else None
    return None


def sanitize_filters(filters: Filters, options: FilterOptions, reference: Reference | None = None) -> Filters:
    """Return `filters` restricted to what `options` offers.

    Unknown values are dropped (or matched: ``Dinkes`` is Dinas Kesehatan when `reference` is
    given, ``delivery`` is Delivery); the year range is clamped to the data's years and dropped
    when it covers them all or none.

    Examples
    --------
    >>> opts = FilterOptions(years=(2018, 2026), opd=("Dinas Kesehatan",), kecamatan=("Maja",))
    >>> f = sanitize_filters(Filters(tahun=(1990, 2020), tahapan=("display", "x")), opts)
    >>> f.tahun, f.tahapan
    ((2018, 2020), ('Display',))
    """
    changes: dict[str, Any] = {}
    for dimension in VALUE_DIMENSIONS:
        choices = getattr(options, dimension)
        kept = [_match_choice(v, choices, dimension, reference) for v in getattr(filters, dimension)]
        changes[dimension] = tuple(dict.fromkeys(v for v in kept if v is not None))
    tahun = filters.tahun
    if tahun is not None:
        if options.years is None:
            tahun = None
        else:
            lo, hi = max(tahun[0], options.years[0]), min(tahun[1], options.years[1])
            tahun = None if lo > hi or (lo, hi) == options.years else (lo, hi)
    changes["tahun"] = tahun
    changes["no_year"] = filters.no_year and options.missing_year
    return replace(filters, **changes)
