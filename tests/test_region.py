"""Any region: the region and its kecamatan list are data (parsed, versioned, audited), and texts follow them.

The second region end to end is Kabupaten Bogor: its 40 kecamatan (``../shared/realdata/bogor_kecamatan.csv``
as it is) and its 426 competition entries imported with a column mapping; those tests skip when
``../shared`` is absent. The expected counts are worked out from the file with the csv module.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

import pandas as pd
import pytest
from openpyxl import Workbook

from lebak_dash.analysis.aggregate import kecamatan_stage_matrix
from lebak_dash.analysis.filters import Filters
from lebak_dash.config import timezone
from lebak_dash.i18n import region_words, t, use_region
from lebak_dash.ingest.reflists import read_kecamatan_list
from lebak_dash.records.mapping import parse_mapping
from lebak_dash.records.reference import ReferenceListError, kecamatan_table_from_rows, load_reference
from lebak_dash.records.region import Region, RegionError, default_region, make_region
from lebak_dash.store import Store, StoreConflictError, StoreError
from lebak_dash.views.dataset import load_active_dataset
from lebak_dash.views.kecamatan import kecamatan_view
from lebak_dash.views.presentation_state import SlideRef
from lebak_dash.views.selection import select
from lebak_dash.views.slides import build_slide

from .conftest import ROOT
from .payloads import payloads
from .store_helpers import stored_files

REALDATA = ROOT.parent / "shared" / "realdata"
BOGOR_KECAMATAN = REALDATA / "bogor_kecamatan.csv"
BOGOR = REALDATA / "bogor_go_inovator.csv"
BOGOR_MAPPING = (
    '{"columns": {"nama_kecamatan": "kecamatan", "tahun_pembuatan_inovasi": "tahun", "bidang_inovasi": "urusan", '
    '"id_kecamatan": null, "id_desa": null}}'
)
needs_realdata = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent (outside the team)")


@pytest.fixture(autouse=True)
def _shipped_region_after():
    """A store opened here sets the process's region words and time zone: give the next test Lebak again."""
    yield
    from lebak_dash.config import use_region_timezone

    region = default_region()
    use_region(region.full_name, region.kind)
    use_region_timezone(None)


@pytest.fixture
def store(open_store, monkeypatch):
    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "0")
    monkeypatch.delenv("LEBAK_TIMEZONE", raising=False)
    return open_store()


# ------------------------------------------------------------------------------------- region
@pytest.mark.parametrize(
    ("kind", "name", "code", "zone", "full", "slug"),
    [
        ("Kabupaten", "Lebak", "36.02", "Asia/Jakarta", "Kabupaten Lebak", "lebak"),
        ("kab", "Kabupaten Bogor", "32.01", "", "Kabupaten Bogor", "bogor"),
        ("KOTA", "Kota Bau-Bau", "74.72", "Asia/Makassar", "Kota Bau-Bau", "kota_bau_bau"),
        ("Kabupaten", "Pangkajene dan Kepulauan", "", "Asia/Makassar", "Kabupaten Pangkajene dan Kepulauan", None),
    ],
)
def test_make_region_reads_what_editors_type(kind, name, code, zone, full, slug):
    region = make_region(kind, name, code, zone)
    assert region.full_name == full and region.timezone == (zone or "Asia/Jakarta")
    assert slug is None or region.slug == slug


@pytest.mark.parametrize(
    ("kind", "name", "code", "zone", "key"),
    [
        ("Provinsi", "Banten", "", "", "region.err.kind"),
        ("Kabupaten", "", "", "", "region.err.name"),
        ("Kabupaten", "x" * 81, "", "", "region.err.name"),
        ("Kabupaten", "Bogor", "32/01", "", "region.err.code"),
        ("Kabupaten", "Bogor", "", "Mars/Olympus", "region.err.timezone"),
        ("Kabupaten", "Bogor", "", "WIB", "region.err.timezone"),
    ],
)
def test_make_region_refuses_with_a_reason(kind, name, code, zone, key):
    with pytest.raises(RegionError) as caught:
        make_region(kind, name, code, zone)
    assert caught.value.key == key and caught.value.message("id")


