"""Kecamatan boundaries: reading and refusing boundary files, the store's versions, the filled map, and
innovations placed by their coordinates.

Synthetic boundaries are squares around the kecamatan centroids of the bundled list, written here;
Lebak's real boundaries are read from ``../shared/reference/kecamatan_batas_lebak.geojson`` (those
tests skip when it is absent). Boundary files go through the isolated worker as in production.
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
import re
import zipfile

import numpy as np
import pandas as pd
import pytest

from lebak_dash.analysis.aggregate import explode_kecamatan
from lebak_dash.analysis.filters import Filters
from lebak_dash.config import Limits
from lebak_dash.i18n import render
from lebak_dash.ingest.boundaries import WGS84_PRJ, boundaries_json, read_boundaries, shapefile_zip
from lebak_dash.ingest.importer import import_workbook
from lebak_dash.records.boundaries import boundaries_from_json
from lebak_dash.records.schema import KABUPATEN_WIDE
from lebak_dash.store import Store, StoreError
from lebak_dash.views.dataset import load_active_dataset
from lebak_dash.views.kecamatan import kecamatan_view
from lebak_dash.views.selection import select

from .conftest import ROOT
from .helpers import csv_bytes, data_rows
from .store_helpers import damage_file, stored_files

REAL = ROOT.parent / "shared" / "reference" / "kecamatan_batas_lebak.geojson"
needs_real = pytest.mark.skipif(not REAL.is_file(), reason="../shared/reference/kecamatan_batas_lebak.geojson absent")
HALF = 0.01  # half the side of a synthetic square, in degrees (neighbouring centroids are farther apart)


# ------------------------------------------------------------------------------ files written here
def ring(lon: float, lat: float, half: float = HALF) -> list[list[float]]:
    corners = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half]]
    return [*corners, corners[0]]


def feature(properties: dict, coordinates: list, kind: str = "Polygon") -> dict:
    return {"type": "Feature", "properties": properties, "geometry": {"type": kind, "coordinates": coordinates}}


def collection(features: list[dict], **top: object) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features, **top}).encode()


def centroid(reference, name: str) -> tuple[float, float]:
    row = reference.kecamatan.set_index("nama").loc[name]
    return float(row["lon"]), float(row["lat"])


def squares(reference, names=None, **top: object) -> bytes:
    """Return a GeoJSON of a square around the centroid of each kecamatan (default: all of them)."""
    names = list(reference.kecamatan["nama"]) if names is None else names
    return collection([feature({"nama": n}, [ring(*centroid(reference, n))]) for n in names], **top)


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def shapefile_parts(reference, names: list[str]) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(shapefile_zip(json.loads(squares(reference, names)), WGS84_PRJ))) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.fixture
def store(open_store):
    store = open_store()
    yield store
    store.close()


# ------------------------------------------------------------------------------ refused files
UTM_PRJ = 'PROJCS["WGS_1984_UTM_Zone_48S",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]],PROJECTION["Transverse_Mercator"]]'


def _circle(reference, points: int) -> bytes:
    lon, lat = centroid(reference, "Maja")
    angles = np.linspace(0, 2 * math.pi, points)
    shell = np.column_stack([lon + 0.01 * np.cos(angles), lat + 0.01 * np.sin(angles)]).round(6).tolist()
    return collection([feature({"nama": "Maja"}, [shell])])


def _parts_without(reference, ext: str) -> bytes:
    return zipped({k: v for k, v in shapefile_parts(reference, ["Maja"]).items() if not k.endswith(ext)})


def _renamed(reference, prefix: str) -> bytes:
    return zipped({prefix + k: v for k, v in shapefile_parts(reference, ["Maja"]).items()})


def _with_prj(reference, prj: str) -> bytes:
    return zipped({**shapefile_parts(reference, ["Maja"]), "batas.prj": prj.encode()})


#: (case, the file, limits set in the environment, the reason, words of the Indonesian message)
BAD_FILES = [
    ("not_json", lambda r: b"ini bukan JSON", {}, "detail.boundary_not_json", "bukan JSON"),
    ("not_a_collection", lambda r: b'{"type": "Feature"}', {}, "detail.boundary_not_collection", "FeatureCollection"),
    # A 200 MB file, as the size limit sees it: the limit set to 10 KB, a 20 KB file.
    (
        "too_big",
        lambda r: squares(r, ["Maja"], pad=" " * 20_000),
        {"LEBAK_MAX_BOUNDARY_MB": "0.01"},
        "detail.boundary_too_big",
        "LEBAK_MAX_BOUNDARY_MB",
    ),
    # A polygon of a million vertices (25 MB), against the default vertex limit (500,000).
    ("million_vertices", lambda r: _circle(r, 1_000_000), {}, "detail.boundary_too_many_vertices", "500.000 titik"),
    (
        "too_many_features",
        lambda r: squares(r, ["Maja", "Bayah", "Cipanas"]),
        {"LEBAK_MAX_BOUNDARY_FEATURES": "2"},
        "detail.boundary_too_many_features",
        "3 fitur",
    ),
    (
        "unrepairable",  # every point on one line: no area to repair into
        lambda r: collection(
            [feature({"nama": "Maja"}, [[[106.0, -6.5], [106.1, -6.5], [106.2, -6.5], [106.0, -6.5]]])]
        ),
        {},
        "detail.boundary_unrepairable",
        "tidak dapat diperbaiki",
    ),
    (
        "too_few_points",
        lambda r: collection([feature({"nama": "Maja"}, [[[106.0, -6.5], [106.1, -6.5], [106.0, -6.5]]])]),
        {},
        "detail.boundary_unrepairable",
        "tidak dapat diperbaiki",
    ),
    (
        "unknown_kecamatan",
        lambda r: collection(
            [feature({"nama": "Maja"}, [ring(*centroid(r, "Maja"))]), feature({"nama": "Atlantis"}, [ring(106, -6)])]
        ),
        {},
        "detail.boundary_unknown",
        "Atlantis",
    ),
    (
        "projected",  # UTM metres written as if they were degrees
        lambda r: collection([feature({"nama": "Maja"}, [[[650000, 9280000], [651000, 9280000], [650000, 9281000]]])]),
        {},
        "detail.boundary_not_lonlat",
        "EPSG:4326",
    ),
    (
        "line",
        lambda r: collection([feature({"nama": "Maja"}, [[106, -6.5], [106.1, -6.4]], "LineString")]),
        {},
        "detail.boundary_not_polygon",
        "LineString",
    ),
    ("zip_without_dbf", lambda r: _parts_without(r, ".dbf"), {}, "detail.boundary_zip_missing_parts", ".dbf"),
    ("zip_without_shx", lambda r: _parts_without(r, ".shx"), {}, "detail.boundary_zip_missing_parts", ".shx"),
    ("zip_traversal", lambda r: _renamed(r, "../"), {}, "detail.boundary_zip_unsafe_name", "../batas.shp"),
    ("zip_absolute", lambda r: _renamed(r, "/tmp/"), {}, "detail.boundary_zip_unsafe_name", "/tmp/batas.shp"),
    ("zip_utm", lambda r: _with_prj(r, UTM_PRJ), {}, "detail.boundary_not_wgs84", "WGS_1984_UTM_Zone_48S"),
    ("zip_damaged", lambda r: b"PK\x03\x04" + b"\x00" * 64, {}, "detail.boundary_bad_zip", "zip"),
]


@pytest.mark.parametrize(("case", "make", "env", "reason", "words"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_a_bad_boundary_file_ends_in_a_clear_message_with_nothing_stored(
    store, reference, monkeypatch, case, make, env, reason, words
):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(StoreError) as caught:
        store.check_boundaries(make(reference), f"{case}.geojson")
    assert caught.value.params["reason"] == reason
    message = caught.value.message("id")
    assert words in message and message.endswith("Tidak ada yang disimpan.") and "Traceback" not in message
    assert store.boundary_versions() == [] and stored_files(store, "boundaries") == {}
    assert not [e for e in store.audit() if e.action.startswith("boundaries_")]
    assert store.boundaries() is None


# ------------------------------------------------------------------------------ matching, repair
#: Feature properties -> the kecamatan they name (codes first, then names as the importer matches them).
MATCHES = [
    ({"nama": "Gunung Kencana"}, "Gunungkencana"),
    ({"NAMA": "gunungkencana"}, "Gunungkencana"),
    ({"WADMKC": "Kec. Rangkas Bitung"}, "Rangkasbitung"),
    ({"kode": "36.02.03"}, "Bayah"),
    ({"KDCPUM": "360203", "NAMOBJ": "Desa Apa Saja"}, "Bayah"),
    ({"nama": "Malimping"}, "Malingping"),  # an alias of the list
]


@pytest.mark.parametrize(("properties", "name"), MATCHES)
def test_features_are_matched_by_code_or_name_as_the_importer_matches(reference, properties, name):
    data = collection([feature(properties, [ring(*centroid(reference, name))])])
    answer = read_boundaries(data, "b.geojson", reference, Limits())
    assert [k["name"] for k in answer["kecamatan"]] == [name]
    assert len(answer["missing"]) == len(reference.kecamatan) - 1


def test_an_invalid_geometry_is_repaired_with_a_note_and_features_of_one_kecamatan_joined(store, reference):
    lon, lat = centroid(reference, "Maja")
    bowtie = [[lon - HALF, lat - HALF], [lon + HALF, lat + HALF], [lon + HALF, lat - HALF], [lon - HALF, lat + HALF]]
    other = ring(*centroid(reference, "Maja"), half=HALF / 2)
    data = collection(
        [
            feature({"nama": "Maja"}, [[*bowtie, bowtie[0]]]),
            feature({"nama": "Maja"}, [[[x + 0.05, y] for x, y in other]]),
        ]
    )
    candidate = store.check_boundaries(data, "b.geojson", attribution="Tim GIS Bappeda")
    assert [n["key"] for n in candidate.notes] == ["detail.boundary_repaired"]
    assert "Maja" in render(candidate.notes[0]["key"], "id", candidate.notes[0]["params"])
    (maja,) = candidate.boundaries.shapes
    assert maja.geometry.is_valid and len(maja.geometry.geoms) == 3  # two triangles of the bowtie, and the square
    version = store.add_boundaries(candidate, by="siti")
    assert version.attribution == "Tim GIS Bappeda" and version.kecamatan_count == 1


@pytest.mark.parametrize("prj", [WGS84_PRJ, None], ids=["prj_wgs84", "no_prj"])
def test_a_zipped_shapefile_in_wgs84_is_read(store, reference, prj):
    parts = shapefile_parts(reference, ["Maja", "Bayah", "Cipanas"])
    if prj is None:
        parts.pop("batas.prj")
    candidate = store.check_boundaries(zipped(parts), "batas.zip")
    assert candidate.format == "shapefile" and candidate.boundaries.names == ["Bayah", "Cipanas", "Maja"]


# ------------------------------------------------------------------------------ the store
@needs_real
def test_lebak_boundaries_are_versioned_downloadable_and_audited(store, reference, tmp_path):
    data = REAL.read_bytes()
    candidate = store.check_boundaries(data, REAL.name, attribution="Badan Informasi Geospasial")
    assert candidate.missing == () and candidate.notes == ()
    assert candidate.boundaries.names == list(reference.kecamatan["nama"])
    version = store.add_boundaries(candidate, by="siti", note="batas BIG")
    assert (version.number, version.format, version.kecamatan_count, version.active) == (1, "geojson", 28, True)
    assert store.boundary_bytes() == data and store.boundary_bytes(1) == data  # the original, byte for byte
    assert store.boundaries().attribution == "Badan Informasi Geospasial"
    store.activate_boundaries(0, by="siti")
    assert store.boundaries() is None and [v.active for v in store.boundary_versions()] == [False]
    store.activate_boundaries(1, by="siti")
    assert len(store.boundaries().shapes) == 28
    actions = [e.action for e in store.audit()]
    assert actions[:3] == ["boundaries_activate", "boundaries_activate", "boundaries_upload"]
    assert store.verify() == []
    damage_file(store, "boundaries", version.sha256, b"rusak")
    assert any(p.startswith("damaged") for p in store.verify())


@needs_real
def test_every_label_point_of_the_real_boundaries_lies_in_its_own_kecamatan(reference):
    answer = read_boundaries(REAL.read_bytes(), REAL.name, reference, Limits())
    boundaries = boundaries_from_json(boundaries_json(answer, "x", ""))
    x = np.array([s.label[0] for s in boundaries.shapes])
    y = np.array([s.label[1] for s in boundaries.shapes])
    assert boundaries.locate(y, x).tolist() == boundaries.names
    assert boundaries.locate([-7.5, np.nan], [106.0, 106.2]).tolist() == [None, None]  # the sea, no point


def test_lebak_boundaries_env_is_used_only_while_the_store_holds_none(store, reference, tmp_path, monkeypatch):
    path = tmp_path / "batas.geojson"
    path.write_bytes(squares(reference, ["Maja", "Bayah"]))
    monkeypatch.setenv("LEBAK_BOUNDARIES", str(path))
    assert store.boundaries().names == ["Bayah", "Maja"]
    store.add_boundaries(store.check_boundaries(squares(reference, ["Cipanas"]), "c.geojson"), by="siti")
    assert store.boundaries().names == ["Cipanas"]
    store.activate_boundaries(0, by="siti")
    assert store.boundaries() is None  # the store holds boundaries now: none active means none


# ------------------------------------------------------------------------------ placing innovations
def _maja(reference) -> tuple[float, float]:
    lon, lat = centroid(reference, "Maja")
    return lat, lon


#: (kecamatan written, point) -> (kecamatan of the record, the warning)
PLACEMENTS = [
    ("", "maja", ("Maja",), None),
    ("", "sea", (), "row.coord_outside_region"),
    ("Bayah", "maja", ("Bayah",), "row.kecamatan_point_disagrees"),
    ("Maja", "maja", ("Maja",), None),
    ("Semua Kecamatan", "maja", (KABUPATEN_WIDE,), None),
    ("", None, (), None),
]


def _workbook(reference, rows) -> bytes:
    lat, lon = _maja(reference)
    points = {"maja": f"{lat}, {lon}", "sea": "-7.5, 106.0", None: ""}
    header = ["No", "Nama Inovasi", "OPD", "Tahapan 5D", "Kecamatan", "Koordinat"]
    return csv_bytes(
        data_rows(
            *[(f"Inovasi {i}", "Dinas Kesehatan", "Design", k, points[p]) for i, (k, p) in enumerate(rows)],
            header=header,
        )
    )


def _warning(result, row: int) -> str | None:
    codes = [i.code for i in result.issues if i.row == row and i.code in PLACEMENT_WARNINGS]
    return codes[0] if codes else None


PLACEMENT_WARNINGS = ("row.coord_outside_region", "row.kecamatan_point_disagrees")


def test_coordinates_place_innovations_without_a_kecamatan(reference):
    answer = read_boundaries(squares(reference), "b.geojson", reference, Limits())
    placing = dataclasses.replace(reference, boundaries=boundaries_from_json(boundaries_json(answer, "x", "")))
    data = _workbook(reference, [(k, p) for k, p, _, _ in PLACEMENTS])
    result = import_workbook(data, filename="titik.csv", reference=placing)
    got = [(tuple(k), _warning(result, n + 2)) for n, k in enumerate(result.records["kecamatan"])]
    assert got == [(kecamatan, warning) for _, _, kecamatan, warning in PLACEMENTS]
    without = import_workbook(data, filename="titik.csv", reference=reference)
    assert [tuple(k) for k in without.records["kecamatan"]][:2] == [(), ()]  # nothing placed without boundaries
    assert not [i for i in without.issues if i.code in PLACEMENT_WARNINGS]


def test_activating_boundaries_reads_stored_versions_again(store, reference):
    checked = store.check(_workbook(reference, [("", "maja"), ("", "sea")]), "titik.csv", isolated=False)
    store.add_version(checked, by="siti")
    number = store.active_state().version

    def kecamatan() -> list[tuple]:
        return [tuple(k) for k in store.load(number, with_issues=False).records["kecamatan"]]

    assert kecamatan() == [(), ()]
    key = store.active_key()
    store.add_boundaries(store.check_boundaries(squares(reference, ["Maja"]), "b.geojson"), by="siti")
    assert store.active_key() != key and kecamatan() == [("Maja",), ()]
    store.activate_boundaries(0, by="siti")
    assert kecamatan() == [(), ()]


# ------------------------------------------------------------------------------ the filled map
def map_counts(figure) -> dict[str, int]:
    """Return the counts the map's markers carry (hover and click), per kecamatan."""
    (markers,) = [d for d in figure.data if d.customdata is not None]
    return {str(name): int(count) for name, count in markers.customdata}


