"""The check worker: ``python -m lebak_dash.cli.check_worker``, the whole ``check`` command, confined.

``python -m lebak_dash check FILE`` is a person waiting for one parse. Rather than a command line
that loads everything and then hands the bytes to an import worker (two interpreters, twice the
modules in memory), the launcher (:mod:`lebak_dash.cli.launch`) stays a small process and this
worker runs the command, under the same isolation as the import worker:

1. it enters a new network namespace while it is the only thread;
2. it loads the command line and rehearses a check of the bundled sample (modules loaded while
   the Python installation is readable);
3. it reads the job: the arguments, the folder they were typed in, the limits and the few
   ``LEBAK_*`` settings a check reads (never a secret);
4. it runs :func:`lebak_dash.cli.check.check_command`: the file, and the store's active OPD list
   as stored, are read as the launcher's user (the store is closed again), then, before the first
   byte of either is parsed, the worker returns to its private folder, drops the settings and
   confines itself (:func:`lebak_dash.ingest.isolation.confine`), and parses both in process;
5. it answers with the command's output and exit status; the launcher prints them.

The launcher watches its memory and time as for an import and reports a stopped or dead worker
as ``file.memory`` / ``file.timeout`` itself.
"""

from __future__ import annotations

from lebak_dash.ingest import isolation

#: Entered before anything below starts a thread.
NETWORK = isolation.enter_network_namespace() if __name__ == "__main__" else "unavailable: not the worker"

import codecs  # noqa: E402
import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

from lebak_dash.cli import check  # noqa: E402
from lebak_dash.cli.common import EXIT_REJECTED, requested_lang  # noqa: E402
from lebak_dash.cli.main import build_parser  # noqa: E402
from lebak_dash.cli.report import FileRead, format_summary, report_dict  # noqa: E402
from lebak_dash.config import Limits  # noqa: E402
from lebak_dash.i18n import t  # noqa: E402
from lebak_dash.ingest.boundaries import WGS84_PRJ, shapefile_zip, square_collection  # noqa: E402
from lebak_dash.ingest.importer import import_workbook, rejection  # noqa: E402
from lebak_dash.ingest.reflists import read_kecamatan_list  # noqa: E402
from lebak_dash.ingest.worker import ENCODINGS, rehearsal_files  # noqa: E402
from lebak_dash.records.model import ImportResult  # noqa: E402
from lebak_dash.records.reference import (  # noqa: E402
    DEFAULT_REFERENCE_DIR,
    KECAMATAN_FILE,
    OPD_FILE,
    Reference,
    load_reference,
    parse_opd_table,
)
from lebak_dash.records.region import Region  # noqa: E402
from lebak_dash.store.boundaries import ActiveBoundaries  # noqa: E402


class UnconfinedError(RuntimeError):
    """The worker could not confine itself: it must not parse."""


def rehearse() -> None:
    """Rehearse the parse and both reports on trusted files (see :func:`lebak_dash.ingest.worker.rehearse`)."""
    for name in ENCODINGS:
        codecs.lookup(name)
    reference = load_reference()
    opd_list = (DEFAULT_REFERENCE_DIR / OPD_FILE).read_bytes()
    kecamatan_list = (DEFAULT_REFERENCE_DIR / KECAMATAN_FILE).read_bytes()
    inputs = check.CheckInputs("opd.csv", b"", "", reference, opd_list, kecamatan_list=kecamatan_list, region=Region())
    check.reference_for(inputs, parse_opd_table, read_kecamatan_list)
    table = reference.kecamatan.head(2)
    squares = square_collection(list(zip(table["nama"], table["lon"], table["lat"], strict=True)))
    for name, data in (
        ("batas.geojson", json.dumps(squares).encode()),
        ("batas.zip", shapefile_zip(squares, WGS84_PRJ)),
    ):
        boundaries = ActiveBoundaries(1, "0" * 64, name, "", data)
        check.reference_for(
            check.CheckInputs("opd.csv", b"", "", reference, boundaries=boundaries),
            parse_opd_table,
            read_kecamatan_list,
        )
    for filename, data in rehearsal_files():
        result = import_workbook(data, filename=filename, reference=reference)
        read = FileRead(filename, result, reference, len(data), "0" * 64)
        for lang in ("id", "en"):
            report_dict(read, lang)
            format_summary(read, lang)


class ConfinedParse:
    """The ``parse`` step of :func:`~lebak_dash.cli.check.check_command`: confine, then import in process."""

    def __init__(self, job: dict[str, Any], workdir: str) -> None:
        self.job = job
        self.workdir = workdir
        self.limits: Limits = job["limits"]
        self.confinement: dict[str, Any] | None = None
        self.denied = ""

    def __call__(self, inputs: check.CheckInputs) -> tuple[ImportResult, Reference]:
        os.chdir(self.workdir)
        for name in self.job["environ"]:
            os.environ.pop(name, None)
        try:
            confined = isolation.confine(
                NETWORK, max_memory_mb=self.limits.max_memory_mb, timeout_s=self.limits.timeout_s
            )
        except Exception as exc:  # never parse unconfined
            raise UnconfinedError(f"{type(exc).__name__}: {exc}") from exc
        self.confinement = confined.to_dict()
        reference = check.reference_for(inputs, parse_opd_table, read_kecamatan_list)  # stored lists, parsed confined
        try:
            data, filename = inputs.data, inputs.filename
            mappings = inputs.mappings
            result = import_workbook(
                data, filename=filename, reference=reference, limits=self.limits, mappings=mappings
            )
            return result, reference
        except MemoryError:
            return rejection("file.memory", limit=f"{self.limits.max_memory_mb} MB"), reference
        except Exception as exc:  # noqa: BLE001  (any parser failure becomes a message)
            detail = f"{type(exc).__name__}: {str(exc)[:160]}"
            if isolation.is_denied(exc) or isinstance(exc, ImportError):
                self.denied = detail
            return rejection("file.corrupt", detail="detail.worker", error=detail), reference


def run_job(job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Run the command of `job`; return the answer line and the command's standard output."""
    workdir = os.getcwd()
    parse = ConfinedParse(job, workdir)
    os.chdir(job["cwd"])  # the paths are as the person typed them
    os.environ.update(job["environ"])
    argv = list(job["argv"])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = build_parser(requested_lang(argv)).parse_args(argv)
            status = check.check_command(args, parse=parse)
        except SystemExit as exc:  # usage errors: argparse has printed them
            status = exc.code if isinstance(exc.code, int) else EXIT_REJECTED
        except UnconfinedError as exc:
            return {"status": "unconfined", "detail": str(exc)}, b""
        except Exception as exc:  # noqa: BLE001  (one clear line, as the command line does)
            print(t("scli.error", requested_lang(argv), message=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
            status = EXIT_REJECTED
    header: dict[str, Any] = {"status": "ok", "exit": status, "stderr": err.getvalue()}
    if parse.confinement is not None:
        header["confinement"] = parse.confinement
    if parse.denied:
        header["denied"] = parse.denied
    return header, out.getvalue().encode("utf-8")


def main() -> None:
    """Serve one check from stdin; always answer, then end at once."""
    rehearse()
    job = isolation.read_job()
    header, payload = run_job(job)
    isolation.finish(header, payload)


if __name__ == "__main__":
    main()
