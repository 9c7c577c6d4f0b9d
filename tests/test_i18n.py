"""Every user-facing string: both languages, the same placeholders, complete plural forms; every key
the code asks for exists, and every counted one is asked for with its count."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Mapping

import pytest

from lebak_dash.i18n import PLURAL_FORMS, STRINGS, is_counted, render, t

from .conftest import ROOT

SOURCES = [*ROOT.joinpath("pages").glob("*.py"), ROOT / "app.py", *ROOT.joinpath("lebak_dash").rglob("*.py")]


def _fields(template: str) -> set[tuple[str, str]]:
    return {(name, spec) for _text, name, spec, _conv in string.Formatter().parse(template) if name}


def _problems(key: str, entry: Mapping) -> list[str]:
    """What is wrong with one table entry (empty when it is right)."""
    if set(entry) != {"id", "en"}:
        return [f"languages {sorted(entry)}"]
    if not isinstance(entry["id"], str) or not entry["id"].strip():
        return ["Indonesian is one non-empty text (its nouns have no plural forms)"]
    english = entry["en"]
    forms = {"other": english} if isinstance(english, str) else dict(english)
    if set(forms) not in ({"other"}, set(PLURAL_FORMS)):
        return [f"English forms {sorted(forms)}, not {PLURAL_FORMS}"]
    expected = _fields(entry["id"])
    problems = []
    for form, text in forms.items():
        fields = _fields(text)
        # The 'one' form may leave the number out ("The only row was rejected").
        if form == "one":
            fields |= {f for f in expected if f[0] == "count"}
        if not text.strip() or fields != expected:
            problems.append(f"{form}: placeholders {sorted(fields)} != Indonesian {sorted(expected)}")
    return problems


def test_both_languages_with_the_same_placeholders_and_complete_plural_forms():
    found = {key: problems for key in sorted(STRINGS) if (problems := _problems(key, STRINGS[key]))}
    assert found == {}


# Nouns that read wrong after "1" ("1 innovations"): a plain English text must not put one after a
# placeholder; such a string needs plural forms (or the noun passed in from a count.* string).
_COUNTED_NOUN = re.compile(
    r"\{[^}]*\}\)? (innovations|agencies|districts|versions|rows|sheets|months|findings|seconds|"
    r"characters|cells|columns|parts|OPDs)\b"
)


def test_english_counts_have_plural_forms():
    plain = {k: e["en"] for k, e in STRINGS.items() if isinstance(e["en"], str) and _COUNTED_NOUN.search(e["en"])}
    assert plain == {}


def test_every_key_the_dashboard_asks_for_exists():
    used = set()
    for path in SOURCES:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[A-Za-z_.\-]+)["']""", path.read_text()))
    missing = sorted(k for k in used if k not in STRINGS)
    assert missing == []


def test_every_counted_key_is_asked_for_with_its_count():
    """A call naming a counted key passes ``count`` (a keyword, ``**params``, or a ``("count", n)`` pair).

    Row issues get their parameters from a function (``RowIssues.add_rows``): the rules' tests
    render those messages.
    """
    counted = {key for key, entry in STRINGS.items() if is_counted(entry)}
    uncounted = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            keys = [a.value for a in node.args if isinstance(a, ast.Constant) and a.value in counted]
            if not keys or (isinstance(node.func, ast.Attribute) and node.func.attr == "add_rows"):
                continue
            given = any(k.arg in ("count", None) for k in node.keywords) or any(
                isinstance(n, ast.Constant) and n.value == "count" for n in ast.walk(node)
            )
            if not given:
                uncounted.append(f"{path.relative_to(ROOT)}:{node.lineno} {keys[0]}")
    assert uncounted == []


def test_counts_choose_the_form_and_are_grouped_per_language():
    cases = [
        (("daftar.count", "en"), {"count": 1}, "1 innovation shown"),
        (("daftar.count", "en"), {"count": 21}, "21 innovations shown"),
        (("daftar.count", "en"), {"count": 2001}, "2,001 innovations shown"),
        (("daftar.count", "en"), {"count": 0}, "0 innovations shown"),
        (("filter.count", "en"), {"n": "1", "count": 1}, "1 of 1 innovation"),
        (("filter.count", "en"), {"n": "1", "count": 480}, "1 of 480 innovations"),
        (("daftar.count", "id"), {"count": 1}, "1 inovasi ditampilkan"),  # Indonesian: as written
        (("daftar.count", "id"), {"count": 2001}, "2.001 inovasi ditampilkan"),
        (("count.agencies", "en"), {"count": 1}, "1 agency"),
        (("count.agencies", "id"), {"count": 1}, "1 OPD"),
    ]
    assert [t(*args, **params) for args, params, _ in cases] == [expected for *_, expected in cases]


def test_numbers_with_a_format_spec_follow_the_language():
    assert "0,05 detik" in t("file.timeout", "id", count=0.05)
    assert "0.05 seconds" in t("file.timeout", "en", count=0.05)
    assert "1 second." in t("file.timeout", "en", count=1)
    message = t("file.too_many_cells", "id", sheet="Data", count=19_999_800, limit=6_000_000)
    assert "19.999.800 sel (batas 6.000.000)" in message
    assert "19,999,800 cells (limit 6,000,000)" in t(
        "file.too_many_cells", "en", sheet="Data", count=19_999_800, limit=6_000_000
    )


@pytest.mark.parametrize("count", [None, "3", True])
def test_a_counted_string_needs_a_number(count):
    with pytest.raises(TypeError, match="count"):
        t("daftar.count", "en", count=count)


def test_details_are_rendered_in_the_message_language():
    params = {"detail": "detail.part_damaged", "part": "xl/styles.xml"}
    assert "part 'xl/styles.xml' is damaged" in render("file.corrupt", "en", params)
    assert "bagian 'xl/styles.xml' rusak" in render("file.corrupt", "id", params)
    # A detail that is not a detail.* key (older or free text) is shown as it is.
    assert "ValueError: x" in render("file.corrupt", "en", {"detail": "ValueError: x"})
