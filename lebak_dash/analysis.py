"""Filters, chart selections and every aggregation a page shows, as pure functions of the records.

Counting rules of the contract:

* per stage, per OPD: each innovation counts once;
* per kecamatan: once in each kecamatan it names; kabupaten-wide innovations count under
  ``Semua Kecamatan`` (not added to each of the 28) and those naming none under ``Tidak disebut``.

Filters (:class:`Filters`) are frozen values: the pages keep one in the session, mirror it in the
URL (:func:`filters_to_query` / :func:`filters_from_query`) and change it when a bar is clicked
(:func:`apply_selection`). Every aggregation returns a new DataFrame and never mutates its input
(the records are shared by every session).

**Kecamatan filter and kabupaten-wide innovations.** An innovation matches a kecamatan filter
when it names one of the chosen kecamatan. A kabupaten-wide innovation (``Semua Kecamatan``)
applies in every kecamatan, so it matches any chosen kecamatan too, unless
``Filters.kabupaten_wide`` is False (the panel's "include kabupaten-wide" toggle). Choosing the
label ``Semua Kecamatan`` itself selects only the kabupaten-wide innovations, and ``Tidak disebut``
those naming no kecamatan. Counts *per kecamatan* never add kabupaten-wide innovations to the 28.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from lebak_dash.i18n import STRINGS, t
from lebak_dash.i18n.formatting import fmt_date, fmt_int, fmt_rupiah
from lebak_dash.records.reference import Reference
from lebak_dash.records.schema import COLUMN_BY_KEY, KABUPATEN_WIDE, NOT_STATED, RECORD_KEYS, STAGES
from lebak_dash.records.values import parse_stage

#: Stages whose innovations have been implemented or shown: the "reached Delivery" share.
DELIVERED_STAGES: tuple[str, ...] = ("Delivery", "Display")
#: Kind given to OPDs that are not in the reference list.
OTHER_KIND = "Lainnya"
#: Dimensions a filter can restrict, named like the record columns.
DIMENSIONS: tuple[str, ...] = ("tahun", "opd", "kecamatan", "tahapan", "jenis", "bentuk")
#: Dimensions a chart selection (a clicked bar or map point) can set.
SELECTABLE: tuple[str, ...] = ("tahun", "opd", "kecamatan", "tahapan", "jenis", "bentuk")
#: Separator of several values in one URL parameter (names may hold commas, never a bar).
QUERY_SEPARATOR = "|"
#: URL parameter of each filter field.
QUERY_KEYS: dict[str, str] = {
    "tahun": "tahun",
    "opd": "opd",
    "kecamatan": "kec",
    "tahapan": "tahap",
    "jenis": "jenis",
    "bentuk": "bentuk",
    "kabupaten_wide": "semua",
}
# Bounds that keep a hostile or mangled URL cheap to parse.
_MAX_QUERY_CHARS = 4000
_MAX_QUERY_VALUES = 200
_YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*(?:[-–—:.]{1,2}\s*(\d{4}))?\s*$")
_FALSE_WORDS = frozenset({"0", "false", "no", "tidak", "off", "n"})


# ----------------------------------------------------------------------------------- filters
def _as_tuple(values: object) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = (values,)
    seen: dict[str, None] = {}
    for value in values:  # type: ignore[union-attr]
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
    opd, kecamatan, tahapan, jenis, bentuk : tuple of str
        Chosen values (reference names, kecamatan labels including ``Semua Kecamatan`` and
        ``Tidak disebut``, 5D stages, vocabularies of the contract).
    kabupaten_wide : bool
        Whether kabupaten-wide innovations match a kecamatan filter (they apply everywhere).

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
    kabupaten_wide: bool = True

    def __post_init__(self) -> None:
        for name in ("opd", "kecamatan", "tahapan", "jenis", "bentuk"):
            object.__setattr__(self, name, _as_tuple(getattr(self, name)))
        if self.tahun is not None:
            lo, hi = (int(y) for y in self.tahun)
            object.__setattr__(self, "tahun", (min(lo, hi), max(lo, hi)))
        object.__setattr__(self, "kabupaten_wide", bool(self.kabupaten_wide))

    @property
    def is_empty(self) -> bool:
        """Return whether nothing is restricted."""
        return not self.active

    @property
    def active(self) -> tuple[str, ...]:
        """Return the dimensions that restrict the records, in :data:`DIMENSIONS` order."""
        return tuple(d for d in DIMENSIONS if getattr(self, d))

    def without(self, *dimensions: str) -> Filters:
        """Return these filters with `dimensions` unrestricted (a chart ignores its own axis)."""
        cleared: dict[str, Any] = {d: (None if d == "tahun" else ()) for d in dimensions}
        return replace(self, **cleared)

    def with_values(self, dimension: str, values: Iterable[object]) -> Filters:
        """Return these filters with `dimension` set to `values` (years become a range)."""
        if dimension == "tahun":
            years = sorted({int(v) for v in values})
            return replace(self, tahun=(years[0], years[-1]) if years else None)
        return replace(self, **{dimension: _as_tuple(values)})


def _records_of(data: object) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Return (records, kecamatan_long) of a Dataset or of a bare records frame."""
    if isinstance(data, pd.DataFrame):
        return data, None
    return data.records, getattr(data, "kecamatan_long", None)  # type: ignore[attr-defined]


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
    for dimension in ("opd", "tahapan", "jenis", "bentuk"):
        chosen = getattr(filters, dimension)
        if chosen and dimension in records.columns:
            mask &= records[dimension].isin(chosen).to_numpy(dtype=bool)
    if filters.kecamatan:
        long = kecamatan_long if kecamatan_long is not None else explode_kecamatan(records)
        hits = long.loc[long["kecamatan"].isin(kecamatan_labels(filters)).to_numpy(), "record"].unique()
        mask &= records.index.isin(hits)
    return mask


