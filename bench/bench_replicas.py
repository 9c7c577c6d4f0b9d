"""Replicas behind nginx: 40 sessions on Ringkasan while an editor activates a new version, 1 replica against N.

The rounds run in one process, one after another, through the same nginx rules
(``deploy/nginx/``, :mod:`replicas`): ONE replica behind nginx, or N replicas on one shared store
(a fresh copy of the same bench store each round). Each session is a websocket
client (:mod:`st_client`) with its own route cookie, as a browser gets from nginx, changing the
stage filter as fast as its replica answers; a third of the way in, an editor imports and
activates a new version with the command line. Reported per round: throughput, p50 and slowest
page time, errors, how many sessions showed the new version afterwards, sessions per replica,
each replica's peak memory, the cores kept busy by the replicas, nginx and this load client
(CPU seconds over the round's seconds), and the replicas' CPU time per rerun (what bounds the
throughput a machine with more cores can give: cores for the replicas / CPU per rerun); then the
throughput ratio N / 1 over all rounds. Rounds alternate (1 N N 1 ...) so that a machine whose
load drifts during the run does not favour one kind.

Run: ``python bench/bench_replicas.py [--replicas 2] [--sessions 40] [--seconds 40] [--rows 10000] [--repeat 2]
[--postgresql]`` (``--postgresql``: the store migrated into a throwaway PostgreSQL, ``tests/pg.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # tests.pg for --postgresql

from bench_load import STAGE_CHOICES, shows_version
from load_test import LoadResult, _drive, _warm, widget_steps
from replicas import ROUTE_COOKIE, replica_cluster
from serve import ROOT
from stores import copy_store, workbook

HEADER = (
    "| round | sessions | reruns | reruns/s | p50 (s) | slowest (s) | errors | saw new version "
    "| sessions per replica | peak MiB per replica | cores busy: replicas / nginx / client | replica CPU ms per rerun |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def route_cookies(sessions: int) -> list[str]:
    """Return one route cookie per session (32 hex digits, as nginx makes them; fixed, so rounds compare)."""
    rng = random.Random(16)
    return [f"{rng.getrandbits(128):032x}" for _ in range(sessions)]


@dataclass
class Round:
    """One round's figures."""

    replicas: int
    result: LoadResult
    per_replica: str
    peaks: str
    #: CPU seconds used during the load by the replicas (together), nginx, and this load client.
    cpu_replicas: float
    cpu_nginx: float
    cpu_client: float

    def row(self, rows: int) -> str:
        """Return the round's Markdown table row."""
        r = self.result
        name = f"{self.replicas} replica{'s' if self.replicas > 1 else ''} behind nginx ({rows // 1000}k)"
        per_run = self.cpu_replicas / max(1, len(r.ok_runs))
        return (
            f"| {name} | {r.sessions} | {len(r.runs)} | {r.throughput:.2f} | {r.p50:.2f} | {r.slowest:.2f} | "
            f"{r.errors} | {sum(r.saw_effect.values())}/{r.sessions} | {self.per_replica} | {self.peaks} | "
            f"{self.cpu_replicas / r.seconds:.2f} / {self.cpu_nginx / r.seconds:.2f} / "
            f"{self.cpu_client / r.seconds:.2f} | {per_run * 1000:.0f} |"
        )


