"""GET /healthz: 200 with the database and broker up, 503 when either is down."""

import pytest
from django.db import OperationalError

from mgplatform import health


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["checks"] == {"database": {"status": "ok"}, "broker": {"status": "ok"}}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_503_when_broker_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_healthz_503_when_embedded_broker_folder_missing(client, settings, tmp_path):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path / "gone")}
    assert client.get("/healthz").status_code == 503


@pytest.mark.django_db
def test_healthz_503_when_database_down(client, monkeypatch):
    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    # The error class is reported, never connection details.
    assert response.json()["checks"]["database"] == {"status": "error", "error": "OperationalError"}


@pytest.mark.django_db
@pytest.mark.redis
def test_healthz_ok_with_redis_broker(client, settings, redis_url):
    settings.CELERY_BROKER_URL = redis_url
    assert client.get("/healthz").status_code == 200


def test_healthz_rejects_post(client):
    assert client.post("/healthz").status_code == 405
