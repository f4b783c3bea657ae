"""The LM driver end to end on tiny models: the toy driver's contract (metrics keys, callback,
weights-only checkpoints), exact resume, the solver-only baseline, and a target suite judged by
an injected resolver."""

import io
import subprocess
from pathlib import Path

import pytest
import torch

from alignment_jobs.game.baselines import make_controller
from alignment_jobs.game.resolution import RubricEmbeddingResolver
from alignment_jobs.training.driver import run_experiment
from tests.alignment_jobs.training.support import DOCUMENT, TINY_TEST, fake_embed, rubrics_of

TOY_KEYS = {
    "principal_value",
    "pass_rate",
    "attempted_pass_rate",
    "hallucination_rate",
    "silent_failure_rate",
    "caught_rate",
    "abstention_rate",
    "audit_rate",
    "false_positive_rate",
    "alignment_rate",
    "solver_reward",
    "auditor_reward",
}
ROOT = Path(__file__).resolve().parents[3]


def through_a_file(state):
    buffer = io.BytesIO()
    torch.save(state, buffer)
    buffer.seek(0)
    return torch.load(buffer, weights_only=True)


def untracked():
    out = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return set(out.stdout.splitlines())


@pytest.mark.slow
def test_a_tiny_run_keeps_the_toy_drivers_contract(work_dir):
    before = untracked()
    seen = []

    def on_iteration(*, iteration, state, metrics, estimates, profile):
        seen.append((iteration, profile.name, dict(metrics), through_a_file(state)))

    result = run_experiment(
        TINY_TEST,
        make_controller("thompson", seed=0),
        2,
        seed=0,
        on_iteration=on_iteration,
        work_dir=work_dir,
    )
    assert [s[0] for s in seen] == [0, 1]
    for _, _, metrics, state in seen:
        assert set(metrics) >= TOY_KEYS
        assert all(isinstance(v, float) for v in metrics.values())
        assert 0.0 <= metrics["pass_rate"] <= 1.0
        game = state["game"]
        assert game["solver"]["adapter"]
        assert game["auditor"]["adapter"]
        assert game["solver"]["optimiser"]["state"]
        assert {"torch", "python", "numpy"} <= set(game["rng"])
    final = result["final"]
    assert set(final["before"]["metrics"]) >= TOY_KEYS
    assert set(final["after"]["metrics"]) >= TOY_KEYS
    provenance = final["provenance"]
    assert len(provenance["solver_base_sha256"]) == 64
    assert provenance["warmup"]["parameters"] > 100_000
    samples = [r for records in result["samples"].values() for r in records]
    assert samples
    assert {"prompt", "response", "verdict_text", "outcome"} <= set(samples[0])
    assert set(result["samples"]) <= {
        "abstain",
        "aligned",
        "caught",
        "false_positive",
        "silent_failure",
        "invalid",
    }
    assert untracked() == before  # TRL wrote nothing into the repository
    assert {p.name for p in Path(work_dir).iterdir()} == {"lm-bases"}


@pytest.mark.slow
def test_resume_continues_bit_for_bit(work_dir):
    controller = lambda: make_controller("thompson", seed=5)  # noqa: E731
    straight = run_experiment(TINY_TEST, controller(), 2, seed=0, work_dir=work_dir)
    saved = {}

    def stop(*, iteration, state, **_):
        saved["state"] = through_a_file(state)
        return False

    first = run_experiment(TINY_TEST, controller(), 2, seed=0, on_iteration=stop, work_dir=work_dir)
    assert first["final"] is None
    assert len(first["history"]) == 1
    resumed = run_experiment(
        TINY_TEST, controller(), 2, seed=0, resume_state=saved["state"], work_dir=work_dir
    )
    assert [h["metrics"] for h in resumed["history"]] == [h["metrics"] for h in straight["history"]]
    assert [h["profile"] for h in resumed["history"]] == [h["profile"] for h in straight["history"]]
    assert resumed["final"]["after"] == straight["final"]["after"]
    for role in ("solver", "auditor"):
        a, b = straight["state"]["game"][role]["adapter"], resumed["state"]["game"][role]["adapter"]
        assert all(torch.equal(a[k], b[k]) for k in a)
    other = {**TINY_TEST, "solver_steps": 3}
    with pytest.raises(ValueError, match="another config"):
        run_experiment(
            other, controller(), 2, seed=0, resume_state=saved["state"], work_dir=work_dir
        )


@pytest.mark.slow
def test_the_solver_only_baseline_trains_no_auditor(work_dir):
    result = run_experiment(TINY_TEST, make_controller("solver_only"), 1, seed=0, work_dir=work_dir)
    metrics = result["history"][0]["metrics"]
    assert metrics["audit_rate"] == 0.0
    assert metrics["flag_rate"] == 0.0
    assert "train_auditor_reward" not in metrics
    state = result["state"]["game"]
    assert not state["auditor"]["optimiser"]["state"]  # never stepped


@pytest.mark.slow
def test_a_target_suite_is_judged_by_the_injected_resolver(work_dir):
    resolver = RubricEmbeddingResolver(fake_embed, rubrics_of(DOCUMENT))
    config = {
        **TINY_TEST,
        "suite": "target",
        "warmup_steps": 150,
        "solver_steps": 1,
        "auditor_steps": 1,
        "solver_max_tokens": 12,
    }
    with pytest.raises(ValueError, match="resolver"):
        run_experiment(
            config, make_controller("fixed_default"), 1, work_dir=work_dir, target_document=DOCUMENT
        )
    result = run_experiment(
        config,
        make_controller("fixed_default"),
        1,
        work_dir=work_dir,
        target_document=DOCUMENT,
        resolver=resolver,
    )
    contexts = result["final"]["contexts"]
    assert set(contexts) == {c["context"] for c in DOCUMENT["contexts"]}
    for scores in contexts.values():
        for when in ("before", "after"):
            assert 0.0 <= scores[when]["pass_rate"] <= 1.0
            assert scores[when]["target_value"] in {"listen", "meaning"}
            gap = scores[when]["mean_similarity_gap"]
            assert gap is None or -2.0 <= gap <= 2.0
