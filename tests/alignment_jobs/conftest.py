"""A small moral graph with a snapshot, and a toy-job config small enough to run in a second."""

from datetime import timedelta

import pytest
from django.utils import timezone

from moralgraph.snapshots.services import snapshot_create
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    ParticipantFactory,
    QuestionFactory,
    UserFactory,
    WiserVoteFactory,
)

# Two series (the adaptive controller and one baseline), three outer iterations each.
TINY_TOY = {
    "setting": "toy",
    "name": "tiny",
    "iterations": 3,
    "controller": {"name": "thompson", "options": {}},
    "baselines": ["fixed_default"],
    "game": {"batch_size": 256, "solver_steps": 2, "auditor_steps": 2, "eval_samples": 2000},
}


@pytest.fixture
def tiny_toy():
    return {**TINY_TOY, "game": dict(TINY_TOY["game"])}


@pytest.fixture
def graph_world(db):
    """Homework: 3 values, 12 voters who find B wiser than A and C wiser than B in one situation."""
    owner = UserFactory(username="organiser")
    deliberation = DeliberationFactory(slug="homework", title="Homework help", owner=owner)
    context = ContextFactory(deliberation=deliberation, name="When the child refuses homework")
    QuestionFactory(
        deliberation=deliberation,
        prompt="My child refuses homework. What should the AI do?",
        contexts=[context],
    )
    a, b, c = (
        CanonicalValueFactory(
            deliberation=deliberation,
            title=t,
            policies=[f"MOMENTS of {t.lower()}", f"CHOICES that honour {t.lower()}"],
        )
        for t in ("Getting it done", "Curiosity first", "Her own decision")
    )
    earlier = timezone.now() - timedelta(hours=1)
    for _ in range(12):
        voter = ParticipantFactory(deliberation=deliberation)
        WiserVoteFactory(
            participant=voter, from_value=a, to_value=b, context=context, created_at=earlier
        )
        WiserVoteFactory(
            participant=voter, from_value=b, to_value=c, context=context, created_at=earlier
        )
    snapshot = snapshot_create(deliberation=deliberation, parameters={"bootstrap_samples": 20})
    return {
        "owner": owner,
        "d": deliberation,
        "ctx": context,
        "values": (a, b, c),
        "snapshot": snapshot,
    }
