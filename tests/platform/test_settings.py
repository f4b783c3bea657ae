"""Settings come from the environment, with safe refusals."""

import subprocess

from tests.conftest import PYTHON, ROOT, project_env

SETUP = "import django; django.setup(); from django.conf import settings; print({})"


def run_settings(expr: str, **env):
    base = project_env(DJANGO_SETTINGS_MODULE="mgplatform.settings", **env)
    for name in ("SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "DEBUG"):
        if name not in env:
            base.pop(name, None)
    return subprocess.run(
        [PYTHON, "-c", SETUP.format(expr)],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_debug_and_with_the_default_key():
    result = run_settings("settings.SECRET_KEY", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is the public default" in result.stderr


def test_starts_with_a_real_key():
    result = run_settings("settings.DEBUG", DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_defaults_need_no_server(tmp_path):
    result = run_settings(
        "(settings.DATABASES['default']['ENGINE'], settings.CELERY_BROKER_URL.split(':')[0], "
        "settings.CELERY_RESULT_BACKEND.split(':')[0])",
        DEBUG="true",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "('django.db.backends.sqlite3', 'filesystem', 'file')"


def test_database_and_broker_urls_are_read():
    result = run_settings(
        "(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'], "
        "settings.CELERY_RESULT_BACKEND, settings.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'])",
        DEBUG="true",
        DATABASE_URL="postgres://u@db.example:5432/mg",
        CELERY_BROKER_URL="redis://cache.example:6379/0",
    )
    assert result.returncode == 0, result.stderr
    # A default worker's tasks come back after 10 minutes, not after the GPU job limit.
    assert result.stdout.strip() == (
        "('django.db.backends.postgresql', 'mg', 'redis://cache.example:6379/0', 600)"
    )


def test_operator_commands_work_on_a_fresh_checkout_without_debug_or_a_key(tmp_path):
    """`manage.py` uses the local settings (DEBUG unless set); production's still refuse."""
    env = project_env(VAR_DIR=str(tmp_path))
    for name in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        env.pop(name, None)
    local = subprocess.run(
        [PYTHON, "manage.py", "moralgraph", "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert local.returncode == 0, local.stderr
    assert "snapshot" in local.stdout
    production = subprocess.run(
        [PYTHON, "manage.py", "check"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "mgplatform.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert production.returncode != 0
    assert "SECRET_KEY is the public default" in production.stderr


def test_gpu_workers_keep_their_own_unacked_set_with_the_long_timeout():
    result = run_settings(
        "(settings.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'] > "
        "settings.CELERY_GPU_TASK_TIME_LIMIT, settings.CELERY_BROKER_TRANSPORT_OPTIONS['unacked_key'])",
        DEBUG="true",
        CELERY_BROKER_URL="redis://cache.example:6379/0",
        CELERY_WORKER_KIND="gpu",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(True, 'unacked_gpu')"
