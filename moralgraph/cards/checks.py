"""Deterministic checks of a values card, each with a message a participant can act on.

Errors block submission (structure: lengths, counts, duplicates). Warnings flag content that
is probably not a value in MAI's sense — an instruction instead of something attended to, a
slogan or an ideological statement — and suggest how to turn it into the participant's own
choice; the participant may revise or keep it. Pure: no Django.
"""

import re
from dataclasses import asdict, dataclass

TITLE_MAX = 80
POLICY_MAX = 300
POLICIES_MIN, POLICIES_MAX = 1, 10
DESCRIPTION_MAX = 1000

ERROR, WARNING = "error", "warning"

# "should", "must", "ought to", "have to", "need to": what to do, not what one attends to.
IMPERATIVE = re.compile(
    r"\b(should|shouldn't|must|mustn't|ought to|have to|has to|need to|needs to)\b", re.I
)
# Statements that argue for one social order over another, not a person's own way of choosing.
SLOGAN_PATTERNS = [
    (
        re.compile(
            r"\b[\w\s-]{1,40}\bis\s+(murder|theft|violence|slavery|genocide|a crime|evil)\b", re.I
        ),
        "an accusation",
    ),
    (
        re.compile(
            r"\b(defund|abolish|ban|outlaw|criminali[sz]e|legali[sz]e|repeal|lock up)\s+\w+", re.I
        ),
        "a demand for a policy",
    ),
    (
        re.compile(
            r"\b(down with|no more|stop the|end the|make \w+ great|lives matter|for all!?$)\b", re.I
        ),
        "a slogan",
    ),
    (re.compile(r"#\w+"), "a hashtag"),
    (re.compile(r"!{1,}\s*$"), "an exclamation"),
]
POLICY_SHAPE = re.compile(r"^[A-Z][A-Z'’-]+S?\b")  # a capitalised noun first: "MOMENTS when…"


@dataclass(frozen=True)
class CardIssue:
    code: str
    field: str  # "title", "description", "policies" or "policies.N"
    message: str
    severity: str = ERROR

    def as_dict(self) -> dict:
        return asdict(self)


def normalise_policies(policies) -> list[str]:
    """Trim whitespace and drop empty lines; keep the participant's order and wording."""
    return [p.strip() for p in (policies or []) if p and p.strip()]


def check_card(title: str, description: str, policies: list[str]) -> list[CardIssue]:
    title = (title or "").strip()
    description = (description or "").strip()
    policies = normalise_policies(policies)
    issues: list[CardIssue] = []
    if not title:
        issues.append(CardIssue("title_missing", "title", "Give your value a short title."))
    elif len(title) > TITLE_MAX:
        issues.append(
            CardIssue(
                "title_too_long",
                "title",
                f"The title is {len(title)} characters; keep it to {TITLE_MAX} or fewer.",
            )
        )
    if len(description) > DESCRIPTION_MAX:
        issues.append(
            CardIssue(
                "description_too_long",
                "description",
                f"The description is {len(description)} characters; keep it to {DESCRIPTION_MAX}.",
            )
        )
    if len(policies) < POLICIES_MIN:
        issues.append(
            CardIssue(
                "policies_missing",
                "policies",
                "Add at least one thing you pay attention to when you choose this way.",
            )
        )
    elif len(policies) > POLICIES_MAX:
        issues.append(
            CardIssue(
                "policies_too_many",
                "policies",
                f"You listed {len(policies)} things; keep the {POLICIES_MAX} that matter most.",
            )
        )
    seen: dict[str, int] = {}
    for number, policy in enumerate(policies, 1):
        where = f"policies.{number}"
        if len(policy) > POLICY_MAX:
            issues.append(
                CardIssue(
                    "policy_too_long",
                    where,
                    f"Item {number} is {len(policy)} characters; keep each to {POLICY_MAX}.",
                )
            )
        key = " ".join(policy.lower().split())
        if key in seen:
            issues.append(
                CardIssue("policy_duplicate", where, f"Item {number} repeats item {seen[key]}.")
            )
        seen.setdefault(key, number)
        if IMPERATIVE.search(policy):
            issues.append(
                CardIssue(
                    "policy_imperative",
                    where,
                    f"Item {number} says what to do (“{IMPERATIVE.search(policy).group(0)}”). Describe what you "
                    "notice or look for instead, e.g. “MOMENTS when …”, “SIGNS that …”.",
                    WARNING,
                )
            )
        elif not POLICY_SHAPE.match(policy):
            issues.append(
                CardIssue(
                    "policy_shape",
                    where,
                    f"Item {number}: start with the kind of thing you attend to, in capitals, then what about it — "
                    "e.g. “FEELINGS of overwhelm behind the refusal”.",
                    WARNING,
                )
            )
    for field, text in [("title", title), ("description", description)] + [
        (f"policies.{n}", p) for n, p in enumerate(policies, 1)
    ]:
        for pattern, kind in SLOGAN_PATTERNS:
            if pattern.search(text):
                issues.append(
                    CardIssue(
                        "slogan",
                        field,
                        f"This reads like {kind} about how society should be. A value here is about your own "
                        "choices: what do you pay attention to when you decide what to do?",
                        WARNING,
                    )
                )
                break
    return issues


def errors(issues: list[CardIssue]) -> list[CardIssue]:
    return [i for i in issues if i.severity == ERROR]


def warnings(issues: list[CardIssue]) -> list[CardIssue]:
    return [i for i in issues if i.severity == WARNING]
