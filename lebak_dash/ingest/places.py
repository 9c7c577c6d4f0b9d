"""Where an innovation is: its coordinates, and the region (``Pemda``) it belongs to.

* :func:`coordinates`: ``lat``/``lon`` from two numeric columns (``Lintang``/``Latitude`` and
  ``Bujur``/``Longitude``) when both are filled, else from a ``Koordinat`` cell in any form of
  :func:`~lebak_dash.records.coordinates.parse_coordinates`. A value in no known form, or a point
  outside Indonesia, is a warning and the point is dropped (the row stays).
* :func:`kecamatan_from_points`: with kecamatan boundaries, a row with a point and no kecamatan
  gets the kecamatan whose polygon holds the point; a point outside every polygon, or inside
  another kecamatan than the one the row names (the named one stays), is a warning.
* :func:`pemda`: a ``Pemda`` naming another region than the dashboard's is reported once per
  distinct value, with how many rows name it; the rows stay.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lebak_dash.ingest.rules import RowIssues, map_unique, map_unique_fields
from lebak_dash.records.coordinates import LAT_RANGE, LON_RANGE, parse_coordinates, parse_degrees
from lebak_dash.records.reference import Reference
from lebak_dash.records.schema import KABUPATEN_WIDE
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


def kecamatan_from_points(
    kecamatan: pd.Series, lat: pd.Series, lon: pd.Series, reference: Reference, report: pd.Series, issues: RowIssues
) -> pd.Series:
    """Return the kecamatan per row with the rows that name none placed by their point (see the module).

    Parameters
    ----------
    kecamatan : pandas.Series
        A tuple of names per row (:func:`lebak_dash.ingest.rules.kecamatan`).
    lat, lon : pandas.Series
        Degrees, NaN where the row has no point (:func:`coordinates`).
    reference : Reference
        Its :attr:`~lebak_dash.records.reference.Reference.boundaries` (nothing happens without).
    """
    boundaries = reference.boundaries
    has_point = lat.notna() & lon.notna()
    if boundaries is None or not boundaries.shapes or not has_point.any():
        return kecamatan
    found = pd.Series(None, index=lat.index, dtype=object)
    found[has_point] = boundaries.locate(lat[has_point].to_numpy(), lon[has_point].to_numpy())
    empty = kecamatan.map(lambda v: not v).astype(bool)
    wide = kecamatan.map(lambda v: KABUPATEN_WIDE in v).astype(bool)
    outside = has_point & found.isna()
    point = lat.round(6).astype(str) + ", " + lon.round(6).astype(str)
    issues.add_rows("row.coord_outside_region", "warning", outside & report, "koordinat", point, _value)
    inside = has_point & found.notna()
    disagree = inside & ~empty & ~wide
    disagree &= pd.Series([f not in n for f, n in zip(found, kecamatan, strict=True)], index=kecamatan.index)
    for idx in kecamatan.index[disagree & report]:
        issues.add(
            "row.kecamatan_point_disagrees",
            "warning",
            idx,
            "kecamatan",
            value=", ".join(kecamatan.at[idx]),
            found=found.at[idx],
            point=point.at[idx],
        )
    placed = inside & empty
    if not placed.any():
        return kecamatan
    out = kecamatan.copy()
    out[placed] = found[placed].map(lambda name: (name,))
    return out


def pemda(text: pd.Series, accepted: pd.Series, issues: RowIssues, region: str) -> None:
    """Report each distinct ``Pemda`` of the accepted rows naming another region than `region`, once, with its count."""
    named = text[accepted & text.notna()]
    if named.empty:
        return
    other = map_unique(named, lambda v: not names_region(v, region))
    counts = named[other.astype(bool)].value_counts(sort=False)
    for value, count in counts.items():
        issues.file("file.pemda_other", "warning", value=str(value), region=region, count=int(count))
