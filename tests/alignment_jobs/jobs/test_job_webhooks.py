"""`job.finished` reaches the webhooks of the deliberation the job's target came from."""

import json

import pytest

from alignment_jobs.jobs.runner import job_run
from alignment_jobs.jobs.services import job_cancel, job_launch
from alignment_jobs.targets.services import target_build
from moralgraph.models import WebhookDelivery
from moralgraph.tasks import deliver_webhook
from moralgraph.webhooks import signing
from moralgraph.webhooks.services import endpoint_create
from tests.support.webhook_receiver import start_receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    receiver, server = start_receiver()
    yield receiver
    server.shutdown()
    server.server_close()


def test_a_finished_job_is_announced_signed(graph_world, tiny_toy, receiver, settings, tmp_path):
    settings.ARTIFACT_ROOT = tmp_path / "artifacts"
    owner = graph_world["owner"]
    endpoint = endpoint_create(
        deliberation=graph_world["d"], url=receiver.url, events=["job.finished"], by=owner
    )
    target = target_build(snapshot=graph_world["snapshot"], by=owner)
    cancelled = job_launch(config=tiny_toy, target=target, by=owner, enqueue=False)
    job_cancel(cancelled, by=owner)
    ran = job_launch(config=tiny_toy, target=target, by=owner, enqueue=False)
    assert job_run(ran.pk, worker="test") == "succeeded"
    # snapshot.created was not asked for: only the two jobs' events.
    deliveries = list(WebhookDelivery.objects.order_by("id"))
    assert [(d.event, d.payload["job"], d.payload["status"]) for d in deliveries] == [
        ("job.finished", cancelled.pk, "cancelled"),
        ("job.finished", ran.pk, "succeeded"),
    ]
    deliver_webhook.apply(args=[deliveries[1].pk])
    (request,) = receiver.requests
    signing.verify(endpoint.secret, request["headers"][signing.SIGNATURE_HEADER], request["body"])
    data = json.loads(request["body"])["data"]
    assert data["snapshot"] == graph_world["snapshot"].pk
    assert data["url"] == f"/api/v1/jobs/{ran.pk}/"
