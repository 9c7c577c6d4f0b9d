"""Kecamatan boundaries as the dashboard holds them: a polygon per kecamatan, for the map and for placing points.

The boundary file an editor uploads is read and checked in the isolated worker
(:mod:`lebak_dash.ingest.boundaries`); what comes back is plain coordinates, made into
:class:`KecamatanBoundaries` here by :func:`boundaries_from_json`. Each kecamatan keeps its full
geometry (to place an innovation by its coordinates, :meth:`KecamatanBoundaries.locate`) and a
simplified one for the screen (:attr:`KecamatanShape.screen`), plus the point its name is drawn at.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

#: Rings of a polygon: the exterior first, then the holes; each ring a list of ``[lon, lat]``.
Rings = list[list[list[float]]]


@dataclass(frozen=True)
class KecamatanShape:
    """One kecamatan's boundary.

    Attributes
    ----------
    name : str
        The kecamatan's name in the active list.
    code : str
    geometry : shapely.Geometry
        The full (repaired) Polygon or MultiPolygon, lon/lat.
    screen : tuple of Rings
        The simplified polygons drawn on screen.
    label : tuple of float
        ``(lon, lat)`` of a point inside the shape where its name goes.
    """

    name: str
    code: str
    geometry: Any = field(repr=False)
    screen: tuple[Rings, ...] = field(repr=False)
    label: tuple[float, float]


@dataclass(frozen=True)
class KecamatanBoundaries:
    """The boundaries in use: a shape per kecamatan that has one, and where they came from.

    Attributes
    ----------
    sha256 : str
        Hash of the boundary file (its version's identity).
    attribution : str
        Whose boundaries these are, shown with the map.
    shapes : tuple of KecamatanShape
        In the order of the kecamatan list.
    """

    sha256: str
    attribution: str
    shapes: tuple[KecamatanShape, ...]

    @property
    def names(self) -> list[str]:
        """Return the kecamatan that have a shape."""
        return [s.name for s in self.shapes]

    def locate(self, lat: np.ndarray | Sequence[float], lon: np.ndarray | Sequence[float]) -> np.ndarray:
        """Return, for each point, the kecamatan whose polygon holds it (None outside every polygon).

        Vectorised: per kecamatan, the points inside its bounding box (numpy) go to one
        :func:`shapely.contains_xy` call (GEOS, the geometry prepared once); see
        ``bench/bench_boundaries.py`` for 100,000 points.

        Examples
        --------
        >>> square = [[[106.0, -6.5], [106.1, -6.5], [106.1, -6.4], [106.0, -6.4], [106.0, -6.5]]]
        >>> b = boundaries_from_json({"sha256": "x", "attribution": "", "kecamatan": [
        ...     {"name": "Maja", "code": "36.02.01", "polygons": [square], "screen": [square],
        ...      "label": [106.05, -6.45]}]})
        >>> b.locate([-6.45, -7.0], [106.05, 106.05]).tolist()
        ['Maja', None]
        """
        y = np.asarray(lat, dtype="float64")
        x = np.asarray(lon, dtype="float64")
        found = np.full(x.shape, None, dtype=object)
        free = ~(np.isnan(x) | np.isnan(y))  # a point not placed yet
        for shape in self.shapes:
            left, bottom, right, top = shape.geometry.bounds
            # Only the free points in the shape's bounding box are asked (numpy), the rest never reach GEOS.
            near = np.flatnonzero(free & (x >= left) & (x <= right) & (y >= bottom) & (y <= top))
            hit = near[np.asarray(shapely.contains_xy(shape.geometry, x[near], y[near]), dtype=bool)]
            found[hit] = shape.name
            free[hit] = False
        return found


def _polygon(rings: Rings) -> shapely.Polygon:
    shell, *holes = rings
    return shapely.Polygon(shell, holes)


def boundaries_from_json(payload: dict[str, Any] | bytes | str) -> KecamatanBoundaries:
    """Return the boundaries of the worker's answer (:func:`lebak_dash.ingest.boundaries.boundaries_json`).

    Raises
    ------
    ValueError
        When the payload is not in that form.
    """
    data = json.loads(payload) if isinstance(payload, bytes | str) else payload
    shapes = []
    for item in data["kecamatan"]:
        geometry = shapely.MultiPolygon([_polygon(p) for p in item["polygons"]])
        shapely.prepare(geometry)
        screen = tuple(item["screen"])
        label = (float(item["label"][0]), float(item["label"][1]))
        shapes.append(KecamatanShape(str(item["name"]), str(item["code"]), geometry, screen, label))
    return KecamatanBoundaries(str(data["sha256"]), str(data.get("attribution") or ""), tuple(shapes))
