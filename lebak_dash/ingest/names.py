"""Names as people write them: the OPD (with IID's login), spellings grouped, the same innovation twice.

* :func:`opd`: the reference name when the text (or the text without IID's trailing
  ``(login)``) names a listed OPD; otherwise the text as written, with a warning suggesting the
  nearest names, unknown names that differ only in case, spacing or punctuation grouped under the
  form written most often.
* :func:`urusan`: ``Urusan`` and ``Urusan Lain`` grouped the same way (IID mixes ``kesehatan``
  and ``Kesehatan``).
* :func:`same_name_opd`: two accepted rows without a kode with the same name and OPD (compared
  as the importer compares names) are both kept, the later one with a warning naming the first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lebak_dash.ingest.rules import RowIssues, hint, map_unique
from lebak_dash.records.reference import Reference
from lebak_dash.records.textnorm import compact_column
from lebak_dash.records.values import strip_login


def group_spellings(values: pd.Series) -> pd.Series:
    """Return `values` with every spelling replaced by the form written most often among its group.

    Values belong to one group when they are equal case, spacing and punctuation aside; a tie goes
    to the form seen first. Missing values stay missing.

    Examples
    --------
    >>> group_spellings(pd.Series(["kesehatan", "Kesehatan", "kesehatan ", None, "Pendidikan"])).tolist()
    ['kesehatan', 'kesehatan', 'kesehatan', None, 'Pendidikan']
    """
    codes, forms = pd.factorize(values, use_na_sentinel=True)
    if len(forms) == 0:
        return pd.Series(None, index=values.index, dtype=object)
    counts = np.bincount(codes[codes >= 0], minlength=len(forms))
    table = pd.DataFrame({"key": compact_column(pd.Series(forms)).to_numpy(), "n": counts, "seen": range(len(forms))})
    best = table.sort_values(["n", "seen"], ascending=[False, True]).drop_duplicates("key")
    form_of_key = dict(zip(best["key"], forms[best["seen"].to_numpy()], strict=True))
    chosen = np.empty(len(forms) + 1, dtype=object)
    chosen[:-1] = [form_of_key[key] for key in table["key"]]
    chosen[-1] = None  # code -1 (missing)
    return pd.Series(chosen[codes], index=values.index, dtype=object)


def opd(text: pd.Series, reference: Reference, report: pd.Series, issues: RowIssues) -> tuple[pd.Series, pd.Series]:
    """Read the OPD: its name in the OPD list, or as written (grouped) with the nearest known names.

    Returns ``(OPD, known)``: the reference name or the text as written, and whether it matched.
    """

    def match(value: str) -> str | None:
        return reference.match_opd(value) or reference.match_opd(strip_login(value))

    matched = map_unique(text, match)
    unknown = text.notna() & matched.isna()
    if not unknown.any():
        return matched, matched.notna()
    written = map_unique(text.where(unknown), strip_login)
    grouped = group_spellings(written)
    hints = {v: hint(reference.suggest_opd(v)) for v in grouped[unknown].unique()}
    issues.add_rows(
        "row.opd_unknown", "warning", unknown & report, "opd", grouped, lambda v: {"value": v, "hint": hints[v]}
    )
    return matched.where(matched.notna(), grouped), matched.notna()


def urusan(main: pd.Series, other: pd.Series) -> dict[str, pd.Series]:
    """Group ``urusan`` and ``urusan_lain`` spellings together (one form per urusan in both columns)."""
    both = pd.concat([main, other], ignore_index=True)
    grouped = group_spellings(both)
    size = len(main)
    return {
        "urusan": pd.Series(grouped.iloc[:size].to_numpy(), index=main.index, dtype=object),
        "urusan_lain": pd.Series(grouped.iloc[size:].to_numpy(), index=main.index, dtype=object),
    }


def same_name_opd(
    nama: pd.Series, opd_names: pd.Series, kode: pd.Series, accepted: pd.Series, issues: RowIssues
) -> None:
    """Warn about accepted rows without a kode that repeat the name and OPD of an earlier one (both kept)."""
    candidates = accepted & kode.isna()
    if candidates.sum() < 2:
        return
    names = compact_column(nama[candidates])
    agencies = compact_column(opd_names[candidates].astype(object).where(opd_names[candidates].notna(), ""))
    key = names.astype(object).fillna("") + "\x00" + agencies.astype(object).fillna("")
    later = key.duplicated(keep="first")
    if not later.any():
        return
    first_index = key[~later].drop_duplicates()
    first_of = pd.Series(first_index.index, index=first_index.to_numpy())
    for idx in key.index[later.to_numpy()]:
        first = first_of[key.at[idx]]
        issues.add("row.same_name_opd", "warning", idx, "nama", name=nama.at[idx], **issues.where_is(first))
