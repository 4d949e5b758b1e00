"""Fixtures for scoring tests: the shipped default rubric and the billing scenario with its policy packs."""

from __future__ import annotations

import pytest

from domain.loader import Library
from domain.policy import Policy
from domain.rubric import Rubric
from domain.scenario import Scenario


@pytest.fixture(scope="session")
def rubric(library: Library) -> Rubric:
    return library.rubric("default")


@pytest.fixture(scope="session")
def billing(library: Library) -> Scenario:
    return library.scenario("billing-double-charge")


@pytest.fixture(scope="session")
def billing_policies(library: Library, billing: Scenario) -> list[Policy]:
    return library.policies_for(billing)


@pytest.fixture(scope="session")
def real_call_policies(library: Library, rubric: Rubric) -> list[Policy]:
    return [library.policies[p] for p in rubric.policies]
