"""Strings of the presentation area (the meeting-room screen)."""

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    "page.presentasi": {"id": "Presentasi", "en": "Presentation"},
    # --- slides ---------------------------------------------------------------------------------
    "p.slide.kpi": {"id": "Inovasi Daerah {region}", "en": "Regional innovation in {region}"},
    "p.slide.tahapan": {"id": "Tahapan 5D Laboratorium Inovasi", "en": "The 5D stages of the Innovation Lab"},
    "p.slide.opd": {
        "id": "OPD terdepan dan OPD yang belum berinovasi",
        "en": "Leading agencies, and those yet to start",
    },
    "p.slide.peta": {"id": "Peta inovasi per kecamatan", "en": "Map of innovations per district"},
    "p.slide.kecamatan": {"id": "Inovasi per kecamatan dan tahap 5D", "en": "Innovations per district and 5D stage"},
    "p.slide.tren": {"id": "Inovasi dari tahun ke tahun", "en": "Innovations year by year"},
    "p.slide.etalase": {
        "id": "Etalase inovasi: tahap Display",
        "en": "Innovation showcase: the Display stage",
    },
    "p.kpi.inovasi_detail": {"id": "inovasi tercatat", "en": "innovations recorded"},
    "p.kpi.opd_detail": {
        "id": "dari {count:,} OPD ({pct})",
        "en": {"one": "of {count:,} agency ({pct})", "other": "of {count:,} agencies ({pct})"},
    },
    "p.kpi.kec_detail": {
        "id": "dari {count:,} kecamatan ({pct})",
        "en": {"one": "of {count:,} district ({pct})", "other": "of {count:,} districts ({pct})"},
    },
    "p.kpi.delivery_detail": {
        "id": "{n} dari {count:,} inovasi",
        "en": {"one": "{n} of {count:,} innovation", "other": "{n} of {count:,} innovations"},
    },
    "p.kpi.stages": {"id": "Inovasi pada tiap tahap 5D", "en": "Innovations in each 5D stage"},
    "p.opd.none_title": {
        "id": "Belum berinovasi ({count:,} OPD)",
        "en": {"one": "No innovation yet ({count:,} agency)", "other": "No innovation yet ({count:,} agencies)"},
    },
    "p.opd.more": {"id": "dan {n} OPD lainnya", "en": "and {n} more"},
    "p.opd.all": {"id": "Semua OPD sudah berinovasi.", "en": "Every agency has innovated."},
    "p.map.subtitle": {
        "id": "Lingkaran di titik tengah kecamatan; makin besar dan gelap, makin banyak inovasi",
        "en": "Circles at district centres; bigger and darker means more innovations",
    },
    "p.map.wide_detail": {"id": "inovasi berlaku di semua kecamatan", "en": "innovations apply in every district"},
    "p.map.unstated_detail": {"id": "inovasi tidak menyebut kecamatan", "en": "innovations name no district"},
    "p.map.none_title": {
        "id": "Belum ada inovasi ({count:,} kecamatan)",
        "en": {"one": "No innovation yet ({count:,} district)", "other": "No innovation yet ({count:,} districts)"},
    },
    "p.map.all": {
        "id": "Setiap kecamatan sudah disebut oleh sedikitnya satu inovasi.",
        "en": "Every district is named by at least one innovation.",
    },
    "p.opd.more_kec": {"id": "dan {n} kecamatan lainnya", "en": "and {n} more"},
    "p.showcase.empty": {
        "id": "Belum ada inovasi pada tahap Display untuk cakupan ini.",
        "en": "No innovation in the Display stage for this scope yet.",
    },
    "p.showcase.note": {
        "id": "Etalase {page} dari {pages} · {count:,} inovasi tahap Display",
        "en": {
            "one": "Showcase {page} of {pages} · {count:,} innovation in Display",
            "other": "Showcase {page} of {pages} · {count:,} innovations in Display",
        },
    },
    # --- the same slides for IID's stages, or both models (issue 11) ----------------------------
    "p.slide.tahapan_iid": {"id": "Tahapan inovasi IID", "en": "The IID stages of innovation"},
    "p.slide.tahapan_both": {"id": "Tahapan inovasi: 5D dan IID", "en": "Innovation stages: 5D and IID"},
    "p.slide.kecamatan_iid": {
        "id": "Inovasi per kecamatan dan tahap IID",
        "en": "Innovations per district and IID stage",
    },
    "p.slide.kecamatan_both": {"id": "Inovasi per kecamatan dan tahap", "en": "Innovations per district and stage"},
    "p.slide.etalase_iid": {
        "id": "Etalase inovasi: tahap Penerapan",
        "en": "Innovation showcase: the Penerapan stage",
    },
    "p.slide.etalase_both": {
        "id": "Etalase inovasi: tahap Display dan Penerapan",
        "en": "Innovation showcase: Display and Penerapan",
    },
    "p.kpi.stages_iid": {"id": "Inovasi pada tiap tahap IID", "en": "Innovations in each IID stage"},
    "p.kpi.stages_both": {"id": "Inovasi pada tiap tahap (5D dan IID)", "en": "Innovations in each stage (5D and IID)"},
    "p.showcase.empty_iid": {
        "id": "Belum ada inovasi pada tahap Penerapan untuk cakupan ini.",
        "en": "No innovation in the Penerapan stage for this scope yet.",
    },
    "p.showcase.empty_both": {
        "id": "Belum ada inovasi pada tahap Display atau Penerapan untuk cakupan ini.",
        "en": "No innovation in Display or Penerapan for this scope yet.",
    },
    "p.showcase.note_iid": {
        "id": "Etalase {page} dari {pages} · {count:,} inovasi tahap Penerapan",
        "en": {
            "one": "Showcase {page} of {pages} · {count:,} innovation in Penerapan",
            "other": "Showcase {page} of {pages} · {count:,} innovations in Penerapan",
        },
    },
    "p.showcase.note_both": {
        "id": "Etalase {page} dari {pages} · {count:,} inovasi tahap Display atau Penerapan",
        "en": {
            "one": "Showcase {page} of {pages} · {count:,} innovation in Display or Penerapan",
            "other": "Showcase {page} of {pages} · {count:,} innovations in Display or Penerapan",
        },
    },
    "p.card.opd": {"id": "OPD", "en": "Agency"},
    "p.card.kecamatan": {"id": "Kecamatan", "en": "District"},
    "p.card.tahun": {"id": "Tahun", "en": "Year"},
    "p.card.kabupaten": {"id": "Se-{kind}", "en": "{kind}-wide"},
    "p.card.not_stated": {"id": "Tidak disebut", "en": "Not stated"},
    # --- scope and data -------------------------------------------------------------------------
    "p.scope.all": {"id": "Seluruh {region}", "en": "All of {region}"},
    "p.data.sample": {
        "id": "Data contoh (sintetis), bukan data resmi",
        "en": "Sample (synthetic) data, not official",
    },
    "p.data.version": {"id": "Data per {date} · versi {version}", "en": "Data as of {date} · version {version}"},
    # --- indicator and controls -----------------------------------------------------------------
    "p.indicator": {"id": "Slide {n} dari {total}", "en": "Slide {n} of {total}"},
    "p.prev": {"id": "◀", "en": "◀"},
    "p.prev_help": {"id": "Slide sebelumnya", "en": "Previous slide"},
    "p.next": {"id": "▶", "en": "▶"},
    "p.next_help": {"id": "Slide berikutnya", "en": "Next slide"},
    "p.pause": {"id": "❚❚ Jeda", "en": "❚❚ Pause"},
    "p.pause_help": {"id": "Hentikan pergantian otomatis", "en": "Stop the automatic advance"},
    "p.play": {"id": "▶ Putar", "en": "▶ Play"},
    "p.play_help": {"id": "Lanjutkan pergantian otomatis", "en": "Resume the automatic advance"},
    "p.settings": {"id": "⚙", "en": "⚙"},
    "p.settings_help": {"id": "Pengaturan presentasi", "en": "Presentation settings"},
    "p.exit": {"id": "✕ Keluar", "en": "✕ Exit"},
    "p.exit_help": {"id": "Kembali ke dasbor", "en": "Back to the dashboard"},
    "p.png": {"id": "PNG", "en": "PNG"},
    "p.png_help": {
        "id": "Unduh gambar grafik slide ini (PNG 1200 piksel, dengan judul dan tanggal data) untuk dikirim",
        "en": "Download this slide's chart as a picture (PNG, 1200 pixels, with its title and data date) to send on",
    },
    "p.set.interval": {"id": "Ganti slide tiap (detik)", "en": "Next slide every (seconds)"},
    "p.set.theme": {"id": "Tampilan", "en": "Look"},
    "p.theme.terang": {"id": "Terang", "en": "Light"},
    "p.theme.gelap": {"id": "Gelap", "en": "Dark"},
    "p.set.scope": {"id": "Cakupan", "en": "Scope"},
    "p.set.scope_help": {
        "id": "Satu OPD, satu kecamatan atau satu tahun; kosongkan untuk seluruh {kind}. "
        "Filter dari dasbor ikut dipakai.",
        "en": "One agency, one district or one year; leave empty for the whole {kind}. "
        "Filters set on the dashboard apply too.",
    },
    "p.set.opd": {"id": "OPD", "en": "Agency (OPD)"},
    "p.set.kecamatan": {"id": "Kecamatan", "en": "District"},
    "p.set.tahun": {"id": "Tahun", "en": "Year"},
    "p.set.all": {"id": "Semua", "en": "All"},
    "p.set.several": {"id": "{n} dipilih di dasbor", "en": "{n} chosen on the dashboard"},
    "p.set.whole": {"id": "Seluruh {kind} (hapus filter)", "en": "Whole {kind} (clear filters)"},
    "p.set.lang": {"id": "Bahasa", "en": "Language"},
}
