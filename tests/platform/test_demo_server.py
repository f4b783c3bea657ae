"""`make demo`'s last step: one command serves the site and runs a Celery worker; Ctrl-C stops both."""

import json
import signal
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PYTHON, ROOT, free_port, project_env, wait_for_http
from tests.platform.test_processes import filesystem_options, probe_app


@pytest.mark.worker
@pytest.mark.slow
def test_demo_serves_pages_and_its_worker_runs_a_task(tmp_path, monkeypatch):
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_RESULT_BACKEND", raising=False)
    var_dir = tmp_path / "var"
    env = project_env(DEBUG="true", VAR_DIR=str(var_dir))
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        env.pop(name, None)
    for step in (["migrate", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run([PYTHON, "manage.py", *step], cwd=ROOT, env=env, check=True, timeout=300)
    port = free_port()
    log = (tmp_path / "demo.log").open("w")
    demo = subprocess.Popen(
        [PYTHON, "-m", "mgplatform.devserver", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        home = wait_for_http(base + "/", process=demo)
        assert home.status == 200
        assert "What should an AI honour" in home.read().decode()
        admin = wait_for_http(base + "/admin/login/", process=demo)
        assert admin.status == 200
        health = wait_for_http(base + "/healthz", process=demo)
        assert health.status == 200
        assert json.loads(health.read())["status"] == "ok"
        app = probe_app(
            "filesystem://", f"file://{var_dir / 'celery-results'}", filesystem_options(var_dir)
        )
        for queue in ("default", "gpu"):  # one worker each: training never blocks dedupe
            assert app.send_task("mgplatform.ping", queue=queue).get(timeout=90)["pong"] is True
    finally:
        demo.send_signal(signal.SIGINT)  # what Ctrl-C sends
        code = demo.wait(timeout=30)
    assert code == 0, Path(log.name).read_text()[-2000:]
