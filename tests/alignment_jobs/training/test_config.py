"""LMConfig: validated from a dict (an unknown or bad key is named), and the shipped configs."""

import pytest

from alignment_jobs.training.config import SHIPPED, LMConfig, shipped


def test_unknown_keys_are_rejected_by_name():
    with pytest.raises(ValueError, match=r"^solver_stepz: unknown LM-game option"):
        LMConfig.from_dict({"solver_stepz": 3})
    with pytest.raises(ValueError, match=r"grpo_overrides\.not_a_field"):
        LMConfig.from_dict({"grpo_overrides": {"not_a_field": 1}})


@pytest.mark.parametrize(
    ("given", "key"),
    [
        ({"suite": "poems"}, "suite"),
        ({"suite_mix": {"poetry": 1.0}}, "suite_mix"),
        ({"num_generations": 1}, "num_generations"),
        ({"solver_steps": -1}, "solver_steps"),
        ({"train_size": 2.5}, "train_size"),
        ({"scale_rewards": "sometimes"}, "scale_rewards"),
        ({"tiny_model": {"hidden": 32, "layers": 1, "heads": 2, "width": 3}}, "tiny_model"),
        ({"warmup_difficulty_weights": [1, 1]}, "warmup_difficulty_weights"),
        ({"learning_rate": 0}, "learning_rate"),
        ({"auditor_model": "some/model"}, "auditor_model"),
        ({"eval_sample": "yes"}, "eval_sample"),
    ],
)
def test_bad_values_name_their_key(given, key):
    with pytest.raises(ValueError, match=f"^{key}: expected"):
        LMConfig.from_dict(given)


def test_the_shipped_configs_validate_and_round_trip():
    assert set(SHIPPED) == {"tiny-lm", "tiny-lm-ci", "lm"}
    for name in SHIPPED:
        config = shipped(name)
        assert LMConfig.from_dict(config.to_dict()) == config
    lm = shipped("lm")
    assert lm.use_vllm
    assert lm.vllm_mode == "server"
    assert lm.lora_rank == 16
    assert lm.solver_model != "tiny"
    assert shipped("tiny-lm").scale_rewards == "batch"  # "group" collapses tiny solvers
    with pytest.raises(ValueError, match="no shipped LM config"):
        shipped("huge")


def test_defaults_fill_the_tiny_model():
    config = LMConfig.from_dict({"tiny_model": {"hidden": 48, "layers": 2, "heads": 4}})
    assert config.tiny_model == {
        "hidden": 48,
        "layers": 2,
        "heads": 4,
        "kv_heads": 4,
        "intermediate": 128,
        "max_positions": 128,
    }
