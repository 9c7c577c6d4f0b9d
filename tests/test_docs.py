"""The README's promises, checked: the two quick-start commands, CI running the test command,
the documented limits, the entry point, and pinned dependencies."""

from __future__ import annotations

import dataclasses
import re

from lebak_dash.config import Limits

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    return [line for block in blocks for line in block.splitlines() if line and not line.startswith("#")]


def test_quick_start_is_exactly_two_commands():
    run_app, run_tests = quick_start_commands()
    assert "pip install -r requirements.txt" in run_app and "streamlit run server.py" in run_app
    assert "pip install" in run_tests and run_tests.rstrip().endswith("python -m pytest")
    assert "chromium" in run_tests  # the browser tests need Debian's Chromium


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    _, run_tests = quick_start_commands()
    assert run_tests.strip() in ci.splitlines()


def test_entry_point_serves_the_router():
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(ROOT / "server.py")
    assert found.is_asgi_app and found.app_name == "app"
    assert '"app.py"' in (ROOT / "server.py").read_text(encoding="utf-8")


def test_every_limit_is_documented_with_its_default():
    for field in dataclasses.fields(Limits):
        variable = f"LEBAK_{field.name.upper()}"
        row = next((line for line in README.splitlines() if line.startswith(f"| `{variable}` |")), None)
        assert row, f"{variable} missing from the README's limits table"
        default = str(field.default).removesuffix(".0")
        assert f"| {default} |" in row, (variable, default, row)


def test_upload_limit_matches_the_importer():
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    size = int(re.search(r"^maxUploadSize\s*=\s*(\d+)", config, flags=re.M).group(1))
    assert size == Limits().max_file_mb
    assert re.search(r"^enableXsrfProtection\s*=\s*true", config, flags=re.M)
    # The deployment files say the same: nginx's body limit and the replicas' setting.
    nginx = (ROOT / "deploy" / "nginx" / "lebak.conf").read_text(encoding="utf-8")
    assert re.findall(r"^\s*client_max_body_size\s+(\d+)m;", nginx, flags=re.M) == [str(size)]
    env = (ROOT / "deploy" / "systemd" / "lebak.env.example").read_text(encoding="utf-8")
    assert f"\nLEBAK_MAX_FILE_MB={size}\n" in env


def test_deployment_files_agree_with_each_other_and_the_docs():
    """The replicas' ports are nginx's upstream, the replicas listen on loopback behind a trusted
    proxy, every file of deploy/ is named in docs/deployment.md, which the README points to."""
    nginx = (ROOT / "deploy" / "nginx" / "lebak.conf").read_text(encoding="utf-8")
    unit = (ROOT / "deploy" / "systemd" / "lebak-dasbor@.service").read_text(encoding="utf-8")
    env = (ROOT / "deploy" / "systemd" / "lebak.env.example").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    upstream = re.findall(r"^\s*server 127\.0\.0\.1:(\d+) ", nginx, flags=re.M)
    for unit_name, suffix in (("lebak-dasbor", ""), ("lebak-health", ".timer")):  # a replica and its check per port
        pattern = rf"systemctl enable --now ((?:{unit_name}@\d+{re.escape(suffix)} ?)+)"
        enabled = re.search(pattern, guide).group(1).split()
        assert len(upstream) >= 2 and enabled == [f"{unit_name}@{port}{suffix}" for port in upstream]
    health = (ROOT / "deploy" / "systemd" / "lebak-health@.service").read_text(encoding="utf-8")
    assert "http://127.0.0.1:%i/_stcore/health" in health and "systemctl restart lebak-dasbor@%i" in health
    assert "run server.py" in unit and "--server.address 127.0.0.1 --server.port %i" in unit
    assert "\nLEBAK_TRUSTED_PROXY=127.0.0.1\n" in env and "\nLEBAK_STORE_URL=postgresql://" in env
    for path in sorted((ROOT / "deploy").rglob("*.*")):
        assert path.name in guide, f"{path.name} is not explained in docs/deployment.md"
    assert "docs/deployment.md" in README


def test_dependencies_are_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith("-r "):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.]*", line), f"{name}: {line}"


def test_security_settings_are_documented():
    from lebak_dash.config import TRUSTED_PROXY_ENV
    from lebak_dash.store.auth import COST_ENV, VIEWER_ENV
    from lebak_dash.store.sessions import IDLE_ENV

    for variable in (TRUSTED_PROXY_ENV, COST_ENV, VIEWER_ENV, IDLE_ENV):
        assert f"| `{variable}` |" in README, variable
    assert "**for tests only**" in next(line for line in README.splitlines() if f"`{COST_ENV}`" in line)
    security = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    anchors = re.findall(r"\]\(#([a-z0-9-]+)\)", security.split("## Threat model", 1)[0])
    headings = {
        re.sub(r"[^a-z0-9 -]", "", line[3:].lower()).replace(" ", "-")
        for line in security.splitlines()
        if line.startswith("## ")
    }
    assert anchors and set(anchors) <= headings, set(anchors) - headings
