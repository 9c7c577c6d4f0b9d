"""Store commands of the command line: import, versions, activate, export, template, editors, OPD lists.

They use the same :class:`~lebak_dash.store.Store`, rules and audit log as the app. Every command
takes ``--data-dir`` (default ``LEBAK_DATA_DIR`` or ``data/store``). A failure prints one clear
line (Indonesian unless ``--lang en``) and exits with status 1; wrong usage exits with 2.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path

from lebak_dash.cli.main import EXIT_OK, EXIT_REJECTED, EXTRA_COMMANDS, format_summary
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_datetime, fmt_int
from lebak_dash.store import Store, StoreError, write_atomic

Handler = Callable[[argparse.Namespace, Store], int]


def _say(args: argparse.Namespace, key: str, **params: object) -> None:
    print(t(key, args.lang, **params))


def _fail(args: argparse.Namespace, message: str) -> int:
    print(t("scli.error", args.lang, message=message), file=sys.stderr)
    return EXIT_REJECTED


def _write_output(args: argparse.Namespace, path: Path, data: bytes) -> bool:
    try:
        write_atomic(path, data, "output")
    except OSError as exc:
        _fail(args, t("scli.cannot_write", args.lang, path=str(path), detail=exc.strerror or str(exc)))
        return False
    return True


def _run(handler: Handler) -> Callable[[argparse.Namespace], int]:
    """Wrap a command: open the store, turn store errors into one readable line."""

    def run(args: argparse.Namespace) -> int:
        try:
            store = Store.open(args.data_dir)
            return handler(args, store)
        except StoreError as exc:
            return _fail(args, exc.message(args.lang))

    return run


def _read_password(args: argparse.Namespace, name: str) -> str | None:
    """Return the password from stdin (``--password-stdin``) or typed twice; None after a message."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        _fail(args, t("scli.no_tty", args.lang))
        return None
    first = getpass.getpass(t("scli.prompt_password", args.lang, name=name))
    second = getpass.getpass(t("scli.prompt_again", args.lang))
    if first != second:
        _fail(args, t("auth.password_mismatch", args.lang))
        return None
    return first


# --------------------------------------------------------------------------- commands
def _cmd_import(args: argparse.Namespace, store: Store) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError:
        return _fail(args, t("cli.file_missing", args.lang, path=args.file))
    before = store.active_state().version
    candidate = store.check(data, path.name)
    result = candidate.result
    if not result.ok:
        if args.json:
            print(
                json.dumps({"ok": False, "issues": [i.to_dict(args.lang) for i in result.issues]}, ensure_ascii=False)
            )
        else:
            print(format_summary(result, path.name, args.lang))
        return _fail(args, t("scli.rejected", args.lang))
    diff = store.diff(result.records, against=before)
    version = store.add_version(candidate, by=args.by, note=args.note or "", kind="cli")
    if args.json:
        out = {
            "ok": True,
            **version.to_dict(),
            "previous": before,
            "diff": diff.summary(),
            "issues": [i.to_dict(args.lang) for i in result.issues],
        }
        print(json.dumps(out, ensure_ascii=False))
        return EXIT_OK
    print(format_summary(result, path.name, args.lang))
    print()
    if candidate.duplicate_of:
        _say(args, "scli.duplicate", numbers=", ".join(str(n) for n in candidate.duplicate_of))
    counts = diff.summary()
    _say(
        args,
        "scli.diff",
        added=fmt_int(counts["baru"], args.lang),
        removed=fmt_int(counts["dihapus"], args.lang),
        forward=fmt_int(counts["naik_tahap"], args.lang),
        backward=fmt_int(counts["turun_tahap"], args.lang),
        edited=fmt_int(counts["diubah"], args.lang),
    )
    _say(
        args,
        "scli.stored",
        number=version.number,
        count=version.records,
        rejected=t("count.rows", args.lang, count=version.rejected),
    )
    return EXIT_OK


