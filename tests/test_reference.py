"""Reference tables: every OPD name, abbreviation and alias resolves; matching is forgiving."""

from __future__ import annotations

import csv

import pytest

from lebak_dash.records.reference import (
    DEFAULT_REFERENCE_DIR,
    ReferenceListError,
    load_reference,
    parse_opd_table,
    with_opd_table,
)
from lebak_dash.records.textnorm import clean_text, compact_key, spaced_key


def _opd_rows():
    with (DEFAULT_REFERENCE_DIR / "opd.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _kecamatan_rows():
    with (DEFAULT_REFERENCE_DIR / "kecamatan.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


OPD_VARIANTS = [
    (row["nama"], variant)
    for row in _opd_rows()
    for variant in [row["nama"], row["singkatan"], *row["alias"].split(";")]
    if variant.strip()
]
KEC_VARIANTS = [
    (row["nama"], variant)
    for row in _kecamatan_rows()
    for variant in [row["nama"], *row["alias"].split(";")]
    if variant.strip()
]


def test_reference_tables_shape(reference):
    assert len(reference.kecamatan_names) == 28
    assert len(reference.opd_names) == len(_opd_rows()) >= 40
    assert len(set(reference.opd_names)) == len(reference.opd_names)
    assert set(reference.opd_kind().values()) >= {"Dinas", "Badan", "Kecamatan", "RSUD"}


def test_every_opd_alias_resolves(reference):
    assert [(variant, reference.match_opd(variant)) for _, variant in OPD_VARIANTS] == [
        (variant, name) for name, variant in OPD_VARIANTS
    ]


@pytest.mark.parametrize(
    "transform",
    [
        str.upper,
        str.lower,
        lambda v: f"  {v}  ",
        lambda v: v.replace(" ", "\u00a0"),
        lambda v: v.replace(" ", "  "),
        lambda v: v.replace(" ", "\u200b "),
        lambda v: "\ufeff" + v + "\u200b",
        lambda v: v + ":",
        lambda v: v.replace(" ", "-"),
        lambda v: v.replace(" ", ""),
    ],
    ids=["upper", "lower", "padded", "nbsp", "double", "zwsp", "bom", "colon", "hyphen", "nospace"],
)
def test_opd_matching_ignores_case_spacing_punctuation(reference, transform):
    for name, variant in OPD_VARIANTS:
        assert reference.match_opd(transform(variant)) == name, (variant, transform(variant))


def test_every_kecamatan_alias_resolves(reference):
    forms = [(v, name) for name, variant in KEC_VARIANTS for v in _kecamatan_forms(variant)]
    assert [(text, reference.match_kecamatan(text)) for text, _ in forms] == forms


def _kecamatan_forms(variant: str) -> tuple[str, ...]:
    return variant, variant.upper(), f"Kec. {variant}", f"Kecamatan {variant}", f"kec {variant}"


@pytest.mark.parametrize("text", ["Dinas Pangan Baru", "Dinas", "", "Kecamatan", "Bupati"])
def test_unknown_opd(reference, text):
    assert reference.match_opd(text) is None


@pytest.mark.parametrize(
    ("text", "nearest"),
    [
        ("Dinas Kesehatann", "Dinas Kesehatan"),
        ("Dinas Pendidkan", "Dinas Pendidikan"),
        ("Dishubb", "Dinas Perhubungan"),
    ],
)
def test_suggestions_name_the_nearest_opd(reference, text, nearest):
    suggestions = reference.suggest_opd(text)
    assert 1 <= len(suggestions) <= 3
    assert suggestions[0] == nearest


def test_suggestions_for_kecamatan(reference):
    assert reference.suggest_kecamatan("Rangkasbitng")[0] == "Rangkasbitung"
    assert reference.suggest_kecamatan("") == []


def test_textnorm_keys():
    assert clean_text("  Dinas\u00a0 Kesehatan\u200b ") == "Dinas Kesehatan"
    assert compact_key("Nama  Inovasi:") == compact_key("nama inovasi") == "namainovasi"
    assert spaced_key("Se-Kabupaten  Lebak") == "se kabupaten lebak"


def _opd_csv(rows):
    lines = ["nama,singkatan,alias,jenis,terverifikasi", *rows]
    return ("\n".join(lines) + "\n").encode()


def test_uploaded_opd_table_replaces_the_list(reference):
    table = _opd_csv(["Dinas Baru,DB,Dinas Anyar,Dinas,ya", "Dinas Kesehatan,Dinkes,,Dinas,ya"])
    updated = with_opd_table(reference, table)
    assert updated.opd_names == ["Dinas Baru", "Dinas Kesehatan"]
    assert updated.match_opd("dinas anyar") == "Dinas Baru"
    assert updated.kecamatan_names == reference.kecamatan_names


@pytest.mark.parametrize(
    ("rows", "indonesian", "english"),
    [
        ([], "kosong", "is empty"),
        (["Dinas A,A,,Dinas,ya", "Dinas B,A,,Dinas,ya"], "dipakai untuk dua entri", "is used for two entries"),
        (["Dinas A,A,,Dinas,ya", "DINAS  A,B,,Dinas,ya"], "lebih dari sekali", "more than once"),
        ([",A,,Dinas,ya"], "nama kosong pada baris 2", "blank name in row 2"),
    ],
)
def test_bad_opd_table_is_refused_in_either_language(rows, indonesian, english):
    with pytest.raises(ReferenceListError, match=indonesian) as caught:
        parse_opd_table(_opd_csv(rows))
    assert english in caught.value.message("en")


def test_opd_table_missing_columns():
    with pytest.raises(ReferenceListError, match="tidak memiliki kolom: singkatan, alias, jenis"):
        parse_opd_table(b"nama\nDinas A\n")


def test_reference_reads_the_shipped_files():
    assert load_reference() is load_reference()  # cached on content
    assert load_reference(DEFAULT_REFERENCE_DIR).opd_names[0] == "Sekretariat Daerah"
