"""Privacy: pseudonymous ids only; demographics aggregated k-anonymously, rounded, for moderators.

Issue 13, finding 4: the summary was open to anonymous callers, "total minus shown" gave a
suppressed group's size, a join moved a count by one, and free-text attribute names were
published even when one person had them.
"""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from rest_framework.test import APIClient

from moralgraph.participation.anonymity import aggregate_counts
from moralgraph.participation.demographics import clean_attributes, demographics_summary
from tests.factories import DeliberationFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/deliberations/p/demographics/"


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


def _numbers(summary) -> list:
    return [r["count"] for rows in summary["attributes"].values() for r in rows]


def test_no_small_group_can_be_found_by_subtraction(deliberation):
    summary = demographics_summary(deliberation)
    assert summary["participants"] == 10
    # 25-34 (6) shown would leave "not 25-34" = 4 to subtraction: the whole attribute goes,
    # and so does region, whose north/south split would single out 35-44s with 65+.
    for rows in summary["attributes"].values():
        shown = sum(r["count"] for r in rows)
        assert shown == summary["participants"]  # the rows add up: nothing left to subtract
    assert all(n % 5 == 0 and n >= 5 for n in _numbers(summary))
    assert '"35-44"' not in json.dumps(summary)
    assert '"65+"' not in json.dumps(summary)


def test_complement_rows_are_zero_or_at_least_five():
    profiles = [{"age": "25-34"}] * 6 + [{"age": "35-44"}] * 5 + [{}] * 5
    summary = aggregate_counts(profiles)
    assert summary["attributes"]["age"] == [
        {"value": "25-34", "count": 5},  # 6, rounded
        {"value": "35-44", "count": 5},
        {"value": None, "label": "other or not given", "count": 5},
    ]
    assert aggregate_counts([{"age": "25-34"}] * 4) == {
        "minGroupSize": 5,
        "roundedTo": 5,
        "participants": None,
        "note": "fewer than 5",
        "attributes": {},
    }


def test_one_join_does_not_reveal_the_joiner(deliberation):
    before = demographics_summary(deliberation)
    ParticipantFactory(
        deliberation=deliberation, attributes={"age_band": "25-34", "region": "north"}
    )
    assert demographics_summary(deliberation) == before  # 11 people: every count as for 10


def test_rare_attribute_names_are_never_published():
    profiles = [{"age": "25-34"}] * 5 + [{"age": "25-34", "alice@example.org": "yes"}]
    assert "alice" not in json.dumps(aggregate_counts(profiles))


@override_settings(DEMOGRAPHIC_ATTRIBUTES=["age_band"])
def test_only_the_configured_vocabulary_is_asked_and_shown(deliberation):
    assert "region" not in demographics_summary(deliberation)["attributes"]
    with pytest.raises(ValidationError, match="not asked here"):
        clean_attributes({"region": "north"})
    assert clean_attributes({"age_band": "25-34"}) == {"age_band": "25-34"}


def test_only_moderators_read_demographics(deliberation):
    api = APIClient()
    assert api.get(URL).status_code == 401
    api.force_login(deliberation.participants.first().user)
    assert api.get(URL).status_code == 403
    api.force_login(deliberation.owner)
    assert api.get(URL).status_code == 200


def test_api_never_returns_emails_or_usernames(deliberation):
    api = APIClient()
    api.force_login(deliberation.owner)
    body = json.dumps(
        [api.get(url).json() for url in ("/api/v1/deliberations/", "/api/v1/deliberations/p/", URL)]
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
