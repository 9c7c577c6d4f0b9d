"""The command line: ``python -m lebak_dash --help``.

:mod:`~lebak_dash.cli.main` builds the parser and runs a command; each command module adds its
commands with ``register(subparsers, lang)``: :mod:`~lebak_dash.cli.check`,
:mod:`~lebak_dash.cli.store_commands` (data versions, export, template, audit, verify),
:mod:`~lebak_dash.cli.opd_list`, :mod:`~lebak_dash.cli.mappings` (``--mapping``, ``mapping ...``,
``stage-map ...``) and :mod:`~lebak_dash.cli.editors`. What they share (exit codes,
the localised parser, messages) is :mod:`~lebak_dash.cli.common`; the import report and its JSON
schema are :mod:`~lebak_dash.cli.report`.
"""