def data_counts(records: pd.DataFrame, names: list[str]) -> dict[str, int]:
    """Return the innovations naming each kecamatan, counted from the records themselves."""
    named = records["kecamatan"].explode().dropna().value_counts()
    return {n: int(named.get(n, 0)) for n in names}


@needs_real
def test_the_filled_map_counts_equal_the_data_per_kecamatan(store, reference):
    without = kecamatan_view(select(load_active_dataset(store), Filters()), "id")
    assert not without.filled_map and not [d for d in without.map_figure.data if d.fill == "toself"]  # centroids
    store.add_boundaries(store.check_boundaries(REAL.read_bytes(), REAL.name), by="siti")
    dataset = load_active_dataset(store)
    assert dataset.reference.boundaries is not None
    for filters in (Filters(), Filters(tahapan=("Display",))):
        selection = select(dataset, filters)
        view = kecamatan_view(selection, "id")
        assert view.filled_map
        fills = [d for d in view.map_figure.data if d.fill == "toself"]
        assert len(fills) == 28
        names = list(reference.kecamatan["nama"])
        assert map_counts(view.map_figure) == data_counts(selection.view("kecamatan"), names)
    assert len(explode_kecamatan(dataset.records)) > 0


@needs_real
def test_the_kecamatan_page_draws_the_filled_map_with_the_data_counts(clear_streamlit_caches, monkeypatch, tmp_path):
    """AppTest: an administrator's boundaries (``LEBAK_BOUNDARIES``), the sample data, the Kecamatan page."""
    from streamlit.testing.v1 import AppTest

    from lebak_dash.ui.router import page_file

    monkeypatch.setenv("LEBAK_DATA_DIR", str(tmp_path / "leer"))
    monkeypatch.setenv("LEBAK_BOUNDARIES", str(REAL))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page(page_file("kecamatan")).run()
    assert not at.exception, [e.value for e in at.exception]
    (chart,) = [c for c in at.get("plotly_chart") if re.search(r"-chart_kec_map_\d+$", c.proto.id)]
    spec = json.loads(chart.proto.spec)
    assert sum(trace.get("fill") == "toself" for trace in spec["data"]) == 28
    (markers,) = [trace for trace in spec["data"] if "customdata" in trace]
    shown = {name: int(count) for name, count in markers["customdata"]}
    store = Store.open(tmp_path / "leer")
    records = load_active_dataset(store).records
    store.close()
    assert shown == data_counts(records, list(store.reference().kecamatan["nama"]))
    assert sum(shown.values()) > 0


