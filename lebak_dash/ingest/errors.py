"""What the reader raises when a file cannot be read as a whole."""

from __future__ import annotations


class ReadError(Exception):
    """A file that cannot be read as a whole.

    Parameters
    ----------
    code : str
        Key of the message in :mod:`lebak_dash.i18n` (``file.*``).
    **params
        Values for the message's placeholders, as data (numbers stay numbers). A ``detail`` is
        itself a message key (``detail.*``) whose placeholders are among the other `params`; the
        importer turns the error into an :class:`~lebak_dash.records.model.Issue`, whose message
        :func:`lebak_dash.i18n.render` writes in the reader's language.
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


def size_text(n: float) -> str:
    """Return a size in bytes as ``600 MB`` (or ``12 KB`` under a megabyte), for limit messages."""
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"
