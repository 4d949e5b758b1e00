"""One module per rubric criterion; each ``score(contact) -> Outcome`` is pure and stateless.

Which scorer serves which criterion is declared once, in :mod:`scoring.registry`.
"""

from __future__ import annotations

from scoring.criteria.base import Outcome, Tip

__all__ = ["Outcome", "Tip"]
