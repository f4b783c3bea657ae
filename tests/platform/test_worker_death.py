"""Work survives the death of a worker (issue 13, delivery): real Celery workers are killed with
SIGKILL mid-task — the pool's child, then the main process — and afterwards every submitted
card is linked exactly once, on the embedded broker and on Redis.

The embedded (filesystem) broker deletes a message when a worker takes it, so after the main
process dies only the sweep (moralgraph.sweep, run when a worker starts) brings the work back;
on Redis the message itself comes back after the visibility timeout (the sweep is switched off
there to prove it). A child's death is a WorkerLostError: the task is rejected and redelivered.
"""

import json
import os
import signal
import subprocess
import time

import pytest

from tests.conftest import PYTHON, ROOT, project_env
from tests.platform.test_processes import BIN, filesystem_options, migrate, probe_app

pytestmark = [
    pytest.mark.worker,
    pytest.mark.slow,
]
CARDS = 4

MAKE_CARDS = f"""
import json
from tests.factories import ValuesCardFactory, ParticipantFactory, QuestionFactory
person = ParticipantFactory()
question = QuestionFactory(deliberation=person.deliberation)
topics = ["music practice", "tax forms", "mountain hiking", "grief after loss", "chess"]
ids = [ValuesCardFactory(author=person, question=question, canonical_value=None,
        title=f"Care about {{topics[i]}}", description=f"When {{topics[i]}} comes up I slow down.",
        policies=[f"MOMENTS when {{topics[i]}} feels hard"]).pk for i in range({CARDS})]
print(json.dumps(ids))
"""
COUNT = """
import json
from moralgraph.models import CanonicalValue, ValuesCard
cards = ValuesCard.objects.filter(status="submitted")
print(json.dumps({
    "unlinked": cards.filter(canonical_value__isnull=True).count(),
    "values": CanonicalValue.objects.count(),
    "orphan_values": CanonicalValue.objects.filter(cards__isnull=True).count(),
}))
"""


def shell(env, code: str):
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_worker(env, log_path):
    return subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "mgplatform",
            "worker",
            "-Q",
            "default",
            "--concurrency",
            "1",
            "--loglevel",
            "INFO",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=env,
        stdout=log_path.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def kill_group(worker) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=20)


def wait_active(app, timeout=120) -> dict:
    """The first task a worker runs right now (with its child's pid)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replies = app.control.inspect(timeout=1.0).active() or {}
        for tasks in replies.values():
            if tasks:
                return tasks[0]
        time.sleep(0.2)
    raise AssertionError("no task became active")


def wait_for_line(log, text: str, timeout=60) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text():
        assert time.monotonic() < deadline, f"no {text!r} in the worker's log"
        time.sleep(0.2)


def wait_done(env, timeout=240) -> dict:
    deadline = time.monotonic() + timeout
    counts = shell(env, COUNT)
    while counts["unlinked"] and time.monotonic() < deadline:
        time.sleep(2)
        counts = shell(env, COUNT)
    return counts


def scenario(env, app, tmp_path, card_ids):
    log = tmp_path / "worker.log"
    worker = start_worker(env, log)
    try:
        for card_id in card_ids:
            app.send_task("moralgraph.dedupe_card", args=[card_id], queue="default")
        # 1. The child dies mid-task: the task is rejected, redelivered and run by a new child.
        child = wait_active(app)["worker_pid"]
        os.kill(child, signal.SIGKILL)
        wait_for_line(log, "exited with 'signal 9 (SIGKILL)'")
        # 2. The main process dies (all of it) while a task runs; then a new worker starts.
        wait_active(app)
        kill_group(worker)
        worker = start_worker(env, log)
        counts = wait_done(env)
    finally:
        kill_group(worker)
    text = log.read_text()
    assert "exited with 'signal 9 (SIGKILL)'" in text, text[-3000:]  # the child's death
    assert counts == {"unlinked": 0, "values": CARDS, "orphan_values": 0}, text[-3000:]


@pytest.fixture
def base_env(tmp_path, monkeypatch):
    env = project_env(DEBUG="true", VAR_DIR=str(tmp_path / "var"), LLM_BASE_URL="")
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        env.pop(name, None)
        # Celery reads these variables in preference to the probe app's own URLs: left set (as
        # in CI's PostgreSQL pass), the probe sent its tasks to another broker than the worker's.
        monkeypatch.delenv(name, raising=False)
    return env


def test_nothing_is_lost_or_done_twice_on_the_embedded_broker(base_env, tmp_path):
    env = {**base_env, "SWEEP_GRACE_SECONDS": "1"}
    migrate(env)
    card_ids = shell(env, MAKE_CARDS)
    var = tmp_path / "var"
    app = probe_app("filesystem://", f"file://{var / 'celery-results'}", filesystem_options(var))
    scenario(env, app, tmp_path, card_ids)


def test_nothing_is_lost_or_done_twice_on_redis(base_env, tmp_path, redis_url):
    # The sweep is off (an hour's grace): only Redis' own redelivery can bring the work back.
    env = {
        **base_env,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
        "CELERY_DEFAULT_VISIBILITY_TIMEOUT": "5",
        "SWEEP_GRACE_SECONDS": "3600",
    }
    migrate(env)
    card_ids = shell(env, MAKE_CARDS)
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    app = probe_app(redis_url, redis_url, {"visibility_timeout": 5})
    scenario(env, app, tmp_path, card_ids)
