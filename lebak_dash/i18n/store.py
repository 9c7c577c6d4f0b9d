"""Strings of the store area: the data store, editors and logins, the template, the store commands."""

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    # ------------------------------------------------------------------ store errors
    "store.disk_full": {
        "id": "Penyimpanan penuh: data tidak dapat ditulis ke {path}. Tidak ada yang diubah; versi aktif "
        "tetap seperti sebelumnya. Kosongkan ruang disk server lalu ulangi. ({detail})",
        "en": "Storage is full: data cannot be written to {path}. Nothing was changed; the active version "
        "is as before. Free disk space on the server and try again. ({detail})",
    },
    "store.no_permission": {
        "id": "Tidak ada izin menulis ke folder data {path}. Tidak ada yang diubah; versi aktif tetap "
        "seperti sebelumnya. Minta admin memberi izin tulis pada folder itu (LEBAK_DATA_DIR). ({detail})",
        "en": "No permission to write to the data folder {path}. Nothing was changed; the active version "
        "is as before. Ask the admin to grant write access to that folder (LEBAK_DATA_DIR). ({detail})",
    },
    "store.busy": {
        "id": "Penyimpanan sedang dipakai proses lain terlalu lama ({path}). Tidak ada yang diubah; "
        "coba lagi sebentar lagi. ({detail})",
        "en": "The store is held by another process for too long ({path}). Nothing was changed; try "
        "again in a moment. ({detail})",
    },
    "store.catalog_corrupt": {
        "id": "Katalog data {path} rusak dan tidak dapat dibaca. Berkas asli tetap utuh di folder "
        "files/; hubungi admin untuk memulihkan katalog dari cadangan. ({detail})",
        "en": "The data catalog {path} is damaged and cannot be read. The original files are intact "
        "in files/; ask the admin to restore the catalog from a backup. ({detail})",
    },
    "store.write_failed": {
        "id": "Data tidak dapat disimpan ke {path}. Tidak ada yang diubah; versi aktif tetap seperti "
        "sebelumnya. ({detail})",
        "en": "The data could not be saved to {path}. Nothing was changed; the active version is as before. ({detail})",
    },
    "store.connection_lost": {
        "id": "Sambungan ke basis data {path} terputus atau basis data tidak menjawab. Perubahan yang "
        "sedang berjalan tidak disimpan; coba lagi sebentar lagi (sambungan dibuka ulang sendiri). "
        "Bila terus berulang, hubungi admin. ({detail})",
        "en": "The connection to the database {path} was lost or the database does not answer. The change "
        "in progress was not saved; try again in a moment (the connection is reopened by itself). If it "
        "keeps happening, contact the admin. ({detail})",
    },
    "store.retry": {"id": "Coba lagi", "en": "Try again"},
    "store.migrate_not_empty": {
        "id": "Penyimpanan tujuan tidak kosong (tabel {tables} sudah berisi). Tidak ada yang disalin; "
        "pindahkan ke basis data baru yang kosong.",
        "en": "The target store is not empty (tables {tables} hold rows). Nothing was copied; migrate into "
        "a new, empty database.",
    },
    "store.newer_schema": {
        "id": "Folder data dibuat oleh versi aplikasi yang lebih baru (skema {found}, aplikasi ini "
        "mengenal sampai {supported}). Perbarui aplikasi.",
        "en": "The data folder was made by a newer version of the app (schema {found}, this app knows "
        "up to {supported}). Update the app.",
    },
    "store.version_not_found": {
        "id": "Versi {number} tidak ada. Lihat daftar versi dengan: python -m lebak_dash versions",
        "en": "Version {number} does not exist. List the versions with: python -m lebak_dash versions",
    },
    "store.reference_not_found": {
        "id": "Versi daftar OPD {number} tidak ada. Lihat daftarnya dengan: python -m lebak_dash opd-list versions",
        "en": "OPD list version {number} does not exist. List them with: python -m lebak_dash opd-list versions",
    },
    "store.original_missing": {
        "id": "Berkas asli versi {number} tidak ditemukan ({path}). Versi lain tidak terpengaruh; hubungi admin.",
        "en": "The original file of version {number} is missing ({path}). Other versions are not "
        "affected; contact the admin.",
    },
    "store.original_damaged": {
        "id": "Berkas asli versi {number} tidak lagi sama dengan saat diunggah ({path}). Versi lain "
        "tidak terpengaruh; hubungi admin.",
        "en": "The original file of version {number} no longer matches what was uploaded ({path}). "
        "Other versions are not affected; contact the admin.",
    },
    "detail.ref_empty": {"id": "daftar {what} kosong.", "en": "the {what} list is empty."},
    "detail.ref_missing_columns": {
        "id": "daftar {what} tidak memiliki kolom: {missing}. Kolom yang diperlukan: {required}.",
        "en": "the {what} list lacks the columns: {missing}. Required columns: {required}.",
    },
    "detail.ref_blank_name": {
        "id": "daftar {what}: nama kosong pada baris {row}.",
        "en": "{what} list: blank name in row {row}.",
    },
    "detail.ref_duplicate_name": {
        "id": "daftar {what}: nama '{name}' tercantum lebih dari sekali.",
        "en": "{what} list: the name '{name}' is listed more than once.",
    },
    "detail.ref_ambiguous_alias": {
        "id": "daftar {what}: nama atau alias '{variant}' dipakai untuk dua entri ('{first}' dan '{second}'). "
        "Setiap alias hanya boleh menunjuk satu {what}.",
        "en": "{what} list: the name or alias '{variant}' is used for two entries ('{first}' and '{second}'). "
        "Each alias may point to one {what} only.",
    },
    "detail.ref_too_long": {
        "id": "daftar OPD memuat {count:,} baris, lebih dari yang mungkin untuk sebuah daftar OPD.",
        "en": {
            "one": "the OPD list holds {count:,} row, more than an OPD list can.",
            "other": "the OPD list holds {count:,} rows, more than an OPD list can.",
        },
    },
    "detail.ref_unreadable": {
        "id": "berkas tidak dapat dibaca dalam batas {limit}. Pastikan berkas itu daftar OPD berformat CSV.",
        "en": "the file could not be read within the limit of {limit}. Make sure it is an OPD list in CSV form.",
    },
    "store.rebuild_failed": {
        "id": "Data versi {number} tidak dapat dibaca ulang dari berkas aslinya ({reason}). Versi lain tidak "
        "terpengaruh; coba lagi sebentar lagi, atau hubungi admin bila tetap gagal.",
        "en": "The data of version {number} could not be read again from its original file ({reason}). Other "
        "versions are not affected; try again in a moment, or contact the admin if it keeps failing.",
    },
    "store.reference_invalid": {
        "id": "Daftar OPD tidak dapat dipakai: {reason}",
        "en": "The OPD list cannot be used: {reason}",
    },
    "store.rejected_file": {
        "id": "Berkas ditolak oleh pemeriksaan sehingga tidak dapat disimpan. Perbaiki berkas sesuai "
        "laporan lalu unggah lagi.",
        "en": "The file was rejected by the check, so it cannot be saved. Fix the file as the report "
        "says and upload it again.",
    },
    "store.conflict": {
        "id": "Sementara Anda memeriksa, data aktif berubah (versi {active}, bukan versi {expected}). "
        "Periksa ulang berkas agar perbandingannya benar, lalu terapkan lagi.",
        "en": "While you were checking, the active data changed (version {active}, not version "
        "{expected}). Check the file again so the comparison is right, then apply it.",
    },
    "store.reference_changed": {
        "id": "Daftar OPD diganti sejak berkas diperiksa. Periksa ulang berkas dengan daftar yang baru, lalu terapkan.",
        "en": "The OPD list was replaced since the file was checked. Check the file again with the new list, "
        "then apply it.",
    },
    # ------------------------------------------------------------------ audit actions
    "audit.upload": {"id": "Unggah versi baru", "en": "New version uploaded"},
    "audit.activate": {"id": "Aktifkan versi", "en": "Version activated"},
    "audit.rollback": {"id": "Kembali ke versi sebelumnya", "en": "Rolled back to an earlier version"},
    "audit.reference_upload": {"id": "Unggah daftar OPD", "en": "OPD list uploaded"},
    "audit.reference_activate": {"id": "Aktifkan daftar OPD", "en": "OPD list activated"},
    "audit.login": {"id": "Masuk", "en": "Login"},
    "audit.login_failed": {"id": "Gagal masuk", "en": "Failed login"},
    "audit.login_throttled": {
        "id": "Masuk ditahan (terlalu sering gagal)",
        "en": "Login held back (too many failures)",
    },
    "audit.logout": {"id": "Keluar", "en": "Logout"},
    "audit.editor_added": {"id": "Editor ditambahkan", "en": "Editor added"},
    "audit.editor_password_changed": {"id": "Kata sandi editor diganti", "en": "Editor password changed"},
    "audit.viewer_password_set": {"id": "Kata sandi penonton dipasang", "en": "Viewer password set"},
    "audit.viewer_password_cleared": {"id": "Kata sandi penonton dihapus", "en": "Viewer password removed"},
    "audit.viewer_login_failed": {"id": "Kata sandi penonton salah", "en": "Wrong viewer password"},
    # ------------------------------------------------------------------ history tables
    "hist.version": {"id": "Versi", "en": "Version"},
    "hist.active": {"id": "Aktif", "en": "Active"},
    "hist.uploaded_at": {"id": "Diunggah ({zone})", "en": "Uploaded ({zone})"},
    "hist.uploaded_by": {"id": "Oleh", "en": "By"},
    "hist.filename": {"id": "Berkas", "en": "File"},
    "hist.records": {"id": "Inovasi", "en": "Innovations"},
    "hist.rejected": {"id": "Baris ditolak", "en": "Rows rejected"},
    "hist.warnings": {"id": "Peringatan", "en": "Warnings"},
    "hist.note": {"id": "Catatan", "en": "Note"},
    "hist.at": {"id": "Waktu ({zone})", "en": "Time ({zone})"},
    "hist.actor": {"id": "Pengguna", "en": "User"},
    "hist.action": {"id": "Tindakan", "en": "Action"},
    "hist.detail": {"id": "Rincian", "en": "Detail"},
    # ------------------------------------------------------------------ auth
    "auth.wrong": {
        "id": "Nama atau kata sandi salah.",
        "en": "Wrong name or password.",
    },
    "auth.throttled": {
        "id": "Terlalu banyak percobaan gagal. Coba lagi dalam {count:,} detik.",
        "en": {
            "one": "Too many failed attempts. Try again in {count:,} second.",
            "other": "Too many failed attempts. Try again in {count:,} seconds.",
        },
    },
    "auth.ok": {"id": "Berhasil masuk sebagai {name}.", "en": "Logged in as {name}."},
    "auth.name_invalid": {
        "id": "Nama editor harus 1-64 huruf, angka, titik, garis bawah atau tanda hubung (tanpa spasi): '{name}'.",
        "en": "An editor name must be 1-64 letters, digits, dots, underscores or hyphens (no spaces): '{name}'.",
    },
    "auth.password_short": {
        "id": "Kata sandi terlalu pendek: minimal {count:,} karakter.",
        "en": {
            "one": "The password is too short: at least {count:,} character.",
            "other": "The password is too short: at least {count:,} characters.",
        },
    },
    "auth.password_long": {
        "id": "Kata sandi terlalu panjang: maksimal {count:,} karakter.",
        "en": {
            "one": "The password is too long: at most {count:,} character.",
            "other": "The password is too long: at most {count:,} characters.",
        },
    },
    "auth.password_mismatch": {
        "id": "Kedua kata sandi tidak sama. Tidak ada yang diubah.",
        "en": "The two passwords differ. Nothing was changed.",
    },
    "auth.editor_exists": {
        "id": "Editor '{name}' sudah ada. Untuk mengganti kata sandinya, jalankan perintah ini dengan --reset.",
        "en": "Editor '{name}' already exists. To change the password, run this command with --reset.",
    },
    "auth.editor_missing": {
        "id": "Editor '{name}' belum ada; tanpa --reset editor baru akan dibuat.",
        "en": "Editor '{name}' does not exist; without --reset a new editor is created.",
    },
    "auth.bad_hash": {
        "id": "Nilai LEBAK_VIEWER_PASSWORD_HASH tidak dikenali. Buat dengan: "
        "python -m lebak_dash viewer-password --print-hash",
        "en": "LEBAK_VIEWER_PASSWORD_HASH is not recognised. Make one with: "
        "python -m lebak_dash viewer-password --print-hash",
    },
    # ------------------------------------------------------------------ command line
    "scli.prompt_password": {"id": "Kata sandi untuk {name}: ", "en": "Password for {name}: "},
    "scli.prompt_again": {"id": "Ulangi kata sandi: ", "en": "Repeat the password: "},
    "scli.no_tty": {
        "id": "Tidak ada terminal untuk mengetik kata sandi. Pakai --password-stdin dan kirim kata sandi lewat stdin.",
        "en": "No terminal to type the password. Use --password-stdin and send the password on stdin.",
    },
    "scli.editor_added": {"id": "Editor '{name}' ditambahkan.", "en": "Editor '{name}' added."},
    "scli.editor_changed": {"id": "Kata sandi editor '{name}' diganti.", "en": "Password of editor '{name}' changed."},
    "scli.editors_none": {"id": "Belum ada editor.", "en": "No editor yet."},
    "scli.rejected": {
        "id": "Berkas ditolak; tidak ada yang disimpan. Perbaiki berkas sesuai laporan di atas.",
        "en": "The file was rejected; nothing was saved. Fix the file as the report above says.",
    },
    "scli.stored": {
        "id": "Versi {number} disimpan dan diaktifkan: {count:,} inovasi, {rejected} ditolak.",
        "en": {
            "one": "Version {number} saved and activated: {count:,} innovation, {rejected} rejected.",
            "other": "Version {number} saved and activated: {count:,} innovations, {rejected} rejected.",
        },
    },
    "scli.duplicate": {
        "id": "Catatan: isi berkas sama persis dengan versi {numbers}; berkasnya tidak disimpan dua kali.",
        "en": "Note: the file is identical to version {numbers}; its bytes are not stored twice.",
    },
    "scli.diff": {
        "id": "Dibanding versi sebelumnya: {added} baru, {removed} dihapus, {forward} naik tahap, "
        "{backward} turun tahap, {edited} diubah.",
        "en": "Against the previous version: {added} added, {removed} removed, {forward} moved forward, "
        "{backward} moved back, {edited} edited.",
    },
    "scli.no_versions": {
        "id": "Belum ada versi. Dasbor menampilkan data contoh. Impor dengan: "
        "python -m lebak_dash import BERKAS --by NAMA",
        "en": "No version yet. The dashboard shows the sample data. Import with: "
        "python -m lebak_dash import FILE --by NAME",
    },
    "scli.versions_header": {
        "id": "Versi  Aktif  Diunggah                   Oleh            Inovasi  Ditolak  Berkas",
        "en": "Ver.   Active Uploaded                   By              Records  Rejected File",
    },
    "scli.activated": {
        "id": "Versi {number} sekarang aktif ({count:,} inovasi).",
        "en": {
            "one": "Version {number} is now active ({count:,} innovation).",
            "other": "Version {number} is now active ({count:,} innovations).",
        },
    },
    "scli.exported": {
        "id": "Versi {number} diekspor ke {path} ({count:,} inovasi).",
        "en": {
            "one": "Version {number} exported to {path} ({count:,} innovation).",
            "other": "Version {number} exported to {path} ({count:,} innovations).",
        },
    },
    "scli.export_suffix": {
        "id": "Nama berkas ekspor harus berakhiran .xlsx atau .csv: {path}",
        "en": "The export file name must end in .xlsx or .csv: {path}",
    },
    "scli.export_empty": {
        "id": "Belum ada versi untuk diekspor. Impor dulu dengan: python -m lebak_dash import BERKAS --by NAMA",
        "en": "No version to export yet. Import first with: python -m lebak_dash import FILE --by NAME",
    },
    "scli.template_written": {
        "id": "Templat ditulis ke {path}.",
        "en": "Template written to {path}.",
    },
    "scli.template_suffix": {
        "id": "Nama berkas templat harus berakhiran .xlsx: {path}",
        "en": "The template file name must end in .xlsx: {path}",
    },
    "scli.cannot_write": {
        "id": "Tidak dapat menulis {path}: {detail}",
        "en": "Cannot write {path}: {detail}",
    },
    "scli.reference_stored": {
        "id": "Daftar OPD versi {number} disimpan dan diaktifkan: {count:,} OPD ({added} baru, {removed} dihapus).",
        "en": {
            "one": "OPD list version {number} saved and activated: {count:,} OPD ({added} new, {removed} removed).",
            "other": "OPD list version {number} saved and activated: {count:,} OPDs ({added} new, {removed} removed).",
        },
    },
    "scli.reference_exported": {
        "id": "Daftar OPD ditulis ke {path}.",
        "en": "OPD list written to {path}.",
    },
    "scli.reference_activated": {
        "id": "Daftar OPD versi {number} sekarang aktif.",
        "en": "OPD list version {number} is now active.",
    },
    "scli.reference_none": {
        "id": "Belum ada daftar OPD yang diunggah; dipakai daftar bawaan (data/reference/opd.csv).",
        "en": "No OPD list uploaded yet; the bundled list (data/reference/opd.csv) is used.",
    },
    "scli.viewer_set": {
        "id": "Kata sandi penonton dipasang: dasbor hanya dapat dilihat setelah memasukkannya.",
        "en": "Viewer password set: the dashboard can only be seen after entering it.",
    },
    "scli.viewer_cleared": {
        "id": "Kata sandi penonton dihapus: dasbor terbuka untuk semua di jaringan kantor.",
        "en": "Viewer password removed: the dashboard is open to everyone on the office network.",
    },
    "scli.verify_ok": {
        "id": "Penyimpanan utuh: {count:,} versi, katalog lolos integrity_check.",
        "en": {
            "one": "The store is intact: {count:,} version, catalog passes integrity_check.",
            "other": "The store is intact: {count:,} versions, catalog passes integrity_check.",
        },
    },
    "scli.verify_problems": {"id": "Ditemukan masalah:", "en": "Problems found:"},
    "scli.verify.missing": {"id": "berkas hilang: {detail}", "en": "file missing: {detail}"},
    "scli.verify.permissions": {
        "id": "izin terlalu longgar, pengguna lain di server dapat membukanya: {detail} (perbaiki dengan chmod: "
        "berkas 600, folder 700)",
        "en": "permissions too wide, other users on the server can open it: {detail} (fix with chmod: files 600, "
        "folders 700)",
    },
    "scli.verify.damaged": {
        "id": "berkas rusak (isinya tidak cocok dengan hash-nya): {detail}",
        "en": "file damaged (its content does not match its hash): {detail}",
    },
    "scli.verify.integrity_check": {
        "id": "katalog rusak (integrity_check): {detail}",
        "en": "catalog damaged (integrity_check): {detail}",
    },
    "scli.verify.foreign_key_check": {
        "id": "rujukan katalog tidak utuh (foreign_key_check): {detail}",
        "en": "catalog references broken (foreign_key_check): {detail}",
    },
    "scli.error": {"id": "Kesalahan: {message}", "en": "Error: {message}"},
    # ------------------------------------------------------------------ command line: help and usage
    "scli.help.description": {
        "id": "Dasbor Inovasi Daerah kabupaten/kota (daerahnya: python -m lebak_dash region show)",
        "en": "Regional Innovation Dashboard of a kabupaten or kota (its region: python -m lebak_dash region show)",
    },
    "scli.help.commands": {"id": "perintah", "en": "commands"},
    "scli.help.positionals": {"id": "argumen", "en": "arguments"},
    "scli.help.options": {"id": "opsi", "en": "options"},
    "scli.help.help": {"id": "tampilkan bantuan ini lalu keluar", "en": "show this help and exit"},
    "scli.help.lang": {"id": "bahasa keluaran (id/en)", "en": "language of the output (id/en)"},
    "scli.help.data_dir": {
        "id": "folder data penyimpanan bawaan (SQLite), dipakai bila LEBAK_STORE_URL/--store-url tidak diisi "
        "(bawaan: LEBAK_DATA_DIR atau data/store)",
        "en": "folder of the embedded store (SQLite), used when LEBAK_STORE_URL/--store-url is not set "
        "(default: LEBAK_DATA_DIR or data/store)",
    },
    "scli.help.store_url": {
        "id": "penyimpanan di PostgreSQL, postgresql://pengguna:sandi@host:port/basisdata (bawaan: "
        "LEBAK_STORE_URL); bila diisi, dipakai sebagai ganti --data-dir",
        "en": "store on PostgreSQL, postgresql://user:password@host:port/database (default: LEBAK_STORE_URL); "
        "when set, used instead of --data-dir",
    },
    "scli.help.json": {"id": "cetak JSON", "en": "print JSON"},
    "scli.help.cmd.check": {
        "id": "periksa sebuah berkas tanpa menyimpannya (dengan daftar OPD aktif di folder data, bila ada)",
        "en": "check a file without storing it (with the active OPD list of the data folder, if any)",
    },
    "scli.help.cmd.import": {
        "id": "periksa berkas, simpan sebagai versi baru dan aktifkan",
        "en": "check a file, store it as a new version and activate it",
    },
    "scli.help.cmd.versions": {"id": "daftar semua versi", "en": "list every version"},
    "scli.help.cmd.activate": {
        "id": "aktifkan versi N (kembali ke versi lama = undo)",
        "en": "activate version N (going back to an earlier one = undo)",
    },
    "scli.help.cmd.export": {
        "id": "ekspor data sebuah versi ke .xlsx atau .csv",
        "en": "export the data of a version to .xlsx or .csv",
    },
    "scli.help.cmd.template": {
        "id": "tulis templat .xlsx dengan daftar pilihan",
        "en": "write the .xlsx template with its choice lists",
    },
    "scli.help.cmd.audit": {"id": "tampilkan log audit terbaru", "en": "show the latest audit log lines"},
    "scli.help.cmd.migrate": {
        "id": "salin seluruh penyimpanan bawaan (folder data) ke PostgreSQL: versi, berkas asli, daftar, "
        "pemetaan, wilayah, editor, riwayat audit; lalu periksa hasilnya",
        "en": "copy a whole embedded store (data folder) into PostgreSQL: versions, original files, lists, "
        "mappings, region, editors, audit history; then check the result",
    },
    "scli.help.migrate_from": {"id": "folder data sumber (SQLite)", "en": "source data folder (SQLite)"},
    "scli.help.migrate_to": {
        "id": "basis data PostgreSQL tujuan yang kosong, postgresql://pengguna:sandi@host:port/basisdata",
        "en": "empty target PostgreSQL database, postgresql://user:password@host:port/database",
    },
    "scli.migrate_no_source": {
        "id": "Tidak ada penyimpanan di folder {path} (catalog.sqlite tidak ditemukan).",
        "en": "There is no store in the folder {path} (catalog.sqlite not found).",
    },
    "scli.migrated": {
        "id": "Disalin ke {target}. Versi: {versions:,}; berkas asli: {files:,}; baris audit: {audit:,}; "
        "editor: {editors:,}.",
        "en": "Copied to {target}. Versions: {versions:,}; original files: {files:,}; audit lines: {audit:,}; "
        "editors: {editors:,}.",
    },
    "scli.help.cmd.verify": {
        "id": "periksa keutuhan penyimpanan (katalog dan berkas asli)",
        "en": "check the store's integrity (catalog and original files)",
    },
    "scli.help.cmd.opd_list": {
        "id": "daftar OPD: ekspor, impor, versi, aktifkan",
        "en": "OPD list: export, import, versions, activate",
    },
    "scli.help.cmd.opd_export": {
        "id": "tulis daftar OPD aktif (atau versi N) ke CSV",
        "en": "write the active OPD list (or version N) to CSV",
    },
    "scli.help.cmd.opd_import": {
        "id": "periksa dan aktifkan daftar OPD baru (CSV)",
        "en": "check and activate a new OPD list (CSV)",
    },
    "scli.help.cmd.opd_versions": {"id": "daftar versi daftar OPD", "en": "list the versions of the OPD list"},
    "scli.help.cmd.opd_activate": {
        "id": "aktifkan versi daftar OPD N (0: bawaan)",
        "en": "activate version N of the OPD list (0: the bundled one)",
    },
    "scli.help.cmd.add_editor": {
        "id": "tambah editor (atau ganti kata sandi dengan --reset)",
        "en": "add an editor (or change a password with --reset)",
    },
    "scli.help.cmd.editors": {"id": "daftar editor", "en": "list the editors"},
    "scli.help.cmd.viewer_password": {
        "id": "pasang atau hapus kata sandi penonton",
        "en": "set or remove the viewer password",
    },
    "scli.help.workbook": {
        "id": "berkas .xlsx, .xlsm, .xls, .ods atau .csv",
        "en": "an .xlsx, .xlsm, .xls, .ods or .csv file",
    },
    "scli.help.by_upload": {
        "id": "nama yang mengunggah (dicatat di riwayat)",
        "en": "name of who uploads (kept in the history)",
    },
    "scli.help.note": {"id": "catatan versi", "en": "a note on the version"},
    "scli.help.version_number": {"id": "nomor versi", "en": "version number"},
    "scli.help.by_user": {
        "id": "nama yang mengaktifkan (bawaan: pengguna sistem)",
        "en": "name of who activates (default: the system user)",
    },
    "scli.help.reason": {"id": "alasan", "en": "the reason"},
    "scli.help.export_out": {
        "id": "berkas keluaran (.xlsx atau .csv)",
        "en": "output file (.xlsx or .csv)",
    },
    "scli.help.export_version": {
        "id": "nomor versi (bawaan: yang aktif)",
        "en": "version number (default: the active one)",
    },
    "scli.help.xlsx_out": {"id": "berkas keluaran .xlsx", "en": "output .xlsx file"},
    "scli.help.limit": {"id": "jumlah baris terbaru (bawaan: 50)", "en": "how many of the latest lines (default: 50)"},
    "scli.help.csv_out": {"id": "berkas keluaran .csv", "en": "output .csv file"},
    "scli.help.opd_version": {"id": "nomor versi daftar (0: bawaan)", "en": "list version number (0: bundled)"},
    "scli.help.opd_csv": {
        "id": "opd.csv dengan kolom nama, singkatan, alias, jenis, terverifikasi",
        "en": "opd.csv with the columns nama, singkatan, alias, jenis, terverifikasi",
    },
    "scli.help.opd_number": {"id": "nomor versi daftar OPD (0: bawaan)", "en": "OPD list version (0: bundled)"},
    "scli.help.editor_name": {
        "id": "nama editor (huruf, angka, . _ -)",
        "en": "the editor's name (letters, digits, . _ -)",
    },
    "scli.help.password_stdin": {
        "id": "baca kata sandi dari stdin (untuk skrip)",
        "en": "read the password from stdin (for scripts)",
    },
    "scli.help.reset": {
        "id": "ganti kata sandi editor yang sudah ada",
        "en": "change the password of an existing editor",
    },
    "scli.help.by_admin": {
        "id": "nama admin (bawaan: pengguna sistem)",
        "en": "the admin's name (default: the system user)",
    },
    "scli.help.viewer_clear": {
        "id": "hapus kata sandi penonton (dasbor terbuka)",
        "en": "remove the viewer password (the dashboard is open)",
    },
    "scli.help.print_hash": {
        "id": "cetak hash untuk LEBAK_VIEWER_PASSWORD_HASH saja",
        "en": "only print a hash for LEBAK_VIEWER_PASSWORD_HASH",
    },
    "scli.metavar.file": {"id": "BERKAS", "en": "FILE"},
    "scli.metavar.out": {"id": "KELUARAN", "en": "OUT"},
    "scli.metavar.name": {"id": "NAMA", "en": "NAME"},
    "scli.metavar.text": {"id": "TEKS", "en": "TEXT"},
    "scli.metavar.command": {"id": "PERINTAH", "en": "COMMAND"},
    "scli.usage.prefix": {"id": "pemakaian: ", "en": "usage: "},
    "scli.usage.error": {"id": "{prog}: kesalahan: {message}", "en": "{prog}: error: {message}"},
    "scli.usage.required": {
        "id": "argumen wajib belum diberikan: {names}",
        "en": "the following arguments are required: {names}",
    },
    "scli.usage.unrecognized": {"id": "argumen tidak dikenal: {names}", "en": "unrecognized arguments: {names}"},
    "scli.usage.choice": {
        "id": "argumen {argument}: pilihan {value} tidak dikenal (pilih dari {choices})",
        "en": "argument {argument}: invalid choice: {value} (choose from {choices})",
    },
    "scli.usage.value": {
        "id": "argumen {argument}: nilai {value} tidak sah",
        "en": "argument {argument}: invalid value {value}",
    },
    "scli.usage.one_value": {
        "id": "argumen {argument}: perlu satu nilai",
        "en": "argument {argument}: expected one argument",
    },
    # ------------------------------------------------------------------ template
    "template.sheet_data": {"id": "Data Inovasi", "en": "Data Inovasi"},
    "template.sheet_help": {"id": "Petunjuk", "en": "Petunjuk"},
    "template.sheet_lists": {"id": "Pilihan", "en": "Pilihan"},
    "template.title": {
        "id": "TEMPLAT DATA INOVASI DAERAH {title}",
        "en": "TEMPLAT DATA INOVASI DAERAH {title}",
    },
    "template.steps": {
        "id": "1. Isi lembar 'Data Inovasi': satu baris untuk satu inovasi, mulai baris 2. Jangan ubah "
        "judul kolom di baris 1.\n"
        "2. Kolom wajib: Nama Inovasi; baris tanpa nama ditolak (baris lain tetap diterima). Baris tanpa OPD "
        "atau tanpa tahapan tetap diterima dan dihitung sebagai 'OPD belum diisi' / 'Tahap belum diisi'. "
        "Sel berisi '-' saja dianggap kosong.\n"
        "3. Pilih OPD, Tahapan 5D, Jenis, Bentuk, Inisiator dan Tahapan IID dari daftar pilihan "
        "(panah di sel).\n"
        "4. Kecamatan: pilih satu dari daftar, atau ketik beberapa dipisah koma (mis. '{examples}'). "
        "Untuk seluruh {kind} pilih 'Semua Kecamatan'. Kosongkan bila tidak disebut.\n"
        "5. Tanggal berupa tanggal (28/11/2018 atau 28-11-2018); Tahun 2000-2100; Anggaran berupa angka rupiah "
        "tanpa 'Rp' (15000000); Koordinat: lintang lalu bujur (-6.35, 106.25).\n"
        "6. Kode Inovasi boleh kosong, tetapi bila diisi harus unik: kode dipakai untuk mengenali "
        "inovasi yang sama antar-unggahan (perpindahan tahap).\n"
        "7. Kolom tambahan di kanan boleh ditambahkan; isinya disimpan dan ditampilkan apa adanya.\n"
        "8. Simpan sebagai .xlsx lalu unggah di halaman Unggah Data, atau periksa dulu dengan: "
        "python -m lebak_dash check BERKAS.xlsx",
        "en": "1. Fill in the 'Data Inovasi' sheet: one row per innovation, from row 2. Do not change "
        "the headers in row 1.\n"
        "2. Required column: Nama Inovasi; a row without a name is rejected (other rows are still "
        "accepted). A row without an OPD or a stage is accepted and counted as 'OPD belum diisi' / 'Tahap "
        "belum diisi'. A cell holding only '-' is empty.\n"
        "3. Pick OPD, Tahapan 5D, Jenis, Bentuk, Inisiator and Tahapan IID from the dropdown lists.\n"
        "4. Kecamatan: pick one from the list, or type several separated by commas ('{examples}'). "
        "For the whole {kind} pick 'Semua Kecamatan'. Leave blank when not stated.\n"
        "5. Dates are dates (28/11/2018 or 28-11-2018); Tahun 2000-2100; Anggaran a rupiah number without "
        "'Rp' (15000000); Koordinat: latitude then longitude (-6.35, 106.25).\n"
        "6. Kode Inovasi may be blank, but when given it must be unique: it identifies the same "
        "innovation across uploads (stage moves).\n"
        "7. Extra columns may be added on the right; they are kept and shown as written.\n"
        "8. Save as .xlsx and upload it on the Unggah Data page, or check it first with: "
        "python -m lebak_dash check FILE.xlsx",
    },
    "template.columns_title": {
        "id": "Kolom dan contoh pengisian (satu baris contoh, ditulis menurun)",
        "en": "Columns and an example (one example row, written downwards)",
    },
    "template.col_column": {"id": "Kolom", "en": "Column"},
    "template.col_required": {"id": "Wajib", "en": "Required"},
    "template.col_accepted": {"id": "Isian yang diterima", "en": "Accepted values"},
    "template.col_example": {"id": "Contoh isian", "en": "Example"},
    "template.yes": {"id": "ya", "en": "yes"},
    "template.no": {"id": "tidak", "en": "no"},
    "template.free_text": {"id": "teks bebas", "en": "free text"},
    "template.kode_help": {"id": "teks bebas, unik per inovasi", "en": "free text, unique per innovation"},
    "template.opd_help": {
        "id": "nama, singkatan atau alias OPD dari daftar (lembar Pilihan)",
        "en": "name, abbreviation or alias of an OPD in the list (sheet Pilihan)",
    },
    "template.kecamatan_help": {
        "id": "satu atau beberapa dari {total} kecamatan (dipisah koma), atau Semua Kecamatan",
        "en": "one or several of the {total} kecamatan (comma separated), or Semua Kecamatan",
    },
    "template.tahun_help": {"id": "tahun 2000-2100", "en": "a year 2000-2100"},
    "template.tanggal_help": {"id": "tanggal (28/11/2018)", "en": "a date (28/11/2018)"},
    "template.anggaran_help": {"id": "rupiah, bilangan bulat", "en": "rupiah, a whole number"},
    "template.tautan_help": {"id": "alamat web (https://...)", "en": "a web address (https://...)"},
    "template.kecamatan_prompt": {
        "id": "Pilih satu, atau ketik beberapa dipisah koma: Maja, Cibadak",
        "en": "Pick one, or type several separated by commas: Maja, Cibadak",
    },
    "template.list_error": {
        "id": "Pilih dari daftar. Nilai lain akan ditolak atau diberi peringatan saat impor.",
        "en": "Pick from the list. Other values are rejected or warned about on import.",
    },
    "template.year_error": {"id": "Tahun harus 2000-2100.", "en": "The year must be 2000-2100."},
    "template.number_error": {
        "id": "Anggaran berupa bilangan bulat rupiah (tanpa Rp dan titik).",
        "en": "The budget is a whole rupiah number (no Rp, no dots).",
    },
    "template.lists_note": {
        "id": "Daftar pilihan untuk lembar Data Inovasi (dibuat dari daftar OPD dan kecamatan dasbor).",
        "en": "Dropdown lists for the Data Inovasi sheet (made from the dashboard's OPD and kecamatan lists).",
    },
    # ================================================================== the Data pages (app)
    "page.unggah": {"id": "Unggah Data", "en": "Upload data"},
    "page.riwayat": {"id": "Riwayat", "en": "History"},
    "page.template": {"id": "Templat", "en": "Template"},
    "page.referensi": {"id": "Referensi", "en": "Reference lists"},
    "page.panduan": {"id": "Panduan Data", "en": "Data guide"},
    "unggah.title": {"id": "Unggah data inovasi", "en": "Upload innovation data"},
    "riwayat.title": {"id": "Riwayat versi data", "en": "Data version history"},
    "templat.title": {"id": "Templat pengisian data", "en": "Data entry template"},
    "referensi.title": {"id": "Daftar referensi OPD dan kecamatan", "en": "OPD and kecamatan reference lists"},
    "panduan.title": {
        "id": "Panduan data: aturan berkas yang diterima",
        "en": "Data guide: what a file must look like",
    },
    # ------------------------------------------------------------------ access
    "access.viewer_title": {"id": "Dasbor ini dilindungi kata sandi", "en": "This dashboard is password protected"},
    "access.viewer_intro": {
        "id": "Masukkan kata sandi penonton yang diberikan Bappeda untuk melihat dasbor.",
        "en": "Enter the viewer password given by Bappeda to see the dashboard.",
    },
    "access.viewer_password": {"id": "Kata sandi penonton", "en": "Viewer password"},
    "access.viewer_submit": {"id": "Buka dasbor", "en": "Open the dashboard"},
    "access.viewer_wrong": {"id": "Kata sandi penonton salah.", "en": "Wrong viewer password."},
    "access.login_title": {"id": "Masuk sebagai editor", "en": "Editor login"},
    "access.editor_only": {
        "id": "Halaman ini mengubah data dasbor, jadi hanya untuk editor Bappeda. Silakan masuk.",
        "en": "This page changes the dashboard's data, so it is for Bappeda's editors only. Please log in.",
    },
    "access.name": {"id": "Nama editor", "en": "Editor name"},
    "access.password": {"id": "Kata sandi", "en": "Password"},
    "access.submit": {"id": "Masuk", "en": "Log in"},
    "access.fill_both": {"id": "Isi nama dan kata sandi.", "en": "Enter a name and a password."},
    "access.wait": {
        "id": "Demi keamanan, percobaan berikutnya baru diterima {count:,} detik lagi.",
        "en": {
            "one": "For security, the next attempt is accepted only in {count:,} second.",
            "other": "For security, the next attempt is accepted only in {count:,} seconds.",
        },
    },
    "access.logged_in_as": {"id": "Masuk sebagai editor: {name}", "en": "Logged in as editor: {name}"},
    "access.logout": {"id": "Keluar", "en": "Log out"},
    "access.logged_out": {"id": "Anda sudah keluar.", "en": "You are logged out."},
    "access.no_editor": {
        "id": "Belum ada editor, jadi belum ada yang dapat mengubah data. Admin server membuat editor pertama di "
        "folder aplikasi dengan perintah di bawah (kata sandi ditanyakan dua kali, minimal {count:,} karakter, dan "
        "hanya disimpan sebagai hash scrypt). Setelah itu masuk di halaman ini.",
        "en": {
            "one": "There is no editor yet, so nobody can change the data. The server admin creates the first "
            "editor in the app's folder with the command below (the password is asked twice, at least {count:,} "
            "character, and only kept as a scrypt hash). Then log in on this page.",
            "other": "There is no editor yet, so nobody can change the data. The server admin creates the first "
            "editor in the app's folder with the command below (the password is asked twice, at least {count:,} "
            "characters, and only kept as a scrypt hash). Then log in on this page.",
        },
    },
    "access.viewer_hint": {
        "id": "Melihat dasbor tidak perlu masuk. Masuk sebagai editor diperlukan untuk {what}.",
        "en": "Viewing the dashboard needs no login. An editor login is needed to {what}.",
    },
    "access.need.riwayat": {
        "id": "mengunduh berkas asli, mengaktifkan versi lain (membatalkan unggahan) dan melihat log audit",
        "en": "download original files, activate another version (undo an upload) and see the audit log",
    },
    "access.need.referensi": {
        "id": "mengunggah daftar OPD yang diperbaiki atau mengaktifkan daftar sebelumnya",
        "en": "upload a corrected OPD list or activate an earlier one",
    },
    "access.refused": {
        "id": "Tindakan ini hanya untuk editor yang sudah masuk. Tidak ada yang diubah.",
        "en": "This action is for logged-in editors only. Nothing was changed.",
    },
    "access.session_note": {
        "id": "Masuk berlaku selama tab ini terbuka; memuat ulang halaman berarti masuk lagi.",
        "en": "The login lasts while this tab is open; reloading the page means logging in again.",
    },
    # ------------------------------------------------------------------ active data line
    "active.version": {
        "id": "Data aktif di dasbor: versi {version} · {filename} · {count:,} inovasi · diunggah {at} oleh {by}",
        "en": {
            "one": "Active data on the dashboard: version {version} · {filename} · {count:,} innovation · uploaded "
            "{at} by {by}",
            "other": "Active data on the dashboard: version {version} · {filename} · {count:,} innovations · "
            "uploaded {at} by {by}",
        },
    },
    "active.sample": {
        "id": "Belum ada versi tersimpan: dasbor menampilkan data contoh bawaan aplikasi.",
        "en": "No version stored yet: the dashboard shows the app's bundled sample data.",
    },
    # ------------------------------------------------------------------ upload page
    "unggah.file": {"id": "Berkas data inovasi", "en": "Innovation data file"},
    "unggah.file_help": {
        "id": "Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) atau CSV, paling besar {max_mb} MB. "
        "Berkas diperiksa dulu; tidak ada yang berubah sebelum Anda menekan Terapkan.",
        "en": "Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods) or CSV, at most {max_mb} MB. The file is "
        "checked first; nothing changes before you press Apply.",
    },
    "unggah.empty_hint": {
        "id": "Belum punya berkas yang rapi? Unduh templat di halaman Templat; aturan lengkapnya di Panduan Data.",
        "en": "No tidy file yet? Download the template on the Template page; the full rules are in the Data guide.",
    },
    "unggah.checking": {"id": "Memeriksa berkas {filename} ...", "en": "Checking {filename} ..."},
    "unggah.step_import": {
        "id": "Membaca lembar dan baris (dalam proses terpisah yang dibatasi memori dan waktu)",
        "en": "Reading sheets and rows (in a separate process with memory and time limits)",
    },
    "unggah.step_diff": {"id": "Membandingkan dengan data aktif", "en": "Comparing with the active data"},
    "unggah.checked": {"id": "Pemeriksaan selesai: {filename}", "en": "Check finished: {filename}"},
    "unggah.check_failed": {"id": "Pemeriksaan gagal: {filename}", "en": "Check failed: {filename}"},
    "unggah.unexpected": {
        "id": "Berkas tidak dapat diperiksa karena kesalahan tak terduga di server. Tidak ada yang diubah. "
        "Coba lagi; bila terulang, kirim berkasnya ke admin.",
        "en": "The file could not be checked because of an unexpected server error. Nothing was changed. "
        "Try again; if it happens again, send the file to the admin.",
    },
    "unggah.report": {"id": "Laporan pemeriksaan", "en": "Check report"},
    "unggah.accepted": {
        "id": "Berkas dapat diterapkan: {count:,} inovasi terbaca dari lembar {sheets}.",
        "en": {
            "one": "The file can be applied: {count:,} innovation read from sheets {sheets}.",
            "other": "The file can be applied: {count:,} innovations read from sheets {sheets}.",
        },
    },
    "unggah.rejected": {
        "id": "Berkas ditolak seluruhnya; tidak ada yang dapat diterapkan. Alasannya di tabel di bawah.",
        "en": "The file was rejected as a whole; nothing can be applied. The reasons are in the table below.",
    },
    "unggah.no_records": {
        "id": "Tidak ada satu pun inovasi yang terbaca. Periksa alasannya di bawah sebelum menerapkan.",
        "en": "Not a single innovation was read. Check the reasons below before applying.",
    },
    "unggah.duplicate": {
        "id": "Isi berkas sama persis dengan versi {numbers}. Menerapkannya membuat versi baru dengan isi yang sama.",
        "en": "The file is identical to version {numbers}. Applying it makes a new version with the same content.",
    },
    "unggah.metric.records": {"id": "Inovasi terbaca", "en": "Innovations read"},
    "unggah.metric.rejected": {"id": "Baris ditolak", "en": "Rows rejected"},
    "unggah.metric.warnings": {"id": "Peringatan", "en": "Warnings"},
    "unggah.metric.sheets": {"id": "Lembar dibaca", "en": "Sheets read"},
    "unggah.errors": {"id": "Baris ditolak dan kesalahan ({n})", "en": "Rejected rows and errors ({n})"},
    "unggah.errors_none": {"id": "Tidak ada baris yang ditolak.", "en": "No row was rejected."},
    "unggah.warnings": {"id": "Peringatan dan catatan ({n})", "en": "Warnings and notes ({n})"},
    "unggah.unknown_opd": {"id": "OPD yang tidak ada di daftar ({n})", "en": "OPDs not in the list ({n})"},
    "unggah.unknown_opd_help": {
        "id": "Inovasinya tetap disimpan dengan nama OPD sesuai tulisan. Perbaiki ejaannya di berkas, atau "
        "tambahkan nama itu sebagai alias di halaman Referensi.",
        "en": "The innovations are kept with the OPD name as written. Fix the spelling in the file, or add "
        "the name as an alias on the Reference lists page.",
    },
    "unggah.sheets": {"id": "Lembar yang dibaca dan dilewati", "en": "Sheets read and skipped"},
    "unggah.skipped": {"id": "Lembar dilewati ({n})", "en": "Sheets skipped ({n})"},
    "unggah.diff": {"id": "Yang akan berubah", "en": "What would change"},
    "unggah.diff_against": {
        "id": "Dibanding data aktif sekarang (versi {version}).",
        "en": "Against the data active now (version {version}).",
    },
    "unggah.diff_first": {
        "id": "Belum ada versi tersimpan, jadi semua inovasi tercatat baru (data contoh tidak dibandingkan).",
        "en": "No version is stored yet, so every innovation counts as new (the sample is not compared).",
    },
    "unggah.apply_title": {"id": "Terapkan", "en": "Apply"},
    "unggah.note": {"id": "Catatan untuk riwayat (mis. 'Laporan OPD triwulan III')", "en": "Note for the history"},
    "unggah.apply": {"id": "Terapkan sebagai versi baru", "en": "Apply as a new version"},
    "unggah.apply_help": {
        "id": "Menyimpan berkas apa adanya dan menjadikannya data dasbor untuk semua pengguna. Versi "
        "sebelumnya tetap tersimpan dan dapat diaktifkan lagi di Riwayat.",
        "en": "Stores the file as it is and makes it the dashboard's data for everyone. The previous "
        "version stays stored and can be activated again in History.",
    },
    "unggah.cancel": {"id": "Batal", "en": "Cancel"},
    "unggah.cancelled": {
        "id": "Dibatalkan. Tidak ada yang diubah; data aktif tetap seperti sebelumnya.",
        "en": "Cancelled. Nothing was changed; the active data is as before.",
    },
    "unggah.applied": {
        "id": "Versi {version} diterapkan: {count:,} inovasi. Dasbor setiap pengguna menampilkannya pada interaksi "
        "berikutnya.",
        "en": {
            "one": "Version {version} applied: {count:,} innovation. Everyone's dashboard shows it on their next "
            "interaction.",
            "other": "Version {version} applied: {count:,} innovations. Everyone's dashboard shows it on their next "
            "interaction.",
        },
    },
    "unggah.already": {
        "id": "Permintaan ini sudah diproses (klik ganda diabaikan).",
        "en": "This request was already handled (double click ignored).",
    },
    "unggah.rechecked": {
        "id": "Berkas diperiksa ulang terhadap data aktif yang baru; lihat perbandingannya di bawah.",
        "en": "The file was checked again against the new active data; see the comparison below.",
    },
    "unggah.to_dashboard": {"id": "Lihat di dasbor", "en": "See it on the dashboard"},
    "unggah.to_history": {"id": "Lihat riwayat versi", "en": "See the version history"},
    # ------------------------------------------------------------------ report and diff tables
    "dv.sheet": {"id": "Lembar", "en": "Sheet"},
    "dv.row": {"id": "Baris Excel", "en": "Excel row"},
    "dv.column": {"id": "Kolom", "en": "Column"},
    "dv.severity": {"id": "Tingkat", "en": "Severity"},
    "dv.reason": {"id": "Alasan", "en": "Reason"},
    "dv.message": {"id": "Keterangan", "en": "Message"},
    "dv.whole_file": {"id": "(seluruh berkas)", "en": "(whole file)"},
    "dv.opd_written": {"id": "OPD sesuai tulisan", "en": "OPD as written"},
    "dv.count": {"id": "Inovasi", "en": "Innovations"},
    "dv.suggestions": {"id": "Nama terdekat di daftar", "en": "Nearest names in the list"},
    "dv.no_suggestion": {"id": "(tidak ada yang mirip)", "en": "(nothing similar)"},
    "dv.header_row": {"id": "Baris judul", "en": "Header row"},
    "dv.data_rows": {"id": "Baris data", "en": "Data rows"},
    "dv.opd_from_name": {"id": "OPD dari nama lembar", "en": "OPD from the sheet name"},
    "dv.kode": {"id": "Kode", "en": "Code"},
    "dv.nama": {"id": "Nama inovasi", "en": "Innovation"},
    "dv.opd": {"id": "OPD", "en": "OPD"},
    "dv.tahapan": {"id": "Tahapan", "en": "Stage"},
    "dv.dari": {"id": "Dari tahap", "en": "From stage"},
    "dv.ke": {"id": "Ke tahap", "en": "To stage"},
    "dv.maju": {"id": "Naik", "en": "Forward"},
    "dv.opd_lama": {"id": "OPD lama", "en": "Former OPD"},
    "dv.sebelum": {"id": "Sebelum", "en": "Before"},
    "dv.sesudah": {"id": "Sesudah", "en": "After"},
    "dv.baru": {"id": "Baru", "en": "Added"},
    "dv.dihapus": {"id": "Dihapus", "en": "Removed"},
    "dv.naik_tahap": {"id": "Naik tahap", "en": "Moved forward"},
    "dv.turun_tahap": {"id": "Turun tahap", "en": "Moved back"},
    "dv.pindah_masuk": {"id": "Pindah masuk", "en": "Moved in"},
    "dv.pindah_keluar": {"id": "Pindah keluar", "en": "Moved out"},
    "dv.pindah_opd": {"id": "Pindah OPD", "en": "Moved OPD"},
    "dv.diubah": {"id": "Isi diubah", "en": "Edited"},
    "dv.metric.total": {"id": "Jumlah inovasi", "en": "Innovations"},
    "dv.metric.total_delta": {"id": "{delta} dari {before}", "en": "{delta} from {before}"},
    "dv.per_opd": {"id": "Per OPD (hanya yang berubah)", "en": "Per OPD (changed ones only)"},
    "dv.per_opd_none": {"id": "Tidak ada OPD yang berubah.", "en": "No OPD changes."},
    "dv.list.added": {"id": "Inovasi baru ({n})", "en": "New innovations ({n})"},
    "dv.list.removed": {"id": "Inovasi dihapus ({n})", "en": "Removed innovations ({n})"},
    "dv.list.moved": {"id": "Pindah tahap ({n})", "en": "Stage moves ({n})"},
    "dv.list.reassigned": {"id": "Pindah OPD ({n})", "en": "OPD changes ({n})"},
    "dv.nothing": {
        "id": "Isinya sama dengan data aktif: tidak ada inovasi yang bertambah, hilang, pindah tahap atau berubah.",
        "en": "The content equals the active data: no innovation added, removed, moved or edited.",
    },
    "dv.yes": {"id": "ya", "en": "yes"},
    "dv.no": {"id": "tidak", "en": "no"},
    # ------------------------------------------------------------------ history page
    "riwayat.none": {
        "id": "Belum ada versi tersimpan; dasbor menampilkan data contoh. Versi pertama dibuat di halaman Unggah Data.",
        "en": "No version stored yet; the dashboard shows the sample data. The first version is made on the "
        "Upload data page.",
    },
    "riwayat.versions": {"id": "Semua versi ({n})", "en": "Every version ({n})"},
    "riwayat.versions_help": {
        "id": "Versi tidak pernah dihapus. Membatalkan unggahan berarti mengaktifkan versi sebelumnya.",
        "en": "Versions are never deleted. Undoing an upload means activating an earlier version.",
    },
    "riwayat.download": {"id": "Unduh berkas asli", "en": "Download an original file"},
    "riwayat.download_pick": {"id": "Versi", "en": "Version"},
    "riwayat.download_button": {
        "id": "Unduh berkas asli versi {number}",
        "en": "Download the original of version {number}",
    },
    "riwayat.option": {
        "id": "Versi {number} · {filename} · {count:,} inovasi · {at}{active}",
        "en": {
            "one": "Version {number} · {filename} · {count:,} innovation · {at}{active}",
            "other": "Version {number} · {filename} · {count:,} innovations · {at}{active}",
        },
    },
    "riwayat.option_active": {"id": " (aktif)", "en": " (active)"},
    "riwayat.activate": {"id": "Aktifkan versi lain (batalkan unggahan)", "en": "Activate another version (undo)"},
    "riwayat.activate_pick": {"id": "Versi yang diaktifkan", "en": "Version to activate"},
    "riwayat.activate_button": {"id": "Aktifkan versi {number} ...", "en": "Activate version {number} ..."},
    "riwayat.only_one": {
        "id": "Hanya ada satu versi; belum ada versi lain untuk diaktifkan.",
        "en": "There is only one version; no other version to activate yet.",
    },
    "riwayat.confirm": {
        "id": "Dasbor semua pengguna akan menampilkan versi {number} ({filename}, {count:,} inovasi) menggantikan "
        "versi {current}. Tidak ada versi yang dihapus; versi {current} dapat diaktifkan lagi kapan saja. Lanjutkan?",
        "en": {
            "one": "Everyone's dashboard will show version {number} ({filename}, {count:,} innovation) instead of "
            "version {current}. No version is deleted; version {current} can be activated again at any time. Go "
            "ahead?",
            "other": "Everyone's dashboard will show version {number} ({filename}, {count:,} innovations) instead "
            "of version {current}. No version is deleted; version {current} can be activated again at any time. Go "
            "ahead?",
        },
    },
    "riwayat.confirm_yes": {"id": "Ya, aktifkan versi {number}", "en": "Yes, activate version {number}"},
    "riwayat.confirm_no": {"id": "Batal", "en": "Cancel"},
    "riwayat.activated": {
        "id": "Versi {number} sekarang aktif ({count:,} inovasi). Dasbor setiap pengguna menampilkannya pada "
        "interaksi berikutnya.",
        "en": {
            "one": "Version {number} is now active ({count:,} innovation). Everyone's dashboard shows it on their "
            "next interaction.",
            "other": "Version {number} is now active ({count:,} innovations). Everyone's dashboard shows it on "
            "their next interaction.",
        },
    },
    "riwayat.changed": {
        "id": "Sementara Anda mengonfirmasi, data aktif berubah (sekarang versi {active}). Tidak ada yang "
        "diubah; pilih lagi bila masih perlu.",
        "en": "While you were confirming, the active data changed (now version {active}). Nothing was "
        "changed; choose again if still needed.",
    },
    "riwayat.audit": {"id": "Log audit ({n} terbaru)", "en": "Audit log ({n} latest)"},
    "riwayat.audit_help": {
        "id": "Setiap unggahan, aktivasi, masuk, gagal masuk dan perubahan daftar OPD tercatat di sini dan "
        "tidak dapat dihapus.",
        "en": "Every upload, activation, login, failed login and OPD-list change is recorded here and cannot "
        "be deleted.",
    },
    # ------------------------------------------------------------------ template page
    "templat.intro": {
        "id": "Templat Excel dibuat dari aturan data dasbor: judul kolom yang dikenali, daftar pilihan (dropdown) "
        "untuk Tahapan 5D, OPD ({count:,} OPD dari daftar aktif), Kecamatan, Jenis, Bentuk dan Inisiator, lembar "
        "Petunjuk dalam bahasa Indonesia dan satu contoh pengisian. Templat yang diisi dapat langsung diunggah "
        "tanpa peringatan.",
        "en": {
            "one": "The Excel template is made from the dashboard's data rules: recognised column headers, dropdown "
            "lists for Tahapan 5D, OPD ({count:,} OPD of the active list), Kecamatan, Jenis, Bentuk and Inisiator, "
            "an instructions sheet in Indonesian and one example. A filled template uploads without a warning.",
            "other": "The Excel template is made from the dashboard's data rules: recognised column headers, "
            "dropdown lists for Tahapan 5D, OPD ({count:,} OPDs of the active list), Kecamatan, Jenis, Bentuk and "
            "Inisiator, an instructions sheet in Indonesian and one example. A filled template uploads without a "
            "warning.",
        },
    },
    "templat.download": {"id": "Unduh templat (.xlsx)", "en": "Download the template (.xlsx)"},
    "templat.who": {
        "id": "Templat terbuka untuk semua: isinya hanya aturan dan daftar OPD/kecamatan, dan OPD yang "
        "mengisi data tidak perlu akun editor. Hanya editor yang dapat mengunggah hasilnya.",
        "en": "The template is open to everyone: it holds only the rules and the OPD/kecamatan lists, and the "
        "OPDs that fill it in need no editor account. Only editors can upload the result.",
    },
    "templat.steps": {"id": "Cara memakai", "en": "How to use it"},
    "templat.step1": {
        "id": "Unduh templat dan bagikan ke OPD.",
        "en": "Download the template and share it with the OPDs.",
    },
    "templat.step2": {
        "id": "OPD mengisi lembar Data Inovasi, satu baris per inovasi (panah di sel membuka daftar pilihan).",
        "en": "The OPDs fill in the Data Inovasi sheet, one row per innovation (the cell arrow opens the list).",
    },
    "templat.step3": {
        "id": "Editor Bappeda mengunggah berkasnya di Unggah Data, memeriksa laporan lalu menerapkannya.",
        "en": "A Bappeda editor uploads the file on Upload data, checks the report and applies it.",
    },
    "templat.guide_link": {"id": "Aturan lengkap: Panduan Data", "en": "All the rules: Data guide"},
    "templat.link": {"id": "Templat pengisian", "en": "Entry template"},
    # ------------------------------------------------------------------ reference page
    "referensi.active_bundled": {
        "id": "Daftar OPD aktif: bawaan aplikasi ({count:,} OPD).",
        "en": {
            "one": "Active OPD list: the app's bundled list ({count:,} OPD).",
            "other": "Active OPD list: the app's bundled list ({count:,} OPDs).",
        },
    },
    "referensi.active_version": {
        "id": "Daftar OPD aktif: versi {number} · {filename} · {count:,} OPD · diunggah {at} oleh {by}",
        "en": {
            "one": "Active OPD list: version {number} · {filename} · {count:,} OPD · uploaded {at} by {by}",
            "other": "Active OPD list: version {number} · {filename} · {count:,} OPDs · uploaded {at} by {by}",
        },
    },
    "referensi.downloads": {"id": "Unduh daftar", "en": "Download the lists"},
    "referensi.download_opd": {"id": "Daftar OPD (CSV)", "en": "OPD list (CSV)"},
    "referensi.download_kecamatan": {"id": "Daftar kecamatan (CSV)", "en": "Kecamatan list (CSV)"},
    "referensi.download_note": {
        "id": "Kolom daftar OPD: nama, singkatan, alias (dipisah titik koma), jenis, terverifikasi. Perbaiki "
        "di Excel atau LibreOffice, simpan sebagai CSV (UTF-8), lalu unggah di bawah. Daftar kecamatan "
        "{region} diganti di bagian Daerah dan kecamatan.",
        "en": "OPD list columns: nama, singkatan, alias (separated by semicolons), jenis, terverifikasi. Fix it "
        "in Excel or LibreOffice, save as CSV (UTF-8), then upload it below. The kecamatan list of "
        "{region} is replaced in the Region and kecamatan section.",
    },
    "referensi.opd_table": {"id": "Daftar OPD aktif ({n})", "en": "Active OPD list ({n})"},
    "referensi.kecamatan_table": {"id": "Daftar kecamatan ({n})", "en": "Kecamatan list ({n})"},
    "referensi.versions": {"id": "Versi daftar OPD", "en": "OPD list versions"},
    "referensi.bundled": {"id": "bawaan aplikasi", "en": "bundled with the app"},
    "referensi.upload": {"id": "Unggah daftar OPD yang diperbaiki", "en": "Upload a corrected OPD list"},
    "referensi.file": {"id": "Daftar OPD (CSV)", "en": "OPD list (CSV)"},
    "referensi.checking": {"id": "Memeriksa daftar OPD {filename} ...", "en": "Checking the OPD list {filename} ..."},
    "referensi.step_reimport": {
        "id": "Membaca ulang data aktif dengan daftar baru",
        "en": "Reading the active data again with the new list",
    },
    "referensi.checked": {"id": "Daftar OPD diperiksa: {filename}", "en": "OPD list checked: {filename}"},
    "referensi.ok": {
        "id": "Daftar dapat dipakai: {count:,} OPD ({added} baru, {removed} tidak ada lagi).",
        "en": {
            "one": "The list can be used: {count:,} OPD ({added} new, {removed} no longer listed).",
            "other": "The list can be used: {count:,} OPDs ({added} new, {removed} no longer listed).",
        },
    },
    "referensi.added": {"id": "Nama OPD baru ({n})", "en": "New OPD names ({n})"},
    "referensi.removed": {"id": "Nama OPD yang tidak ada lagi ({n})", "en": "OPD names no longer listed ({n})"},
    "referensi.effect": {"id": "Pengaruh pada data aktif", "en": "Effect on the active data"},
    "referensi.effect_none": {
        "id": "Belum ada versi data tersimpan, jadi daftar baru belum memengaruhi data dasbor.",
        "en": "No data version is stored yet, so the new list does not affect the dashboard's data yet.",
    },
    "referensi.apply": {"id": "Terapkan daftar OPD ini", "en": "Apply this OPD list"},
    "referensi.applied": {
        "id": "Daftar OPD versi {number} sekarang aktif ({count:,} OPD). Dasbor membaca data dengan daftar ini pada "
        "interaksi berikutnya.",
        "en": {
            "one": "OPD list version {number} is now active ({count:,} OPD). The dashboard reads the data with it "
            "on the next interaction.",
            "other": "OPD list version {number} is now active ({count:,} OPDs). The dashboard reads the data with "
            "it on the next interaction.",
        },
    },
    "referensi.activate": {"id": "Aktifkan daftar OPD lain", "en": "Activate another OPD list"},
    "referensi.activate_pick": {"id": "Daftar OPD", "en": "OPD list"},
    "referensi.option": {
        "id": "Versi {number} · {filename} · {count:,} OPD",
        "en": {
            "one": "Version {number} · {filename} · {count:,} OPD",
            "other": "Version {number} · {filename} · {count:,} OPDs",
        },
    },
    "referensi.option_bundled": {"id": "Daftar bawaan aplikasi", "en": "The bundled list"},
    "referensi.activate_button": {"id": "Aktifkan daftar ini ...", "en": "Activate this list ..."},
    "referensi.confirm": {
        "id": "Dasbor akan membaca data aktif dengan daftar OPD '{label}'. OPD yang tidak ada di daftar itu "
        "tampil sesuai tulisan di berkas. Lanjutkan?",
        "en": "The dashboard will read the active data with the OPD list '{label}'. OPDs missing from that "
        "list show as written in the file. Go ahead?",
    },
    "referensi.confirm_yes": {"id": "Ya, aktifkan", "en": "Yes, activate"},
    "referensi.activated": {"id": "Daftar OPD '{label}' sekarang aktif.", "en": "OPD list '{label}' is now active."},
    "referensi.changed": {
        "id": "Sementara Anda mengonfirmasi, daftar OPD aktif berubah. Tidak ada yang diubah; pilih lagi.",
        "en": "While you were confirming, the active OPD list changed. Nothing was changed; choose again.",
    },
    "referensi.col.version": {"id": "Versi", "en": "Version"},
    "referensi.col.count": {"id": "Jumlah OPD", "en": "OPDs"},
    # ------------------------------------------------------------------ guide page
    "panduan.intro": {
        "id": "Aturan ini dibuat langsung dari pemeriksa berkas dasbor, jadi selalu sama dengan yang "
        "diperiksa saat unggah. Cara termudah: pakai templat.",
        "en": "These rules are generated from the dashboard's file checker, so they always match what an "
        "upload is checked against. The easiest way: use the template.",
    },
    "panduan.columns": {"id": "Kolom yang dikenali", "en": "Recognised columns"},
    "panduan.rules": {"id": "Aturan", "en": "Rules"},
}
