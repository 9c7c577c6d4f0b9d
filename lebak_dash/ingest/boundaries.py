"""Kecamatan boundary files to checked polygons (runs in the isolated worker).

Two forms: a GeoJSON FeatureCollection of Polygon/MultiPolygon features in lon/lat (WGS84), and
a zipped ESRI Shapefile (``.shp``, ``.shx``, ``.dbf``, and a ``.prj`` saying WGS84 when present),
read with pyshp (pure Python). Nothing is kept unless all of it passes:

* size (``Limits.max_boundary_mb``), features (``max_boundary_features``) and vertices
  (``max_boundary_vertices``) are counted before any geometry is built;
* a zip's member names must be plain (no ``..``, no absolute path), its parts complete;
* every coordinate is a finite lon/lat (a projected file, e.g. UTM metres, is refused);
* every feature names a kecamatan of the active list, by code (``kode``, ``KDCPUM``...) or by
  name (``nama``, ``WADMKC``...), with the importer's matching (``Gunungkencana`` is Gunung
  Kencana); features of one kecamatan are joined; kecamatan without a feature are listed;
* an invalid geometry (a self-intersecting ring) is repaired with :func:`shapely.make_valid`, with
  a note; one that leaves no area is refused.

:func:`read_boundaries` returns the JSON-ready answer of the worker (:func:`boundaries_json`):
the full polygons, simplified ones for the screen and a label point per kecamatan.
"""

from __future__ import annotations

import io
import json
import posixpath
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapefile
import shapely
from shapely.ops import polylabel

from lebak_dash.config import Limits
from lebak_dash.records.reference import Reference
from lebak_dash.records.textnorm import clean_text, compact_key

#: Property names that hold a kecamatan's code / name (compared ignoring case), in order of preference.
CODE_PROPERTIES = ("kode", "kode_kec", "kode_kecamatan", "kd_kec", "kdcpum", "kdkec", "id_kecamatan", "code")
NAME_PROPERTIES = ("nama", "nama_kec", "nama_kecamatan", "kecamatan", "wadmkc", "nm_kec", "namobj", "name")
#: Top-level GeoJSON members taken as the file's own attribution.
ATTRIBUTION_MEMBERS = ("attribution", "license", "licence", "copyright", "source")
#: Screen simplification: a tolerance of this share of the boundaries' larger span.
SCREEN_TOLERANCE = 1 / 1500
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf")
_LISTED = 10


class BoundaryError(ValueError):
    """A boundary file that cannot be used: ``key`` is a ``detail.boundary_*`` message, ``params`` its values."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params


@dataclass
class _Feature:
    properties: dict[str, Any]
    polygons: list[list[np.ndarray]]  # per polygon: exterior, holes
    number: int


@dataclass
class _Reading:
    fmt: str
    features: list[_Feature] = field(default_factory=list)
    attribution: str = ""


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:_LISTED])
    return shown + (f" (+{len(items) - _LISTED})" if len(items) > _LISTED else "")


# ---------------------------------------------------------------------------- reading
def _ring(value: object, counter: list[int], limits: Limits) -> np.ndarray:
    if not isinstance(value, list):
        raise BoundaryError("detail.boundary_bad_geometry")
    counter[0] += len(value)
    if counter[0] > limits.max_boundary_vertices:
        raise BoundaryError("detail.boundary_too_many_vertices", limit=limits.max_boundary_vertices)
    try:
        ring = np.asarray([p[:2] for p in value], dtype="float64")
    except (TypeError, ValueError, IndexError) as exc:
        raise BoundaryError("detail.boundary_bad_geometry") from exc
    if ring.ndim != 2 or ring.shape[1] != 2 or len(ring) == 0:
        raise BoundaryError("detail.boundary_bad_geometry")
    if not np.isfinite(ring).all():
        raise BoundaryError("detail.boundary_bad_geometry")
    if (np.abs(ring[:, 0]) > 180).any() or (np.abs(ring[:, 1]) > 90).any():
        raise BoundaryError("detail.boundary_not_lonlat")
    return ring


def _polygons(geometry: object, counter: list[int], limits: Limits) -> list[list[np.ndarray]]:
    if not isinstance(geometry, dict):
        raise BoundaryError("detail.boundary_bad_geometry")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        parts = [coordinates]
    elif kind == "MultiPolygon" and isinstance(coordinates, list):
        parts = coordinates
    else:
        raise BoundaryError("detail.boundary_not_polygon", kind=str(kind)[:40])
    if not isinstance(parts, list) or not parts:
        raise BoundaryError("detail.boundary_bad_geometry")
    out = []
    for part in parts:
        if not isinstance(part, list) or not part:
            raise BoundaryError("detail.boundary_bad_geometry")
        out.append([_ring(r, counter, limits) for r in part])
    return out


def read_geojson(data: bytes, limits: Limits) -> _Reading:
    """Return the features of a GeoJSON FeatureCollection (:class:`BoundaryError` when it is not one)."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BoundaryError("detail.boundary_not_json") from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise BoundaryError("detail.boundary_not_collection")
    crs = doc.get("crs")
    if isinstance(crs, dict):
        name = str((crs.get("properties") or {}).get("name", ""))
        if name and not any(k in name.upper() for k in ("CRS84", "4326")):
            raise BoundaryError("detail.boundary_not_wgs84", crs=name[:80])
    features = doc["features"]
    if len(features) > limits.max_boundary_features:
        raise BoundaryError(
            "detail.boundary_too_many_features", count=len(features), limit=limits.max_boundary_features
        )
    counter = [0]
    reading = _Reading("geojson")
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            raise BoundaryError("detail.boundary_bad_geometry")
        props = feature.get("properties")
        props = props if isinstance(props, dict) else {}
        reading.features.append(_Feature(props, _polygons(feature.get("geometry"), counter, limits), number))
    for member in ATTRIBUTION_MEMBERS:
        if isinstance(doc.get(member), str) and doc[member].strip():
            reading.attribution = clean_text(doc[member])[:500]
            break
    return reading