@pytest.mark.parametrize("field", ["name", "code"])
@pytest.mark.parametrize("text", payloads("region"))
def test_a_region_name_or_code_cannot_carry_markup(field, text):
    """The region's words go into Markdown texts everywhere: a name that could make markup is refused."""
    with pytest.raises(RegionError):
        make_region("Kabupaten", text if field == "name" else "Bogor", text if field == "code" else "")


@pytest.mark.parametrize(
    ("region", "phrase", "wide"),
    [
        (Region(), "Se-Kabupaten Lebak", True),
        (Region(), "Seluruh Kecamatan di Kabupaten Lebak", True),
        (Region(name="Bogor"), "Se-Kabupaten Bogor", True),
        (Region(name="Bogor"), "Se-Kabupaten Lebak", False),
        (Region(kind="Kota", name="Serang"), "Se-Kota Serang", True),
        (Region(kind="Kota", name="Serang"), "sekota serang", True),
        (Region(kind="Kota", name="Serang"), "Kabupaten", False),
    ],
)
def test_region_wide_words_follow_the_region(region, phrase, wide):
    from lebak_dash.records.textnorm import spaced_key

    assert (spaced_key(phrase) in region.wide_phrases) is wide


def test_the_default_words_are_the_shipped_region():
    region = default_region()
    assert region_words() == {"region": region.full_name, "region_kind": region.kind, "kind": region.kind.lower()}
    use_region("Kota Serang", "Kota")
    assert (t("p.scope.all"), t("kecamatan.wide"), t("kecamatan.wide", "en")) == (
        "Seluruh Kota Serang", "Se-kota", "kota-wide"
    )  # fmt: skip


# ------------------------------------------------------------------------------ kecamatan lists
@pytest.mark.parametrize(
    "header",
    [
        ["kode", "nama"],
        ["Kode Kecamatan", "Nama Kecamatan"],
        ["id_kecamatan", "nama_kecamatan"],
        ["KODE", "Kecamatan"],
    ],
)
def test_kecamatan_headers_are_matched_as_workbook_headers(header):
    table = kecamatan_table_from_rows([*header, "lain"], [["A1", "Satu", "x"], ["", "", ""], ["A2", "Dua", "y"]])
    assert table[["kode", "nama"]].values.tolist() == [["A1", "Satu"], ["A2", "Dua"]]
    assert table["lat"].isna().all() and not load_reference().kecamatan.empty


@pytest.mark.parametrize(
    ("header", "rows", "key"),
    [
        (["kode", "wilayah"], [["1", "A"]], "detail.ref_missing_columns"),
        (["nama"], [], "detail.ref_empty"),
        (["kode", "nama"], [["1", "A"], ["2", ""]], "detail.ref_blank_name"),
        (["kode", "nama"], [["1", "Gunung Kencana"], ["2", "gunungkencana"]], "detail.ref_duplicate_name"),
        (["kode", "nama"], [["1", "A"], ["1", "B"]], "detail.ref_duplicate_code"),
        (["nama", "lat", "lon"], [["A", "-6.5", ""]], "detail.ref_half_centroid"),
        (["nama", "lat", "lon"], [["A", "-6.5", "106.1"], ["B", "", ""]], "detail.ref_some_centroids"),
        (["nama", "lat", "lon"], [["A", "-96.5", "106.1"]], "detail.ref_bad_number"),
        (["nama", "lat", "lon"], [["A", "utara", "106.1"]], "detail.ref_bad_number"),
        (["nama", "alias"], [["A", "X"], ["B", "X"]], "detail.ref_ambiguous_alias"),
        (["nama"], [[f"K{i}"] for i in range(501)], "detail.ref_kecamatan_too_long"),
    ],
)
def test_bad_kecamatan_lists_say_why(header, rows, key):
    with pytest.raises(ReferenceListError) as caught:
        kecamatan_table_from_rows(header, rows)
    assert caught.value.key == key and "{" not in caught.value.message("en")


