"""axe-core, the accessibility engine, for the browser tests: fetched pinned, checked, run in a page.

The script comes from the npm registry as the package's own tarball, at one pinned version, and
is checked against the registry's published sha512 (``dist.integrity``) before it is used. It is
cached outside the repository (``$XDG_CACHE_HOME/lebak-dash``, else ``~/.cache/lebak-dash``), so
the README's test command needs no extra step: the first browser test session downloads it once
(about 0.7 MB), later ones read the cache (the tarball is checked again on every read). Why this
and not ``npm``: the only tool it needs is Python, which every machine of the project has.

What the app cannot change inside Streamlit's own markup is excluded by selector in
:data:`EXCLUDED`, each with its reason; ``docs/accessibility.md`` lists them too.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

AXE_VERSION = "4.14.1"
AXE_URL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
#: The registry's ``dist.integrity`` of that tarball.
AXE_SHA512 = "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
#: Impacts a page may not have at all.
BLOCKING = ("serious", "critical")

#: Streamlit's own markup the app cannot change: (selector, rule, reason). Findings of that rule
#: whose every node matches the selector are left out; docs/accessibility.md repeats the reasons.
EXCLUDED: tuple[tuple[str, str, str], ...] = ()


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lebak-dash"


def _checked(data: bytes) -> bytes:
    digest = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != AXE_SHA512:
        raise RuntimeError(f"axe-core {AXE_VERSION}: the tarball's sha512 is {digest}, expected {AXE_SHA512}")
    return data


def axe_script() -> str:
    """Return the source of ``axe.min.js`` of the pinned version (downloaded once, hash-checked).

    Raises
    ------
    RuntimeError
        When the tarball does not have the pinned hash.
    """
    cached = _cache_dir() / f"axe-core-{AXE_VERSION}.tgz"
    if cached.is_file():
        data = _checked(cached.read_bytes())
    else:
        with urllib.request.urlopen(AXE_URL, timeout=60) as response:
            data = _checked(response.read())
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(cached)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        member = archive.extractfile("package/axe.min.js")
        if member is None:
            raise RuntimeError(f"axe-core {AXE_VERSION}: no package/axe.min.js in the tarball")
        return member.read().decode("utf-8")


@dataclass(frozen=True)
class Finding:
    """One axe-core violation: its rule, impact, help text, the selectors of its nodes and the start
    of each node's HTML (to tell the app's markup from Streamlit's)."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    html: tuple[str, ...] = ()

    def __str__(self) -> str:
        shown = ", ".join(f"{t} {h}" for t, h in list(zip(self.targets, self.html, strict=False))[:4])
        return f"{self.impact} {self.rule} ({self.help}): {shown}" + (" ..." if len(self.targets) > 4 else "")


def _excluded(rule: str, target: str) -> bool:
    return any(rule == excluded_rule and selector in target for selector, excluded_rule, _ in EXCLUDED)


def run_axe(page: Page, script: str) -> list[Finding]:
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules and best practices) on `page`; return its findings.

    Nodes inside the :data:`EXCLUDED` selectors are taken out of their rule's finding; a finding
    left with no node is dropped.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=script)
    raw = page.evaluate(
        """async () => {
          const result = await axe.run(document, {resultTypes: ['violations']});
          return result.violations.map(v => ({rule: v.id, impact: v.impact || 'minor', help: v.help,
            targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' ')),
            html: v.nodes.map(n => (n.html || '').slice(0, 160))}));
        }"""
    )
    findings = []
    for item in raw:
        kept = [(t, h) for t, h in zip(item["targets"], item["html"], strict=True) if not _excluded(item["rule"], t)]
        if kept:
            targets, html = zip(*kept, strict=True)
            findings.append(Finding(item["rule"], item["impact"], item["help"], targets, html))
    return findings
