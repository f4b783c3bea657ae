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
from ..votes.services import vote_cast

CONTENT_PATH = Path(__file__).with_name("demo_deliberation.json")
DEMO_EPOCH = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)  # fixed, so as-of cut-offs are reproducible
VOTERS = 40  # card authors plus participants who only vote
SEEN_PROBABILITY = 0.45  # share of upgrade stories each voter is shown
SEED = 20260112


def demo_slug(content_path: Path = CONTENT_PATH) -> str:
    return json.loads(content_path.read_text())["deliberation"]["slug"]


@dataclass
class DemoResult:
    deliberation: Deliberation
    participants: int
    cards: int
    votes: int


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
        hypotheses.append((hypothesis, float(u["plausibility"])))
    votes = _cast_demo_votes(participants, hypotheses)
    return DemoResult(deliberation, len(participants), len(content["cards"]), votes)


def _cast_demo_votes(participants: dict[int, Participant], hypotheses) -> int:
    """Each voter sees some stories and judges them with the story's plausibility."""
    rng = random.Random(SEED)
    cast = 0
    for number, participant in participants.items():
        for index, (hypothesis, plausibility) in enumerate(hypotheses):
            if rng.random() > SEEN_PROBABILITY:
                continue
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