def test_a_kecamatan_list_in_xlsx_with_a_title_row_and_centroids():
    book = Workbook()
    sheet = book.active
    sheet.append(["Daftar kecamatan Kota Contoh"])
    sheet.append(["Kode Kecamatan", "Nama Kecamatan", "Alias", "Latitude", "Longitude"])
    sheet.append(["K-01", "Kota Barat", "Barat;Kobar", "-6,1", "106,5"])
    sheet.append(["K-02", "Kota Timur", "", -6.2, 106.6])
    out = io.BytesIO()
    book.save(out)
    table = read_kecamatan_list(out.getvalue(), "kecamatan.xlsx")
    assert table[["kode", "nama", "lat", "lon"]].values.tolist() == [
        ["K-01", "Kota Barat", -6.1, 106.5],
        ["K-02", "Kota Timur", -6.2, 106.6],
    ]


@pytest.mark.parametrize(
    ("data", "key"), [(b"\x89PNG\r\n\x1a\nxx", "detail.ref_file_unreadable"), (b"", "detail.ref_file_unreadable")]
)
def test_a_file_that_is_no_list_says_so(data, key):
    with pytest.raises(ReferenceListError) as caught:
        read_kecamatan_list(data, "kecamatan.csv")
    assert caught.value.key == key


# ---------------------------------------------------------------------------------- the store
def test_region_versions_are_audited_and_set_the_words_and_time_zone(store):
    assert store.region() == default_region() and store.region_versions() == []
    version = store.set_region(make_region("Kabupaten", "Jayawijaya", "95.02", "Asia/Jayapura"), by="ana")
    assert (version.number, version.active, store.region().full_name) == (1, True, "Kabupaten Jayawijaya")
    assert timezone().key == "Asia/Jayapura" and t("p.scope.all") == "Seluruh Kabupaten Jayawijaya"
    assert store.reference().region.name == "Jayawijaya"
    with pytest.raises(StoreConflictError):
        store.set_region(make_region("Kota", "Serang"), by="budi", expected=0)
    store.activate_region(0, by="ana")
    assert store.region() == default_region() and timezone().key == "Asia/Jakarta"
    assert [e.action for e in store.audit(2)] == ["region_activate", "region_set"]
    with pytest.raises(StoreError):
        store.activate_region(7, by="ana")


def test_the_administrators_time_zone_wins(store, monkeypatch):
    store.set_region(make_region("Kabupaten", "Jayawijaya", "", "Asia/Jayapura"), by="ana")
    monkeypatch.setenv("LEBAK_TIMEZONE", "Asia/Makassar")
    assert timezone().key == "Asia/Makassar"


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def test_a_kecamatan_list_re_reads_the_active_version(store):
    """A new list changes what the stored version's kecamatan are; activating the bundled one changes them back."""
    from .store_helpers import workbook_csv

    store.add_version(store.check(workbook_csv("a"), "a.csv"), by="ana")
    before = store.active_state()
    assert "Maja" in store.reference().kecamatan_names
    candidate = store.check_kecamatan(_csv([["kode", "nama"], ["1", "Maja Baru"], ["2", "Bayah"]]), "kec.csv")
    assert candidate.removed and candidate.added == ("Maja Baru",) and candidate.unknown > 0
    version = store.add_kecamatan(candidate, by="ana", note="uji")
    assert (version.number, version.kecamatan_count, version.centroids) == (1, 2, False)
    assert store.active_state().key != before.key
    matrix = kecamatan_stage_matrix(store.load(1).records, store.reference())
    assert "Maja" in matrix.index[matrix["baris"] == "tidak_dikenal"]
    assert store.kecamatan_bytes() == candidate.data and store.verify() == []
    with pytest.raises(StoreConflictError):
        store.kecamatan_lists.activate(0, by="budi", expected_active=0)
    store.activate_kecamatan(0, by="ana")
    assert store.active_state().key == before.key and "Maja" in store.reference().kecamatan_names
    assert [e.action for e in store.audit(2)] == ["kecamatan_activate", "kecamatan_upload"]