def test_editors_upload_and_activate_boundaries_on_referensi(tmp_path, monkeypatch, clear_streamlit_caches, reference):
    """AppTest: a bad file is explained and nothing stored; a good one checked, applied, then switched off."""
    from lebak_dash.store import auth

    from .test_data_pages import EDITOR, PASSWORD, login, open_page, texts

    folder = tmp_path / "store"
    monkeypatch.setenv("LEBAK_DATA_DIR", str(folder))
    monkeypatch.delenv("LEBAK_VIEWER_PASSWORD_HASH", raising=False)
    store = Store.open(folder)
    auth.add_editor(store, EDITOR, PASSWORD)
    at = login(open_page("referensi"))
    assert any(c.value.startswith("Belum ada batas kecamatan") for c in at.caption)

    def upload(name: str, data: bytes) -> None:
        key = next(u.key for u in at.file_uploader if u.key.startswith("bnd_file_"))
        at.file_uploader(key=key).upload(name, data, "application/geo+json").run()
        assert not at.exception, [e.value for e in at.exception]

    upload("rusak.geojson", b"bukan json")
    assert any("bukan JSON" in e and "Tidak ada yang disimpan" in e for e in texts(at, "error"))
    assert store.boundary_versions() == []
    at.text_input(key="bnd_attribution").input("Tim GIS Bappeda").run()
    upload("batas.geojson", squares(reference, ["Maja", "Bayah"]))
    assert any(s.startswith("Berkas terbaca: 2 kecamatan berbatas") for s in texts(at, "success"))
    assert any("Cipanas" in w for w in texts(at, "warning"))  # the kecamatan without a shape, listed
    at.button(key="bnd_apply").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [(v.number, v.attribution, v.active) for v in store.boundary_versions()] == [(1, "Tim GIS Bappeda", True)]
    assert any(s.startswith("Batas kecamatan versi 1 disimpan") for s in texts(at, "success"))
    at.selectbox(key="bnd_pick").set_value(0).run()
    at.button(key="bnd_activate").click().run()
    at.button(key="bnd_yes").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert store.boundaries() is None and store.audit()[0].action == "boundaries_activate"


