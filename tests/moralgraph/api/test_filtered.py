"""Filtered graphs on demand through the API: created once, reused after, never the `latest`."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from moralgraph.snapshots.services import snapshot_create
from tests.factories import UserFactory
from tests.moralgraph.snapshots.test_filters import world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
URL = "/api/v1/deliberations/filtered/snapshots/filtered/"


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def lab_client():
    client = APIClient()
    client.force_login(UserFactory())
    return client


def test_a_filter_creates_then_reuses_a_snapshot(world, lab_client):  # noqa: F811
    whole = snapshot_create(deliberation=world["d"], mode="mai")
    body = {"mode": "mai", "filters": {"contexts": ["In the morning"], "untrimmed": True}}
    first = lab_client.post(URL, body, format="json")
    assert first.status_code == 201, first.content
    snapshot = first.json()
    assert snapshot["parameters"]["filters"] == {"contexts": ["In the morning"], "untrimmed": True}
    assert snapshot["counts"]["votes"] == 12
    assert first["Location"].endswith(f"/api/v1/snapshots/{snapshot['id']}/")
    again = lab_client.post(URL, body, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == snapshot["id"]
    export = lab_client.get(f"/api/v1/snapshots/{snapshot['id']}/export/?format=csv")
    assert export.status_code == 200
    latest = lab_client.get("/api/v1/deliberations/filtered/snapshots/latest/").json()
    assert latest["id"] == whole.pk


@pytest.mark.parametrize(
    ("filters", "field"),
    [({"group": "age=rare"}, "group"), ({"question": "nope"}, "question")],
)
def test_bad_filters_are_400s_naming_them(world, lab_client, filters, field):  # noqa: F811
    r = lab_client.post(URL, {"filters": filters}, format="json")
    assert r.status_code == 400
    assert field in r.content.decode()


def test_no_filter_and_no_caller_are_refused(world, lab_client):  # noqa: F811
    assert lab_client.post(URL, {"filters": {}}, format="json").status_code == 400
    assert APIClient().post(URL, {"filters": {"untrimmed": True}}, format="json").status_code == 401
