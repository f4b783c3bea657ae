"""Real processes: gunicorn serving /healthz, Celery workers on Redis and on the embedded broker."""

import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest
from celery import Celery

from tests.conftest import PYTHON, ROOT, free_port, project_env, wait_for_http

BIN = Path(sys.executable).parent


def start(cmd, env, log_path: Path):
    log = log_path.open("w")
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def migrate(env):
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=180,
    )


@pytest.fixture(autouse=True)
def _probe_apps_use_their_own_urls(monkeypatch):
    # Celery reads these variables in preference to a new app's explicit configuration.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_RESULT_BACKEND", raising=False)


@pytest.fixture
def embedded_env(tmp_path):
    """A private var/ folder: SQLite database and the filesystem broker, as on a bare machine."""
    env = project_env(DEBUG="true", VAR_DIR=str(tmp_path / "var"))
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        env.pop(name, None)
    return env


def probe_app(broker_url: str, backend: str, transport_options: dict) -> Celery:
    app = Celery("probe", broker=broker_url, backend=backend)
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        result_accept_content=["json"],
        broker_transport_options=transport_options,
    )
    return app


def filesystem_options(var_dir: Path) -> dict:
    queue = var_dir / "broker" / "queue"
    return {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(var_dir / "broker" / "processed"),
        "store_processed": False,
        "control_folder": str(var_dir / "broker" / "control"),
    }


def run_worker_ping(env, tmp_path, app: Celery):
    worker = start(
        [
            str(BIN / "celery"),
            "-A",
            "mgplatform",
            "worker",
            "-Q",
            "default",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "--without-mingle",
            "--without-gossip",
        ],
        env,
        tmp_path / "worker.log",
    )
    try:
        result = app.send_task("mgplatform.ping", queue="default").get(timeout=90)
    finally:
        stop(worker)
    return result


@pytest.mark.worker
def test_worker_runs_task_on_embedded_broker(embedded_env, tmp_path):
    var_dir = Path(embedded_env["VAR_DIR"])
    migrate(embedded_env)  # also creates the broker folders, like `make demo`
    app = probe_app(
        "filesystem://",
        f"file://{var_dir / 'celery-results'}",
        filesystem_options(var_dir),
    )
    result = run_worker_ping(embedded_env, tmp_path, app)
    assert result["pong"] is True
    # The worker imported the standard library's platform, not our folder.
    assert result["system"] == platform.system()


@pytest.mark.worker
@pytest.mark.redis
def test_worker_runs_task_on_redis(embedded_env, tmp_path, redis_url):
    env = {**embedded_env, "CELERY_BROKER_URL": redis_url}
    migrate(env)
    app = probe_app(redis_url, redis_url, {})
    result = run_worker_ping(env, tmp_path, app)
    assert result == {"pong": True, "system": platform.system(), "pid": result["pid"]}


@pytest.mark.worker
def test_gunicorn_serves_healthz_with_stdlib_platform(embedded_env, tmp_path):
    migrate(embedded_env)
    port = free_port()
    web = start(
        [
            str(BIN / "gunicorn"),
            "mgplatform.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        embedded_env,
        tmp_path / "web.log",
    )
    try:
        response = wait_for_http(f"http://127.0.0.1:{port}/healthz", process=web)
        body = json.loads(response.read())
    finally:
        stop(web)
    assert response.status == 200, body
    assert body["checks"] == {"database": {"status": "ok"}, "broker": {"status": "ok"}}
    # healthz calls platform.python_version() inside the web process.
    assert body["python"] == platform.python_version()