def test_the_boundaries_command(tmp_path, reference, capsys):
    """`boundaries import|export|versions|activate` with --by, --data-dir and --json; a refusal is one line."""
    from lebak_dash.cli.main import main

    data_dir, good, bad = tmp_path / "store", tmp_path / "batas.geojson", tmp_path / "rusak.geojson"
    good.write_bytes(squares(reference, ["Maja", "Bayah"], attribution="BIG 2022"))
    bad.write_bytes(squares(reference, ["Maja"])[:-5])

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["boundaries", args[0], "--data-dir", str(data_dir), *args[1:]])
        out = capsys.readouterr()
        return status, out.out, out.err

    status, out, err = run("import", str(bad), "--by", "siti")
    assert (status, out) == (1, "") and "bukan JSON" in err and "Traceback" not in err
    status, out, _ = run("import", str(good), "--by", "siti", "--json")
    report = json.loads(out)
    assert status == 0 and (report["version"], report["attribution"], report["kecamatan_count"]) == (1, "BIG 2022", 2)
    assert len(report["missing"]) == len(reference.kecamatan) - 2
    status, out, _ = run("versions", "--json")
    assert status == 0 and [v["version"] for v in json.loads(out)] == [1]
    status, out, _ = run("export", str(tmp_path / "keluar.geojson"))
    assert status == 0 and (tmp_path / "keluar.geojson").read_bytes() == good.read_bytes()
    status, out, _ = run("activate", "0", "--by", "siti", "--json")
    assert status == 0 and json.loads(out) == {"active": None}
    status, _, err = run("export", str(tmp_path / "lagi.geojson"))
    assert status == 1 and "boundaries versions" in err


def test_check_with_a_store_places_points_as_import_does(store, reference, tmp_path):
    """``check --data-dir`` (the confined check worker) reads the store's boundaries with the file."""
    from .store_helpers import run_cli

    store.add_boundaries(store.check_boundaries(squares(reference, ["Maja"]), "b.geojson"), by="siti")
    path = tmp_path / "titik.csv"
    path.write_bytes(_workbook(reference, [("", "maja"), ("", "sea"), ("Bayah", "maja")]))
    where = ["--data-dir", str(store.root)] if store.backend == "sqlite" else ["--store-url", store.database.url]
    done = run_cli(store.root, "check", str(path), *where, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    codes = sorted(i["code"] for i in report["issues"] if i["code"] in PLACEMENT_WARNINGS)
    assert codes == ["row.coord_outside_region", "row.kecamatan_point_disagrees"]
