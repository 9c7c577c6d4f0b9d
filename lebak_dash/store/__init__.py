"""The data store: versions of uploaded workbooks, reference lists, the audit log and editors.

:class:`Store` is the one entry point; everything a caller needs is importable from here.
"""

from lebak_dash.store.facade import (
    ACTIONS,
    ActiveState,
    Candidate,
    ReferenceCandidate,
    ReferenceVersion,
    Store,
    StoreConflictError,
    StoreError,
    Version,
    audit_frame,
    clean_actor,
    versions_frame,
    write_atomic,
)

__all__ = [
    "ACTIONS",
    "ActiveState",
    "Candidate",
    "ReferenceCandidate",
    "ReferenceVersion",
    "Store",
    "StoreConflictError",
    "StoreError",
    "Version",
    "audit_frame",
    "clean_actor",
    "versions_frame",
    "write_atomic",
]
