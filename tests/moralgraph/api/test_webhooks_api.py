"""Webhooks through the API and the owner's page: the secret once, a log per endpoint, redelivery."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from moralgraph.models import WebhookDelivery
from moralgraph.webhooks.services import webhook_emit
from tests.factories import DeliberationFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/deliberations/hooked/webhooks/"


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def owner():
    user = UserFactory()
    DeliberationFactory(slug="hooked", owner=user, status="open")
    return user


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_the_secret_is_shown_once_and_the_log_is_per_endpoint(owner):
    client = client_of(owner)
    r = client.post(
        URL, {"url": "http://127.0.0.1:8745/in", "events": ["snapshot.created"]}, format="json"
    )
    assert r.status_code == 201, r.content
    created = r.json()
    assert created["secret"].startswith("whsec_")
    listed = client.get(URL).json()["results"]
    assert [e["id"] for e in listed] == [created["id"]]
    assert "secret" not in listed[0]
    assert "secret" not in client.get(f"{URL}{created['id']}/").json()
    (delivery,) = webhook_emit(
        owner.owned_deliberations.get().pk, "snapshot.created", {"snapshot": 1}
    )
    log = client.get(f"{URL}{created['id']}/deliveries/").json()["results"]
    assert [(d["delivery_id"], d["status"]) for d in log] == [
        (str(delivery.delivery_id), "pending")
    ]
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="failed")
    again = client.post(f"{URL}{created['id']}/deliveries/{delivery.delivery_id}/redeliver/")
    assert again.status_code == 202
    assert again.json()["status"] == "pending"
    assert client.delete(f"{URL}{created['id']}/").status_code == 204


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "ftp://lab.example/in", "events": ["snapshot.created"]}, "url"),
        ({"url": "https://lab.example/in", "events": ["vote.cast"]}, "events"),
        ({"url": "https://lab.example/in", "events": []}, "events"),
    ],
)
def test_bad_endpoints_are_400s_naming_the_field(owner, body, field):
    r = client_of(owner).post(URL, body, format="json")
    assert r.status_code == 400
    assert field in r.content.decode()


def test_production_refuses_a_private_url(owner, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    body = {"url": "http://10.0.0.5/in", "events": ["job.finished"]}
    r = client_of(owner).post(URL, body, format="json")
    assert r.status_code == 400
    assert "private" in r.content.decode()


def test_others_may_not_see_or_add_webhooks(owner):
    stranger = client_of(UserFactory())
    assert stranger.get(URL).status_code == 403
    body = {"url": "https://lab.example/in", "events": ["job.finished"]}
    assert stranger.post(URL, body, format="json").status_code == 403


def test_the_owner_page_adds_an_endpoint_and_shows_its_secret_once(owner, client):
    client.force_login(owner)
    page = "/d/hooked/webhooks/"
    r = client.post(page, {"url": "http://127.0.0.1:8746/in", "events": ["snapshot.created"]})
    assert r.status_code == 200
    secret = owner.owned_deliberations.get().webhook_endpoints.get().secret
    assert secret in r.content.decode()
    assert secret not in client.get(page).content.decode()
    bad = client.post(page, {"url": "ftp://x.example/", "events": ["snapshot.created"]})
    assert "A webhook URL starts with http:// or https://." in bad.content.decode()
