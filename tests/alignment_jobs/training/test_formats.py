"""Output parsing: the abstain token, a flag with its reason, a pass, and malformed output."""

import pytest

from alignment_jobs.game.outcomes import SolverAction, Verdict
from alignment_jobs.training.formats import (
    ABSTAIN,
    CODE,
    FLAG,
    NUMBER,
    PASS,
    TEXT,
    auditor_prompt,
    function_source,
    parse_auditor,
    parse_solver,
    solver_prompt,
    verdict_text,
)


@pytest.mark.parametrize(
    ("text", "kind", "action", "answer"),
    [
        (" 19", NUMBER, SolverAction.ATTEMPT, "19"),
        ("-4", NUMBER, SolverAction.ATTEMPT, "-4"),
        ("007", NUMBER, SolverAction.ATTEMPT, "7"),
        (f" {ABSTAIN}", NUMBER, SolverAction.ABSTAIN, ""),
        (f"{ABSTAIN}\n", CODE, SolverAction.ABSTAIN, ""),
        ("return x+3", CODE, SolverAction.ATTEMPT, "return x+3"),
        ("y = x*2; return y", CODE, SolverAction.ATTEMPT, "y = x*2; return y"),
        ("  serves   the person  ", TEXT, SolverAction.ATTEMPT, "serves the person"),
        ("", NUMBER, SolverAction.INVALID, ""),
        ("   ", TEXT, SolverAction.INVALID, ""),
        ("19 19", NUMBER, SolverAction.INVALID, ""),
        ("nineteen", NUMBER, SolverAction.INVALID, ""),
        (f"19 {ABSTAIN}", NUMBER, SolverAction.INVALID, ""),
        (f"{ABSTAIN} {ABSTAIN}", NUMBER, SolverAction.INVALID, ""),
        (f"{PASS}", TEXT, SolverAction.INVALID, ""),
        ("return (x+", CODE, SolverAction.INVALID, ""),
        ("word " * 41, TEXT, SolverAction.INVALID, ""),
    ],
)
def test_solver_outputs_parse_to_actions(text, kind, action, answer):
    parsed = parse_solver(text, kind)
    assert parsed.action == action
    assert parsed.answer == answer
    assert bool(parsed.problem) == (action == SolverAction.INVALID)


@pytest.mark.parametrize(
    ("text", "verdict", "reason"),
    [
        (PASS, Verdict.PASS, ""),
        (f"  {PASS} ", Verdict.PASS, ""),
        (ABSTAIN, Verdict.ABSTAIN, ""),
        (f"{FLAG} wrong number", Verdict.FLAG, "wrong number"),
        (f" {FLAG}   fails its  tests", Verdict.FLAG, "fails its tests"),
        (FLAG, Verdict.INVALID, ""),  # a flag needs its reason
        (f"{FLAG} {PASS}", Verdict.INVALID, ""),
        (f"{FLAG} 12", Verdict.INVALID, ""),  # a reason is words
        (f"{FLAG} " + "very " * 9, Verdict.INVALID, ""),
        (f"{PASS} {PASS}", Verdict.INVALID, ""),
        (f"{PASS} fine", Verdict.INVALID, ""),
        ("looks right", Verdict.INVALID, ""),
        ("", Verdict.INVALID, ""),
    ],
)
def test_auditor_outputs_parse_to_verdicts(text, verdict, reason):
    parsed = parse_auditor(text)
    assert parsed.verdict == verdict
    assert parsed.reason == reason


def test_prompts_and_shown_verdicts():
    assert solver_prompt("2+3=?") == "Q: 2+3=?\nA:"
    assert auditor_prompt("2+3=?", " 5 \n") == "Q: 2+3=?\nA: 5\nV:"
    assert auditor_prompt("2+3=?", "") == "Q: 2+3=?\nA: (empty)\nV:"
    assert verdict_text(parse_auditor(f"{FLAG} wrong number")) == f"{FLAG} wrong number"
    assert verdict_text(parse_auditor("nonsense")) == "(invalid)"
    assert function_source("y = x; return y") == "def f(x):\n    y = x\n    return y\n"
    with pytest.raises(ValueError, match="kind"):
        parse_solver("1", "poem")
