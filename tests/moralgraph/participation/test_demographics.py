"""Privacy: pseudonymous ids only, demographics aggregated over groups of at least five."""

import json

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from moralgraph.participation.demographics import clean_attributes, demographics_summary
from tests.factories import DeliberationFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliberation():
    owner = UserFactory(username="owner", email="owner@example.org")
    d = DeliberationFactory(slug="p", owner=owner)
    bands = ["25-34"] * 6 + ["35-44"] * 3 + ["65+"] * 1
    for i, band in enumerate(bands):
        ParticipantFactory(
            deliberation=d,
            user__email=f"person{i}@example.org",
            attributes={"age_band": band, "region": "north" if i < 5 else "south"},
        )
    return d


def test_small_groups_are_pooled_or_withheld(deliberation):
    summary = demographics_summary(deliberation)
    assert summary["participants"] == 10
    assert summary["attributes"]["age_band"] == [
        {"value": "25-34", "count": 6},
        {"value": "other", "count": None, "note": "fewer than 5"},
    ]
    assert summary["attributes"]["region"] == [
        {"value": "north", "count": 5},
        {"value": "south", "count": 5},
    ]


def test_api_never_returns_emails_or_usernames(deliberation):
    api = APIClient()
    body = json.dumps(
        [
            api.get(url).json()
            for url in (
                "/api/v1/deliberations/",
                "/api/v1/deliberations/p/",
                "/api/v1/deliberations/p/demographics/",
            )
        ]
    )
    assert "@example.org" not in body
    assert '"owner"' not in body
    assert '"35-44"' not in body  # a group of 3 never appears


def test_attributes_are_validated():
    assert clean_attributes({"age_band": " 25-34 ", "year": 1990}) == {
        "age_band": "25-34",
        "year": "1990",
    }
    for bad in ([1, 2], {"a": {"nested": 1}}, {f"k{i}": "v" for i in range(11)}, {"flag": True}):
        with pytest.raises(ValidationError):
            clean_attributes(bad)
