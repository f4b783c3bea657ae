"""The shipped `tiny-lm` job on CUDA, when this machine has a GPU (deselected otherwise, see
tests/conftest.py): the same code as on the CPU, on the GPU in bf16."""

import pytest

from alignment_jobs.jobs.configs import config_load
from alignment_jobs.jobs.runner import job_run
from alignment_jobs.jobs.services import job_launch
from alignment_jobs.targets.services import target_build

pytestmark = [pytest.mark.gpu, pytest.mark.django_db]


def test_the_tiny_lm_job_trains_on_the_gpu(graph_world, settings, tmp_path):
    settings.ARTIFACT_ROOT = tmp_path / "artifacts"
    target = target_build(snapshot=graph_world["snapshot"], by=graph_world["owner"])
    config = config_load("tiny-lm")
    config["game"] = {**config["game"], "device": "cuda"}
    job = job_launch(config=config, target=target, by=graph_world["owner"], enqueue=False)
    assert job_run(job.pk, worker="gpu-test") == "succeeded", job.error
    job.refresh_from_db()
    assert job.report["models"]["device"] == "cuda"
    assert job.report["models"]["bf16"] is True
    assert set(job.report["models"]["adapters"]) == {"adaptive", *config["baselines"]}
