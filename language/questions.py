"""Question type of an utterance: yes/no, wh-, request ("can you give me..."), or not a question.

Used by the simulated customer to give every question a real answer (a yes/no question gets
"yes"/"no", a wh-question the value, a request the thing asked for) and by the scorer to count
open and closed questions. Rules over the first clause: auxiliaries and wh-words are a closed
class, so a few patterns beat a model here and stay explainable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from language.text import normalise, sentences

QuestionKind = Literal["yes_no", "wh", "request", "none"]
WhWord = Literal["what", "when", "where", "which", "who", "why", "how", "how_much", "how_many", "how_long"]

_LEAD = r"^(?:(?:um+|uh+|er+|erm|so|and|okay|ok|right|well|oh|alright|sorry|also|just|great|thanks|thank you)[,.]?\s+)*"
_REQUEST = re.compile(
    _LEAD
    + r"(?:(?:could|can|would|will) you (?:please )?(?:tell|give|confirm|read|spell|send|provide|share|let me know|"
    r"describe|walk me|check|say|repeat)|"
    r"please (?:tell|give|confirm|read|spell|send|provide|share|let me know|describe)|"
    r"(?:may|can|could) i (?:have|take|get|ask for)|i(?:'d| would) like (?:you to|to (?:have|take|get))|"
    r"i need (?:you to|your|the)|tell me|let me (?:have|know)|what'?s your|what is your)\b"
)
_WH = re.compile(_LEAD + r"(?:and |but )?(what|when|where|which|who|whom|whose|why|how)\b")
_YES_NO = re.compile(
    _LEAD + r"(?:and |but )?(?:do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|shall|may|might|"
    r"must|am|isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|won'?t|wouldn'?t|can'?t|"
    r"couldn'?t)\s+(?:not\s+)?(?:you|i|we|it|there|they|he|she|that|this|these|those|anyone|anybody|anything|your|the|my|any)\b"
)
_EMBEDDED_WH = re.compile(
    r"\b(?:know|tell me|wondering|ask|confirm|remember|recall)\s+(what|when|where|which|who|why|how)\b"
)


@dataclass(frozen=True)
class QuestionType:
    """What kind of question a sentence is and, for wh-questions, which wh-word.

    ``sentence`` is the question sentence that decided it (the last question in the turn).
    """

    kind: QuestionKind
    wh: WhWord | None = None
    sentence: str = ""

    @property
    def is_question(self) -> bool:
        return self.kind != "none"


def _wh_word(norm: str, word: str) -> WhWord:
    if word == "how":
        m = re.search(r"\bhow (much|many|long)\b", norm)
        if m:
            return f"how_{m.group(1)}"  # type: ignore[return-value]
    if word in ("whom", "whose"):
        return "who"
    return word  # type: ignore[return-value]


def classify_sentence(sentence: str) -> QuestionType:
    """The question type of one sentence (see :func:`question_type` for whole turns)."""
    norm = normalise(sentence, limit=400)
    if not norm:
        return QuestionType("none")
    asked = norm.endswith("?")
    m = _WH.match(norm)
    if m and not _REQUEST.match(norm):
        return QuestionType("wh", _wh_word(norm, m.group(1)), sentence)
    if _REQUEST.match(norm):
        em = _EMBEDDED_WH.search(norm) or re.search(r"\b(what|when|where|which|who|how)\b", norm)
        return QuestionType("request", _wh_word(norm, em.group(1)) if em else None, sentence)
    if _YES_NO.match(norm):
        em = _EMBEDDED_WH.search(norm)
        if em:  # "do you know when it arrived?" asks for the when
            return QuestionType("wh", _wh_word(norm, em.group(1)), sentence)
        if asked or len(norm.split()) >= 3:
            return QuestionType("yes_no", None, sentence)
    if asked:
        em = re.search(r"\b(what|when|where|which|who|why|how)\b", norm)
        if em:
            return QuestionType("wh", _wh_word(norm, em.group(1)), sentence)
        if re.match(r"(?:any|anything|anyone|something|someone|still|ever|also)\b", norm) or len(norm.split()) <= 2:
            return QuestionType("yes_no", None, sentence)  # "anything still owing?", "receipt?"
        return QuestionType("request", None, sentence)  # "dates and amounts of the payments?" asks for values
    return QuestionType("none")


def question_type(text: str) -> QuestionType:
    """The question a turn asks: its last question sentence (people explain first, then ask).

    Parameters
    ----------
    text : str
        One whole agent turn.

    Returns
    -------
    QuestionType
        ``kind="none"`` when no sentence is a question.
    """
    found = QuestionType("none")
    for sentence in sentences(text):
        qt = classify_sentence(sentence)
        if qt.is_question:
            found = qt
    return found
