"""What every command of the command line shares: exit codes, messages, options, the localised parser.

Help texts, usage errors and messages come from :func:`lebak_dash.i18n.t` in the language asked
for with ``--lang`` (:func:`requested_lang` reads it before the parser is built, so ``--help``
is in that language too).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from lebak_dash.config import store_url
from lebak_dash.i18n import DEFAULT_LANG, LANGS, t
from lebak_dash.store import Store, StoreError, write_atomic

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2

#: A command that works on an open store: ``handler(args, store) -> exit status``.
Handler = Callable[[argparse.Namespace, Store], int]
#: The subparsers object of :meth:`argparse.ArgumentParser.add_subparsers`.
Subparsers = argparse._SubParsersAction


def requested_lang(argv: Sequence[str]) -> str:
    """Return the language asked for with ``--lang`` anywhere in `argv` (the last one wins), else Indonesian.

    An unknown value is left for the parser to refuse.

    Examples
    --------
    >>> requested_lang(["activate", "3", "--lang", "en"]), requested_lang(["--lang=fr"])
    ('en', 'id')
    """
    lang = DEFAULT_LANG
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            continue
        if value in LANGS:
            lang = value
    return lang


# argparse's own messages (Python 3.11), and the keys that say them in the reader's language.
_USAGE_ERRORS = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "scli.usage.required"),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), "scli.usage.unrecognized"),
    (
        re.compile(r"argument (?P<argument>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
        "scli.usage.choice",
    ),
    (re.compile(r"argument (?P<argument>.+?): invalid \w+ value: (?P<value>.+)"), "scli.usage.value"),
    (re.compile(r"argument (?P<argument>.+?): expected one argument"), "scli.usage.one_value"),
)


def usage_error_message(message: str, lang: str) -> str:
    """Return argparse's error `message` in `lang` (as it is when the message is not a known one).

    Examples
    --------
    >>> usage_error_message("the following arguments are required: N", "id")
    'argumen wajib belum diberikan: N'
    """
    for pattern, key in _USAGE_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return t(key, lang, **match.groupdict())
    return message


class Parser(argparse.ArgumentParser):
    """An argument parser whose help, usage and errors are in one language.

    Parameters
    ----------
    lang : {"id", "en"}
    **kwargs
        As for :class:`argparse.ArgumentParser`; ``add_help`` is replaced by a translated ``-h``.
    """

    def __init__(self, *args: Any, lang: str = DEFAULT_LANG, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _formatter(lang))
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.lang = lang
        self._positionals.title = t("scli.help.positionals", lang)
        self._optionals.title = t("scli.help.options", lang)
        self.add_argument("-h", "--help", action="help", help=t("scli.help.help", lang))

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error in the parser's language, and exit with status 2."""
        self.print_usage(sys.stderr)
        text = t("scli.usage.error", self.lang, prog=self.prog, message=usage_error_message(message, self.lang))
        self.exit(EXIT_USAGE, text + "\n")


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    """Return a help formatter whose "usage:" is in `lang`."""

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, t("scli.usage.prefix", lang) if prefix is None else prefix)

    return Formatter


def add_command(
    sub: Subparsers,
    name: str,
    lang: str,
    *,
    help_key: str | None = None,
    data_dir: bool = True,
    json_flag: bool = False,
    by: str | None = "scli.help.by_any",
    by_required: bool = False,
) -> Parser:
    """Add the command `name` with the options every command shares.

    Every store command (``data_dir``) takes ``--data-dir``, ``--json`` and ``--by``: a command
    that changes the store records the name in its audit line (default: the system user), one
    that only reads accepts it for the sake of scripts that pass it everywhere.

    Parameters
    ----------
    sub : Subparsers
    name : str
    lang : {"id", "en"}
    help_key : str, optional
        Key of its help text (default ``scli.help.cmd.<name>``).
    data_dir : bool
        The command touches the store: it takes ``--data-dir``, ``--json`` and ``--by``.
    json_flag : bool
        The command can print JSON (``--json``) though it takes no ``--data-dir``.
    by : str or None
        Key of the help text of ``--by`` (None: no ``--by``, for ``check``, which stores nothing).
    by_required : bool
        ``--by`` must be given (who uploads a file is not guessed).
    """
    help_text = t(help_key or f"scli.help.cmd.{name.replace('-', '_')}", lang)
    parser: Parser = sub.add_parser(name, help=help_text, description=help_text, lang=lang)
    add_shared_options(parser, lang, data_dir=data_dir, suppress=True)
    if json_flag or data_dir:
        parser.add_argument("--json", action="store_true", help=t("scli.help.json", lang))
    if data_dir and by is not None:
        help_by = t("scli.help.by_upload" if by_required else by, lang)
        parser.add_argument(
            "--by", required=by_required, default=None, metavar=t("scli.metavar.name", lang), help=help_by
        )
    return parser


def add_shared_options(parser: argparse.ArgumentParser, lang: str, *, data_dir: bool, suppress: bool) -> None:
    """Add ``--lang`` (and ``--data-dir``): on the main parser with defaults, on a command without.

    A command's options take no default (``argparse.SUPPRESS``), so one given before the command
    (``--lang en versions``) is not overwritten by the command's default.
    """
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=argparse.SUPPRESS if suppress else DEFAULT_LANG,
        help=t("scli.help.lang", lang),
    )
    if data_dir:
        parser.add_argument("--data-dir", default=default, metavar="DIR", help=t("scli.help.data_dir", lang))
        parser.add_argument("--store-url", default=default, metavar="URL", help=t("scli.help.store_url", lang))


def store_address(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """Return the store a command uses: (``--data-dir``, the PostgreSQL address or None).

    ``--store-url``, else ``LEBAK_STORE_URL``, else the data folder (``--data-dir``, else
    ``LEBAK_DATA_DIR``). The address holds credentials: it is never printed.
    """
    return getattr(args, "data_dir", None), getattr(args, "store_url", None) or store_url()


def say(args: argparse.Namespace, key: str, **params: object) -> None:
    """Print the message `key` on stdout; with ``--json``, as one JSON object (``event``, ``message``, its parameters).

    Examples
    --------
    >>> say(argparse.Namespace(lang="en", json=True), "scli.verify_ok", count=2)
    {"event": "verify_ok", "message": "The store is intact: 2 versions, catalog passes integrity_check.", "count": 2}
    """
    text = t(key, args.lang, **params)
    if getattr(args, "json", False):
        print(
            json.dumps({"event": key.removeprefix("scli."), "message": text, **params}, ensure_ascii=False, default=str)
        )
    else:
        print(text)


def fail(args: argparse.Namespace, message: str) -> int:
    """Print ``Kesalahan: <message>`` on stderr and return the failure status."""
    print(t("scli.error", args.lang, message=message), file=sys.stderr)
    return EXIT_REJECTED


def write_output(args: argparse.Namespace, path: Path, data: bytes) -> bool:
    """Write an output file atomically; say why and return False when it cannot be written."""
    try:
        write_atomic(path, data, "output")
    except OSError as exc:
        fail(args, t("scli.cannot_write", args.lang, path=str(path), detail=exc.strerror or str(exc)))
        return False
    return True


def with_store(handler: Handler) -> Callable[[argparse.Namespace], int]:
    """Wrap a command: open the store (:func:`store_address`), turn store errors into one readable line."""

    def run(args: argparse.Namespace) -> int:
        try:
            data_dir, url = store_address(args)
            store = Store.open(data_dir, url=url)
            return handler(args, store)
        except StoreError as exc:
            return fail(args, exc.message(args.lang))

    return run
