"""Shared fixtures; services a test needs are checked here, and under CI=true a missing one fails."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
IN_CI = os.environ.get("CI", "").lower() == "true"
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def skip_or_fail(reason: str) -> None:
    """Locally a missing service skips its tests; in CI every marked test must run."""
    if IN_CI:
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def reachable(url: str, timeout: float = 0.5) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=timeout):
            return True
    except OSError:
        return False


def pytest_collection_modifyitems(config, items):
    """GPU tests run only where CUDA is: deselected, not skipped, elsewhere."""
    gpu = [item for item in items if item.get_closest_marker("gpu")]
    if not gpu:
        return
    import torch

    if torch.cuda.is_available():
        return
    config.hook.pytest_deselected(items=gpu)
    items[:] = [item for item in items if not item.get_closest_marker("gpu")]


def pytest_report_header(config):
    return "gpu tests: deselected unless torch.cuda.is_available()"


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            skip_or_fail("the test database is not PostgreSQL (set DATABASE_URL)")
    if item.get_closest_marker("redis") and not reachable(TEST_REDIS_URL):
        skip_or_fail(f"Redis is not reachable at {TEST_REDIS_URL} (set TEST_REDIS_URL)")


@pytest.fixture
def redis_url():
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL)
    client.flushdb()
    yield TEST_REDIS_URL
    client.flushdb()


@pytest.fixture
def shared_data():
    if not SHARED_DATA.is_dir():
        skip_or_fail(f"shared test data not found at {SHARED_DATA}")
    return SHARED_DATA


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout: float = 60, process: subprocess.Popen | None = None):
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            return urllib.request.urlopen(url, timeout=5)
        except urllib.error.HTTPError as exc:
            return exc
        except OSError as exc:
            last = exc
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout}s: {last}")


def project_env(**overrides) -> dict:
    """Environment for a subprocess running the project (manage.py, celery, gunicorn)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"PYTHONUNBUFFERED": "1", **overrides})
    return env


PYTHON = sys.executable


@pytest.fixture
def no_dedupe_worker():
    """Card submission without queueing the dedupe task: for tests of the flow, not of dedupe."""
    from tests.support.queue import dedupe_not_enqueued

    with dedupe_not_enqueued() as enqueue:
        yield enqueue
