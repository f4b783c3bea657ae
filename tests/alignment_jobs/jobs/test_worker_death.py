"""A real Celery worker is killed with SIGKILL in the middle of a job; a new worker resumes it.

Nothing is lost and nothing is done twice: every (series, iteration) is stored once, the
iterations stored before the kill are kept as they were, and the resumed job's metrics equal
those of the same job run without interruption.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PYTHON, ROOT, project_env

BIN = Path(sys.executable).parent
CONFIG = {
    "setting": "toy",
    "name": "killed mid-job",
    "iterations": 6,
    "controller": {"name": "ucb1"},
    "baselines": ["fixed_default"],
    "game": {"batch_size": 4096, "solver_steps": 8, "auditor_steps": 8, "eval_samples": 20000},
}


def manage(env, *args) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def start_worker(env, log: Path) -> subprocess.Popen:
    command = [
        str(BIN / "celery"),
        "-A",
        "mgplatform",
        "worker",
        "-Q",
        "default,gpu",
        "--concurrency",
        "1",
        "--loglevel",
        "INFO",
        "--without-mingle",
        "--without-gossip",
    ]
    # Its own process group, so SIGKILL reaches the main process and its pool child at once.
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def job_row(db: Path, job_id: int) -> dict:
    with sqlite3.connect(db, timeout=30) as connection:
        connection.row_factory = sqlite3.Row
        return dict(
            connection.execute(
                "SELECT * FROM alignment_jobs_alignmentjob WHERE id = ?", [job_id]
            ).fetchone()
        )


def metric_rows(db: Path, job_id: int) -> dict:
    with sqlite3.connect(db, timeout=30) as connection:
        rows = connection.execute(
            'SELECT series, iteration, created_at, "values" FROM alignment_jobs_jobmetric WHERE job_id = ?',
            [job_id],
        ).fetchall()
    return {
        (series, iteration): (created, json.loads(values))
        for series, iteration, created, values in rows
    }


def wait_for(predicate, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}; worker log:\n{log.read_text()[-4000:]}")


@pytest.fixture
def broker_env(request, tmp_path):
    env = project_env(
        DEBUG="true",
        VAR_DIR=str(tmp_path / "var"),
        ALIGNMENT_JOB_HEARTBEAT_SECONDS="0.5",
        ALIGNMENT_JOB_STALE_SECONDS="4",
    )
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        env.pop(name, None)
    if request.param == "redis":
        redis_url = request.getfixturevalue("redis_url")
        env.update(CELERY_BROKER_URL=redis_url, CELERY_RESULT_BACKEND=redis_url)
    return env


@pytest.mark.worker
@pytest.mark.slow
@pytest.mark.parametrize(
    "broker_env", ["embedded", pytest.param("redis", marks=pytest.mark.redis)], indirect=True
)
def test_a_job_survives_the_sigkill_of_its_worker(broker_env, tmp_path):
    env, log = broker_env, tmp_path / "worker.log"
    db = Path(env["VAR_DIR"]) / "db.sqlite3"
    config = tmp_path / "config.json"
    config.write_text(json.dumps(CONFIG))
    manage(env, "migrate", "--noinput", "-v0")
    job_id = int(manage(env, "alignment", "run", "--config", str(config), "--enqueue"))
    total = CONFIG["iterations"] * 2

    first = start_worker(env, log)
    try:
        wait_for(lambda: job_row(db, job_id)["iterations_done"] >= 3, 180, "3 iterations", log)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    before = job_row(db, job_id)
    assert before["status"] == "running"  # as the dead worker left it
    assert 3 <= before["iterations_done"] < total
    kept = metric_rows(db, job_id)

    second = start_worker(env, log)
    try:
        wait_for(
            lambda: job_row(db, job_id)["status"] == "succeeded", 240, "the job to finish", log
        )
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(second.pid, signal.SIGKILL)
    after = job_row(db, job_id)
    assert (after["iterations_done"], after["attempts"]) == (total, 2)
    rows = metric_rows(db, job_id)
    assert sorted(rows) == sorted(
        (s, i) for s in ("adaptive", "fixed_default") for i in range(CONFIG["iterations"])
    )
    assert all(rows[key] == kept[key] for key in kept)  # stored before the kill, untouched after

    reference = int(
        manage(env, "alignment", "run", "--config", str(config))
    )  # uninterrupted, in-process
    assert job_row(db, reference)["status"] == "succeeded"
    assert {k: v[1] for k, v in metric_rows(db, reference).items()} == {
        k: v[1] for k, v in rows.items()
    }
