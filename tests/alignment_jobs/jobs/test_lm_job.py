"""A `tiny-lm` job, CI-sized, end to end as `make demo` runs it: the demo deliberation, its
target, the job handed to a real Celery worker on the `gpu` queue, and what it leaves behind
(metrics per iteration, both players' adapters per series, the test-split evaluation before and
after per context, samples per outcome, and a report naming models, adapters and libraries)."""

import json
import signal
import subprocess
from pathlib import Path

import pytest
import torch

from tests.alignment_jobs.jobs.test_worker_death import (
    job_row,
    manage,
    metric_rows,
    start_worker,
    wait_for,
)
from tests.conftest import project_env


@pytest.mark.worker
@pytest.mark.slow
def test_a_tiny_lm_job_runs_through_a_real_worker_and_leaves_adapters_and_a_report(tmp_path):
    var = tmp_path / "var"
    env = project_env(DEBUG="true", VAR_DIR=str(var), ALIGNMENT_JOB_HEARTBEAT_SECONDS="2")
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        env.pop(name, None)
    log, db = tmp_path / "worker.log", var / "db.sqlite3"
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    target = int(manage(env, "alignment", "demo-target"))
    job_id = int(
        manage(
            env, "alignment", "run", "--config", "tiny-lm-ci", "--target", str(target), "--enqueue"
        )
    )
    worker = start_worker(env, log)
    try:
        wait_for(
            lambda: job_row(db, job_id)["status"] in {"succeeded", "failed"},
            420,
            "the job to finish",
            log,
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
    row = job_row(db, job_id)
    assert row["status"] == "succeeded", row["error"]
    config = json.loads(Path("alignment_jobs/jobs/configs/tiny-lm-ci.json").read_text())
    series = ["adaptive", *config["baselines"]]
    rows = metric_rows(db, job_id)
    assert sorted(rows) == sorted((s, i) for s in series for i in range(config["iterations"]))
    for _, values in rows.values():
        assert 0.0 <= values["hallucination_rate"] <= 1.0
        assert "train_solver_reward" in values

    folder = var / "artifacts" / "jobs" / str(job_id)
    for name in series:
        adapters = torch.load(folder / f"adapters-{name}.pt", weights_only=True)
        assert set(adapters) == {"solver", "auditor"}
        assert all(isinstance(t, torch.Tensor) for t in adapters["solver"].values())
    report = json.loads((folder / "report.json").read_text())
    assert report["target"]["id"] == target
    assert {entry["series"] for entry in report["baselineTable"]} == set(series)
    final = report["final"]["adaptive"]
    contexts = final["contexts"]
    assert contexts, "the target suite scores every context it trained on"
    for scores in contexts.values():
        for when in ("before", "after"):
            assert 0.0 <= scores[when]["pass_rate"] <= 1.0
    models = report["models"]
    assert models["solver_base_sha256"] == final["provenance"]["solver_base_sha256"]
    assert len(models["tokenizer"]["sha256"]) == 64
    for name in series:
        assert models["adapters"][name] == report["artifacts"][f"adapters-{name}.pt"]
    assert {"torch", "transformers", "trl", "peft"} <= set(report["libraries"])
    samples = report["samples"]  # the adaptive series': a few test records per outcome
    assert samples
    assert all(records for records in samples.values())