def _cmd_versions(args: argparse.Namespace, store: Store) -> int:
    versions = store.versions()
    if args.json:
        print(json.dumps([v.to_dict() for v in versions], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not versions:
        _say(args, "scli.no_versions")
        return EXIT_OK
    _say(args, "scli.versions_header")
    for v in versions:
        when = fmt_datetime(v.uploaded_at, args.lang)
        mark = "*" if v.active else ""
        print(
            f"{v.number:>5}  {mark:^5}  {when:<28}  {v.uploaded_by[:14]:<14}  "
            f"{fmt_int(v.records, args.lang):>7}  {fmt_int(v.rejected, args.lang):>7}  {v.filename}"
            + (f"  ({v.note})" if v.note else "")
        )
    return EXIT_OK


def _cmd_activate(args: argparse.Namespace, store: Store) -> int:
    version = store.activate(args.number, by=args.by or getpass.getuser(), note=args.note or "")
    _say(args, "scli.activated", number=version.number, count=version.records)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, store: Store) -> int:
    from lebak_dash.exports.tables import records_to_csv, records_to_xlsx

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        return _fail(args, t("scli.export_suffix", args.lang, path=args.out))
    number = args.version or store.active_state().version
    if number is None:
        return _fail(args, t("scli.export_empty", args.lang))
    version = store.version(number)
    result = store.load(number, with_issues=False)
    if suffix == ".csv":
        data = records_to_csv(result.records, result.extra_columns)
    else:
        info = {
            "Versi": str(version.number),
            "Berkas asli": version.filename,
            "SHA-256": version.sha256,
            "Diunggah": version.uploaded_at.isoformat(),
            "Oleh": version.uploaded_by,
            "Inovasi": str(len(result.records)),
        }
        data = records_to_xlsx(result.records, result.extra_columns, info=info)
    if not _write_output(args, out, data):
        return EXIT_REJECTED
    _say(args, "scli.exported", number=number, path=str(out), count=len(result.records))
    return EXIT_OK


def _cmd_template(args: argparse.Namespace, store: Store) -> int:
    from lebak_dash.exports.template import template_xlsx

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        return _fail(args, t("scli.template_suffix", args.lang, path=args.out))
    if not _write_output(args, out, template_xlsx(store.reference(), args.lang)):
        return EXIT_REJECTED
    _say(args, "scli.template_written", path=str(out))
    return EXIT_OK


def _cmd_add_editor(args: argparse.Namespace, store: Store) -> int:
    from lebak_dash.store.auth import add_editor

    password = _read_password(args, args.name)
    if password is None:
        return EXIT_REJECTED
    add_editor(store, args.name, password, by=args.by or getpass.getuser(), reset=args.reset)
    _say(args, "scli.editor_changed" if args.reset else "scli.editor_added", name=args.name.strip())
    return EXIT_OK


def _cmd_editors(args: argparse.Namespace, store: Store) -> int:
    from lebak_dash.store.auth import editors

    names = editors(store)
    if args.json:
        print(json.dumps(names, ensure_ascii=False))
    elif names:
        print("\n".join(names))
    else:
        _say(args, "scli.editors_none")
    return EXIT_OK


def _cmd_viewer_password(args: argparse.Namespace, store: Store) -> int:
    from lebak_dash.store.auth import check_password_rules, hash_password, set_viewer_password

    if args.clear:
        set_viewer_password(store, None, by=args.by or getpass.getuser())
        _say(args, "scli.viewer_cleared")
        return EXIT_OK
    password = _read_password(args, "viewer")
    if password is None:
        return EXIT_REJECTED
    if args.print_hash:
        check_password_rules(password)
        print(hash_password(password))  # for LEBAK_VIEWER_PASSWORD_HASH; stored nowhere
        return EXIT_OK
    set_viewer_password(store, password, by=args.by or getpass.getuser())
    _say(args, "scli.viewer_set")
    return EXIT_OK


def _cmd_audit(args: argparse.Namespace, store: Store) -> int:
    entries = store.audit(args.limit)
    if args.json:
        print(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=1))
        return EXIT_OK
    for e in entries:
        when = fmt_datetime(e.at, args.lang)
        version = f" v{e.version}" if e.version is not None else ""
        detail = json.dumps(e.detail, ensure_ascii=False) if e.detail else ""
        print(f"{when}  {e.actor:<14}  {t('audit.' + e.action, args.lang)}{version}  {detail}")
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace, store: Store) -> int:
    problems = store.verify()
    if problems:
        _say(args, "scli.verify_problems")
        for problem in problems:
            print(f"  {problem}")
        return EXIT_REJECTED
    _say(args, "scli.verify_ok", count=len(store.versions()))
    return EXIT_OK


def _cmd_opd_export(args: argparse.Namespace, store: Store) -> int:
    if not _write_output(args, Path(args.out), store.reference_bytes(args.version)):
        return EXIT_REJECTED
    _say(args, "scli.reference_exported", path=args.out)
    return EXIT_OK


def _cmd_opd_import(args: argparse.Namespace, store: Store) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError:
        return _fail(args, t("cli.file_missing", args.lang, path=args.file))
    candidate = store.check_reference(data, path.name)
    if candidate.diff is not None:
        counts = candidate.diff.summary()
        _say(
            args,
            "scli.diff",
            added=fmt_int(counts["baru"], args.lang),
            removed=fmt_int(counts["dihapus"], args.lang),
            forward=fmt_int(counts["naik_tahap"], args.lang),
            backward=fmt_int(counts["turun_tahap"], args.lang),
            edited=fmt_int(counts["diubah"], args.lang),
        )
    version = store.add_reference(candidate, by=args.by, note=args.note or "")
    _say(
        args,
        "scli.reference_stored",
        number=version.number,
        count=version.opd_count,
        added=len(candidate.added),
        removed=len(candidate.removed),
    )
    return EXIT_OK


