"""Serving the dashboard as the README's Deployment section says (issue 13, finding 10).

One real server (``streamlit run server.py``) over TLS with a self-signed pair made here
(``cryptography``, installed with the dev requirements), ``LEBAK_MAX_FILE_MB=1`` and a viewer
password: the health check answers over https and not over plain http; Streamlit's upload
endpoint takes what ``LEBAK_MAX_FILE_MB`` allows and refuses more (413); and it accepts a file
from a session that never gave the viewer password, the limit docs/security.md asks a reverse
proxy to close.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
import ssl
import subprocess
import sys
import time

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def _self_signed(folder) -> tuple[str, str]:
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    os.chmod(key_file, 0o600)
    return str(cert_file), str(key_file)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    import requests

    folder = tmp_path_factory.mktemp("tls")
    cert, key = _self_signed(folder)
    from lebak_dash.store import Store
    from lebak_dash.store.auth import set_viewer_password

    set_viewer_password(Store.open(folder / "store"), "sandi-penonton-1")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEBAK_") or k == "LEBAK_SCRYPT_LOG2_N"}
    env.update(LEBAK_DATA_DIR=str(folder / "store"), LEBAK_MAX_FILE_MB="1", PYTHONPATH=str(ROOT))
    command = [
        sys.executable, "-m", "streamlit", "run", "server.py",
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false", "--server.sslCertFile", cert, "--server.sslKeyFile", key,
    ]  # fmt: skip
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"https://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/_stcore/health", verify=cert, timeout=2).status_code == 200:
                break
        except requests.RequestException:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(proc.stdout.read().decode(errors="replace") if proc.stdout else "server did not start")
    yield base, cert, port
    proc.terminate()
    proc.wait(timeout=30)


def test_health_over_https_only(tls_server):
    import requests

    base, cert, port = tls_server
    response = requests.get(f"{base}/_stcore/health", verify=cert, timeout=10)
    assert response.status_code == 200 and response.text == "ok"
    with pytest.raises(requests.RequestException):  # plain http on the TLS port: no answer
        requests.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=10)
    with pytest.raises(requests.exceptions.SSLError):  # an unknown certificate is refused
        requests.get(f"{base}/_stcore/health", timeout=10)


def _uploads_in_a_session(base: str, cert: str) -> dict[str, int]:
    """Open a session as a browser does (WebSocket, the script's first run), then upload in it."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect  # the sync client: the browser tests leave an event loop

    context = ssl.create_default_context(cafile=cert)
    url = base.replace("https://", "wss://") + "/_stcore/stream"
    with connect(url, subprotocols=["streamlit"], ssl=context, max_size=None, open_timeout=30) as ws:
        back = BackMsg()
        back.rerun_script.query_string = ""
        ws.send(back.SerializeToString())
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(ws.recv(timeout=60))
            if msg.WhichOneof("type") == "new_session":
                return _uploads(base, cert, msg.new_session.initialize.session_id)  # while the session lives


def _uploads(base: str, cert: str, session: str) -> dict[str, int]:
    import requests

    http = requests.Session()
    http.get(base + "/_stcore/health", verify=cert, timeout=30)  # sets the XSRF cookie, as for a browser
    token = http.cookies.get("_streamlit_xsrf")
    statuses = {}
    for name, size in (("small", 512 * 1024), ("large", 2 * 1024 * 1024)):
        response = http.put(
            f"{base}/_stcore/upload_file/{session}/{name}",
            files={"file": (f"{name}.xlsx", b"x" * size, "application/octet-stream")},
            headers={"X-Xsrftoken": token or ""},
            verify=cert,
            timeout=60,
        )
        statuses[name] = response.status_code
    return statuses


def test_upload_endpoint_follows_the_file_limit_and_ignores_the_viewer_password(tls_server):
    base, cert, _ = tls_server
    statuses = _uploads_in_a_session(base, cert)
    # LEBAK_MAX_FILE_MB=1: 2 MB refused by Streamlit itself; 0.5 MB accepted, by a session that
    # never gave the viewer password (the page's own check cannot stop the endpoint).
    assert statuses == {"small": 204, "large": 413}


def test_upload_limit_follows_the_setting(monkeypatch):
    from streamlit import config

    from lebak_dash.config import Limits
    from lebak_dash.ui.serving import apply_upload_limit

    before = config.get_option("server.maxUploadSize")
    try:
        assert apply_upload_limit(Limits.from_env({"LEBAK_MAX_FILE_MB": "7.5"})) == 8
        assert config.get_option("server.maxUploadSize") == 8
    finally:
        config.set_option("server.maxUploadSize", before)
