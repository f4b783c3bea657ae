"""Job configs: the shipped ones validate; a bad field is named in the error."""

import pytest
from django.core.exceptions import ValidationError

from alignment_jobs.jobs.configs import config_hash, config_load, config_validate, shipped_names


def test_every_shipped_config_validates():
    assert {"toy", "tiny-lm", "tiny-lm-ci", "lm"} <= set(shipped_names())
    for name in shipped_names():
        config = config_validate(config_load(name))
        assert config["setting"] == name.removesuffix("-ci")
        assert config_hash(config) == config_hash(config_validate(config_load(name)))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"iterations": 0}, "iterations"),
        ({"iterations": "3"}, "iterations"),
        ({"seed": -1}, "seed"),
        ({"controller": {"name": "gradient-descent"}}, "controller"),
        (
            {"controller": {"name": "thompson", "options": {"discount": "x", "nope": 1}}},
            "controller",
        ),
        ({"baselines": ["solver_only", "solver_only"]}, "baselines"),
        ({"baselines": ["magic"]}, "baselines"),
        ({"game": {"batch_size": 0}}, "game"),
        ({"game": {"unknown_knob": 1}}, "game"),
        ({"omega": float("nan")}, "omega"),
        ({"setting": "tiny-lm"}, "game"),  # the toy's game block is not an LM game's
        ({"setting": "tiny-lm", "game": {"preset": "huge"}}, "game"),
        ({"setting": "tiny-lm", "game": {"solver_stepz": 3}}, "game"),
        ({"setting": "chess"}, "setting"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_a_bad_config_names_its_field(change, field):
    with pytest.raises(ValidationError) as caught:
        config_validate({**config_load("toy"), **change})
    assert field in caught.value.message_dict


def test_a_missing_or_broken_file_says_so(tmp_path):
    with pytest.raises(ValidationError, match="No config"):
        config_load(str(tmp_path / "missing.json"))
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(ValidationError, match="not JSON"):
        config_load(str(broken))


def test_a_language_model_config_names_a_preset_and_is_stored_in_full():
    config = config_validate(config_load("tiny-lm"))
    assert "preset" not in config["game"]  # normalised: every key, so the hash pins the game
    assert config["game"]["suite"] == "target"
    assert config["game"]["warmup_steps"] == 400  # the job's override of the preset
    assert config["game"]["learning_rate"] == 1e-3  # from the preset
