"""Strings shown by the pages and the command line."""

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    "col.kode": {"id": "Kode Inovasi", "en": "Innovation code"},
    "col.nama": {"id": "Nama Inovasi", "en": "Innovation name"},
    "col.opd": {"id": "OPD", "en": "Agency (OPD)"},
    "col.tahapan": {"id": "Tahapan 5D", "en": "5D stage"},
    "col.kecamatan": {"id": "Kecamatan", "en": "District (kecamatan)"},
    "col.tahapan_iid": {"id": "Tahapan IID", "en": "IID stage"},
    "col.tahun": {"id": "Tahun", "en": "Year"},
    "col.tanggal_mulai": {"id": "Tanggal Mulai", "en": "Start date"},
    "col.jenis": {"id": "Jenis Inovasi", "en": "Type"},
    "col.bentuk": {"id": "Bentuk Inovasi", "en": "Form"},
    "col.inisiator": {"id": "Inisiator", "en": "Initiator"},
    "col.inovator": {"id": "Nama Inovator", "en": "Innovator"},
    "col.urusan": {"id": "Urusan Pemerintahan", "en": "Government affair"},
    "col.anggaran": {"id": "Anggaran (Rp)", "en": "Budget (Rp)"},
    "col.deskripsi": {"id": "Deskripsi", "en": "Description"},
    "col.tautan": {"id": "Tautan", "en": "Link"},
    "col.opd_dikenal": {"id": "OPD dikenal", "en": "Known OPD"},
    "col.sumber_sheet": {"id": "Lembar asal", "en": "Source sheet"},
    "col.sumber_baris": {"id": "Baris asal", "en": "Source row"},
    # Record columns of issue 11 (the importer fills them; the pages label them).
    "col.tahapan_turunan": {"id": "Tahapan 5D turunan dari IID", "en": "5D stage derived from IID"},
    "col.urusan_lain": {"id": "Urusan Lain", "en": "Other affairs"},
    "col.kematangan": {"id": "Kematangan", "en": "Maturity score"},
    "col.pemda": {"id": "Pemda", "en": "Regional government"},
    "col.tanggal_input": {"id": "Tanggal Input", "en": "Input date"},
    "col.tanggal_pengembangan": {"id": "Tanggal Pengembangan", "en": "Development date"},
    "col.lat": {"id": "Lintang", "en": "Latitude"},
    "col.lon": {"id": "Bujur", "en": "Longitude"},
    "app.title": {
        "id": "Dasbor Inovasi Daerah {region}",
        "en": "Regional Innovation Dashboard, {region}",
    },
    "severity.error": {"id": "kesalahan", "en": "error"},
    "severity.warning": {"id": "peringatan", "en": "warning"},
    "severity.info": {"id": "info", "en": "info"},
    "stage.Drum-up": {
        "id": "Memotivasi dan menumbuhkan semangat berinovasi.",
        "en": "Motivate and grow the will to innovate.",
    },
    "stage.Diagnose": {
        "id": "Mengidentifikasi permasalahan dan menentukan solusi sederhana di OPD.",
        "en": "Identify the problem in the OPD and choose a simple solution.",
    },
    "stage.Design": {
        "id": "Merancang inovasi secara sistematis dan terstruktur.",
        "en": "Design the innovation systematically.",
    },
    "stage.Delivery": {
        "id": "Mengimplementasikan rancangan inovasi.",
        "en": "Implement the innovation's design.",
    },
    "stage.Display": {
        "id": "Memamerkan hasil inovasi kepada masyarakat luas.",
        "en": "Show the innovation's results to the public.",
    },
    "stage.Inisiatif": {
        "id": "Inovasi masih berupa gagasan atau rancangan (IID).",
        "en": "The innovation is still an idea or a design (IID).",
    },
    "stage.Uji Coba": {
        "id": "Inovasi sedang diuji coba (IID).",
        "en": "The innovation is being trialled (IID).",
    },
    "stage.Penerapan": {
        "id": "Inovasi sudah diterapkan (IID).",
        "en": "The innovation is implemented (IID).",
    },
    "cli.summary_ok": {
        "id": "Berkas diterima: {count:,} inovasi dari lembar {sheets}.",
        "en": {
            "one": "File accepted: {count:,} innovation from sheets {sheets}.",
            "other": "File accepted: {count:,} innovations from sheets {sheets}.",
        },
    },
    "cli.summary_rejected": {
        "id": "Berkas ditolak.",
        "en": "File rejected.",
    },
    "cli.rejected_rows": {
        "id": "Baris ditolak: {count}",
        "en": "Rejected rows: {count}",
    },
    "cli.skipped": {"id": "Lembar dilewati: {sheet}: {reason}", "en": "Skipped sheet: {sheet}: {reason}"},
    "cli.per_stage": {"id": "Per tahapan 5D:", "en": "Per 5D stage:"},
    "cli.per_opd": {"id": "Per OPD (yang sudah berinovasi):", "en": "Per OPD (with innovations):"},
    "cli.per_kecamatan": {"id": "Per kecamatan:", "en": "Per kecamatan:"},
    "cli.issues": {"id": "Catatan ({count}):", "en": "Notes ({count}):"},
    "cli.issues_more": {
        "id": "... dan {count} catatan lain (pakai --json untuk daftar lengkap).",
        "en": "... and {count} more (use --json for the full list).",
    },
    "cli.file_missing": {
        "id": "Berkas '{path}' tidak ditemukan atau tidak dapat dibaca.",
        "en": "File '{path}' was not found or cannot be read.",
    },
    "loc.sheet_row": {"id": "lembar '{sheet}' baris {row}", "en": "sheet '{sheet}' row {row}"},
    "loc.sheet": {"id": "lembar '{sheet}'", "en": "sheet '{sheet}'"},
    "loc.column": {"id": "kolom {letter} '{column}'", "en": "column {letter} '{column}'"},
    "loc.file": {"id": "berkas", "en": "file"},
    # Counted nouns, for a string that counts two things (the second is passed in as one of these).
    "count.innovations": {
        "id": "{count:,} inovasi",
        "en": {"one": "{count:,} innovation", "other": "{count:,} innovations"},
    },
    "count.agencies": {"id": "{count:,} OPD", "en": {"one": "{count:,} agency", "other": "{count:,} agencies"}},
    "count.opds": {"id": "{count:,} OPD", "en": {"one": "{count:,} OPD", "other": "{count:,} OPDs"}},
    "count.rows": {"id": "{count:,} baris", "en": {"one": "{count:,} row", "other": "{count:,} rows"}},
    "count.sheets": {"id": "{count:,} lembar", "en": {"one": "{count:,} sheet", "other": "{count:,} sheets"}},
    "count.columns": {"id": "{count:,} kolom", "en": {"one": "{count:,} column", "other": "{count:,} columns"}},
    "count.cells": {"id": "{count:,} sel", "en": {"one": "{count:,} cell", "other": "{count:,} cells"}},
    "count.characters": {
        "id": "{count:,} karakter",
        "en": {"one": "{count:,} character", "other": "{count:,} characters"},
    },
}
