"""A deliberation with enough voters to show group labels, and moderation to exclude some votes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from moralgraph.snapshots.services import snapshot_create
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    ParticipantFactory,
    WiserVoteFactory,
)

T0 = timezone.now() - timedelta(days=2)


@pytest.fixture
def labs():
    """Ten voters judge A→B and B→C in "=When it is late": five 25-34 in the north, five 35-44 in
    the south. One more voter is banned; one vote names a value later hidden. A default-mode
    snapshot is taken at T0 + 1 day."""
    d = DeliberationFactory(slug="labs")
    late = ContextFactory(deliberation=d, name="=When it is late")  # a formula-looking name
    a, b, c, hidden = (
        CanonicalValueFactory(deliberation=d, title=t) for t in ("A", "B", "C", "Hidden")
    )
    voters = []
    for i in range(10):
        person = ParticipantFactory(
            deliberation=d,
            pseudonym=f"voter-pseudonym-{i}",
            attributes={
                "age_band": "25-34" if i < 5 else "35-44",
                "region": "north" if i < 5 else "south",
                "maiUserId": f"secret-{i}",
            },
        )
        voters.append(person)
        WiserVoteFactory(
            participant=person,
            from_value=a,
            to_value=b,
            context=late,
            created_at=T0 + timedelta(minutes=i),
        )
        WiserVoteFactory(
            participant=person,
            from_value=b,
            to_value=c,
            context=late,
            choice="not_wiser" if i % 2 else "wiser",
            created_at=T0 + timedelta(hours=1, minutes=i),
        )
    banned = ParticipantFactory(deliberation=d, status="banned", pseudonym="banned-one")
    WiserVoteFactory(participant=banned, from_value=a, to_value=b, context=late, created_at=T0)
    WiserVoteFactory(
        participant=voters[0], from_value=hidden, to_value=a, context=late, created_at=T0
    )
    hidden.hidden = True
    hidden.save()
    snapshot = snapshot_create(deliberation=d, as_of=T0 + timedelta(days=1))
    return {
        "d": d,
        "late": late,
        "values": (a, b, c, hidden),
        "voters": voters,
        "banned": banned,
        "snapshot": snapshot,
    }


@pytest.fixture
def split_world():
    """In "day" three voters find B wiser than A, in "night" A wiser than B: overall the pair
    cancels out (no kept edge), so A and B are ranked only within a context. C→D is kept overall."""
    d = DeliberationFactory()
    day, night = (
        ContextFactory(deliberation=d, name="day"),
        ContextFactory(deliberation=d, name="night"),
    )
    a, b, c, e = (CanonicalValueFactory(deliberation=d, title=t) for t in "ABCD")
    for _ in range(3):
        person = ParticipantFactory(deliberation=d)
        WiserVoteFactory(participant=person, from_value=a, to_value=b, context=day)
        WiserVoteFactory(participant=person, from_value=b, to_value=a, context=night)
        WiserVoteFactory(participant=person, from_value=c, to_value=e, context=day)
    return {"d": d, "values": (a, b, c, e)}
