"""The command line: ``python -m lebak_dash <command>``.

Exit status: 0 success (file accepted), 1 failure (file rejected, store error), 2 wrong usage.
No command ends in a traceback: unexpected errors are reported in one line on stderr.

Each command module adds its commands with ``register(subparsers, lang)``; :func:`build_parser`
calls them in the order ``--help`` lists them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from lebak_dash.cli import boundaries, check, editors, mappings, opd_list, regional, store_commands
from lebak_dash.cli.common import EXIT_REJECTED, Parser, add_shared_options, requested_lang
from lebak_dash.i18n import DEFAULT_LANG, t

#: The command modules, each with ``register(subparsers, lang)``.
COMMAND_MODULES = (check, store_commands, opd_list, regional, boundaries, mappings, editors)


def build_parser(lang: str = DEFAULT_LANG) -> Parser:
    """Return the parser with every command registered, its help texts in `lang`."""
    parser = Parser(prog="python -m lebak_dash", description=t("scli.help.description", lang), lang=lang)
    add_shared_options(parser, lang, data_dir=True, suppress=False)
    sub = parser.add_subparsers(
        dest="command", required=True, metavar=t("scli.metavar.command", lang), title=t("scli.help.commands", lang)
    )
    for module in COMMAND_MODULES:
        module.register(sub, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(requested_lang(argv)).parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return EXIT_REJECTED
    except Exception as exc:  # noqa: BLE001  (one clear line instead of a traceback)
        print(t("scli.error", args.lang, message=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return EXIT_REJECTED
