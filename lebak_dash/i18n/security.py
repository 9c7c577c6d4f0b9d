"""Strings of issue 13's controls: editor management, sessions that end, audited downloads."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str | dict[str, str]]] = {
    # ------------------------------------------------------------------ audit actions
    "audit.viewer_login": {"id": "Masuk sebagai penonton", "en": "Viewer login"},
    "audit.editor_removed": {"id": "Editor dihapus", "en": "Editor removed"},
    "audit.editor_disabled": {"id": "Editor dinonaktifkan", "en": "Editor disabled"},
    "audit.editor_enabled": {"id": "Editor diaktifkan lagi", "en": "Editor enabled again"},
    "audit.download": {"id": "Unduh berkas", "en": "File downloaded"},
    # ------------------------------------------------------------------ command line
    "scli.editor_removed": {
        "id": "Editor '{name}' dihapus; {count:,} sesi yang masih terbuka diakhiri.",
        "en": {
            "one": "Editor '{name}' removed; {count:,} open session ended.",
            "other": "Editor '{name}' removed; {count:,} open sessions ended.",
        },
    },
    "scli.editor_disabled": {
        "id": "Editor '{name}' dinonaktifkan; {count:,} sesi yang masih terbuka diakhiri.",
        "en": {
            "one": "Editor '{name}' disabled; {count:,} open session ended.",
            "other": "Editor '{name}' disabled; {count:,} open sessions ended.",
        },
    },
    "scli.editor_enabled": {"id": "Editor '{name}' boleh masuk lagi.", "en": "Editor '{name}' may log in again."},
    "scli.editor_disabled_mark": {"id": "nonaktif", "en": "disabled"},
    "scli.help.cmd.remove_editor": {
        "id": "hapus editor (sesi yang terbuka berakhir; log audit tetap)",
        "en": "remove an editor (open sessions end; the audit log stays)",
    },
    "scli.help.cmd.disable_editor": {
        "id": "nonaktifkan editor (tidak bisa masuk; sesi yang terbuka berakhir)",
        "en": "disable an editor (no login; open sessions end)",
    },
    "scli.help.cmd.enable_editor": {
        "id": "izinkan lagi editor yang dinonaktifkan",
        "en": "allow a disabled editor again",
    },
    "scli.help.editor_existing": {"id": "nama editor", "en": "the editor's name"},
    # ------------------------------------------------------------------ sessions
    "session.ended.idle": {
        "id": "Sesi editor berakhir karena tidak ada kegiatan selama {count:,} menit. Silakan masuk lagi.",
        "en": {
            "one": "The editor session ended after {count:,} minute without activity. Please log in again.",
            "other": "The editor session ended after {count:,} minutes without activity. Please log in again.",
        },
    },
    "session.ended.password_changed": {
        "id": "Sesi editor berakhir karena kata sandi diganti. Silakan masuk dengan kata sandi baru.",
        "en": "The editor session ended because the password was changed. Please log in with the new one.",
    },
    "session.ended.removed": {
        "id": "Sesi editor berakhir: editor ini sudah dihapus.",
        "en": "The editor session ended: this editor was removed.",
    },
    "session.ended.disabled": {
        "id": "Sesi editor berakhir: editor ini dinonaktifkan.",
        "en": "The editor session ended: this editor was disabled.",
    },
    "session.ended.unknown": {
        "id": "Sesi editor sudah berakhir. Silakan masuk lagi.",
        "en": "The editor session has ended. Please log in again.",
    },
    "session.viewer_again": {
        "id": "Kata sandi penonton telah diganti. Masukkan kata sandi yang baru.",
        "en": "The viewer password was changed. Enter the new one.",
    },
}
