"""The start of ``python -m lebak_dash``: ``check`` runs whole in the confined check worker, the rest here.

This module loads nothing heavy (no pandas, no pyarrow): for ``check`` this process only starts
the check worker (:mod:`lebak_dash.cli.check_worker`), hands it the arguments, watches its memory
and time, and prints what it answers. So a check costs one interpreter with the parsers, not two,
and the memory of the whole command is the worker's plus a small launcher. Every other command,
``check --help``, and ``check`` with isolation off (``LEBAK_ISOLATE_IMPORT=0``, tests only) run
in this process through :func:`lebak_dash.cli.main.main`.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Sequence

from lebak_dash.config import Limits
from lebak_dash.ingest.supervisor import WorkerProgram, WorkerRun, isolation_enabled

log = logging.getLogger(__name__)
#: The check worker program.
CHECK_WORKER = WorkerProgram("lebak_dash.cli.check_worker")
#: Settings a check reads from the environment, passed to the worker (never a secret).
PASSED_SETTINGS = re.compile(r"LEBAK_(DATA_DIR|TIMEZONE|MAX_[A-Z_]+|(IMPORT_)?TIMEOUT_S)")
#: Options of the main parser that take a value (to find the command's name without the parser).
_VALUE_OPTIONS = ("--lang", "--data-dir", "--store-url")


def command_of(argv: Sequence[str]) -> str | None:
    """Return the command named in `argv` (its first positional argument), or None.

    Examples
    --------
    >>> command_of(["--lang", "en", "check", "a.xlsx"]), command_of(["--data-dir=x", "versions"])
    ('check', 'versions')
    """
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            return argv[i + 1] if i + 1 < len(argv) else None
        if arg in _VALUE_OPTIONS:
            i += 2
            continue
        if not arg.startswith("-"):
            return arg
        i += 1
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # A check against a PostgreSQL store reads the store here (the check worker has no network, and
    # the address is a secret it is never given); the file is then parsed in the import worker.
    on_database = bool(os.environ.get("LEBAK_STORE_URL")) or any(a.startswith("--store-url") for a in argv)
    if command_of(argv) == "check" and not {"-h", "--help"} & set(argv) and isolation_enabled() and not on_database:
        try:
            limits = Limits.from_env()
        except ValueError:
            limits = None  # a malformed setting: the full command line says which
        if limits is not None:
            return run_check(argv, limits)
    from lebak_dash.cli.main import main as run_here

    return run_here(argv)


def check_job(argv: list[str], limits: Limits) -> dict[str, object]:
    """Return the check worker's job: the arguments, this folder, the limits, the settings it may read."""
    return {
        "argv": argv,
        "cwd": os.getcwd(),
        "environ": {k: v for k, v in os.environ.items() if PASSED_SETTINGS.fullmatch(k)},
        "limits": limits,
    }


def run_check(argv: list[str], limits: Limits) -> int:
    """Run ``check`` in the check worker and print what it answers; return its exit status."""
    run = CHECK_WORKER.run(check_job(argv, limits), max_memory_mb=limits.max_memory_mb, timeout_s=limits.timeout_s)
    if run.status == "ok":
        if run.header.get("denied"):
            log.error("the check worker could not load what it needed once confined: %s", run.header["denied"])
        sys.stdout.flush()
        sys.stdout.buffer.write(run.payload)
        sys.stdout.buffer.flush()
        sys.stderr.write(str(run.header.get("stderr", "")))
        exit_status = run.header.get("exit", 1)
        return exit_status if isinstance(exit_status, int) else 1
    return report_failure(argv, run, limits)


def report_failure(argv: list[str], run: WorkerRun, limits: Limits) -> int:
    """Report a check whose worker was stopped or died, as ``check`` reports a rejected file.

    Only now, with the worker gone, does this process load the command line.
    """
    from lebak_dash.cli.check import check_command, reference_for
    from lebak_dash.cli.common import requested_lang
    from lebak_dash.cli.main import build_parser
    from lebak_dash.ingest.sandbox import boundaries_in_worker, failure_result, kecamatan_table, opd_table

    result = failure_result(run, limits)
    args = build_parser(requested_lang(argv)).parse_args(argv)
    lists = (opd_table, kecamatan_table, boundaries_in_worker)  # the store's lists, read in the import worker
    return check_command(args, parse=lambda inputs: (result, reference_for(inputs, *lists)))
