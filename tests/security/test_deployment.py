"""Deployment (issue 13, finding 9): the production settings pass `check --deploy`, cookies are
Secure and HttpOnly, no invite token or API key reaches a log, the demo server stops on
SIGTERM, and real gunicorn runs with the shipped configuration."""

import contextlib
import logging
import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from mgplatform.logredact import SecretsFilter, redact
from tests.conftest import PYTHON, ROOT, free_port, project_env, wait_for_http
from tests.platform.test_processes import BIN, migrate

STRONG_KEY = "k3y-" + "Zq8vR1xW" * 7  # 60 characters, many distinct


def production_env(**extra) -> dict:
    env = project_env(DJANGO_SETTINGS_MODULE="mgplatform.settings", DEBUG="false")
    env.update(SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="graph.example.org", **extra)
    for name in ("SECURE_SSL", "DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"):
        if name not in extra:
            env.pop(name, None)
    return env


def manage(env, *args, timeout=120):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_check_deploy_is_clean_for_the_production_settings(tmp_path):
    result = manage(
        production_env(VAR_DIR=str(tmp_path)), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr + result.stdout


def test_production_cookies_and_secure_settings(tmp_path):
    names = (
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "X_FRAME_OPTIONS",
    )
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [PYTHON, "-c", code],
        cwd=ROOT,
        env=production_env(VAR_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    import json

    got = json.loads(result.stdout)
    assert got["SESSION_COOKIE_SECURE"] is got["CSRF_COOKIE_SECURE"] is True
    assert got["SESSION_COOKIE_HTTPONLY"] is got["SECURE_SSL_REDIRECT"] is True
    assert got["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert got["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert got["X_FRAME_OPTIONS"] == "DENY"


@pytest.mark.django_db
def test_cookies_set_in_production_mode_are_secure(client, settings):
    from tests.factories import UserFactory

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    user = UserFactory()
    user.set_password("pw-for-the-test")
    user.save()
    page = client.get("/accounts/login/")
    assert page.cookies["csrftoken"]["secure"] is True
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": "pw-for-the-test"}
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


def test_log_lines_lose_invite_tokens_and_keys():
    line = '"GET /d/homework/join/AbC-123_x/?next=/ HTTP/1.1" 302 Authorization: Bearer mgp_ab12cd34_s3cr3t'
    clean = redact(line)
    assert "AbC-123_x" not in clean
    assert "s3cr3t" not in clean
    assert "/d/homework/join/[token]/" in clean
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s', ("GET /d/x/join/t0k3n/", 302), None
    )
    SecretsFilter().filter(record)
    assert "t0k3n" not in record.getMessage()


@pytest.mark.worker
def test_shipped_gunicorn_keeps_tokens_and_keys_out_of_its_access_log(tmp_path):
    env = project_env(DEBUG="true", VAR_DIR=str(tmp_path / "var"))
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        env.pop(name, None)
    migrate(env)
    port = free_port()
    log_path = tmp_path / "web.log"
    web = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            "python:mgplatform.gunicorn_conf",
            "mgplatform.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz", process=web)
        for path in ("/d/nowhere/join/SeCrEtInViTe42/", "/api/v1/deliberations/?x=1"):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={
                    "Authorization": "Bearer mgp_0badc0de_SeCrEtKeY99",
                    "Referer": f"http://x{path}",
                },
            )
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(request, timeout=10)
        time.sleep(0.5)
    finally:
        web.send_signal(signal.SIGTERM)
        web.wait(timeout=30)
    log = log_path.read_text()
    assert "/d/nowhere/join/[token]/" in log, log[-2000:]
    assert "SeCrEtInViTe42" not in log
    assert "SeCrEtKeY99" not in log
    assert "gthread" in log or "Using worker: gthread" in log or "threads" in log.lower()


def _alive(pid: str) -> bool:
    """Running, not merely a zombie waiting for its parent to collect it."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _port_free(port: int) -> bool:
    """Nothing listens there any more, and a new server (SO_REUSEADDR, as runserver) can bind."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            return False
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.mark.worker
@pytest.mark.slow
def test_demo_server_stops_web_and_worker_on_sigterm(tmp_path):
    from mgplatform.devserver import commands

    env = project_env(DEBUG="true", VAR_DIR=str(tmp_path / "var"))
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        env.pop(name, None)
    migrate(env)
    port = free_port()
    demo = subprocess.Popen(
        [PYTHON, "-m", "mgplatform.devserver", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=(tmp_path / "demo.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz", process=demo)
        children = subprocess.run(
            ["pgrep", "-P", str(demo.pid)], capture_output=True, text=True
        ).stdout.split()
        assert len(children) == len(commands("127.0.0.1", port))  # web, workers, beat
        demo.send_signal(signal.SIGTERM)  # what a process manager or `kill` sends
        assert demo.wait(timeout=40) == 0
        for pid in children:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and _alive(pid):
                time.sleep(0.2)
            assert not _alive(pid), f"child {pid} still runs"
        assert _port_free(port)  # a restart can bind it again
    finally:
        if demo.poll() is None:
            os.killpg(demo.pid, signal.SIGKILL)
