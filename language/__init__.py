"""What text means: one judgement shared by the simulator, the scorer and the importers.

Sits above ``domain`` and below ``simulator``, ``scoring`` and ``importers``; it knows
none of them, so a trainee's sentence is judged the same way in practice and in QA.

Public API (import from the module; heavy ones load lazily):

- ``language.text``: ``normalise``, ``clip``, ``sentences``, ``contains_keyword``,
  ``matched_keywords``, ``looks_like_english``.
- ``language.numbers``: ``amounts``, ``dates``, ``identifiers``, ``numbers``,
  ``parse_number_words`` (results: ``Amount``, ``DateMention``, ``Identifier`` with spans).
- ``language.acts``: ``classify(text) -> set[Act]``, ``get_classifier``, ``evaluate``
  (macro-F1 beside a DummyClassifier baseline); cue phrases in ``language.act_cues``.
- ``language.questions``: ``question_type(text) -> QuestionType`` (yes_no / wh / request / none, wh-word).
- ``language.similarity``: ``ExampleBank`` / ``example_bank(examples)`` → ``match(text)`` best cosine
  and example per key; ``MATCH_THRESHOLD``, ``KEYWORD_THRESHOLD``; ``confusions()`` for authoring checks.
- ``language.encoder``: ``get_encoder``, ``cosine_matrix`` (bundled MiniLM int8 ONNX).
- ``language.empathy`` (owned by the scoring helper): the per-sentence empathy judgement.
"""

from __future__ import annotations

from language.encoder import EncoderUnavailableError, SentenceEncoder, cosine_matrix, get_encoder

__all__ = ["EncoderUnavailableError", "SentenceEncoder", "cosine_matrix", "get_encoder"]
