"""The toy game: batched rounds, checkpoint/resume bit for bit, the experiment driver, learning."""

import io
import json

import numpy as np
import pytest
import torch

from alignment_jobs.game.baselines import make_controller
from alignment_jobs.game.outcomes import Outcome, Verdict
from alignment_jobs.game.profiles import PROFILES
from alignment_jobs.game.toy import ToyConfig, ToyGame, run_experiment

torch.set_num_threads(1)  # small tensors; the machine is shared

SMALL = {"batch_size": 512, "eval_samples": 4000, "solver_steps": 4, "auditor_steps": 4}


def through_a_file(state):
    buffer = io.BytesIO()
    torch.save(state, buffer)
    buffer.seek(0)
    return torch.load(buffer, weights_only=True)


def test_play_is_one_batched_call():
    game = ToyGame(SMALL, seed=0)
    with torch.no_grad():
        batch = game.play(10_000, PROFILES["default"])
    assert batch["outcome"].shape == (10_000,)
    attempted = batch["attempt"]
    assert not batch["correct"][~attempted].any()
    assert (batch["outcome"][~attempted] == Outcome.ABSTAIN).all()
    assert set(batch["verdict"].unique().tolist()) <= {Verdict.PASS, Verdict.FLAG, Verdict.ABSTAIN}
    easy, hard = batch["difficulty"] == 0, batch["difficulty"] == 2
    for mask, p_correct in ((easy, 0.9), (hard, 0.3)):
        accuracy = batch["correct"][mask & attempted].float().mean().item()
        assert accuracy == pytest.approx(p_correct, abs=0.04)


def test_checkpoint_and_resume_are_bit_identical():
    profiles = [PROFILES[n] for n in ("default", "high_abstain", "audit_seeking", "default")]
    straight = ToyGame(SMALL, seed=3)
    expected = [straight.run_iteration(p) for p in profiles]
    first = ToyGame(SMALL, seed=3)
    resumed = [first.run_iteration(p) for p in profiles[:2]]
    state = through_a_file(first.state_dict())
    first.run_iteration(profiles[2])  # training on must not change the saved state
    fresh = ToyGame(SMALL, seed=99)
    fresh.load_state_dict(state)
    resumed += [fresh.run_iteration(p) for p in profiles[2:]]
    assert resumed == expected
    for name, tensor in straight.solver.state_dict().items():
        assert torch.equal(tensor, fresh.solver.state_dict()[name])
    with pytest.raises(ValueError, match="another config"):
        ToyGame({**SMALL, "hidden": 8}).load_state_dict(state)


def test_run_experiment_resumes_exactly():
    config = {**SMALL, "eval_samples": 2000}
    full = run_experiment(config, make_controller("thompson", seed=1), n_iterations=11, seed=2)
    seen, states = [], {}

    def stop_after_nine(iteration, metrics, estimates, profile, state):
        seen.append((iteration, metrics["principal_value"], profile.name, estimates))
        states[iteration] = state
        return iteration < 8  # past the 8-arm warm start: Thompson samples now

    partial = run_experiment(config, make_controller("thompson", seed=1), 11, 2, stop_after_nine)
    assert len(partial["history"]) == 9
    assert [s[0] for s in seen] == list(range(9))
    saved = through_a_file(states[8])
    json.dumps(saved["controller"])
    json.dumps(saved["history"])
    resumed = run_experiment(
        config, make_controller("thompson", seed=42), 11, 2, resume_state=saved
    )
    assert resumed["history"] == full["history"]
    assert resumed["estimates"] == full["estimates"]


def test_config_validation():
    assert ToyConfig.from_dict(ToyConfig().to_dict()) == ToyConfig()
    with pytest.raises(ValueError, match="batchsize: unknown"):
        ToyConfig.from_dict({"batchsize": 10})
    with pytest.raises(ValueError, match="p_correct"):
        ToyConfig(p_correct=(0.9, 1.2, 0.3))
    with pytest.raises(ValueError, match="sum to 1"):
        ToyConfig(difficulty_weights=(0.5, 0.5, 0.5))
    with pytest.raises(ValueError, match="unknown outcome"):
        ToyConfig(principal_values={"hallucinated": 0.0})


def test_solver_only_never_flags_and_matches_compute():
    game = ToyGame(SMALL, seed=0)
    before = [p.clone() for p in game.auditor.parameters()]
    metrics = game.run_iteration(PROFILES["default"], auditor_enabled=False)
    assert metrics["audit_rate"] == 0.0
    assert metrics["caught_rate"] == 0.0
    assert all(torch.equal(a, b) for a, b in zip(before, game.auditor.parameters(), strict=True))
    assert game.solver_opt.state_dict()["state"][0]["step"].item() == 8  # solver + auditor steps


@pytest.mark.parametrize("seed", [0, 1])
def test_the_solver_learns_to_abstain_on_hard_tasks(seed):
    game = ToyGame({"batch_size": 1024, "eval_samples": 6000}, seed=seed)
    untrained = game.evaluate(PROFILES["high_abstain"])
    for _ in range(8):
        metrics = game.run_iteration(PROFILES["high_abstain"])
    # Untrained, the solver's abstentions do not depend on difficulty; under high_abstain an
    # attempt on a hard task is worth at most 0.3 + 0.7·0.1 = 0.37 < 0.55, on an easy one ≥ 0.8.
    assert abs(untrained["abstention_rate_hard"] - untrained["abstention_rate_easy"]) < 0.25
    assert metrics["abstention_rate_hard"] > 0.8
    assert metrics["abstention_rate_easy"] < 0.2
    assert metrics["hallucination_rate"] < untrained["hallucination_rate"]


def test_the_auditor_learns_to_flag_incorrect_answers():
    game = ToyGame({"batch_size": 1024, "eval_samples": 6000}, seed=0)
    for _ in range(8):
        game.run_iteration(PROFILES["audit_seeking"])
    with torch.no_grad():
        batch = game.play(20_000, PROFILES["audit_seeking"], torch.Generator().manual_seed(5))
    flagged = batch["verdict"] == Verdict.FLAG
    incorrect = batch["attempt"] & ~batch["correct"]
    assert flagged[incorrect].float().mean() > flagged[batch["correct"]].float().mean() + 0.3
    assert np.isfinite(list(game.evaluate("audit_seeking").values())).all()
