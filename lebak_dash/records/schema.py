"""The spreadsheet contract as data: columns, header aliases and allowed values.

This module is the single source for what a workbook may contain. The importer matches headers
with it, the template and the in-app guide (``Panduan Data``) are generated from it, so the three
can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from lebak_dash.records.textnorm import compact_key

#: The 5D stages of the Laboratorium Inovasi, always in this order.
STAGES: tuple[str, ...] = ("Drum-up", "Diagnose", "Design", "Delivery", "Display")
#: The three stages of Kemendagri's IID application (Indeks Inovasi Daerah), in this order.
IID_STAGES: tuple[str, ...] = ("Inisiatif", "Uji Coba", "Penerapan")
#: Label under which innovations that name no OPD are counted.
NO_OPD = "OPD belum diisi"
#: Label under which innovations with no stage in either model (5D, IID) are counted.
NO_STAGE = "Tahap belum diisi"

#: Label used in per-kecamatan counts for kabupaten-wide innovations.
KABUPATEN_WIDE = "Semua Kecamatan"
#: Label used in per-kecamatan counts for innovations that name no kecamatan.
NOT_STATED = "Tidak disebut"


@dataclass(frozen=True)
class Column:
    """One column of the contract.

    Attributes
    ----------
    key : str
        Canonical column name in the records.
    header : str
        Header written by the template.
    aliases : tuple of str
        Other headers accepted for this column.
    required : bool
        Whether a row without a value is rejected.
    values : tuple of str
        Allowed values, when the column has a fixed vocabulary.
    """

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    values: tuple[str, ...] = ()

    @property
    def all_headers(self) -> tuple[str, ...]:
        """Return the template header followed by every alias."""
        return (self.header, *self.aliases)


COLUMNS: tuple[Column, ...] = (
    Column("kode", "Kode Inovasi", ("Kode", "ID", "ID Inovasi")),
    Column("nama", "Nama Inovasi", ("Nama", "Judul Inovasi", "Inovasi", "Innovation"), True),
    Column(
        "opd",
        "OPD",
        (
            "Perangkat Daerah",
            "Organisasi Perangkat Daerah",
            "OPD Pengusul",
            "Unit Kerja",
            "Instansi",
        ),
        True,
    ),
    Column("tahapan", "Tahapan 5D", ("Tahapan", "Tahap", "Tahap 5D", "Stage"), True, STAGES),
    Column("kecamatan", "Kecamatan", ("Lokasi", "Lokasi Penerapan", "Wilayah")),
    Column(
        "tahapan_iid",
        "Tahapan IID",
        ("Tahapan Inovasi Daerah",),
        values=IID_STAGES,
    ),
    Column("tahun", "Tahun", ("Tahun Inovasi", "Year")),
    Column("tanggal_mulai", "Tanggal Mulai", ("Tgl Mulai", "Tanggal", "Waktu Uji Coba")),
    Column("jenis", "Jenis Inovasi", ("Jenis",), values=("Digital", "Non Digital")),
    Column(
        "bentuk",
        "Bentuk Inovasi",
        ("Bentuk",),
        values=(
            "Inovasi Pelayanan Publik",
            "Inovasi Tata Kelola Pemerintahan Daerah",
            "Inovasi Daerah Lainnya",
        ),
    ),
    Column(
        "inisiator",
        "Inisiator",
        ("Inisiator Inovasi",),
        values=("Kepala Daerah", "Anggota DPRD", "OPD", "ASN", "Masyarakat"),
    ),
    Column("inovator", "Nama Inovator", ("Inovator", "Nama ASN", "Penggagas")),
    Column("urusan", "Urusan Pemerintahan", ("Urusan",)),
    Column("anggaran", "Anggaran (Rp)", ("Anggaran", "Biaya")),
    Column("deskripsi", "Deskripsi", ("Uraian", "Keterangan", "Tujuan")),
    Column("tautan", "Tautan", ("Link", "URL")),
)

COLUMN_BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
REQUIRED_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.required)
#: Canonical column order of the records produced by the importer.
RECORD_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)

#: Headers of a numbering column, ignored on import.
NUMBERING_HEADERS: tuple[str, ...] = ("No", "No.", "Nomor", "No Urut")

#: Provenance columns added to every record.
SOURCE_SHEET = "sumber_sheet"
SOURCE_ROW = "sumber_baris"

#: Extra words accepted for a few fixed vocabularies (compact keys map to canonical values).
VALUE_SYNONYMS: dict[str, dict[str, str]] = {
    "jenis": {"nondigital": "Non Digital", "tidakdigital": "Non Digital", "digital": "Digital"},
    "tahapan_iid": {"inisiasi": "Inisiatif", "ujicoba": "Uji Coba", "implementasi": "Penerapan"},
    "bentuk": {
        "pelayananpublik": "Inovasi Pelayanan Publik",
        "tatakelolapemerintahandaerah": "Inovasi Tata Kelola Pemerintahan Daerah",
        "tatakelola": "Inovasi Tata Kelola Pemerintahan Daerah",
        "inovasilainnya": "Inovasi Daerah Lainnya",
        "lainnya": "Inovasi Daerah Lainnya",
    },
    "inisiator": {"dprd": "Anggota DPRD", "bupati": "Kepala Daerah", "pns": "ASN"},
}


def header_lookup() -> dict[str, str]:
    """Return a map from the compact key of every accepted header to its column key.

    Numbering headers map to the empty string (the column is recognised and ignored).
    """
    lookup = {compact_key(h): "" for h in NUMBERING_HEADERS}
    for column in COLUMNS:
        for header in column.all_headers:
            lookup[compact_key(header)] = column.key
    return lookup


def vocabulary(key: str) -> dict[str, str]:
    """Return the map from compact keys to canonical values for a fixed-vocabulary column."""
    column = COLUMN_BY_KEY[key]
    table = {compact_key(v): v for v in column.values}
    table.update(VALUE_SYNONYMS.get(key, {}))
    return table