def _safe_name(name: str) -> bool:
    if not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name or ":" in name:
        return False
    return ".." not in posixpath.normpath(name).split("/") and ".." not in name.split("/")


def _member_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> bytes:
    out = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 20):
            out += chunk
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise BoundaryError("detail.boundary_zip_too_big")
    return bytes(out)


def _check_prj(text: str) -> None:
    upper = text.upper()
    if "PROJCS" in upper or "PROJCRS" in upper or not ("WGS" in upper and "84" in upper):
        name = text.split('"')[1] if '"' in text else text[:60]
        raise BoundaryError("detail.boundary_not_wgs84", crs=name[:80])


def read_shapefile_zip(data: bytes, limits: Limits) -> _Reading:
    """Return the features of a zipped Shapefile (:class:`BoundaryError` when it cannot be used)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise BoundaryError("detail.boundary_bad_zip") from exc
    unsafe = [i.filename for i in infos if not _safe_name(i.filename)]
    if unsafe:
        raise BoundaryError("detail.boundary_zip_unsafe_name", names=_listed(unsafe))
    files = [i for i in infos if not i.is_dir() and not i.filename.startswith("__MACOSX/")]
    stems: dict[str, dict[str, zipfile.ZipInfo]] = {}
    for info in files:
        stem, ext = posixpath.splitext(info.filename)
        stems.setdefault(stem.casefold(), {})[ext.casefold()] = info
    shp = [s for s, parts in stems.items() if ".shp" in parts]
    if len(shp) != 1:
        raise BoundaryError("detail.boundary_zip_shp_count", count=len(shp))
    parts = stems[shp[0]]
    missing = [ext for ext in _SHAPEFILE_PARTS if ext not in parts]
    if missing:
        raise BoundaryError("detail.boundary_zip_missing_parts", parts=", ".join(missing))
    budget = [int(limits.max_expanded_bytes)]
    try:
        raw = {ext: _member_bytes(archive, info, budget) for ext, info in parts.items()}
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError) as exc:
        raise BoundaryError("detail.boundary_bad_zip") from exc
    if ".prj" in raw:
        _check_prj(raw[".prj"].decode("utf-8", errors="replace"))
    encoding = raw.get(".cpg", b"utf-8").decode("ascii", errors="replace").strip() or "utf-8"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "utf-8"
    reading = _Reading("shapefile")
    with warnings.catch_warnings():
        _read_shapes(raw, encoding, reading, limits)
    return reading


def _read_shapes(raw: dict[str, bytes], encoding: str, reading: _Reading, limits: Limits) -> None:
    try:
        reader = shapefile.Reader(
            shp=io.BytesIO(raw[".shp"]),
            shx=io.BytesIO(raw[".shx"]),
            dbf=io.BytesIO(raw[".dbf"]),
            encoding=encoding,
            encodingErrors="replace",
        )
        if len(reader) > limits.max_boundary_features:
            raise BoundaryError(
                "detail.boundary_too_many_features", count=len(reader), limit=limits.max_boundary_features
            )
        counter = [0]
        warnings.simplefilter("ignore")  # pyshp warns about ring orientation; the geometry check decides
        for number, item in enumerate(reader.iterShapeRecords(), start=1):
            shape = item.shape
            if shape.shapeType not in (shapefile.POLYGON, shapefile.POLYGONZ, shapefile.POLYGONM):
                raise BoundaryError("detail.boundary_not_polygon", kind=str(shape.shapeTypeName))
            if counter[0] + len(shape.points) > limits.max_boundary_vertices:
                raise BoundaryError("detail.boundary_too_many_vertices", limit=limits.max_boundary_vertices)
            geometry = shape.__geo_interface__
            reading.features.append(_Feature(item.record.as_dict(), _polygons(geometry, counter, limits), number))
    except BoundaryError:
        raise
    except Exception as exc:
        raise BoundaryError("detail.boundary_bad_shapefile", error=f"{type(exc).__name__}: {str(exc)[:120]}") from exc


# ---------------------------------------------------------------------------- matching
def _property(props: dict[str, Any], names: tuple[str, ...]) -> str:
    lowered = {str(k).casefold(): v for k, v in props.items()}
    for name in names:
        value = lowered.get(name)
        if value is not None and clean_text(str(value)):
            return clean_text(str(value))
    return ""


def _match(feature: _Feature, reference: Reference, codes: dict[str, str]) -> tuple[str | None, str]:
    code = _property(feature.properties, CODE_PROPERTIES)
    name = _property(feature.properties, NAME_PROPERTIES)
    found = codes.get(compact_key(code)) if code else None
    if found is None and name:
        found = reference.match_kecamatan(name)
    label = name or code or f"#{feature.number}"
    return found, label


# ---------------------------------------------------------------------------- geometry
def _geometry(feature: _Feature) -> shapely.Geometry:
    try:
        polygons = [shapely.Polygon(rings[0], rings[1:]) for rings in feature.polygons]
    except (ValueError, shapely.errors.GEOSException) as exc:
        raise BoundaryError("detail.boundary_unrepairable", name=f"#{feature.number}") from exc
    return shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, shapely.Polygon | shapely.MultiPolygon)]
    polygons = [q for p in parts for q in shapely.get_parts(p)]
    return shapely.MultiPolygon(polygons) if polygons else shapely.MultiPolygon()


def _repaired(geometry: shapely.Geometry, label: str, notes: list[dict[str, Any]]) -> shapely.Geometry:
    if shapely.is_valid(geometry) and geometry.area > 0:
        return geometry
    reason = str(shapely.is_valid_reason(geometry))[:120]
    fixed = _polygonal(shapely.make_valid(geometry))
    if fixed.is_empty or fixed.area <= 0 or not shapely.is_valid(fixed):
        raise BoundaryError("detail.boundary_unrepairable", name=label)
    notes.append({"key": "detail.boundary_repaired", "params": {"name": label, "reason": reason}})
    return fixed


def _rings(geometry: shapely.Geometry, digits: int = 6) -> list[list[list[list[float]]]]:
    out = []
    for polygon in shapely.get_parts(_polygonal(geometry)):
        rings = [polygon.exterior, *polygon.interiors]
        out.append([np.round(np.asarray(r.coords)[:, :2], digits).tolist() for r in rings])
    return out


def _label(geometry: shapely.Geometry, tolerance: float) -> list[float]:
    largest = max(shapely.get_parts(_polygonal(geometry)), key=lambda p: p.area)
    try:
        point = polylabel(largest, tolerance=tolerance)
    except Exception:  # noqa: BLE001  (any failure: a point on the surface does)
        point = largest.point_on_surface()
    return [round(point.x, 6), round(point.y, 6)]


def detect_format(data: bytes, filename: str = "") -> str:
    """Return ``shapefile`` for a zip (by its first bytes), else ``geojson``."""
    return "shapefile" if data[:4] == b"PK\x03\x04" or filename.casefold().endswith(".zip") else "geojson"


def read_boundaries(data: bytes, filename: str, reference: Reference, limits: Limits) -> dict[str, Any]:
    """Read and check a boundary file against the kecamatan of `reference`; return the worker's answer.

    Returns
    -------
    dict
        ``format``, ``attribution`` (the file's own, or empty), ``features``, ``vertices``,
        ``kecamatan`` (per kecamatan with a shape, in list order: ``name``, ``code``, ``polygons``
        full, ``screen`` simplified, ``label``), ``missing`` (kecamatan without a feature) and
        ``notes`` (``{"key", "params"}``: geometries repaired).

    Raises
    ------
    BoundaryError
        With the reason, when any of it cannot be used.
    """
    if len(data) > limits.max_boundary_bytes:
        raise BoundaryError("detail.boundary_too_big", limit=f"{limits.max_boundary_mb:g} MB")
    fmt = detect_format(data, filename)
    reading = read_shapefile_zip(data, limits) if fmt == "shapefile" else read_geojson(data, limits)
    if not reading.features:
        raise BoundaryError("detail.boundary_empty")
    table = reference.kecamatan
    codes = {compact_key(str(c)): str(n) for c, n in zip(table["kode"], table["nama"], strict=True)}
    grouped: dict[str, list[shapely.Geometry]] = {}
    unknown: list[str] = []
    notes: list[dict[str, Any]] = []
    for feature in reading.features:
        name, label = _match(feature, reference, codes)
        if name is None:
            unknown.append(label)
            continue
        grouped.setdefault(name, []).append(_repaired(_geometry(feature), label, notes))
    if unknown:
        raise BoundaryError("detail.boundary_unknown", count=len(unknown), names=_listed(unknown))
    merged = {n: shapely.union_all(parts) if len(parts) > 1 else parts[0] for n, parts in grouped.items()}
    bounds = shapely.total_bounds(list(merged.values()))
    tolerance = max(bounds[2] - bounds[0], bounds[3] - bounds[1]) * SCREEN_TOLERANCE
    kecamatan = []
    for code, name in zip(table["kode"], table["nama"], strict=True):
        if name not in merged:
            continue
        geometry = merged[name]
        screen = shapely.simplify(geometry, tolerance, preserve_topology=True)
        kecamatan.append(
            {
                "name": str(name),
                "code": str(code),
                "polygons": _rings(geometry, 7),
                "screen": _rings(screen, 5),
                "label": _label(geometry, tolerance),
            }
        )
    missing = [str(n) for n in table["nama"] if n not in merged]
    vertices = int(sum(sum(len(r) for r in rings) for f in reading.features for rings in f.polygons))
    return {
        "format": reading.fmt,
        "attribution": reading.attribution,
        "features": len(reading.features),
        "vertices": vertices,
        "kecamatan": kecamatan,
        "missing": missing,
        "notes": notes,
    }


def boundaries_json(answer: dict[str, Any], sha256: str, attribution: str) -> dict[str, Any]:
    """Return `answer` with the file's hash and the attribution to show (what :func:`boundaries_from_json` reads)."""
    return {**answer, "sha256": sha256, "attribution": attribution}


def square_collection(points: list[tuple[str, float, float]], half: float = 0.01) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection of squares: one per ``(name, lon, lat)``, `half` degrees each way.

    The worker's rehearsal reads it (and its Shapefile form, :func:`shapefile_zip`).
    """
    features = []
    for name, lon, lat in points:
        ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half]]
        features.append(
            {
                "type": "Feature",
                "properties": {"nama": name},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def shapefile_zip(collection: dict[str, Any], prj: str | None = None, stem: str = "batas") -> bytes:
    """Return `collection` (polygons with a ``nama``) as a zipped Shapefile, with `prj` as its ``.prj`` when given."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON) as writer:
        writer.field("NAMA", "C", size=80)
        for feature in collection["features"]:
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            parts = [ring for polygon in polygons for ring in polygon]
            writer.poly([r[::-1] for r in parts])  # a Shapefile's outer rings run clockwise
            writer.record(feature["properties"].get("nama", ""))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for ext, buffer in ((".shp", shp), (".shx", shx), (".dbf", dbf)):
            archive.writestr(stem + ext, buffer.getvalue())
        if prj is not None:
            archive.writestr(stem + ".prj", prj)
    return out.getvalue()


#: The ``.prj`` of a WGS84 lon/lat Shapefile.
WGS84_PRJ = (
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)
