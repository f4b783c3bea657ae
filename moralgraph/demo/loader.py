"""Load the demo deliberation: questions, contexts, values cards and wiser-than votes.

Idempotent: every row is found by a natural key before it is created, so loading twice
changes nothing. Votes are drawn from a seeded generator, so every machine gets the same graph.
"""

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from ..models import (
    CanonicalValue,
    Context,
    Deliberation,
    EdgeHypothesis,
    Participant,
    Question,
    ValuesCard,
    WiserVote,
)
from ..surveys.services import all_questions, survey_submit
from ..votes.services import vote_cast

CONTENT_PATH = Path(__file__).with_name("demo_deliberation.json")
DEMO_EPOCH = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)  # fixed, so as-of cut-offs are reproducible
VOTERS = 40  # card authors plus participants who only vote
SEEN_PROBABILITY = 0.45  # share of upgrade stories each voter is shown
SEED = 20260112
# Self-reported attributes and the organiser's cohort labels, so the reports on groups have
# something to compare: numbers 1..13 lean left, 14..23 centre, 24..34 right, and six did not say.
POLITICS = [("left", 1, 13), ("centre", 14, 23), ("right", 24, 34)]
AGE_BANDS = ("18-34", "35-54", "55+")
# How much a leaning shifts the chance of judging a move into a value wiser.
LEANING = {
    "left": {"own-wishes": 0.2, "comfort-and-dignity": 0.15, "faith-as-guide": -0.3},
    "right": {"faith-as-guide": 0.3, "keeping-family-whole": 0.2, "own-wishes": -0.25},
}


def demo_slug(content_path: Path = CONTENT_PATH) -> str:
    return json.loads(content_path.read_text())["deliberation"]["slug"]


@dataclass
class DemoResult:
    deliberation: Deliberation
    participants: int
    cards: int
    votes: int


def demo_politics(number: int) -> str | None:
    return next((name for name, lo, hi in POLITICS if lo <= number <= hi), None)


def demo_attributes(number: int) -> dict[str, str]:
    attributes = {"age": AGE_BANDS[number % 3]}
    if demo_politics(number):
        attributes["politics"] = demo_politics(number)
    return attributes


def demo_participant(deliberation: Deliberation, number: int) -> Participant:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=f"demo-participant-{number:02d}", defaults={"is_pseudonymous": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    participant, _ = Participant.objects.get_or_create(
        user=user,
        deliberation=deliberation,
        defaults={"pseudonym": f"demo-voice-{number:02d}", "consented_at": DEMO_EPOCH},
    )
    if not participant.attributes:  # also for demos loaded before they had attributes
        participant.attributes = demo_attributes(number)
        participant.group_labels = ["pilot" if number <= 20 else "main"]
        participant.save(update_fields=["attributes", "group_labels"])
    return participant


@transaction.atomic
def load_demo(owner, content_path: Path = CONTENT_PATH) -> DemoResult:
    content = json.loads(content_path.read_text())
    meta = content["deliberation"]
    deliberation, _ = Deliberation.objects.get_or_create(
        slug=meta["slug"],
        defaults={
            "title": meta["title"],
            "description": meta["description"],
            "owner": owner,
            "status": Deliberation.Status.OPEN,
        },
    )
    contexts = {
        c["key"]: Context.objects.get_or_create(deliberation=deliberation, name=c["name"])[0]
        for c in content["contexts"]
    }
    questions = {}
    for position, q in enumerate(content["questions"]):
        question, _ = Question.objects.get_or_create(
            deliberation=deliberation,
            slug=q["key"],
            defaults={"prompt": q["prompt"], "position": position},
        )
        question.contexts.add(*(contexts[k] for k in q["contexts"]))
        questions[q["key"]] = question
    values = {}
    for i, v in enumerate(content["values"]):
        values[v["key"]], _ = CanonicalValue.objects.get_or_create(
            deliberation=deliberation,
            source_id=f"demo:{v['key']}",
            defaults={
                "title": v["title"],
                "description": v["description"],
                "policies": v["policies"],
                "created_at": DEMO_EPOCH + timedelta(minutes=i),
            },
        )
    participants = {n: demo_participant(deliberation, n) for n in range(1, VOTERS + 1)}
    for i, card in enumerate(content["cards"]):
        ValuesCard.objects.get_or_create(
            author=participants[card["author"]],
            question=questions[card["question"]],
            defaults={
                "title": card["title"],
                "description": card["description"],
                "policies": card["policies"],
                "status": ValuesCard.Status.SUBMITTED,
                "source": ValuesCard.Source.DEMO,
                "provenance": {"source": "demo", "file": content_path.name},
                "canonical_value": values[card["value"]],
                "submitted_at": DEMO_EPOCH + timedelta(hours=1, minutes=i),
            },
        )
    hypotheses = []
    for u in content["upgrades"]:
        hypothesis, _ = EdgeHypothesis.objects.get_or_create(
            deliberation=deliberation,
            from_value=values[u["from"]],
            to_value=values[u["to"]],
            context=contexts[u["context"]],
            source=EdgeHypothesis.Source.DEMO,
            defaults={"story": u["story"]},
        )
        hypotheses.append((hypothesis, float(u["plausibility"]), u["to"]))
    votes = _cast_demo_votes(participants, hypotheses)
    _answer_demo_survey(deliberation, participants)
    return DemoResult(deliberation, len(participants), len(content["cards"]), votes)


def _cast_demo_votes(participants: dict[int, Participant], hypotheses) -> int:
    """Each voter sees some stories and judges them with the story's plausibility."""
    rng = random.Random(SEED)
    cast = 0
    for number, participant in participants.items():
        leaning = LEANING.get(demo_politics(number) or "", {})
        for index, (hypothesis, base, to_key) in enumerate(hypotheses):
            if rng.random() > SEEN_PROBABILITY:
                continue
            plausibility = min(max(base + leaning.get(to_key, 0.0), 0.02), 0.98)
            roll = rng.random()
            if roll < plausibility:
                choice = WiserVote.Choice.WISER
            elif roll < plausibility + (1 - plausibility) * 0.7:
                choice = WiserVote.Choice.NOT_WISER
            else:
                choice = WiserVote.Choice.UNSURE
            vote_cast(
                participant=participant,
                from_value=hypothesis.from_value,
                to_value=hypothesis.to_value,
                context=hypothesis.context,
                choice=choice,
                hypothesis=hypothesis,
                at=DEMO_EPOCH + timedelta(days=1, minutes=number * 60 + index),
            )
            cast += 1
    return cast


# Mean answer (1..5) per leaning; those on the right, whose values won less often, find the
# graph less fair: the survey report then has a difference to show.
SURVEY_MEANS = {"left": 4.2, "centre": 3.9, "right": 3.5, None: 3.8}


def _answer_demo_survey(deliberation: Deliberation, participants: dict[int, Participant]) -> None:
    rng = random.Random(SEED + 1)  # its own stream: the votes stay as they were
    questions = [q["key"] for q in all_questions(deliberation)]
    for number, participant in participants.items():
        if number % 9 == 0:  # a few never answer
            continue
        mean = SURVEY_MEANS[demo_politics(number)]
        answers = {}
        for key in questions:
            shift = -0.6 if key == "graph_fair" and demo_politics(number) == "right" else 0.0
            answers[key] = min(5, max(1, round(rng.gauss(mean + shift, 0.8))))
        placement = {"value_well_placed": answers.pop("value_well_placed")}
        survey_submit(participant=participant, answers=answers)
        survey_submit(participant=participant, answers=placement, kind="placement")
