"""Shared by the hypotheses tests."""

import pytest

from ..conftest import three_values_world


@pytest.fixture
def world():
    """Deliberation `v`: participants p0, p1, p2 hold the values A, B, C in one context."""
    return three_values_world()