def _cmd_opd_versions(args: argparse.Namespace, store: Store) -> int:
    versions = store.reference_versions()
    if args.json:
        print(json.dumps([v.to_dict() for v in versions], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not versions:
        _say(args, "scli.reference_none")
    for v in versions:
        mark = "*" if v.active else " "
        when = fmt_datetime(v.uploaded_at, args.lang)
        print(f"{v.number:>4} {mark} {when}  {v.uploaded_by:<14}  {v.opd_count:>4} OPD  {v.filename}")
    return EXIT_OK


def _cmd_opd_activate(args: argparse.Namespace, store: Store) -> int:
    store.activate_reference(args.number, by=args.by or getpass.getuser())
    _say(args, "scli.reference_activated", number=args.number)
    return EXIT_OK


# ----------------------------------------------------------------------- registration
def _add(
    sub: argparse._SubParsersAction, name: str, help_text: str, handler: Handler, *, json_flag: bool = False
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.add_argument("--data-dir", default=None, help="folder data (bawaan: LEBAK_DATA_DIR atau data/store)")
    parser.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS)
    if json_flag:
        parser.add_argument("--json", action="store_true", help="cetak JSON")
    parser.set_defaults(func=_run(handler))
    return parser


def register(sub: argparse._SubParsersAction) -> None:
    """Add the store commands to the ``python -m lebak_dash`` parser."""
    p = _add(sub, "import", "periksa berkas, simpan sebagai versi baru dan aktifkan", _cmd_import, json_flag=True)
    p.add_argument("file", help="berkas .xlsx, .xlsm, .xls, .ods atau .csv")
    p.add_argument("--by", required=True, help="nama yang mengunggah (dicatat di riwayat)")
    p.add_argument("--note", default="", help="catatan versi")

    _add(sub, "versions", "daftar semua versi", _cmd_versions, json_flag=True)

    p = _add(sub, "activate", "aktifkan versi N (kembali ke versi lama = undo)", _cmd_activate)
    p.add_argument("number", type=int, metavar="N")
    p.add_argument("--by", default=None, help="nama yang mengaktifkan (bawaan: pengguna sistem)")
    p.add_argument("--note", default="", help="alasan")

    p = _add(sub, "export", "ekspor data sebuah versi ke .xlsx atau .csv", _cmd_export)
    p.add_argument("out", help="berkas keluaran (.xlsx atau .csv)")
    p.add_argument("--version", type=int, default=None, help="nomor versi (bawaan: yang aktif)")

    p = _add(sub, "template", "tulis templat .xlsx dengan daftar pilihan", _cmd_template)
    p.add_argument("out", help="berkas keluaran .xlsx")

    p = _add(sub, "add-editor", "tambah editor (atau ganti kata sandi dengan --reset)", _cmd_add_editor)
    p.add_argument("name", help="nama editor (huruf, angka, . _ -)")
    p.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari stdin (untuk skrip)")
    p.add_argument("--reset", action="store_true", help="ganti kata sandi editor yang sudah ada")
    p.add_argument("--by", default=None, help="nama admin (bawaan: pengguna sistem)")

    _add(sub, "editors", "daftar editor", _cmd_editors, json_flag=True)

    p = _add(sub, "viewer-password", "pasang atau hapus kata sandi penonton", _cmd_viewer_password)
    p.add_argument("--clear", action="store_true", help="hapus kata sandi penonton (dasbor terbuka)")
    p.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari stdin")
    p.add_argument("--print-hash", action="store_true", help="cetak hash untuk LEBAK_VIEWER_PASSWORD_HASH saja")
    p.add_argument("--by", default=None)

    p = _add(sub, "audit", "tampilkan log audit terbaru", _cmd_audit, json_flag=True)
    p.add_argument("--limit", type=int, default=50)

    _add(sub, "verify", "periksa keutuhan penyimpanan (katalog dan berkas asli)", _cmd_verify)

    opd = sub.add_parser("opd-list", help="daftar OPD: ekspor, impor, versi, aktifkan")
    opd_sub = opd.add_subparsers(dest="opd_command", required=True)
    p = _add(opd_sub, "export", "tulis daftar OPD aktif (atau versi N) ke CSV", _cmd_opd_export)
    p.add_argument("out", help="berkas keluaran .csv")
    p.add_argument("--version", type=int, default=None, help="nomor versi daftar (0: bawaan)")
    p = _add(opd_sub, "import", "periksa dan aktifkan daftar OPD baru (CSV)", _cmd_opd_import)
    p.add_argument("file", help="opd.csv dengan kolom nama, singkatan, alias, jenis, terverifikasi")
    p.add_argument("--by", required=True)
    p.add_argument("--note", default="")
    _add(opd_sub, "versions", "daftar versi daftar OPD", _cmd_opd_versions, json_flag=True)
    p = _add(opd_sub, "activate", "aktifkan versi daftar OPD N (0: bawaan)", _cmd_opd_activate)
    p.add_argument("number", type=int, metavar="N")
    p.add_argument("--by", default=None)


EXTRA_COMMANDS.append(register)
