"""Collapse: under the default profile a tiny solver that can add does not retreat into always
abstaining (the failure that TRL's default scale_rewards="group" invites, where a small
abstain bonus gets blown up to a unit advantage), with this package's scale_rewards."""

import pytest

from alignment_jobs.game.baselines import make_controller
from alignment_jobs.training.config import LMConfig
from alignment_jobs.training.driver import run_experiment
from tests.alignment_jobs.training.support import TINY_TEST


@pytest.mark.slow
def test_the_solver_keeps_answering_under_the_default_profile(work_dir):
    config = {**TINY_TEST, "solver_steps": 8, "auditor_steps": 4, "num_generations": 8}
    assert LMConfig.from_dict(config).scale_rewards == "batch"
    result = run_experiment(config, make_controller("fixed_default"), 3, seed=0, work_dir=work_dir)
    before = result["final"]["before"]["metrics"]
    assert before["pass_rate"] > 0.4  # the warm-up gave it skill worth using
    for entry in result["history"]:
        metrics = entry["metrics"]
        assert metrics["abstention_rate"] < 0.5
        assert metrics["train_solver_abstention_rate"] < 0.5
    after = result["final"]["after"]["metrics"]
    assert after["abstention_rate"] < 0.5
    assert after["pass_rate"] > 0.3  # still answering, and still right on two-number sums
