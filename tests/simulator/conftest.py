"""Fixtures for simulator tests: one scripted engine per test session (the classifier is cached anyway)."""

from __future__ import annotations

import pytest

from simulator.scripted import ScriptedEngine


@pytest.fixture(scope="session")
def engine() -> ScriptedEngine:
    return ScriptedEngine()
