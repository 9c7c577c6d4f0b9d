"""The URL round trip of :class:`~lebak_dash.analysis.filters.Filters`, and chart selections.

A page mirrors its filters in the address (:func:`filters_to_query` / :func:`filters_from_query`),
so a view can be bookmarked or shared; a click on a chart becomes a filter
(:func:`apply_selection`). Both read untrusted input: anything malformed is ignored.

**What is missing, in a URL.** Every gap the completeness panel counts has a value of its own,
so a link opens the list of exactly those innovations (:func:`missing_filters`):

============================= ======================================================
``opd=OPD belum diisi``       innovations that name no OPD
``tahap=Tahap belum diisi``   innovations with no stage in either model (5D, IID)
``kec=Tidak disebut``         innovations that name no kecamatan
``tahun=Tahun belum diisi``   innovations with no year (a year range is then ignored)
============================= ======================================================

Values are matched ignoring case (``tahun=tahun belum diisi`` works too).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from lebak_dash.analysis.filters import SELECTABLE, VALUE_DIMENSIONS, FilterOptions, Filters
from lebak_dash.records.schema import NO_OPD, NO_STAGE, NOT_STATED

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
    "urusan": "urusan",
    "kabupaten_wide": "semua",
}
#: URL value of the year filter that chooses the innovations with no year.
NO_YEAR = "Tahun belum diisi"
#: Dimensions of the completeness panel, in its order.
MISSING_DIMENSIONS: tuple[str, ...] = ("opd", "tahapan", "kecamatan", "tahun")
# Bounds that keep a hostile or mangled URL cheap to parse.
_MAX_QUERY_CHARS = 4000
_MAX_QUERY_VALUES = 200
_YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*(?:[-–—:.]{1,2}\s*(\d{4}))?\s*$")
_FALSE_WORDS = frozenset({"0", "false", "no", "tidak", "off", "n"})


def filters_to_query(filters: Filters) -> dict[str, str]:
    """Return the URL parameters of `filters` (only what restricts something).

    Examples
    --------
    >>> filters_to_query(Filters(tahun=(2019, 2021), tahapan=("Delivery", "Display")))
    {'tahun': '2019-2021', 'tahap': 'Delivery|Display'}
    """
    query: dict[str, str] = {}
    if filters.no_year:
        query[QUERY_KEYS["tahun"]] = NO_YEAR
    elif filters.tahun is not None:
        lo, hi = filters.tahun
        query[QUERY_KEYS["tahun"]] = str(lo) if lo == hi else f"{lo}-{hi}"
    for dimension in VALUE_DIMENSIONS:
        values = getattr(filters, dimension)
        if values:
            query[QUERY_KEYS[dimension]] = QUERY_SEPARATOR.join(values)
    if not filters.kabupaten_wide:
        query[QUERY_KEYS["kabupaten_wide"]] = "0"
    return query


def share_address(base_url: str | None, query: Mapping[str, str]) -> str:
    """Return the address that opens the page at `base_url` with the filters and language of
    `query` (:func:`filters_to_query` plus the language), for sending to someone.

    `base_url` is the page's address without a query string (``st.context.url``); None gives
    the query alone (``?...``), which still opens the view relative to the page. A server's
    address without a path (the default page: ``st.context.url`` gives no ``/``) gets its ``/``.

    Examples
    --------
    >>> share_address("http://10.0.0.5:8501/opd", {"opd": "Dinas A|Dinas B", "lang": "en"})
    'http://10.0.0.5:8501/opd?opd=Dinas+A%7CDinas+B&lang=en'
    >>> share_address("https://dasbor.example/", {})
    'https://dasbor.example/'
    >>> share_address("http://10.0.0.5:8501", {"lang": "en"})
    'http://10.0.0.5:8501/?lang=en'
    """
    base = (base_url or "").split("?", 1)[0].split("#", 1)[0]
    parts = urllib.parse.urlsplit(base)
    if parts.netloc and not parts.path:
        base = urllib.parse.urlunsplit(parts._replace(path="/"))
    encoded = urllib.parse.urlencode(list(query.items()))
    return f"{base}?{encoded}" if encoded else base


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
    for dimension in VALUE_DIMENSIONS:
        text = _query_value(query, QUERY_KEYS[dimension])
        parts = [p.strip() for p in text.split(QUERY_SEPARATOR)]
        values[dimension] = tuple(p for p in parts if p and p.isprintable())[:_MAX_QUERY_VALUES]
    year_text = _query_value(query, QUERY_KEYS["tahun"])
    values["no_year"] = " ".join(year_text.split()).casefold() == NO_YEAR.casefold()
    values["tahun"] = None if values["no_year"] else parse_year_range(year_text)
    flag = _query_value(query, QUERY_KEYS["kabupaten_wide"]).strip().casefold()
    values["kabupaten_wide"] = flag not in _FALSE_WORDS
    return Filters(**values)


def missing_filters(filters: Filters, dimension: str) -> Filters:
    """Return `filters` narrowed to the innovations that lack `dimension` (a completeness link).

    The other filters stay, so the list shows exactly the innovations the panel counted (it counts
    them ignoring only the dimension's own filter).

    Parameters
    ----------
    filters : Filters
        The filters in force.
    dimension : str
        One of :data:`MISSING_DIMENSIONS`.

    Examples
    --------
    >>> filters_to_query(missing_filters(Filters(tahun=(2019, 2020)), "opd"))
    {'tahun': '2019-2020', 'opd': 'OPD belum diisi'}
    >>> filters_to_query(missing_filters(Filters(tahun=(2019, 2020)), "tahun"))
    {'tahun': 'Tahun belum diisi'}
    """
    if dimension == "tahun":
        return replace(filters, tahun=None, no_year=True)
    labels = {"opd": NO_OPD, "tahapan": NO_STAGE, "kecamatan": NOT_STATED}
    if dimension not in labels:
        raise ValueError(f"unknown dimension {dimension!r}")
    return filters.with_values(dimension, [labels[dimension]])


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
                year = int(float(str(value)))  # a year as int, float or text
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
