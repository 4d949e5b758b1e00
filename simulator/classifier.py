"""Moved to :mod:`language.acts` (shared with the scorer); kept so old imports keep working."""

from __future__ import annotations

from language.acts import (
    DATA_FILE,
    ActClassifier,
    Example,
    classify,
    evaluate,
    fit,
    get_classifier,
    load_corpus,
)

__all__ = ["DATA_FILE", "ActClassifier", "Example", "classify", "evaluate", "fit", "get_classifier", "load_corpus"]
