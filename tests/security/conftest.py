"""One realistic world for the security tests: three deliberations and someone in every role.

`homework` is open: a question, two situations, three canonical values, submitted cards by
three participants (and a draft), an upgrade story, three votes (one with a comment), two
snapshots, flags and an audit entry. `elsewhere` is closed, owned by someone else, with its own
participant, card, story, vote, snapshot, flags and audit entry. `drafting` is a draft of
homework's owner, with a snapshot nobody else may read. API keys: one per scope, a revoked one,
an expired one and one limited to `elsewhere`; all but the `participate` key belong to a
"keyholder" who is staff, a moderator and a participant of `homework`, so that only the key
itself can refuse.

The world is built once per module inside a transaction that is rolled back at the end; each
test runs in a savepoint inside it (pytest-django's `db`), so writes never leak between tests.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from mgplatform.accounts.apikeys import api_key_create, api_key_revoke
from mgplatform.accounts.models import ApiKey
from mgplatform.accounts.roles import moderators_group
from moralgraph.models import (
    CanonicalValue,
    Context,
    Deliberation,
    EdgeHypothesis,
    Flag,
    Participant,
    Question,
    ValuesCard,
    WiserVote,
)
from moralgraph.moderation import decisions as moderation
from moralgraph.moderation import flags
from moralgraph.snapshots.services import snapshot_create
from tests.support.queue import dedupe_not_enqueued

POLICIES = [
    "MOMENTS when the child's curiosity shows",
    "OPTIONS that keep the decision hers",
]


@dataclass
class World:
    users: dict = field(default_factory=dict)  # principal name -> user (None: anonymous)
    keys: dict = field(default_factory=dict)  # principal name -> plaintext API key
    ids: dict = field(default_factory=dict)  # names used in URL templates and bodies
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None

    def private_strings(self) -> list[str]:
        """Participants' usernames and everyone's emails: no response may show them."""
        participants = Participant.objects.select_related("user")
        usernames = {p.user.username for p in participants}
        emails = {u.email for u in get_user_model().objects.all() if u.email}
        return sorted(usernames | emails)


def _user(username: str, **extra):
    return get_user_model().objects.create_user(
        username, email=f"{username}@private.example", **extra
    )


def _participant(deliberation, user, pseudonym) -> Participant:
    return Participant.objects.create(
        user=user, deliberation=deliberation, pseudonym=pseudonym, consented_at=timezone.now()
    )


def _value(deliberation, title) -> CanonicalValue:
    return CanonicalValue.objects.create(
        deliberation=deliberation,
        title=title,
        description=f"Choosing by {title.lower()}.",
        policies=[f"MOMENTS of {title.lower()}"],
        created_at=timezone.now() - timedelta(days=1),
    )


def _card(question, author, value, **kw) -> ValuesCard:
    """A submitted card worded like its canonical value (as dedupe makes a new value)."""
    return ValuesCard.objects.create(
        author=author,
        question=question,
        title=value.title,
        description=value.description,
        policies=list(value.policies),
        status=ValuesCard.Status.SUBMITTED,
        submitted_at=timezone.now(),
        canonical_value=value,
        **kw,
    )


def _key(owner, scopes, **kw) -> str:
    return api_key_create(
        owner=owner, name=f"{owner.username} {' '.join(scopes)}", scopes=scopes, **kw
    )[1]


def build_world() -> World:
    w = World()
    owner, other_owner = _user("owner-olga"), _user("owner-oscar")
    moderator, staff = _user("mod-mona"), _user("staff-sam", is_staff=True)
    moderator.groups.add(moderators_group())
    keyholder = _user("lab-keyholder", is_staff=True)
    keyholder.groups.add(moderators_group())

    # --- homework: open, where everything happens -----------------------------------------
    a = Deliberation.objects.create(
        slug="homework", title="Homework help", owner=owner, status="open"
    )
    q = Question.objects.create(
        deliberation=a, slug="hw", prompt="My child asks for the answers. What should the AI do?"
    )
    tired = Context.objects.create(deliberation=a, name="When the child is tired")
    deadline = Context.objects.create(deliberation=a, name="When a deadline is close")
    q.contexts.add(tired, deadline)
    participant = _participant(a, _user("user-amber"), "amber-heron-001")
    peer = _participant(a, _user("user-calm"), "calm-otter-002")
    agent = _participant(a, keyholder, "lab-agent-004")
    curiosity, her_decision, rest = (
        _value(a, t) for t in ("Curiosity first", "Her own decision", "Rest")
    )
    card = _card(q, participant, curiosity)
    peer_card = _card(q, peer, her_decision)
    _card(q, agent, rest)
    draft = ValuesCard.objects.create(
        author=participant,
        question=q,
        title="Trusting her pace",
        policies=POLICIES,
        description="I let her work at her own speed.",
    )
    story = EdgeHypothesis.objects.create(
        deliberation=a,
        from_value=curiosity,
        to_value=her_decision,
        context=tired,
        story="I used to push her on; now I let her choose when to stop.",
        source="participant",
        author=peer,
    )
    pair = {
        "from_value": curiosity,
        "to_value": her_decision,
        "context": tired,
        "hypothesis": story,
    }
    votes = [
        WiserVote.objects.create(
            deliberation=a,
            participant=voter,
            choice="wiser",
            comment=comment,
            created_at=timezone.now(),
            **pair,
        )
        for voter, comment in ((participant, "Waiting works."), (peer, ""), (agent, ""))
    ]
    snap = snapshot_create(deliberation=a, mode="mai", created_by=owner)
    snap2 = snapshot_create(deliberation=a, mode="default", created_by=owner)
    flags.report(participant, peer_card, "This looks copied from a website.")
    flags.flag_create(target=story, source=Flag.Source.MODERATOR, reason="Check the wording.")
    flags.flag_create(target=votes[0], source=Flag.Source.MODERATOR, reason="Check the comment.")
    moderation.approve(votes[0], by=moderator, reason="The comment is fine.")  # an audit entry

    # --- elsewhere: closed, someone else's ------------------------------------------------
    b = Deliberation.objects.create(
        slug="elsewhere", title="Elsewhere", owner=other_owner, status="closed"
    )
    qb = Question.objects.create(
        deliberation=b, slug="eq", prompt="A friend asks for money. What should the AI do?"
    )
    cb = Context.objects.create(deliberation=b, name="When trust is new")
    qb.contexts.add(cb)
    outsider = _participant(b, _user("user-quiet"), "quiet-finch-003")
    generosity, prudence = _value(b, "Generosity"), _value(b, "Prudence")
    outsider_card = _card(qb, outsider, generosity)
    story_b = EdgeHypothesis.objects.create(
        deliberation=b,
        from_value=generosity,
        to_value=prudence,
        context=cb,
        story="I used to lend at once; now I ask first.",
        source="participant",
        author=outsider,
    )
    WiserVote.objects.create(
        deliberation=b,
        participant=outsider,
        from_value=generosity,
        to_value=prudence,
        context=cb,
        hypothesis=story_b,
        choice="not_wiser",
        created_at=timezone.now(),
    )
    snap_b = snapshot_create(deliberation=b, mode="mai", created_by=other_owner)
    flags.flag_create(target=outsider_card, source=Flag.Source.MODERATOR, reason="Check it.")
    flags.flag_create(target=story_b, source=Flag.Source.MODERATOR, reason="Check it too.")
    moderation.approve(story_b, by=other_owner, reason="Fine.")

    # --- drafting: a draft of homework's owner, not shown to anyone else yet ------------------
    c = Deliberation.objects.create(
        slug="drafting", title="Unannounced draft", owner=owner, status="draft"
    )
    Question.objects.create(deliberation=c, slug="dq", prompt="Not public yet.")
    snap_c = snapshot_create(deliberation=c, mode="mai", created_by=owner)

    # --- API keys ---------------------------------------------------------------------------
    every_scope = list(ApiKey.SCOPES)
    w.keys = {
        "key_read": _key(keyholder, ["read:graphs"]),
        "key_write": _key(keyholder, ["write:deliberations"]),
        "key_participate": _key(participant.user, ["participate"]),
        "key_jobs": _key(keyholder, ["run:jobs"]),
        "key_moderate": _key(keyholder, ["moderate"]),
        "key_revoked": _key(keyholder, every_scope),
        "key_expired": _key(keyholder, every_scope, expires_at=timezone.now() + timedelta(hours=1)),
        "key_elsewhere": _key(keyholder, every_scope, deliberation_slug=b.slug),
    }
    revoked, expired = (
        ApiKey.objects.get(prefix=w.keys[k].split("_")[1]) for k in ("key_revoked", "key_expired")
    )
    api_key_revoke(revoked, by=keyholder)
    ApiKey.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    owners_key, _ = api_key_create(
        owner=owner,
        name="owner's lab",
        scopes=["read:graphs"],
        deliberation_slug=a.slug,
        created_by=owner,
    )

    w.users = {
        "anon": None,
        "participant": participant.user,
        "outsider": outsider.user,
        "moderator": moderator,
        "owner": owner,
        "staff": staff,
        "other_owner": other_owner,
    }
    w.objects = {
        "a": a,
        "b": b,
        "c": c,
        "q": q,
        "participant": participant,
        "peer": peer,
        "outsider": outsider,
        "keyholder": keyholder,
        "card": card,
        "peer_card": peer_card,
        "draft": draft,
        "story": story,
        "snap": snap,
        "snap2": snap2,
        "snap_b": snap_b,
        "snap_c": snap_c,
        "tired": tired,
        "deadline": deadline,
        "curiosity": curiosity,
        "her_decision": her_decision,
    }
    pks = {name: obj.pk for name, obj in w.objects.items() if name not in ("a", "b", "c")}
    w.ids = {
        **pks,
        "A": a.slug,
        "B": b.slug,
        "C": c.slug,
        "outsider_card": outsider_card.pk,
        "participant": participant.pk,
        "prefix": owners_key.prefix,
        "token": a.invite_token,
    }
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world, built once per module and rolled back after it."""
    with (
        django_db_blocker.unblock(),
        override_settings(LLM_BASE_URL=""),
        dedupe_not_enqueued(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _in_world(world, db):
    """Each test runs in a savepoint of the world's transaction, with fresh API throttles."""
    cache.clear()
    yield
    cache.clear()
