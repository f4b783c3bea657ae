"""The deterministic card checks: each rule, its message, and what it must not flag."""

import pytest

from moralgraph.cards.checks import ERROR, WARNING, check_card, errors, warnings

GOOD = ["MOMENTS when the child's curiosity shows", "OPTIONS that keep the decision hers"]


def codes(issues):
    return [(i.code, i.field) for i in issues]


def test_a_good_card_passes_cleanly():
    assert check_card("Curiosity-Led Learning", "I follow what lights them up.", GOOD) == []


@pytest.mark.parametrize(
    ("title", "policies", "expected"),
    [
        ("", GOOD, ("title_missing", "title")),
        ("x" * 81, GOOD, ("title_too_long", "title")),
        ("T", [], ("policies_missing", "policies")),
        ("T", ["  ", ""], ("policies_missing", "policies")),
        ("T", [f"MOMENTS number {i}" for i in range(11)], ("policies_too_many", "policies")),
        ("T", ["MOMENTS " + "x" * 300], ("policy_too_long", "policies.1")),
        ("T", ["MOMENTS of calm", "moments  of CALM "], ("policy_duplicate", "policies.2")),
    ],
)
def test_structural_errors(title, policies, expected):
    issues = check_card(title, "", policies)
    assert expected in codes(errors(issues))
    assert all(i.severity == ERROR for i in errors(issues))


def test_limits_are_inclusive():
    assert (
        errors(
            check_card("x" * 80, "", ["MOMENTS " + "x" * 292] + [f"SIGNS {i}" for i in range(9)])
        )
        == []
    )


def test_instructions_are_flagged_with_a_way_forward():
    (issue,) = check_card("T", "", ["Parents should stay calm"])
    assert (issue.code, issue.severity) == ("policy_imperative", WARNING)
    assert "should" in issue.message
    assert "MOMENTS when" in issue.message


@pytest.mark.parametrize(
    "text",
    [
        "Abortion is murder",
        "Defund the police",
        "Abolish homework",
        "#BanHomework",
        "Down with tests!",
        "Taxation is theft",
    ],
)
def test_slogans_and_ideological_statements_are_flagged(text):
    issues = check_card(text, "", GOOD)
    assert ("slogan", "title") in codes(warnings(issues))
    assert "your own choices" in warnings(issues)[0].message


def test_ordinary_words_are_not_flagged():
    # "ban", "end", "must" inside ordinary attentional language should not all trip the rules.
    issues = check_card(
        "Ending the evening well", "Bedtime matters to us.", ["FEELINGS at the end of the day"]
    )
    assert issues == []


def test_policy_shape_hint():
    (issue,) = check_card("T", "", ["I notice when she smiles"])
    assert issue.code == "policy_shape"
    assert issue.severity == WARNING
