"""Celery wiring: JSON only, routes, acks and prefetch, enqueue after commit."""

from unittest import mock

import pytest
from django.conf import settings

from mgplatform.celery import app
from mgplatform.queue import enqueue_on_commit
from mgplatform.tasks import ping


def route(name):
    return app.amqp.router.route({}, name, args=(), kwargs={})["queue"].name


def test_training_tasks_go_to_gpu_queue_and_the_rest_to_default():
    assert route("alignment_jobs.train_job") == "gpu"
    assert route("alignment_jobs.train_round") == "gpu"
    assert route("alignment_jobs.target_build") == "default"
    assert route("moralgraph.dedupe_card") == "default"
    assert route("mgplatform.ping") == "default"


def test_json_only_and_one_task_at_a_time():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.result_accept_content == ["json"]
    assert app.conf.worker_prefetch_multiplier == 1
    # Acked when done, redelivered when the worker dies (issue 13); the tasks are idempotent.
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert "sweep-pending-work" in app.conf.beat_schedule


def test_tasks_are_autodiscovered():
    app.loader.import_default_modules()
    assert "mgplatform.ping" in app.tasks


def test_platform_tasks_are_imported_by_workers():
    assert "mgplatform.tasks" in settings.CELERY_IMPORTS


@pytest.mark.django_db
def test_enqueue_waits_for_commit(django_capture_on_commit_callbacks):
    with mock.patch.object(ping, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            enqueue_on_commit(ping)
        assert delay.call_count == 0  # still inside the test's transaction: nothing sent
        assert len(callbacks) == 1
        callbacks[0]()
        delay.assert_called_once_with()
