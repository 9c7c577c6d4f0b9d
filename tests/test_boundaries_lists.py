"""Kecamatan lists and boundaries together (issue 12): a list without centroids takes them from the
boundaries in use, and checking or activating a kecamatan list re-reads the stored versions with the
boundaries, so an innovation placed by its coordinates keeps its kecamatan.

Synthetic squares of the tests' own (:func:`tests.test_boundaries.squares`) and Lebak's real
boundaries (``../shared/reference/kecamatan_batas_lebak.geojson``, skipped when absent).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lebak_dash.analysis.filters import Filters
from lebak_dash.config import Limits
from lebak_dash.ingest.boundaries import boundaries_json, read_boundaries
from lebak_dash.records.boundaries import boundaries_from_json
from lebak_dash.records.reference import build_reference
from lebak_dash.views.dataset import load_active_dataset
from lebak_dash.views.kecamatan import kecamatan_view
from lebak_dash.views.selection import select

from .helpers import csv_bytes
from .test_boundaries import REAL, _workbook, centroid, needs_real, squares, store  # noqa: F401 - fixture

NAN = float("nan")


def list_without_centroids(reference, names=None) -> bytes:
    """Return the kecamatan list of `reference` (default: all of it) as a CSV with no centroid columns."""
    table = reference.kecamatan if names is None else reference.kecamatan[reference.kecamatan["nama"].isin(names)]
    return csv_bytes([["kode", "nama", "alias"], *table[["kode", "nama", "alias"]].fillna("").values.tolist()])


def placed(reference, names):
    """Return boundaries of squares around the centroids of `names` (label point: the centroid)."""
    answer = read_boundaries(squares(reference, names), "b.geojson", reference, Limits())
    return boundaries_from_json(boundaries_json(answer, "x", ""))


#: (centroid in the list, a shape in the boundaries) -> the centroid the tables end with
CENTROIDS = [
    ("given", True, "given"),
    ("given", False, "given"),
    ("none", True, "label"),
    ("none", False, "none"),
]


@pytest.mark.parametrize(("in_list", "shape", "expected"), CENTROIDS)
def test_a_missing_centroid_is_taken_from_the_kecamatan_shape(reference, in_list, shape, expected):
    kecamatan = reference.kecamatan.copy()
    given = centroid(reference, "Maja")
    moved = (given[0] + 0.004, given[1] - 0.003)  # a centroid the list gives, off the square's centre
    kecamatan.loc[kecamatan["nama"] == "Maja", ["lon", "lat"]] = moved if in_list == "given" else (NAN, NAN)
    tables = build_reference(reference.opd, kecamatan, reference.region)
    boundaries = placed(reference, ["Maja"] if shape else ["Bayah"])
    row = tables.with_boundaries(boundaries).kecamatan.set_index("nama").loc["Maja"]
    got = (float(row["lon"]), float(row["lat"]))
    want = {"given": moved, "label": boundaries.shapes[0].label, "none": (NAN, NAN)}[expected]
    assert got == pytest.approx(want, nan_ok=True)
    assert tables.with_boundaries(boundaries).boundaries is boundaries
    assert tables.kecamatan.equals(kecamatan)  # the tables given are not changed


@needs_real
def test_a_list_without_centroids_takes_each_from_inside_its_real_kecamatan(reference):
    tables = build_reference(reference.opd, reference.kecamatan.assign(lat=NAN, lon=NAN), reference.region)
    answer = read_boundaries(REAL.read_bytes(), REAL.name, tables, Limits())
    boundaries = boundaries_from_json(boundaries_json(answer, "x", ""))
    filled = tables.with_boundaries(boundaries)
    assert not tables.has_centroids and filled.has_centroids
    table = filled.kecamatan
    # Each centroid lies inside its own kecamatan (an area centroid of a concave one need not).
    assert boundaries.locate(table["lat"].to_numpy(), table["lon"].to_numpy()).tolist() == table["nama"].tolist()
    # And near the list's own centroid (Lebak's ~28 kecamatan are ~10-20 km across): the same place.
    own = reference.kecamatan.set_index("nama")
    far = [
        n
        for n, lat, lon in zip(table["nama"], table["lat"], table["lon"], strict=True)
        if math.dist((lat, lon), (own.loc[n, "lat"], own.loc[n, "lon"])) > 0.1
    ]
    assert far == []


def test_a_new_kecamatan_list_is_checked_and_applied_with_the_boundaries_in_use(store, reference):  # noqa: F811
    """A point in Maja with no kecamatan named keeps Maja through a new list's check, apply and load."""
    points = _workbook(reference, [("", "maja"), ("", "sea")])
    store.add_version(store.check(points, "titik.csv", isolated=False), by="siti")
    store.add_boundaries(store.check_boundaries(squares(reference), "b.geojson"), by="siti")
    number = store.active_state().version

    def kecamatan() -> list[tuple]:
        return [tuple(k) for k in store.load(number, with_issues=False).records["kecamatan"]]

    assert kecamatan() == [("Maja",), ()]
    candidate = store.check_kecamatan(list_without_centroids(reference), "kecamatan.csv")
    assert candidate.reference.boundaries is not None and candidate.reference.has_centroids  # from the squares
    assert [tuple(k) for k in candidate.reimport.records["kecamatan"]] == [("Maja",), ()]
    assert candidate.diff is not None and candidate.diff.edited == 0
    version = store.add_kecamatan(candidate, by="siti")
    assert not version.centroids  # the file's own: it has none
    assert kecamatan() == [("Maja",), ()]
    view = kecamatan_view(select(load_active_dataset(store), Filters()), "id")
    assert view.filled_map and view.map_frame[["lat", "lon"]].notna().all().all()
    store.activate_kecamatan(0, by="siti")  # the bundled list again, and back to the new one
    store.activate_kecamatan(version.number, by="siti")
    assert kecamatan() == [("Maja",), ()]


def test_a_list_without_centroids_and_without_boundaries_has_no_map(store, reference):  # noqa: F811
    store.add_kecamatan(store.check_kecamatan(list_without_centroids(reference), "kecamatan.csv"), by="siti")
    view = kecamatan_view(select(load_active_dataset(store), Filters()), "id")
    assert view.map_figure is None and view.map_hint
    frame = view.map_frame
    assert isinstance(frame, pd.DataFrame) and np.isnan(frame["lat"].to_numpy(dtype=float)).all()