def _cpu(processes: list[psutil.Process]) -> float:
    """Return the CPU seconds (user + system) used so far by `processes` and their children."""
    total = 0.0
    for process in processes:
        for one in [process, *process.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                times = one.cpu_times()
                total += times.user + times.system
    return total


def store_env(rows: int, folder: Path, postgres: Any = None) -> dict[str, str]:
    """Return the environment of a fresh copy of the bench store of `rows`: a folder, or a new database.

    With `postgres` (a running ``tests.pg.PgServer``), the copy is migrated into a new database of
    it (``python -m lebak_dash migrate``) and each replica keeps its caches in `folder`.
    """
    store = copy_store(rows, folder / "store")
    if postgres is None:
        return {"LEBAK_DATA_DIR": str(store)}
    url = postgres.create_database()
    command = [sys.executable, "-m", "lebak_dash", "migrate", "--from", str(store), "--to", url, "--json"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return {"LEBAK_STORE_URL": url, "LEBAK_CACHE_DIR": str(folder / "cache")}


@contextlib.contextmanager
def postgres_server(wanted: bool) -> Iterator[Any]:
    """Start a throwaway PostgreSQL (``tests/pg.py``, Debian's binaries) when `wanted`, else yield None."""
    if not wanted:
        yield None
        return
    from tests.pg import PgServer, pg_bin  # the test suite's server: initdb as postgres in a temp folder

    bindir = pg_bin()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed: apt-get install -y postgresql")
    server = PgServer(bindir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def round_of(replicas: int, sessions: int, seconds: float, rows: int, folder: Path, postgres: Any = None) -> Round:
    """Run one round of `replicas` replicas behind nginx (a fresh copy of the bench store) and return its figures."""
    env = store_env(rows, folder, postgres)
    new_version = workbook(rows, variant=1)

    def activate() -> None:
        subprocess.run(
            [sys.executable, "-m", "lebak_dash", "import", str(new_version), "--by", "bench", "--note", "replicas",
             "--json"],
            cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True,
        )  # fmt: skip

    cookies = route_cookies(sessions)
    with replica_cluster(replicas, env, folder / "nginx", workers=1) as cluster:
        for replica in cluster.replicas:  # each warmed as by its first visitor
            asyncio.run(_warm(replica.url, ""))
        placed = Counter(cluster.answered_by(cookie)[0] for cookie in cookies)
        servers = [psutil.Process(replica.process.pid) for replica in cluster.replicas]
        nginx = [psutil.Process(cluster.proxy.process.pid)]
        me = psutil.Process()
        before = (_cpu(servers), _cpu(nginx), sum(me.cpu_times()[:2]))
        result = asyncio.run(
            _drive(
                cluster.url,
                "",
                widget_steps("f_tahap", STAGE_CHOICES),
                sessions,
                seconds,
                activate,
                shows_version(2),
                headers=lambda i: {"Cookie": f"{ROUTE_COOKIE}={cookies[i]}"},
            )
        )
        after = (_cpu(servers), _cpu(nginx), sum(me.cpu_times()[:2]))
        return Round(
            replicas,
            result,
            " / ".join(str(placed[cluster.upstream_of(i)]) for i in range(replicas)),
            " / ".join(f"{replica.peak_rss_mb():.0f}" for replica in cluster.replicas),
            *(b - a for a, b in zip(before, after, strict=True)),
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2, help="rounds of each kind, in the order 1 N N 1 ...")
    parser.add_argument("--postgresql", action="store_true", help="the store on a throwaway PostgreSQL (tests/pg.py)")
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}, load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"store: {'PostgreSQL' if args.postgresql else 'embedded (SQLite + files)'}")
    order = [n for k in range(args.repeat) for n in ((1, args.replicas) if k % 2 == 0 else (args.replicas, 1))]
    rounds = []
    with postgres_server(args.postgresql) as postgres:
        for count in order:
            with tempfile.TemporaryDirectory() as tmp:
                rounds.append(round_of(count, args.sessions, args.seconds, args.rows, Path(tmp), postgres))
            print(rounds[-1].row(args.rows), flush=True)
    print()
    print(HEADER)
    print("\n".join(r.row(args.rows) for r in rounds))

    def rate(count: int) -> float:
        chosen = [r.result for r in rounds if r.replicas == count]
        return sum(len(r.ok_runs) for r in chosen) / sum(r.seconds for r in chosen)

    print(f"\nthroughput {args.replicas} replicas / 1 replica (all rounds): {rate(args.replicas) / rate(1):.2f}x")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
