"""How the customer hears an apology or acknowledgement: sincere, sarcastic, blaming, or none.

There is one empathy judgement in the product, ``language.empathy.judge_sentences`` (the
scorer's): this module only maps its per-sentence labels to the customer's reaction, so
practice and scoring never disagree about a sentence. An apology or acknowledgement the model
reads as cold ("Oh I'm SO sorry you can't read your own bill") is heard as sarcasm; blame and
insults ("calm down", "you should have paid on time") as blame; any empathetic sentence as sincere.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from typing import Literal

from language.empathy import get_model, judge_sentences, split_sentences

logger = logging.getLogger(__name__)

EmpathyKind = Literal["sincere", "sarcastic", "blaming", "none"]

#: How a sneer is delivered: shouted intensifiers, a mocking "oh", or sorrow about what the customer can't do.
_SHOUTED = re.compile(r"\b(?:SO|SOOO+|REALLY|TERRIBLY)\b")  # case matters: shouted, not spoken
_MOCKING = re.compile(r"^\s*oh\b|\bsorry (?:that )?you (?:can'?t|don'?t|didn'?t)\b", re.I)

MAX_SENTENCES = 6
MAX_ENCODED = 3
"""Sentences judged with the encoder per turn (the rest by cue counts), within the reply budget."""


def warm_up(also: Callable[[], object] | None = None) -> None:
    """In a background thread, run ``also`` (e.g. encoding a scenario's example banks) and train the shared
    empathy model, so neither the opening line nor the first question or apology waits for them.

    Both are cached (banks by content, the model per process), so a repeat costs a few lookups.
    """

    def work() -> None:
        try:
            if also is not None:
                also()
            get_model()
        except Exception:  # a failed warm-up only means the first real turn pays the cost
            if not threading.main_thread().is_alive():
                # The command ended first (an empty session): imports now refuse to register exit hooks.
                logger.debug("background warm-up cut short by the process ending", exc_info=True)
                return
            logger.warning("background warm-up failed", exc_info=True)

    # Not a daemon: the interpreter waits for it at exit. A daemon thread still inside the ONNX runtime when a
    # short command ends makes the runtime's thread pool abort the process ("terminate called ...").
    threading.Thread(target=work, name="customer-warm-up", daemon=False).start()


def judge_empathy(text: str) -> EmpathyKind:
    """The customer's reading of the turn's empathy, from the shared per-sentence judgement."""
    parts = split_sentences(text[:2000])[:MAX_SENTENCES]
    if not parts:
        return "none"
    judged = judge_sentences(parts, max_encoded=MAX_ENCODED)
    labels = {j.label for j in judged}
    if "sarcastic" in labels:
        return "sarcastic"
    if labels & {"blaming", "insulting"}:
        return "blaming"
    if any(j.label == "cold" and (_SHOUTED.search(j.text) or _MOCKING.search(j.text)) for j in judged):
        return "sarcastic"  # a cold apology with a sneer in its delivery ("Oh I'm SO sorry you can't...")
    if "empathetic" in labels:
        return "sincere"
    # Any other apology the model reads as cold earns nothing, but does not anger the customer the way a sneer
    # does: a terse "I understand." before the fix is not sarcasm.
    return "none"
