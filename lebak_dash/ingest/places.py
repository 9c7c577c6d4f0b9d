"""Where an innovation is: its coordinates, and the region (``Pemda``) it belongs to.

* :func:`coordinates`: ``lat``/``lon`` from two numeric columns (``Lintang``/``Latitude`` and
  ``Bujur``/``Longitude``) when both are filled, else from a ``Koordinat`` cell in any form of
  :func:`~lebak_dash.records.coordinates.parse_coordinates`. A value in no known form, or a point
  outside Indonesia, is a warning and the point is dropped (the row stays).
* :func:`pemda`: a ``Pemda`` naming another region than the dashboard's is reported once per
  distinct value, with how many rows name it; the rows stay.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lebak_dash.ingest.rules import RowIssues, map_unique, map_unique_fields
from lebak_dash.records.coordinates import LAT_RANGE, LON_RANGE, parse_coordinates, parse_degrees
from lebak_dash.records.values import names_region


def _pair(text: str) -> tuple[float | None, float | None]:
    point = parse_coordinates(text)
    return (None, None) if point is None else point


def _as_float(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype("float64")


def coordinates(clean: pd.DataFrame, report: pd.Series, issues: RowIssues) -> tuple[pd.Series, pd.Series]:
    """Return ``(lat, lon)`` in degrees (NaN where absent or dropped), warning about what was dropped."""
    text = clean["koordinat"]
    lat_text, lon_text = clean["lat"], clean["lon"]
    if text.isna().all() and lat_text.isna().all() and lon_text.isna().all():
        nothing = pd.Series(np.nan, index=text.index, dtype="float64")
        return nothing, nothing.copy()
    cell_lat, cell_lon = (_as_float(s) for s in map_unique_fields(text, _pair, 2))
    col_lat = _as_float(map_unique(lat_text, parse_degrees))
    col_lon = _as_float(map_unique(lon_text, parse_degrees))
    from_columns = lat_text.notna() | lon_text.notna()
    unreadable = (text.notna() & cell_lat.isna() & ~from_columns) | (from_columns & (col_lat.isna() | col_lon.isna()))
    lat = col_lat.where(from_columns, cell_lat)
    lon = col_lon.where(from_columns, cell_lon)
    inside = lat.between(*LAT_RANGE) & lon.between(*LON_RANGE)  # in_indonesia, for a whole column
    outside = ~inside & lat.notna() & lon.notna()
    written = text.where(~from_columns, lat_text.fillna("") + ", " + lon_text.fillna(""))
    key = pd.Series(np.where(from_columns, "lat", "koordinat"), index=text.index)
    for column in ("koordinat", "lat"):
        here = key.eq(column)
        issues.add_rows("row.coord_invalid", "warning", unreadable & here & report, column, written, _value)
        issues.add_rows("row.coord_outside", "warning", outside & here & report, column, written, _value)
    dropped = unreadable | outside
    return lat.where(~dropped), lon.where(~dropped)


def _value(v: object) -> dict[str, object]:
    return {"value": v}


def pemda(text: pd.Series, accepted: pd.Series, issues: RowIssues, region: str) -> None:
    """Report each distinct ``Pemda`` of the accepted rows naming another region than `region`, once, with its count."""
    named = text[accepted & text.notna()]
    if named.empty:
        return
    other = map_unique(named, lambda v: not names_region(v, region))
    counts = named[other.astype(bool)].value_counts(sort=False)
    for value, count in counts.items():
        issues.file("file.pemda_other", "warning", value=str(value), region=region, count=int(count))
