"""Several dashboard replicas behind nginx, started and stopped together (the replica test and benchmark).

nginx is Debian's (``/usr/sbin/nginx``), run in the foreground by the caller with a configuration
written to a temporary folder (pid, logs and temporary files in it too) that *includes the
deployment's own files* (``deploy/nginx/lebak-http.conf`` and ``lebak-proxy.conf``): what is
tested and measured is what ``deploy/`` ships. Only the upstream (the replicas' ports), the
listening port, the body size limit and one header naming the replica that answered
(``X-Lebak-Upstream``, for tests; not in ``deploy/``) are written here.

The replicas are ``python -m streamlit run server.py`` (:func:`serve.streamlit_server`) with the
same store: the environment given (``LEBAK_DATA_DIR`` of one shared folder, or
``LEBAK_STORE_URL``), ``LEBAK_TRUSTED_PROXY=127.0.0.1`` added so each sees the client's address.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve import ROOT, Server, free_port, streamlit_server

DEPLOY = ROOT / "deploy" / "nginx"
#: The response header naming the replica that answered (written by :func:`nginx_config` only).
UPSTREAM_HEADER = "X-Lebak-Upstream"
ROUTE_COOKIE = "lebak_route"


def nginx_binary() -> str | None:
    """Return Debian's nginx (``/usr/sbin/nginx`` or on ``PATH``), or None when it is not installed."""
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if os.access(found, os.X_OK) else None


def nginx_main(folder: Path, http: str, workers: int = 1) -> str:
    """Return a whole nginx configuration that keeps its pid, logs and temporary files in `folder`.

    Parameters
    ----------
    folder : Path
        nginx's folder.
    http : str
        What goes in the ``http {}`` context after the temporary paths.
    workers : int
        nginx worker processes.
    """
    temp = "\n".join(
        f"    {name}_temp_path {folder / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers as root: the temp folder is root's
    return f"""daemon off;
master_process on;
worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
{user}events {{ worker_connections 4096; }}
http {{
    access_log off;
{temp}
{http}
}}
"""


def nginx_config(folder: Path, port: int, upstreams: list[str], max_file_mb: float, workers: int = 1) -> str:
    """Return an nginx configuration: the deployment's proxy rules in front of `upstreams`.

    Parameters
    ----------
    folder : Path
        Where nginx keeps its pid, logs and temporary files.
    port : int
        The port nginx listens on (127.0.0.1).
    upstreams : list of str
        ``host:port`` of each replica.
    max_file_mb : float
        ``LEBAK_MAX_FILE_MB`` of the replicas: nginx's ``client_max_body_size`` follows it.
    workers : int
        nginx worker processes.
    """
    servers = "\n".join(f"        server {address} max_fails=0;" for address in upstreams)  # as lebak.conf
    http = f"""    include {DEPLOY}/lebak-http.conf;
    upstream lebak_replicas {{
        hash $lebak_route consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size {max(1, round(max_file_mb))}m;
        add_header {UPSTREAM_HEADER} $upstream_addr always;
        include {DEPLOY}/lebak-proxy.conf;
    }}"""
    return nginx_main(folder, http, workers)


@dataclass
class Proxy:
    """A running nginx: its URL, process and folder."""

    url: str
    port: int
    process: subprocess.Popen
    folder: Path

    def log(self) -> str:
        """Return the end of nginx's error log."""
        try:
            return (self.folder / "error.log").read_text(errors="replace")[-4000:]
        except OSError:
            return ""


@contextlib.contextmanager
def nginx_proxy(upstreams: list[str], folder: Path, max_file_mb: float, workers: int = 1) -> Iterator[Proxy]:
    """Run nginx in front of `upstreams` until the block ends (see :func:`nginx_config`)."""
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx is not installed (apt-get install -y nginx)")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = folder / "nginx.conf"
    config.write_text(nginx_config(folder, port, upstreams, max_file_mb, workers), encoding="utf-8")
    command = [binary, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proxy = Proxy(f"http://127.0.0.1:{port}", port, process, folder)
    try:
        deadline = time.monotonic() + 20
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode(errors="replace") if process.stderr else ""
                raise RuntimeError(f"nginx did not start: {err}\n{proxy.log()}")
            time.sleep(0.05)
        yield proxy
    finally:
        process.terminate()  # SIGTERM: nginx's fast shutdown, the workers end with the master
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/_stcore/health")
        status = connection.getresponse().status
        connection.close()
        return status == 200
    except OSError:
        return False


@dataclass
class Cluster:
    """Replicas and the nginx in front of them."""

    proxy: Proxy
    replicas: list[Server]

    @property
    def url(self) -> str:
        """Return the address a browser opens (nginx)."""
        return self.proxy.url

    def upstream_of(self, replica: int) -> str:
        """Return ``host:port`` of replica `replica`, as nginx's ``X-Lebak-Upstream`` names it."""
        return self.replicas[replica].url.removeprefix("http://")

    def answered_by(self, cookie: str | None) -> tuple[str, str | None]:
        """Return (the replica that answered ``/_stcore/health`` with this route cookie, the cookie nginx set)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.proxy.port, timeout=10)
        headers = {"Cookie": f"{ROUTE_COOKIE}={cookie}"} if cookie else {}
        connection.request("GET", "/_stcore/health", headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        prefix = f"{ROUTE_COOKIE}="
        cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or [] if c.startswith(prefix)]
        return response.getheader(UPSTREAM_HEADER) or "", cookies[0].removeprefix(prefix) if cookies else None

    def cookie_for(self, replica: int, start: int = 0) -> str:
        """Return a route cookie (32 hex digits) that nginx sends to replica `replica`: a browser pinned there."""
        wanted = self.upstream_of(replica)
        for n in range(start, start + 1000):
            cookie = f"{n:032x}"
            if self.answered_by(cookie)[0] == wanted:
                return cookie
        raise RuntimeError(f"no route cookie reaches {wanted}")


@contextlib.contextmanager
def replica_cluster(
    count: int, env: dict[str, str], folder: Path, max_file_mb: float = 100, workers: int = 1
) -> Iterator[Cluster]:
    """Start `count` replicas of ``server.py`` with the store of `env`, and nginx in front, until the block ends.

    Parameters
    ----------
    count : int
        Replicas (started in parallel: start-up is mostly waiting).
    env : dict
        The store of every replica (``LEBAK_DATA_DIR`` or ``LEBAK_STORE_URL``) and any other setting.
    folder : Path
        nginx's folder.
    max_file_mb : float
        ``LEBAK_MAX_FILE_MB`` of the replicas and nginx's body size limit.
    workers : int
        nginx worker processes.
    """
    replica_env = {"LEBAK_TRUSTED_PROXY": "127.0.0.1", "LEBAK_MAX_FILE_MB": str(max_file_mb), **env}
    managers = [streamlit_server(ROOT / "server.py", replica_env) for _ in range(count)]
    with contextlib.ExitStack() as stack:
        with ThreadPoolExecutor(max_workers=count) as pool:
            futures = [pool.submit(manager.__enter__) for manager in managers]
        servers, errors = [], []
        for manager, future in zip(managers, futures, strict=True):
            try:
                servers.append(future.result())
                stack.push(manager)
            except Exception as exc:  # noqa: BLE001 (the others are stopped by the stack, then it is raised)
                errors.append(exc)
        if errors:
            raise errors[0]
        upstreams = [server.url.removeprefix("http://") for server in servers]
        proxy = stack.enter_context(nginx_proxy(upstreams, folder, max_file_mb, workers))
        yield Cluster(proxy, servers)
