"""Strings of the kecamatan boundaries: reading a boundary file, placing points, the filled map, the command line."""

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    # ---------------------------------------------------------- why a boundary file is refused
    "detail.boundary_too_big": {
        "id": "berkas lebih besar dari batas {limit} (LEBAK_MAX_BOUNDARY_MB).",
        "en": "the file is larger than the limit of {limit} (LEBAK_MAX_BOUNDARY_MB).",
    },
    "detail.boundary_not_json": {
        "id": "berkas bukan GeoJSON yang terbaca (bukan JSON) dan bukan Shapefile ber-zip.",
        "en": "the file is not readable GeoJSON (not JSON) and not a zipped Shapefile.",
    },
    "detail.boundary_not_collection": {
        "id": "GeoJSON harus berupa FeatureCollection dengan daftar features.",
        "en": "the GeoJSON must be a FeatureCollection with a list of features.",
    },
    "detail.boundary_not_wgs84": {
        "id": "koordinat berkas memakai sistem {crs}, bukan WGS84 bujur/lintang. Ekspor ulang dalam WGS84 "
        "(EPSG:4326), misalnya dengan QGIS: Ekspor > Simpan Fitur Sebagai > CRS EPSG:4326.",
        "en": "the file's coordinates use {crs}, not WGS84 longitude/latitude. Export it again in WGS84 "
        "(EPSG:4326), e.g. in QGIS: Export > Save Features As > CRS EPSG:4326.",
    },
    "detail.boundary_not_lonlat": {
        "id": "ada koordinat di luar bujur -180..180 / lintang -90..90: berkas tampaknya memakai proyeksi "
        "(mis. UTM, dalam meter). Ekspor ulang dalam WGS84 (EPSG:4326).",
        "en": "some coordinates lie outside longitude -180..180 / latitude -90..90: the file seems projected "
        "(e.g. UTM, in metres). Export it again in WGS84 (EPSG:4326).",
    },
    "detail.boundary_too_many_features": {
        "id": "berkas berisi {count:,} fitur; batasnya {limit:,} (LEBAK_MAX_BOUNDARY_FEATURES).",
        "en": "the file holds {count:,} features; the limit is {limit:,} (LEBAK_MAX_BOUNDARY_FEATURES).",
    },
    "detail.boundary_too_many_vertices": {
        "id": "berkas berisi lebih dari {limit:,} titik sudut; sederhanakan poligonnya dahulu "
        "(LEBAK_MAX_BOUNDARY_VERTICES).",
        "en": "the file holds more than {limit:,} vertices; simplify its polygons first (LEBAK_MAX_BOUNDARY_VERTICES).",
    },
    "detail.boundary_bad_geometry": {
        "id": "ada geometri yang tidak terbaca (koordinat kosong, bukan angka, atau tidak lengkap).",
        "en": "a geometry cannot be read (empty, non-numeric or incomplete coordinates).",
    },
    "detail.boundary_not_polygon": {
        "id": "ada fitur berjenis {kind}; batas kecamatan harus Polygon atau MultiPolygon.",
        "en": "a feature is of type {kind}; kecamatan boundaries must be Polygon or MultiPolygon.",
    },
    "detail.boundary_bad_zip": {
        "id": "berkas zip rusak atau tidak terbaca.",
        "en": "the zip file is damaged or unreadable.",
    },
    "detail.boundary_zip_too_big": {
        "id": "isi zip terlalu besar setelah diekstrak (LEBAK_MAX_EXPANDED_MB).",
        "en": "the zip's content is too large once extracted (LEBAK_MAX_EXPANDED_MB).",
    },
    "detail.boundary_zip_unsafe_name": {
        "id": "zip berisi nama berkas yang tidak aman (jalur absolut atau '..'): {names}.",
        "en": "the zip holds unsafe file names (absolute paths or '..'): {names}.",
    },
    "detail.boundary_zip_shp_count": {
        "id": "zip harus berisi tepat satu berkas .shp (ditemukan {count}).",
        "en": "the zip must hold exactly one .shp file ({count} found).",
    },
    "detail.boundary_zip_missing_parts": {
        "id": "Shapefile dalam zip tidak lengkap: bagian {parts} tidak ada (perlu .shp, .shx dan .dbf).",
        "en": "the Shapefile in the zip is incomplete: {parts} missing (.shp, .shx and .dbf are needed).",
    },
    "detail.boundary_bad_shapefile": {
        "id": "Shapefile tidak terbaca ({error}).",
        "en": "the Shapefile cannot be read ({error}).",
    },
    "detail.boundary_unrepairable": {
        "id": "geometri '{name}' rusak dan tidak dapat diperbaiki (tidak menyisakan luas).",
        "en": "the geometry of '{name}' is invalid and cannot be repaired (no area is left).",
    },
    "detail.boundary_unknown": {
        "id": "{count} fitur tidak cocok dengan kecamatan mana pun dalam daftar (menurut kode atau nama): "
        "{names}. Perbaiki nama/kode di berkas, atau tambahkan alias di daftar kecamatan.",
        "en": "{count} features match no kecamatan of the list (by code or name): {names}. Fix the names or "
        "codes in the file, or add aliases to the kecamatan list.",
    },
    "detail.boundary_empty": {
        "id": "berkas tidak berisi fitur.",
        "en": "the file holds no features.",
    },
    "detail.boundary_unreadable": {
        "id": "berkas tidak dapat dibaca dalam batas memori {limit} dan waktu {seconds:g} detik.",
        "en": "the file could not be read within the memory limit of {limit} and the time limit of {seconds:g} s.",
    },
    "detail.boundary_repaired": {
        "id": "Geometri '{name}' tidak sah ({reason}) dan sudah diperbaiki.",
        "en": "The geometry of '{name}' was invalid ({reason}) and has been repaired.",
    },
    # ------------------------------------------------------------------- store
    "audit.boundaries_upload": {"id": "Unggah batas kecamatan", "en": "Kecamatan boundaries uploaded"},
    "audit.boundaries_activate": {"id": "Aktifkan batas kecamatan", "en": "Kecamatan boundaries activated"},
    "store.boundaries_invalid": {
        "id": "Batas kecamatan tidak dapat dipakai: {reason} Tidak ada yang disimpan.",
        "en": "The kecamatan boundaries cannot be used: {reason} Nothing was stored.",
    },
    "store.boundaries_not_found": {
        "id": "Versi batas kecamatan {number} tidak ada. Lihat daftarnya dengan: "
        "python -m lebak_dash boundaries versions",
        "en": "Boundary version {number} does not exist. List them with: python -m lebak_dash boundaries versions",
    },
    "store.boundaries_changed": {
        "id": "Batas kecamatan diganti orang lain sejak berkas diperiksa. Periksa ulang, lalu terapkan.",
        "en": "The kecamatan boundaries were replaced by someone else since the check. Check again, then apply.",
    },
    # ------------------------------------------------------------------- importer issues
    "row.coord_outside_region": {
        "id": "Koordinat '{value}' di luar wilayah: titik itu tidak berada di kecamatan mana pun.",
        "en": "Coordinates '{value}' lie outside the region: the point is in no kecamatan.",
    },
    "row.kecamatan_point_disagrees": {
        "id": "Kecamatan '{value}' tidak cocok dengan koordinat '{point}', yang berada di {found}; "
        "kecamatan yang ditulis tetap dipakai.",
        "en": "Kecamatan '{value}' does not match the coordinates '{point}', which lie in {found}; the "
        "kecamatan written is kept.",
    },
    # ------------------------------------------------------------------- map
    "chart.map.attribution": {"id": "Batas wilayah: {text}", "en": "Boundaries: {text}"},
    "chart.map.shapes_subtitle": {
        "id": "Warna: jumlah inovasi per kecamatan. Klik kecamatan untuk menyaring. {wide} inovasi se-kabupaten "
        "tidak dihitung per kecamatan.",
        "en": "Colour: innovations per kecamatan. Click a kecamatan to filter. {wide} kabupaten-wide innovations "
        "are not counted per kecamatan.",
    },
    "p.map.subtitle_shapes": {
        "id": "Kecamatan diwarnai menurut jumlah inovasinya (lihat skala); pucat: belum ada inovasi",
        "en": "Districts coloured by their number of innovations (see the scale); pale: none yet",
    },
    # ------------------------------------------------------------------- Referensi page
    "boundaries.title": {"id": "Batas kecamatan (peta)", "en": "Kecamatan boundaries (map)"},
    "boundaries.intro": {
        "id": "Unggah batas kecamatan sebagai GeoJSON (FeatureCollection Polygon/MultiPolygon, WGS84) atau "
        "Shapefile dalam zip (.shp, .shx, .dbf, .prj WGS84). Setiap fitur harus bernama atau berkode "
        "kecamatan dalam daftar. Dengan batas, halaman Kecamatan menggambar peta berwarna dan inovasi "
        "berkoordinat tanpa kecamatan ditempatkan di kecamatannya.",
        "en": "Upload kecamatan boundaries as GeoJSON (a FeatureCollection of Polygon/MultiPolygon, WGS84) or a "
        "zipped Shapefile (.shp, .shx, .dbf, a WGS84 .prj). Each feature must name or code a kecamatan of the "
        "list. With boundaries, the Kecamatan page draws a filled map and innovations with coordinates but "
        "no kecamatan are placed in theirs.",
    },
    "boundaries.none": {
        "id": "Belum ada batas kecamatan: peta memakai titik tengah perkiraan.",
        "en": "No kecamatan boundaries yet: the map uses approximate centre points.",
    },
    "boundaries.active": {
        "id": "Dipakai: versi {number}, {filename} ({count} kecamatan). Sumber: {attribution}",
        "en": "In use: version {number}, {filename} ({count} kecamatan). Source: {attribution}",
    },
    "boundaries.option_none": {"id": "0: tanpa batas (peta titik tengah)", "en": "0: none (centre-point map)"},
    "boundaries.upload": {"id": "Berkas batas (GeoJSON atau zip)", "en": "Boundary file (GeoJSON or zip)"},
    "boundaries.attribution": {
        "id": "Sumber / atribusi (kosong: yang tertulis di berkas)",
        "en": "Source / attribution (empty: the file's own)",
    },
    "boundaries.checked": {
        "id": "Berkas terbaca: {count} kecamatan berbatas, {features} fitur, {vertices:,} titik sudut.",
        "en": "File read: {count} kecamatan with a boundary, {features} features, {vertices:,} vertices.",
    },
    "boundaries.missing": {
        "id": "Kecamatan tanpa batas di berkas ini: {names}",
        "en": "Kecamatan without a boundary in this file: {names}",
    },
    "boundaries.apply": {"id": "Terapkan batas ini", "en": "Apply these boundaries"},
    "boundaries.applied": {
        "id": "Batas kecamatan versi {number} disimpan dan diaktifkan.",
        "en": "Kecamatan boundaries version {number} saved and activated.",
    },
    "boundaries.versions": {"id": "Versi batas kecamatan", "en": "Boundary versions"},
    "boundaries.download": {"id": "Unduh berkas batas aktif", "en": "Download the active boundary file"},
    "boundaries.activate": {"id": "Aktifkan versi", "en": "Activate version"},
    "boundaries.activate_button": {"id": "Aktifkan", "en": "Activate"},
    "boundaries.activated": {
        "id": "Batas kecamatan versi {number} sekarang aktif (0: tanpa batas).",
        "en": "Boundary version {number} is now active (0: none).",
    },
    "boundaries.col.number": {"id": "Versi", "en": "Version"},
    "boundaries.col.file": {"id": "Berkas", "en": "File"},
    "boundaries.col.by": {"id": "Oleh", "en": "By"},
    "boundaries.col.at": {"id": "Waktu", "en": "Time"},
    "boundaries.col.count": {"id": "Kecamatan", "en": "Kecamatan"},
    "boundaries.col.attribution": {"id": "Sumber", "en": "Source"},
    "boundaries.col.active": {"id": "Aktif", "en": "Active"},
    # ------------------------------------------------------------------- command line
    "scli.help.cmd.boundaries": {
        "id": "batas kecamatan (peta): impor, ekspor, versi, aktifkan",
        "en": "kecamatan boundaries (map): import, export, versions, activate",
    },
    "scli.help.cmd.boundaries_import": {
        "id": "periksa dan aktifkan berkas batas (GeoJSON atau Shapefile ber-zip)",
        "en": "check and activate a boundary file (GeoJSON or zipped Shapefile)",
    },
    "scli.help.cmd.boundaries_export": {
        "id": "tulis berkas batas aktif (atau versi N) apa adanya",
        "en": "write the active boundary file (or version N) as it was uploaded",
    },
    "scli.help.cmd.boundaries_versions": {"id": "daftar versi batas kecamatan", "en": "list the boundary versions"},
    "scli.help.cmd.boundaries_activate": {
        "id": "aktifkan versi batas N (0: tanpa batas)",
        "en": "activate boundary version N (0: none)",
    },
    "scli.help.boundaries_file": {
        "id": "berkas .geojson atau .zip (Shapefile WGS84)",
        "en": "a .geojson or .zip (WGS84 Shapefile) file",
    },
    "scli.help.boundaries_out": {"id": "berkas keluaran", "en": "output file"},
    "scli.help.boundaries_number": {"id": "nomor versi batas (0: tanpa batas)", "en": "boundary version (0: none)"},
    "scli.help.attribution": {
        "id": "sumber batas yang ditampilkan dengan peta (kosong: yang tertulis di berkas)",
        "en": "the boundaries' source, shown with the map (empty: the file's own)",
    },
    "scli.boundaries_stored": {
        "id": "Batas kecamatan versi {number} disimpan dan diaktifkan: {count} kecamatan berbatas.",
        "en": "Kecamatan boundaries version {number} saved and activated: {count} kecamatan with a boundary.",
    },
    "scli.boundaries_missing": {
        "id": "Kecamatan tanpa batas: {names}",
        "en": "Kecamatan without a boundary: {names}",
    },
    "scli.boundaries_exported": {"id": "Berkas batas ditulis ke {path}.", "en": "Boundary file written to {path}."},
    "scli.boundaries_activated": {
        "id": "Batas kecamatan versi {number} sekarang aktif (0: tanpa batas).",
        "en": "Boundary version {number} is now active (0: none).",
    },
    "scli.boundaries_none": {
        "id": "Belum ada batas kecamatan yang diunggah.",
        "en": "No kecamatan boundaries uploaded yet.",
    },
}
