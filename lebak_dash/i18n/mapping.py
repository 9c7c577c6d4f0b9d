"""Strings of issue 11's additions: column mappings, the stage map, the gaps and two stage models.

The store's messages and audit actions, the command line (``--mapping``, ``mapping ...``,
``stage-map ...``, the summary's new tables) and the Data pages (the column-mapping screen on
Unggah Data, the stage map on Referensi, the report's counts).
"""

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    # The template's help sheet.
    "template.tahapan_help": {
        "id": "Drum-up, Diagnose, Design, Delivery, Display (atau angka 1-5); tahap IID (Inisiatif, Uji Coba, "
        "Penerapan) juga diterima",
        "en": "Drum-up, Diagnose, Design, Delivery, Display (or a number 1-5); IID stages (Inisiatif, Uji Coba, "
        "Penerapan) are accepted too",
    },
    "template.koordinat_help": {
        "id": "lintang lalu bujur: -6.35, 106.25 (juga -6,35, 106,25; 6°21'0\"S 106°15'0\"E; tautan peta)",
        "en": "latitude then longitude: -6.35, 106.25 (also -6,35, 106,25; 6°21'0\"S 106°15'0\"E; a map link)",
    },
    "template.pemda_help": {
        "id": "pemerintah daerah ({region})",
        "en": "the regional government ({region})",
    },
    "template.kematangan_help": {
        "id": "skor kematangan IID, angka 0 atau lebih",
        "en": "IID's maturity score, a number of 0 or more",
    },
    # The store.
    "store.mapping_not_found": {
        "id": "Tidak ada pemetaan kolom nomor {number}.",
        "en": "There is no column mapping number {number}.",
    },
    "store.mapping_retired": {
        "id": "Pemetaan kolom {number} sudah tidak dipakai lagi.",
        "en": "Column mapping {number} is retired already.",
    },
    "store.stage_map_changed": {
        "id": "Pemetaan tahapan baru saja diubah orang lain; periksa lagi lalu ulangi.",
        "en": "Someone else just changed the stage map; check it again and repeat.",
    },
    "audit.mapping_saved": {"id": "Pemetaan kolom disimpan", "en": "Column mapping saved"},
    "audit.mapping_retired": {"id": "Pemetaan kolom tidak dipakai lagi", "en": "Column mapping retired"},
    "audit.stage_map_set": {"id": "Pemetaan tahapan IID ke 5D dipasang", "en": "IID-to-5D stage map set"},
    "audit.stage_map_off": {"id": "Pemetaan tahapan dimatikan", "en": "Stage map switched off"},
    # The readable summary of check and import.
    "cli.per_stage_iid": {"id": "Per tahapan IID:", "en": "Per IID stage:"},
    "cli.per_urusan": {"id": "Per urusan:", "en": "Per urusan:"},
    "cli.mapping_used": {
        "id": "Pemetaan kolom {mapping} dipakai untuk lembar: {sheets}",
        "en": "Column mapping {mapping} used for sheets: {sheets}",
    },
    "cli.stage_map_applied": {
        "id": "Pemetaan tahapan {number} (IID ke 5D) diterapkan; tahap turunan ditandai.",
        "en": "Stage map {number} (IID to 5D) applied; derived stages are marked.",
    },
    # The command line.
    "scli.metavar.mapping": {"id": "PEMETAAN.json", "en": "MAPPING.json"},
    "scli.metavar.stage_pair": {"id": "TAHAP_IID=TAHAP_5D", "en": "IID_STAGE=5D_STAGE"},
    "scli.help.mapping_check": {
        "id": "pemetaan kolom (JSON: judul kolom -> kunci, atau null untuk mengabaikan); menang atas yang "
        "tersimpan, tidak disimpan",
        "en": "a column mapping (JSON: header -> key, or null to ignore); wins over the saved ones, is not saved",
    },
    "scli.help.mapping_import": {
        "id": "pemetaan kolom JSON; menang atas yang tersimpan dan disimpan bersama versi ini",
        "en": "a JSON column mapping; wins over the saved ones and is saved with this version",
    },
    "scli.help.cmd.mapping": {
        "id": "pemetaan kolom yang disimpan (list, export, import, retire)",
        "en": "the saved column mappings (list, export, import, retire)",
    },
    "scli.help.cmd.mapping_list": {"id": "daftar pemetaan kolom", "en": "list the column mappings"},
    "scli.help.cmd.mapping_export": {
        "id": "tulis pemetaan kolom N sebagai JSON",
        "en": "write column mapping N as JSON",
    },
    "scli.help.cmd.mapping_import": {
        "id": "simpan pemetaan kolom dari berkas JSON (dipakai untuk berkas berikutnya)",
        "en": "save a column mapping from a JSON file (applied to later files)",
    },
    "scli.help.cmd.mapping_retire": {
        "id": "berhenti memakai pemetaan kolom N untuk berkas baru",
        "en": "stop applying column mapping N to new files",
    },
    "scli.help.cmd.stage_map": {
        "id": "pemetaan tahapan IID ke 5D (show, set, off)",
        "en": "the IID-to-5D stage map (show, set, off)",
    },
    "scli.help.cmd.stage_map_show": {"id": "tampilkan pemetaan tahapan", "en": "show the stage map"},
    "scli.help.cmd.stage_map_set": {
        "id": "pasang pemetaan tahapan baru, misalnya Inisiatif=Design 'Uji Coba=Delivery' Penerapan=Display",
        "en": "set a new stage map, for example Inisiatif=Design 'Uji Coba=Delivery' Penerapan=Display",
    },
    "scli.help.cmd.stage_map_off": {"id": "matikan pemetaan tahapan", "en": "switch the stage map off"},
    "scli.help.by_change": {
        "id": "nama yang mengubah (bawaan: pengguna sistem)",
        "en": "name of who makes the change (default: the system user)",
    },
    "scli.help.mapping_number": {"id": "nomor pemetaan kolom", "en": "column mapping number"},
    "scli.help.mapping_out": {
        "id": "berkas keluaran .json (bawaan: layar)",
        "en": "output .json file (default: the screen)",
    },
    "scli.help.mapping_file": {
        "id": "berkas JSON pemetaan kolom (judul kolom -> kunci, atau null untuk mengabaikan)",
        "en": "a JSON column mapping file (header -> key, or null to ignore)",
    },
    "scli.help.stage_pairs": {
        "id": "pasangan tahap IID dan tahap 5D",
        "en": "pairs of an IID stage and a 5D stage",
    },
    "scli.mapping_unreadable": {
        "id": "Berkas pemetaan kolom '{path}' tidak ditemukan atau tidak dapat dibaca.",
        "en": "Column mapping file '{path}' was not found or cannot be read.",
    },
    "scli.mapping_invalid": {
        "id": "Berkas pemetaan kolom '{path}' tidak dapat dipakai: {reason}",
        "en": "Column mapping file '{path}' cannot be used: {reason}",
    },
    "scli.mapping_none": {
        "id": "Belum ada pemetaan kolom tersimpan.",
        "en": "No column mapping saved yet.",
    },
    "scli.mapping_active_mark": {"id": "dipakai", "en": "in use"},
    "scli.mapping_retired_mark": {"id": "pensiun", "en": "retired"},
    "scli.mapping_versions": {"id": "versi:", "en": "versions:"},
    "scli.mapping_exported": {
        "id": "Pemetaan kolom {number} ditulis ke {path}.",
        "en": "Column mapping {number} written to {path}.",
    },
    "scli.mapping_saved": {
        "id": "Pemetaan kolom disimpan sebagai nomor {number}; dipakai untuk berkas berikutnya.",
        "en": "Column mapping saved as number {number}; it applies to later files.",
    },
    "scli.mapping_retired": {
        "id": "Pemetaan kolom {number} tidak dipakai lagi untuk berkas baru.",
        "en": "Column mapping {number} no longer applies to new files.",
    },
    "scli.version_mappings": {
        "id": "Versi ini dibaca dengan pemetaan kolom nomor {numbers}.",
        "en": "This version was read with column mapping number {numbers}.",
    },
    "scli.stage_map_on_now": {
        "id": "Pemetaan tahapan {number} sedang dipakai:",
        "en": "Stage map {number} is in use:",
    },
    "scli.stage_map_off_now": {
        "id": "Pemetaan tahapan tidak dipakai (bawaan).",
        "en": "No stage map is in use (the default).",
    },
    "scli.stage_map_set": {
        "id": "Pemetaan tahapan {number} dipasang: {pairs}.",
        "en": "Stage map {number} set: {pairs}.",
    },
    "scli.stage_map_switched_off": {
        "id": "Pemetaan tahapan dimatikan.",
        "en": "The stage map is switched off.",
    },
    # Unggah Data: the report's counts.
    "unggah.counts": {"id": "Isi berkas", "en": "What the file holds"},
    "unggah.rows_accounted": {
        "id": "{count:,} baris data: {records:,} diterima, {rejected:,} ditolak, {duplicate:,} ganda persis, "
        "{skipped:,} judul berulang dilewati.",
        "en": {
            "one": "{count:,} data row: {records:,} accepted, {rejected:,} rejected, {duplicate:,} exact repeats, "
            "{skipped:,} repeated headers skipped.",
            "other": "{count:,} data rows: {records:,} accepted, {rejected:,} rejected, {duplicate:,} exact repeats, "
            "{skipped:,} repeated headers skipped.",
        },
    },
    "unggah.stage_map_applied": {
        "id": "Pemetaan tahapan {number} (IID ke 5D) sedang dipakai: tahap 5D turunan ikut dihitung dan ditandai.",
        "en": "Stage map {number} (IID to 5D) is in use: derived 5D stages are counted and marked.",
    },
    "dv.no_opd": {"id": "OPD belum diisi", "en": "No agency given"},
    "dv.no_stage": {"id": "Tahap belum diisi", "en": "No stage given"},
    "dv.stage_5d": {"id": "Tahapan 5D", "en": "5D stage"},
    "dv.stage_iid": {"id": "Tahapan IID", "en": "IID stage"},
    "dv.urusan": {"id": "Urusan", "en": "Urusan"},
    "dv.mapping": {"id": "Pemetaan", "en": "Mapping"},
    "dv.sheets": {"id": "Lembar", "en": "Sheets"},
    "dv.mapping_columns": {"id": "Kolom dibaca sebagai", "en": "Columns read as"},
    "dv.mapping_this_file": {"id": "untuk berkas ini", "en": "for this file"},
    "dv.mapping_no_sheet": {"id": "(tidak cocok dengan lembar mana pun)", "en": "(matches no sheet)"},
    "dv.header": {"id": "Judul kolom", "en": "Header"},
    "dv.read_as": {"id": "Dibaca sebagai", "en": "Read as"},
    "dv.sample": {"id": "Contoh {n}", "en": "Sample {n}"},
    "dv.stage_map": {"id": "Pemetaan", "en": "Map"},
    "dv.set_at": {"id": "Dipasang ({zone})", "en": "Set ({zone})"},
    # Unggah Data: the column-mapping screen.
    "map.title": {"id": "Pemetaan kolom", "en": "Column mapping"},
    "map.unrecognised": {
        "id": "Judul kolom berkas ini tidak dikenali. Pilih lembarnya, lalu tunjukkan kolom mana yang mana "
        "(misalnya kolom ide inovasi sebagai nama, kolom inovator sebagai OPD), dan periksa ulang. Pemetaan "
        "disimpan saat data diterapkan dan dipakai lagi untuk berkas berikutnya.",
        "en": "This file's headers are not recognised. Pick the sheet, say which column is which (for example "
        "the idea column as the name, the innovator column as the OPD), and check again. The mapping is saved "
        "when the data is applied, and used again for later files.",
    },
    "map.change": {"id": "Ubah cara membaca kolom", "en": "Change how the columns are read"},
    "map.used": {"id": "Pemetaan kolom yang dipakai:", "en": "Column mappings used:"},
    "map.sheet": {"id": "Lembar", "en": "Sheet"},
    "map.no_preview": {"id": "Tidak ada lembar berisi untuk dipetakan.", "en": "No sheet with content to map."},
    "map.help_unread": {
        "id": "Lembar ini belum dibaca sebagai data; baris {row} tampaknya baris judulnya. Setiap kolom dengan "
        "tiga contoh isinya:",
        "en": "This sheet was not read as data; row {row} looks like its header. Every column with three sample "
        "values:",
    },
    "map.help_read": {
        "id": "Lembar ini dibaca dengan baris judul di baris {row}. Setiap kolom, cara membacanya sekarang, dan "
        "tiga contoh isinya:",
        "en": "This sheet was read with its header in row {row}. Every column, how it is read now, and three "
        "sample values:",
    },
    "map.extra": {"id": "(kolom tambahan, disimpan apa adanya)", "en": "(extra column, kept as it is)"},
    "map.ignore": {"id": "abaikan", "en": "ignore"},
    "map.recheck": {"id": "Periksa ulang dengan pemetaan ini", "en": "Check again with this mapping"},
    "map.clear": {"id": "Tanpa pemetaan", "en": "Without a mapping"},
    "map.nothing": {
        "id": "Tidak ada kolom yang diubah; berkas dibaca seperti sebelumnya.",
        "en": "No column was changed; the file is read as before.",
    },
    "map.cleared": {
        "id": "Pemetaan kolom untuk berkas ini dihapus; berkas diperiksa ulang tanpa pemetaan itu.",
        "en": "The column mapping for this file was removed; the file is checked again without it.",
    },
    # Referensi: the stage map.
    "stagemap.title": {"id": "Pemetaan tahapan IID ke 5D", "en": "IID-to-5D stage map"},
    "stagemap.help": {
        "id": "Bila dipasang, inovasi yang hanya punya tahap IID mendapat tahap 5D menurut pemetaan ini, "
        "ditandai sebagai turunan di mana pun ditampilkan. Bawaan: tidak dipakai.",
        "en": "When set, innovations with only an IID stage get the 5D stage this map names, marked as derived "
        "wherever shown. Default: not used.",
    },
    "stagemap.off_now": {
        "id": "Pemetaan tahapan tidak dipakai: tahap IID dan tahap 5D ditampilkan terpisah.",
        "en": "No stage map is in use: IID and 5D stages are shown apart.",
    },
    "stagemap.on_now": {"id": "Pemetaan tahapan {number} sedang dipakai.", "en": "Stage map {number} is in use."},
    "stagemap.history": {"id": "Riwayat pemetaan tahapan ({n})", "en": "Stage map history ({n})"},
    "stagemap.pick": {"id": "{stage} menjadi", "en": "{stage} becomes"},
    "stagemap.set": {"id": "Pasang pemetaan tahapan", "en": "Set the stage map"},
    "stagemap.off": {"id": "Matikan", "en": "Switch off"},
    "stagemap.applied": {
        "id": "Pemetaan tahapan {number} dipasang; dasbor memakainya sekarang.",
        "en": "Stage map {number} set; the dashboard uses it now.",
    },
    "stagemap.switched_off": {
        "id": "Pemetaan tahapan dimatikan; dasbor kembali menampilkan tahap IID apa adanya.",
        "en": "The stage map is switched off; the dashboard shows IID stages as they are again.",
    },
}
