"""One function per job, between the pages / CLI / batch and the packages below (no Streamlit here).

``practice`` (start, say, say_audio, control, end_and_score, resume), ``contacts`` (import -> redact -> score ->
store, de-duplicated by content hash), ``authoring`` (validate, save a revision, assign), ``reporting``
(progress, team, exports), ``accounts`` (user management); the QA loop: ``certification`` (pass^k),
``drills`` (a failed criterion on a real call becomes practice), ``disputes``, ``sampling``, ``rescoring``,
``lrs``. Each takes a :class:`services.workspace.Workspace`
(database, effective library, settings) so the app, the CLI and batch workers run the same code.
"""

from __future__ import annotations

from storage.errors import StaleSessionError, StorageError

__all__ = ["StaleSessionError", "StorageError"]
