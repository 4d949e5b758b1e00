"""Base classes that fix the two validation regimes of the product.

Authored files (scenarios, policies, rubrics) are strict: an unknown key is a
typo a trainer wants to hear about. Imported data (transcripts) is lenient:
real call exports carry keys we do not know, and we keep them as metadata.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Authored data: unknown keys are errors, values are not coerced across types."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class LenientModel(BaseModel):
    """Imported data: unknown keys are kept, not rejected."""

    model_config = ConfigDict(extra="allow")