def apply_filters(data: object, filters: Filters, kecamatan_long: pd.DataFrame | None = None) -> pd.DataFrame:
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
        Reference OPDs in list order, then OPDs of the records not in the list.
    kecamatan : tuple of str
        The 28 in code order, unknown names, then ``Semua Kecamatan`` and ``Tidak disebut``.
    tahapan, jenis, bentuk : tuple of str
        Stages in 5D order; the types and forms present in the records.
    kinds : mapping of str to str
        OPD name to its kind (``Dinas``, ``Kecamatan``...; :data:`OTHER_KIND` when unknown).
    """

    years: tuple[int, int] | None
    opd: tuple[str, ...]
    kecamatan: tuple[str, ...]
    tahapan: tuple[str, ...] = STAGES
    jenis: tuple[str, ...] = ()
    bentuk: tuple[str, ...] = ()
    kinds: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)


def _present_values(records: pd.DataFrame, key: str) -> tuple[str, ...]:
    if key not in records.columns:
        return ()
    present = present_values(records[key])
    vocab = [v for v in COLUMN_BY_KEY[key].values if v in present]
    return (*vocab, *sorted(present - set(vocab)))


def filter_options(
    records: pd.DataFrame, reference: Reference, kecamatan_long: pd.DataFrame | None = None
) -> FilterOptions:
    """Return what the filter panel offers for `records` (computed once per data version)."""
    known_opd = reference.opd_names
    in_data = present_values(records["opd"])
    opd = (*known_opd, *sorted(in_data - set(known_opd)))
    long = kecamatan_long if kecamatan_long is not None else explode_kecamatan(records)
    known_kec = reference.kecamatan_names
    special = (KABUPATEN_WIDE, NOT_STATED)
    labels = present_values(long["kecamatan"])
    unknown = sorted(labels - set(known_kec) - set(special))
    years = records["tahun"].dropna() if "tahun" in records.columns else pd.Series([], dtype="Int64")
    kinds = reference.opd_kind()
    kinds.update({name: OTHER_KIND for name in opd if name not in kinds})
    return FilterOptions(
        years=(int(years.min()), int(years.max())) if len(years) else None,
        opd=opd,
        kecamatan=(*known_kec, *unknown, *special),
        jenis=_present_values(records, "jenis"),
        bentuk=_present_values(records, "bentuk"),
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
    for dimension in ("opd", "kecamatan", "tahapan", "jenis", "bentuk"):
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
    return replace(filters, **changes)


# --------------------------------------------------------------------------------- URL round trip
def filters_to_query(filters: Filters) -> dict[str, str]:
    """Return the URL parameters of `filters` (only what restricts something).

    Examples
    --------
    >>> filters_to_query(Filters(tahun=(2019, 2021), tahapan=("Delivery", "Display")))
    {'tahun': '2019-2021', 'tahap': 'Delivery|Display'}
    """
    query: dict[str, str] = {}
    if filters.tahun is not None:
        lo, hi = filters.tahun
        query[QUERY_KEYS["tahun"]] = str(lo) if lo == hi else f"{lo}-{hi}"
    for dimension in ("opd", "kecamatan", "tahapan", "jenis", "bentuk"):
        values = getattr(filters, dimension)
        if values:
            query[QUERY_KEYS[dimension]] = QUERY_SEPARATOR.join(values)
    if not filters.kabupaten_wide:
        query[QUERY_KEYS["kabupaten_wide"]] = "0"
    return query


def _query_value(query: Mapping[str, object], key: str) -> str:
    value = query.get(key)
    if isinstance(value, list | tuple):
        value = next((v for v in reversed(value) if isinstance(v, str) and v.strip()), "")
    return value[:_MAX_QUERY_CHARS] if isinstance(value, str) else ""


def parse_year_range(text: str) -> tuple[int, int] | None:
    """Return the year range a URL value names (``2019-2022`` or ``2020``), or None.

    Examples
    --------
    >>> parse_year_range("2022-2019"), parse_year_range(" 2020 "), parse_year_range("20x0")
    ((2019, 2022), (2020, 2020), None)
    """
    match = _YEAR_RANGE.match(text or "")
    if not match:
        return None
    lo = int(match.group(1))
    hi = int(match.group(2) or lo)
    if not (1900 <= lo <= 2200 and 1900 <= hi <= 2200):
        return None
    return (min(lo, hi), max(lo, hi))


def filters_from_query(query: Mapping[str, object]) -> Filters:
    """Return the filters that URL parameters describe; anything malformed is ignored.

    Parameters
    ----------
    query : mapping
        Parameter name to value (a string, or a list of strings: the last one counts), as
        ``st.query_params.to_dict()`` gives them. Unknown parameters are ignored.

    Examples
    --------
    >>> f = filters_from_query({"tahap": "Delivery|Display", "tahun": "abc", "semua": "0"})
    >>> f.tahapan, f.tahun, f.kabupaten_wide
    (('Delivery', 'Display'), None, False)
    """
    values: dict[str, Any] = {}
    for dimension in ("opd", "kecamatan", "tahapan", "jenis", "bentuk"):
        text = _query_value(query, QUERY_KEYS[dimension])
        parts = [p.strip() for p in text.split(QUERY_SEPARATOR)]
        values[dimension] = tuple(p for p in parts if p and p.isprintable())[:_MAX_QUERY_VALUES]
    values["tahun"] = parse_year_range(_query_value(query, QUERY_KEYS["tahun"]))
    flag = _query_value(query, QUERY_KEYS["kabupaten_wide"]).strip().casefold()
    values["kabupaten_wide"] = flag not in _FALSE_WORDS
    return Filters(**values)


# ------------------------------------------------------------------------------ chart selection
def _selection_points(event: object) -> list[Mapping[str, Any]]:
    if event is None:
        return []
    selection = event.get("selection", event) if isinstance(event, Mapping) else getattr(event, "selection", None)
    if not isinstance(selection, Mapping):
        return []
    points = selection.get("points") or []
    return [p for p in points if isinstance(p, Mapping)]


def selection_values(event: object) -> list[object]:
    """Return the category of each selected point of a ``st.plotly_chart`` selection event.

    The value is the point's ``customdata`` (its first item when a list), set by the chart
    functions to the raw category (OPD name, stage, kecamatan, year); else its ``label``.

    Examples
    --------
    >>> selection_values({"selection": {"points": [{"customdata": ["Maja", 3], "label": "x"}, {"label": "Bayah"}]}})
    ['Maja', 'Bayah']
    """
    found: list[object] = []
    for point in _selection_points(event):
        value = point.get("customdata")
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if value is None:
            value = point.get("label")
        if value is not None and value not in found:
            found.append(value)
    return found


def apply_selection(filters: Filters, dimension: str, event: object, options: FilterOptions | None = None) -> Filters:
    """Return the filters after a click (or box/lasso) on a chart of `dimension`.

    The selected categories replace that dimension's filter; an empty selection (a double
    click, which clears plotly's selection) removes it, which is the way back. Values that the
    data does not offer (per `options`) are ignored; several years become their range.

    Parameters
    ----------
    filters : Filters
        Filters in force before the click.
    dimension : str
        What the chart's categories are: one of :data:`SELECTABLE`.
    event : mapping
        The selection state of ``st.plotly_chart(..., on_select=...)``.
    options : FilterOptions, optional
        Valid values; without it every value is taken as given.

    Returns
    -------
    Filters
    """
    if dimension not in SELECTABLE:
        raise ValueError(f"unknown dimension {dimension!r}")
    values = selection_values(event)
    if dimension == "tahun":
        years: list[int] = []
        for value in values:
            try:
                year = int(float(value))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                continue
            if options is None or (options.years and options.years[0] <= year <= options.years[1]):
                years.append(year)
        if values and not years:
            return filters
        return filters.with_values("tahun", years)
    texts = [str(v) for v in values]
    if options is not None:
        allowed = set(getattr(options, dimension))
        texts = [v for v in texts if v in allowed]
        if values and not texts:
            return filters
    return filters.with_values(dimension, texts)


# ---------------------------------------------------------------------------------- aggregations
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


# --------------------------------------------------------------------------------- innovation list
_SEARCH_COLUMNS = ("kode", "nama", "opd", "tahapan", "inovator", "urusan", "deskripsi", "jenis", "bentuk")


def search_text(records: pd.DataFrame) -> pd.Series:
    """Return one lower-case text per record to search in (computed once per data version)."""
    parts = [records[c].astype(object).fillna("").astype(str) for c in _SEARCH_COLUMNS if c in records.columns]
    parts.append(records["kecamatan"].map(lambda names: " ".join(names)))
    if "tahun" in records.columns:
        parts.append(records["tahun"].astype(object).fillna("").astype(str))
    text = parts[0]
    for part in parts[1:]:
        text = text + " " + part
    return text.str.casefold()


def search_records(records: pd.DataFrame, query: str, haystack: pd.Series | None = None) -> pd.DataFrame:
    """Return the records whose text contains every word of `query` (case ignored, plain text).

    Parameters
    ----------
    records : pandas.DataFrame
    query : str
        Words separated by spaces; no pattern syntax (a ``(`` is just a bracket).
    haystack : pandas.Series, optional
        :func:`search_text` of these records or of a superset (same index), kept from load.
    """
    words = str(query or "").casefold().split()[:20]
    if not words:
        return records
    text = haystack.reindex(records.index) if haystack is not None else search_text(records)
    mask = np.ones(len(records), dtype=bool)
    for word in words:
        mask &= text.str.contains(word, regex=False).fillna(False).to_numpy(dtype=bool)
    return records[mask]


def list_frame(records: pd.DataFrame, extra_columns: Iterable[str] = ()) -> pd.DataFrame:
    """Return the innovation list as shown: every contract column, then the workbook's extra
    columns, then the source sheet and row; kecamatan as one text (``Maja, Bayah``)."""
    keys = [k for k in RECORD_KEYS if k in records.columns]
    extra = [c for c in extra_columns if c in records.columns and c not in keys]
    source = [c for c in ("sumber_sheet", "sumber_baris") if c in records.columns]
    frame = records[[*keys, *extra, *source]].copy()
    frame["kecamatan"] = records["kecamatan"].map(lambda names: ", ".join(names))
    # Text and categories as plain text, blanks as empty cells (the grid shows a missing value as
    # "None"); numbers and dates keep their type so that they sort as numbers and dates.
    for key in frame.columns:
        column = frame[key]
        if not (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_datetime64_any_dtype(column)):
            frame[key] = column.astype("string").fillna("")
    return frame


def _detail_value(key: str, value: object, lang: str) -> str:
    if key == "kecamatan":
        names = tuple(value) if isinstance(value, tuple | list) else ()
        return ", ".join(names) if names else NOT_STATED
    if value is None or (not isinstance(value, str | tuple | list) and pd.isna(value)):
        return "-"
    if key == "tanggal_mulai":
        return fmt_date(pd.Timestamp(value), lang)
    if key == "anggaran":
        return fmt_rupiah(value, lang)
    if key in ("tahun", "sumber_baris"):
        return str(int(value))  # a year is never grouped: 2019, not 2.019
    if isinstance(value, float) and value.is_integer():
        return fmt_int(value, lang)
    return str(value)


def innovation_details(record: pd.Series, extra_columns: Iterable[str] = (), lang: str = "id") -> pd.DataFrame:
    """Return one innovation as (field label, value as text) rows: every filled contract column,
    the workbook's extra columns, then the source sheet and row.

    Parameters
    ----------
    record : pandas.Series
        One row of the records.
    extra_columns : iterable of str
        The workbook's extra columns.
    lang : {"id", "en"}

    Returns
    -------
    pandas.DataFrame
        Columns ``kolom`` (label), ``isi`` (text) and ``kunci`` (the column key).
    """
    rows: list[tuple[str, str, str]] = []
    for key in (*RECORD_KEYS, *extra_columns, "sumber_sheet", "sumber_baris"):
        if key not in record.index:
            continue
        text = _detail_value(key, record[key], lang)
        label = t(f"col.{key}", lang) if f"col.{key}" in STRINGS else str(key)
        rows.append((label, text, key))
    return pd.DataFrame(rows, columns=["kolom", "isi", "kunci"])
