"""What text means: one judgement shared by the simulator, the scorer and the importers.

Sits above ``domain`` and below ``simulator``, ``scoring`` and ``importers``; it knows
none of them, so a trainee's sentence is judged the same way in practice and in QA.
"""

from __future__ import annotations

from language.encoder import EncoderUnavailableError, SentenceEncoder, cosine_matrix, get_encoder

__all__ = ["EncoderUnavailableError", "SentenceEncoder", "cosine_matrix", "get_encoder"]
