"""Start a Streamlit server for a benchmark and stop it afterwards."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running server: its URL and process."""

    url: str
    process: subprocess.Popen
    started: float
    ready: float

    def peak_rss_mb(self) -> float:
        """Return the server process's peak resident memory so far (VmHWM), in MiB."""
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")


@contextlib.contextmanager
def streamlit_server(script: Path, env: dict[str, str] | None = None, timeout: float = 60.0) -> Iterator[Server]:
    """Run ``streamlit run script`` on a free port until the block ends.

    Parameters
    ----------
    script : Path
        The app's entry file.
    env : dict, optional
        Extra environment variables (e.g. ``LEBAK_DATA_DIR``).
    timeout : float
        Seconds to wait for ``/_stcore/health``.
    """
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=script.parent, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode(errors="replace")[-2000:])
            if time.perf_counter() - started > timeout:
                raise TimeoutError(f"{script} did not start within {timeout} s")
            time.sleep(0.05)
        yield Server(url, process, started, time.perf_counter())
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