def test_an_unusable_kecamatan_list_stores_nothing(store):
    with pytest.raises(StoreError) as caught:
        store.check_kecamatan(_csv([["kode", "nama"], ["1", "A"], ["1", "B"]]), "kec.csv")
    assert "kode '1' tercantum lebih dari sekali" in caught.value.message("id")
    assert store.kecamatan_versions() == [] and stored_files(store, "opd", "kecamatan") == {}


def test_without_centroids_the_kecamatan_view_shows_bars_and_how_to_add_a_map(store):
    store.add_kecamatan(store.check_kecamatan(_csv([["nama"], ["Maja"], ["Bayah"]]), "kec.csv"), by="ana")
    dataset = load_active_dataset(store)
    view = kecamatan_view(select(dataset, Filters()), "id")
    assert view.map_figure is None and view.bars_figure is not None
    assert "kecamatan-list import" in view.map_hint and "Kabupaten Lebak" in view.map_hint
    lebak = load_active_dataset(Store.open(store.root.parent / "other"))
    assert kecamatan_view(select(lebak, Filters())).map_hint == ""
    slide = build_slide(SlideRef("peta", 0), select(dataset, Filters()), "id")  # the big screen: bars and the hint
    assert len(slide.figures) == 1 and slide.figures[0].data[0].type == "bar" and slide.explain == view.map_hint


# ----------------------------------------------------------------------------- Kabupaten Bogor
def _bogor_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(BOGOR.read_text(encoding="utf-8-sig"))))


@needs_realdata
def test_kabupaten_bogor_end_to_end(store):
    """Bogor's 40 kecamatan as they are, its 426 entries with a mapping: the per-kecamatan counts are the file's."""
    store.set_region(make_region("Kabupaten", "Bogor", "32.01"), by="ana")
    candidate = store.check_kecamatan(BOGOR_KECAMATAN.read_bytes(), BOGOR_KECAMATAN.name)
    assert len(candidate.table) == 40 and candidate.table["kode"].iloc[0] == "320101"
    store.add_kecamatan(candidate, by="ana")
    checked = store.check(BOGOR.read_bytes(), BOGOR.name, mapping=parse_mapping(BOGOR_MAPPING, explicit=True))
    assert checked.ok and len(checked.result.records) == len(_bogor_rows()) == 426
    assert [i for i in checked.result.issues if i.code.startswith("row.kecamatan")] == []
    store.add_version(checked, by="ana")

    dataset = load_active_dataset(store)
    matrix = kecamatan_stage_matrix(dataset.records, dataset.reference, dataset.kecamatan_long)
    expected = Counter(row["nama_kecamatan"] for row in _bogor_rows())
    listed = matrix[matrix["baris"] == "kecamatan"]["jumlah"]
    assert dict(listed[listed > 0]) == dict(expected) and (matrix["baris"] == "tidak_dikenal").sum() == 0
    assert listed.idxmax() == "Cibinong" and listed.max() == 135
    assert len(listed) == 40 and matrix.loc["Semua Kecamatan", "jumlah"] == 0

    view = kecamatan_view(select(dataset, Filters()), "id")
    assert view.unknown == () and view.map_figure is None
    bars = [trace for trace in view.bars_figure.data if trace.type == "bar"]  # the stacked stages, no labels
    shown = {n: sum(b.x[list(b.y).index(n)] for b in bars if n in list(b.y)) for n in expected}
    assert shown == dict(expected) and max(shown, key=shown.__getitem__) == "Cibinong"
    assert t("app.title") == "Dasbor Inovasi Daerah Kabupaten Bogor"


@needs_realdata
def test_bogor_list_read_in_the_worker_as_in_process(monkeypatch):
    """The isolated worker's task returns the same table as the in-process reader."""
    from lebak_dash.ingest.sandbox import kecamatan_table

    data = BOGOR_KECAMATAN.read_bytes()
    here = read_kecamatan_list(data, BOGOR_KECAMATAN.name)
    monkeypatch.setenv("LEBAK_ISOLATE_IMPORT", "1")
    there = kecamatan_table(data, BOGOR_KECAMATAN.name)
    pd.testing.assert_frame_equal(there.reset_index(drop=True), here.reset_index(drop=True), check_dtype=False)
