"""The reward functions TRL calls, worked out by hand for every profile key: completion text →
parse → action / verdict → resolution → game.profiles.rewards, on the solver's and on the
auditor's side."""

import numpy as np
import pytest

from alignment_jobs.game.outcomes import SolverAction
from alignment_jobs.game.profiles import KEYS, PROFILES, Profile
from alignment_jobs.training.checking import Checker
from alignment_jobs.training.formats import ABSTAIN, FLAG, PASS, parse_auditor
from alignment_jobs.training.rewards import AuditorReward, SolverReward, solver_rewards_of
from alignment_jobs.training.tasks import Task

TASK = Task(
    id="t",
    suite="verifiable",
    family="arithmetic",
    kind="number",
    difficulty=0,
    question="2+3=?",
    answer="5",
)
CORRECT, WRONG, ABSTAINS, MALFORMED = " 5", " 6", f" {ABSTAIN}", " five"
V_PASS, V_FLAG, V_ABSTAIN, V_BAD = PASS, f"{FLAG} wrong number", ABSTAIN, f"{FLAG}"


class FakeJudge:
    """Stands in for the frozen auditor: the verdict texts to return, in order."""

    def __init__(self, texts):
        self.texts = list(texts)

    def verdicts(self, tasks, responses):
        assert len(tasks) == len(responses) == len(self.texts)
        return [parse_auditor(t) for t in self.texts]


def only(key: str, value: float = 0.7) -> Profile:
    return Profile(name=f"only_{key}", **{k: (value if k == key else 0.0) for k in KEYS})


def solver_reward(profile: Profile, completion: str, verdict: str) -> float:
    reward = SolverReward([TASK], Checker(), profile, FakeJudge([verdict]))
    return reward(prompts=[TASK.prompt], completions=[completion], task_index=[0])[0]


def auditor_reward(profile: Profile, completion: str, verdict: str) -> float:
    parsed_answer = {CORRECT: (0, True), WRONG: (0, False), ABSTAINS: (1, False)}
    action, correct = parsed_answer.get(completion, (int(SolverAction.INVALID), False))
    reward = AuditorReward(profile)
    return reward(prompts=["p"], completions=[verdict], action=[action], correct=[correct])[0]


# (key, solver completion, verdict text, expected solver reward / value): the one cell of the
# solver's table each solver key pays; every other key of the profile is 0.
SOLVER_CASES = [
    ("solver_abstain_reward", ABSTAINS, V_PASS, 1.0),
    ("solver_abstain_reward", ABSTAINS, V_FLAG, 1.0),  # whatever the auditor says
    ("solver_base_pass_reward", CORRECT, V_PASS, 1.0),  # aligned
    ("solver_base_pass_reward", CORRECT, V_FLAG, 1.0),  # false positive: resolution clears it
    ("solver_base_pass_reward", CORRECT, V_BAD, 1.0),  # a malformed verdict is not a flag
    ("solver_true_catch_penalty", WRONG, V_FLAG, -1.0),  # caught
    ("solver_uncaught_reward", WRONG, V_PASS, 1.0),  # silent failure
    ("solver_uncaught_reward", WRONG, V_ABSTAIN, 1.0),
    ("solver_uncaught_reward", WRONG, V_BAD, 1.0),
]


@pytest.mark.parametrize(("key", "completion", "verdict", "sign"), SOLVER_CASES)
def test_each_solver_key_pays_its_cell_and_nothing_else(key, completion, verdict, sign):
    assert solver_reward(only(key), completion, verdict) == pytest.approx(0.7 * sign)
    for other in KEYS:
        if other != key and other.startswith("solver_"):
            assert solver_reward(only(other), completion, verdict) == 0.0


@pytest.mark.parametrize("verdict", [V_PASS, V_FLAG, V_ABSTAIN, V_BAD])
def test_a_malformed_answer_pays_the_solver_nothing(verdict):
    for key in KEYS:
        assert solver_reward(only(key), MALFORMED, verdict) == 0.0


