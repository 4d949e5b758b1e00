"""CSV cells that a spreadsheet would run as a formula are neutralised before they are written.

Agent names, transcript ids and error messages come from files and people; a cell beginning with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is executed by Excel, LibreOffice and Google Sheets ("formula
injection", OWASP CSV Injection). Such a cell gets a leading apostrophe, which spreadsheets show as text and
drop from the value. Numbers are written by the code, not people, and stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` unchanged unless it is text starting with a formula trigger; then ``"'" + value``."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row through :func:`safe_cell` (for ``csv.writer``)."""
    return [safe_cell(v) for v in values]


def safe_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every value of a row through :func:`safe_cell` (for ``csv.DictWriter``)."""
    return {k: safe_cell(v) for k, v in row.items()}


def safe_frame(frame: Any) -> Any:
    """A copy of a pandas DataFrame whose text cells (and column names) are neutralised, for ``to_csv``."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype.kind not in "biufcmM":  # text of any dtype (object, str, string, category)
            out[column] = out[column].map(safe_cell)
    out.columns = [safe_cell(c) for c in out.columns]
    return out
