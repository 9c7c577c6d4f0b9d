"""Benchmark: placing 100,000 points in their kecamatan (issue 12), against a per-point loop.

The dashboard places an innovation that has coordinates but no kecamatan with
:meth:`lebak_dash.records.boundaries.KecamatanBoundaries.locate`: one vectorised
:func:`shapely.contains_xy` call per kecamatan over all the points (shapely 2, GEOS, prepared
geometries). Measured in the same run:

* **vectorised** (what the importer runs): ``locate`` on all the points;
* **STRtree**: :class:`shapely.STRtree` of the kecamatan, one bulk ``query(..., predicate="within")``;
* **baseline, per point**: a Python loop asking each kecamatan ``geometry.contains(Point(x, y))``
  in turn (what one writes without vectorising), timed on ``--baseline-points`` points and scaled
  to the full count (linear: each point costs the same).

The boundaries are Lebak's real ones (``../shared/reference/kecamatan_batas_lebak.geojson``, 28
kecamatan, 5,504 vertices) when present, else squares around the bundled centroids; the points
are uniform in the boundaries' bounding box (seeded), so about half fall outside every kecamatan,
the slow case for both. The three answers are checked to agree.

Run: ``python bench/bench_boundaries.py [--points 100000] [--baseline-points 5000] [--repeats 5]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lebak_dash.config import Limits  # noqa: E402
from lebak_dash.ingest.boundaries import boundaries_json, read_boundaries, square_collection  # noqa: E402
from lebak_dash.records.boundaries import KecamatanBoundaries, boundaries_from_json  # noqa: E402
from lebak_dash.records.reference import load_reference  # noqa: E402

REAL = ROOT.parent / "shared" / "reference" / "kecamatan_batas_lebak.geojson"


def boundaries() -> tuple[KecamatanBoundaries, str]:
    reference = load_reference()
    if REAL.is_file():
        data, what = REAL.read_bytes(), "Lebak's real boundaries"
    else:
        table = reference.kecamatan
        points = list(zip(table["nama"], table["lon"], table["lat"], strict=True))
        data, what = json.dumps(square_collection(points, half=0.02)).encode(), "squares at the centroids"
    answer = read_boundaries(data, "b.geojson", reference, Limits())
    return boundaries_from_json(boundaries_json(answer, "bench", "")), what


def per_point(b: KecamatanBoundaries, lat: np.ndarray, lon: np.ndarray) -> list[str | None]:
    found: list[str | None] = []
    for y, x in zip(lat, lon, strict=True):
        point = shapely.Point(x, y)
        found.append(next((s.name for s in b.shapes if s.geometry.contains(point)), None))
    return found


def strtree(b: KecamatanBoundaries, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    tree = shapely.STRtree([s.geometry for s in b.shapes])
    points, shapes = tree.query(shapely.points(lon, lat), predicate="within")
    found = np.full(len(lat), None, dtype=object)
    names = np.array(b.names, dtype=object)
    found[points] = names[shapes]
    return found


def timed(function, repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--baseline-points", type=int, default=5_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    b, what = boundaries()
    left, bottom, right, top = shapely.total_bounds([s.geometry for s in b.shapes])
    rng = np.random.default_rng(12)
    lon = rng.uniform(left, right, args.points)
    lat = rng.uniform(bottom, top, args.points)
    vectorised = timed(lambda: b.locate(lat, lon), args.repeats)
    tree = timed(lambda: strtree(b, lat, lon), args.repeats)
    n = args.baseline_points
    loop = timed(lambda: per_point(b, lat[:n], lon[:n]), 1) * args.points / n
    located = b.locate(lat, lon)
    assert located[:n].tolist() == per_point(b, lat[:n], lon[:n]), "vectorised and per-point answers differ"
    assert located.tolist() == strtree(b, lat, lon).tolist(), "vectorised and STRtree answers differ"
    inside = int(np.not_equal(located, None).sum())
    print(f"{what}: {len(b.shapes)} kecamatan; {args.points:,} points, {inside:,} inside a kecamatan\n")
    print("| method | seconds | vs per-point loop |")
    print("| --- | ---: | ---: |")
    for name, seconds in (
        ("vectorised `contains_xy` per kecamatan (used)", vectorised),
        ("STRtree bulk query", tree),
        (f"per-point loop (timed on {n:,}, scaled)", loop),
    ):
        print(f"| {name} | {seconds:.3f} | {seconds / loop:.4f} |")


if __name__ == "__main__":
    main()
