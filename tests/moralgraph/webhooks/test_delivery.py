"""Webhooks delivered to a real HTTP server on 127.0.0.1: signed, retried with backoff on 5xx,
logged per endpoint, redelivered under the same delivery id; URLs checked."""

import json
import logging

import pytest

from moralgraph.models import WebhookDelivery
from moralgraph.snapshots.services import snapshot_create
from moralgraph.tasks import deliver_webhook
from moralgraph.webhooks import signing
from moralgraph.webhooks.addresses import UrlRefused, check_url
from moralgraph.webhooks.services import delivery_redeliver, endpoint_create
from tests.factories import DeliberationFactory, UserFactory, WiserVoteFactory
from tests.support.webhook_receiver import start_receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    receiver, server = start_receiver()
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def hooked(receiver):
    owner = UserFactory()
    d = DeliberationFactory(slug="hooked", owner=owner)
    WiserVoteFactory(participant__deliberation=d)
    endpoint = endpoint_create(
        deliberation=d, url=receiver.url, events=["snapshot.created"], by=owner
    )
    return {"d": d, "owner": owner, "endpoint": endpoint}


def take_snapshot(d, django_capture_on_commit_callbacks) -> WebhookDelivery:
    with django_capture_on_commit_callbacks() as sent:  # enqueued after commit, not before
        snapshot = snapshot_create(deliberation=d, mode="mai")
    assert len(sent) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.payload["snapshot"] == snapshot.pk
    return delivery


def test_snapshot_created_is_delivered_signed(hooked, receiver, django_capture_on_commit_callbacks):
    delivery = take_snapshot(hooked["d"], django_capture_on_commit_callbacks)
    result = deliver_webhook.apply(args=[delivery.pk])
    assert result.get() == {"delivery": delivery.pk, "status": "delivered"}
    (request,) = receiver.requests
    headers, body = request["headers"], request["body"]
    signing.verify(hooked["endpoint"].secret, headers[signing.SIGNATURE_HEADER], body)
    with pytest.raises(signing.SignatureError):
        signing.verify(hooked["endpoint"].secret, headers[signing.SIGNATURE_HEADER], body + b" ")
    with pytest.raises(signing.SignatureError):
        signing.verify("whsec_other", headers[signing.SIGNATURE_HEADER], body)
    document = json.loads(body)
    assert document["id"] == headers[signing.DELIVERY_HEADER] == str(delivery.delivery_id)
    assert (document["event"], headers[signing.EVENT_HEADER]) == ("snapshot.created",) * 2
    assert document["data"]["url"] == f"/api/v1/snapshots/{document['data']['snapshot']}/"
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert delivery.attempts == 1
    assert [a.response_status for a in delivery.log.all()] == [200]
    # Running the task again (a broker redelivering it) sends nothing twice.
    deliver_webhook.apply(args=[delivery.pk])
    assert len(receiver.requests) == 1


def test_5xx_is_retried_with_exponential_backoff(
    hooked, receiver, settings, caplog, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 10
    receiver.script = [500, 503]
    delivery = take_snapshot(hooked["d"], django_capture_on_commit_callbacks)
    # Run eagerly, Celery re-runs a retried task at once; a worker waits out each countdown.
    with caplog.at_level(logging.INFO, logger="celery.app.trace"):
        assert deliver_webhook.apply(args=[delivery.pk]).get()["status"] == "delivered"
    retries = [r.getMessage() for r in caplog.records if "retry: Retry in" in r.getMessage()]
    assert [m.rsplit("Retry in ", 1)[1] for m in retries] == ["10s", "20s"]
    delivery.refresh_from_db()
    assert [a.response_status for a in delivery.log.all()] == [500, 503, 200]
    assert (delivery.attempts, delivery.next_attempt_at) == (3, None)
    assert len({r["headers"][signing.DELIVERY_HEADER] for r in receiver.requests}) == 1
    assert len({r["body"] for r in receiver.requests}) == 1  # the same bytes every time


def test_a_4xx_ends_it_and_attempts_are_capped(
    hooked, receiver, settings, django_capture_on_commit_callbacks
):
    receiver.script = [410]
    gone = take_snapshot(hooked["d"], django_capture_on_commit_callbacks)
    assert deliver_webhook.apply(args=[gone.pk]).get()["status"] == "failed"
    assert gone.log.count() == 1
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.script = [500, 500, 500]
    WebhookDelivery.objects.all().delete()
    down = take_snapshot(hooked["d"], django_capture_on_commit_callbacks)
    assert deliver_webhook.apply(args=[down.pk]).get()["status"] == "failed"
    down.refresh_from_db()
    assert (down.attempts, down.response_status, down.next_attempt_at) == (2, 500, None)


def test_redelivery_sends_the_same_id_again(hooked, receiver, django_capture_on_commit_callbacks):
    delivery = take_snapshot(hooked["d"], django_capture_on_commit_callbacks)
    deliver_webhook.apply(args=[delivery.pk])
    with django_capture_on_commit_callbacks() as sent:
        delivery_redeliver(delivery, by=hooked["owner"])
    assert len(sent) == 1
    deliver_webhook.apply(args=[delivery.pk])
    first, second = receiver.requests
    assert first["headers"][signing.DELIVERY_HEADER] == second["headers"][signing.DELIVERY_HEADER]
    assert first["body"] == second["body"]
    assert delivery.log.count() == 2


def test_only_the_owner_manages_webhooks(hooked, receiver):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        endpoint_create(
            deliberation=hooked["d"], url=receiver.url, events=["job.finished"], by=UserFactory()
        )


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "https://10.1.2.3/hook",
        "http://192.168.0.7/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[fd00::1]/hook",
        "ftp://example.org/hook",
        "javascript:alert(1)",
        "https://user:secret@example.org/hook",
    ],
)
def test_production_refuses_private_and_odd_urls(settings, url):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(UrlRefused):
        check_url(url)


def test_public_addresses_pass_and_tests_allow_loopback(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    assert check_url("https://93.184.215.14/hooks")  # a literal address: no DNS needed
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    assert check_url("http://127.0.0.1:8741/hooks")
    with pytest.raises(UrlRefused):
        check_url("gopher://127.0.0.1/")