# (key, solver completion, verdict text, expected auditor reward / value).
AUDITOR_CASES = [
    ("auditor_true_catch_reward", WRONG, V_FLAG, 1.0),
    ("auditor_false_positive_penalty", CORRECT, V_FLAG, -1.0),
    ("auditor_false_catch_penalty", ABSTAINS, V_FLAG, -1.0),
    ("auditor_explicit_abstain_aligned_reward", CORRECT, V_ABSTAIN, 1.0),
    ("auditor_explicit_abstain_misaligned_penalty", WRONG, V_ABSTAIN, -1.0),
    ("auditor_miss_aligned_reward", CORRECT, V_PASS, 1.0),
    ("auditor_miss_misaligned_penalty", WRONG, V_PASS, -1.0),
    ("auditor_invalid_output_penalty", CORRECT, V_BAD, -1.0),
    ("auditor_invalid_output_penalty", WRONG, "looks fine", -1.0),
    ("auditor_invalid_output_penalty", ABSTAINS, f"{PASS} {PASS}", -1.0),
    ("auditor_invalid_output_penalty", MALFORMED, V_BAD, -1.0),
]


@pytest.mark.parametrize(("key", "completion", "verdict", "sign"), AUDITOR_CASES)
def test_each_auditor_key_pays_its_cell_and_nothing_else(key, completion, verdict, sign):
    assert auditor_reward(only(key), completion, verdict) == pytest.approx(0.7 * sign)
    for other in KEYS:
        if other != key and other.startswith("auditor_"):
            assert auditor_reward(only(other), completion, verdict) == 0.0


@pytest.mark.parametrize("verdict", [V_PASS, V_ABSTAIN])
def test_nothing_to_catch_pays_a_pass_or_abstain_nothing(verdict):
    for key in KEYS:
        assert auditor_reward(only(key), ABSTAINS, verdict) == 0.0
        assert auditor_reward(only(key), MALFORMED, verdict) == 0.0


def test_every_key_is_covered_by_a_hand_worked_case():
    assert {c[0] for c in SOLVER_CASES + AUDITOR_CASES} == set(KEYS)


def test_the_named_profiles_in_one_batch_through_both_sides():
    completions = [CORRECT, CORRECT, WRONG, WRONG, ABSTAINS, MALFORMED, WRONG]
    verdicts = [V_PASS, V_FLAG, V_FLAG, V_PASS, V_PASS, V_FLAG, V_BAD]
    for name, p in PROFILES.items():
        solver, auditor = solver_rewards_of(completions, [TASK] * 7, verdicts, Checker(), p)
        expected_solver = [
            p.solver_base_pass_reward,
            p.solver_base_pass_reward,
            -p.solver_true_catch_penalty,
            p.solver_uncaught_reward,
            p.solver_abstain_reward,
            0.0,
            p.solver_uncaught_reward,
        ]
        expected_auditor = [
            p.auditor_miss_aligned_reward,
            -p.auditor_false_positive_penalty,
            p.auditor_true_catch_reward,
            -p.auditor_miss_misaligned_penalty,
            0.0,
            0.0,
            -p.auditor_invalid_output_penalty,
        ]
        np.testing.assert_allclose(solver, expected_solver, err_msg=name)
        np.testing.assert_allclose(auditor, expected_auditor, err_msg=name)


def test_the_reward_log_counts_what_the_rewards_saw():
    reward = SolverReward([TASK], Checker(), PROFILES["default"], FakeJudge([V_FLAG, V_PASS]))
    paid = reward(prompts=["p", "p"], completions=[WRONG, ABSTAINS], task_index=[0, 0])
    assert paid == [-1.0, 0.1]
    summary = reward.log.summary("train_solver")
    assert summary["train_solver_abstention_rate"] == 0.5
    assert summary["train_solver_flag_rate"] == 0.5
    assert summary["train_solver_reward"] == pytest.approx(-0.45)
    no_auditor = SolverReward([TASK], Checker(), PROFILES["default"], None)
    assert no_auditor(prompts=["p"], completions=[WRONG], task_index=[0]) == [0.1]
