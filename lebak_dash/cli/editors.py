"""Who may change data and who may see it: add-editor, remove-editor, disable-editor, enable-editor,
editors, viewer-password. Each change is audited; removing, disabling or resetting an editor's
password ends that editor's live sessions at their next action."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from lebak_dash.cli.common import EXIT_OK, EXIT_REJECTED, Subparsers, add_command, fail, say, with_store
from lebak_dash.i18n import t
from lebak_dash.store import Store
from lebak_dash.store.auth import (
    add_editor,
    check_password_rules,
    disable_editor,
    editor_list,
    hash_password,
    remove_editor,
    set_viewer_password,
)


def _read_password(args: argparse.Namespace, name: str) -> str | None:
    """Return the password from stdin (``--password-stdin``) or typed twice; None after a message."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        fail(args, t("scli.no_tty", args.lang))
        return None
    first = getpass.getpass(t("scli.prompt_password", args.lang, name=name))
    second = getpass.getpass(t("scli.prompt_again", args.lang))
    if first != second:
        fail(args, t("auth.password_mismatch", args.lang))
        return None
    return first


def _cmd_add_editor(args: argparse.Namespace, store: Store) -> int:
    password = _read_password(args, args.name)
    if password is None:
        return EXIT_REJECTED
    add_editor(store, args.name, password, by=args.by or getpass.getuser(), reset=args.reset)
    say(args, "scli.editor_changed" if args.reset else "scli.editor_added", name=args.name.strip())
    return EXIT_OK


def _cmd_remove_editor(args: argparse.Namespace, store: Store) -> int:
    ended = remove_editor(store, args.name, by=args.by or getpass.getuser())
    say(args, "scli.editor_removed", name=args.name.strip(), count=ended)
    return EXIT_OK


def _cmd_disable_editor(args: argparse.Namespace, store: Store) -> int:
    ended = disable_editor(store, args.name, by=args.by or getpass.getuser())
    say(args, "scli.editor_disabled", name=args.name.strip(), count=ended)
    return EXIT_OK


def _cmd_enable_editor(args: argparse.Namespace, store: Store) -> int:
    disable_editor(store, args.name, by=args.by or getpass.getuser(), enable=True)
    say(args, "scli.editor_enabled", name=args.name.strip())
    return EXIT_OK


def _cmd_editors(args: argparse.Namespace, store: Store) -> int:
    found = editor_list(store)
    if args.json:
        print(json.dumps([e.name for e in found if not e.disabled], ensure_ascii=False))
    elif found:
        mark = t("scli.editor_disabled_mark", args.lang)
        print("\n".join(e.name + (f" ({mark})" if e.disabled else "") for e in found))
    else:
        say(args, "scli.editors_none")
    return EXIT_OK


def _cmd_viewer_password(args: argparse.Namespace, store: Store) -> int:
    if args.clear:
        set_viewer_password(store, None, by=args.by or getpass.getuser())
        say(args, "scli.viewer_cleared")
        return EXIT_OK
    password = _read_password(args, "viewer")
    if password is None:
        return EXIT_REJECTED
    if args.print_hash:
        check_password_rules(password)
        print(hash_password(password))  # for LEBAK_VIEWER_PASSWORD_HASH; stored nowhere
        return EXIT_OK
    set_viewer_password(store, password, by=args.by or getpass.getuser())
    say(args, "scli.viewer_set")
    return EXIT_OK


def register(sub: Subparsers, lang: str) -> None:
    """Add add-editor, remove-editor, disable-editor, enable-editor, editors and viewer-password to the parser."""
    p = add_command(sub, "add-editor", lang, by="scli.help.by_admin")
    p.add_argument("name", metavar=t("scli.metavar.name", lang), help=t("scli.help.editor_name", lang))
    p.add_argument("--password-stdin", action="store_true", help=t("scli.help.password_stdin", lang))
    p.add_argument("--reset", action="store_true", help=t("scli.help.reset", lang))
    p.set_defaults(func=with_store(_cmd_add_editor))

    for command, handler in (
        ("remove-editor", _cmd_remove_editor),
        ("disable-editor", _cmd_disable_editor),
        ("enable-editor", _cmd_enable_editor),
    ):
        p = add_command(sub, command, lang, by="scli.help.by_admin")
        p.add_argument("name", metavar=t("scli.metavar.name", lang), help=t("scli.help.editor_existing", lang))
        p.set_defaults(func=with_store(handler))

    add_command(sub, "editors", lang).set_defaults(func=with_store(_cmd_editors))

    p = add_command(sub, "viewer-password", lang, by="scli.help.by_admin")
    p.add_argument("--clear", action="store_true", help=t("scli.help.viewer_clear", lang))
    p.add_argument("--password-stdin", action="store_true", help=t("scli.help.password_stdin", lang))
    p.add_argument("--print-hash", action="store_true", help=t("scli.help.print_hash", lang))
    p.set_defaults(func=with_store(_cmd_viewer_password))
