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

from alignment_jobs.jobs.services import job_launch
from alignment_jobs.targets.services import target_build
from mgplatform.accounts.apikeys import api_key_create, api_key_revoke
from mgplatform.accounts.models import ApiKey
from moralgraph.models import Flag, Participant, SnapshotRun
from moralgraph.moderation import decisions as moderation
from moralgraph.moderation import flags
from moralgraph.snapshots.services import snapshot_create
from tests.factories import (
    POLICIES,
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    EdgeHypothesisFactory,
    ParticipantFactory,
    QuestionFactory,
    UserFactory,
    ValuesCardFactory,
    WiserVoteFactory,
)
from tests.support.queue import dedupe_not_enqueued


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


def _key(owner, scopes, **kw) -> str:
    return api_key_create(
        owner=owner, name=f"{owner.username} {' '.join(scopes)}", scopes=scopes, **kw
    )[1]


def build_world() -> World:
    w = World()
    owner, other_owner = UserFactory(username="owner-olga"), UserFactory(username="owner-oscar")
    moderator = UserFactory(username="mod-mona", moderator=True)
    staff = UserFactory(username="staff-sam", is_staff=True)
    keyholder = UserFactory(username="lab-keyholder", is_staff=True, moderator=True)

    # --- homework: open, where everything happens -----------------------------------------
    # Results for participants (the product's default): the matrix checks that rule.
    a = DeliberationFactory(
        slug="homework", title="Homework help", owner=owner, results_visibility="participants"
    )
    tired = ContextFactory(deliberation=a, name="When the child is tired")
    deadline = ContextFactory(deliberation=a, name="When a deadline is close")
    q = QuestionFactory(
        deliberation=a,
        slug="hw",
        prompt="My child asks for the answers. What should the AI do?",
        contexts=[tired, deadline],
    )
    participant = ParticipantFactory(
        deliberation=a, user__username="user-amber", pseudonym="amber-heron-001"
    )
    peer = ParticipantFactory(
        deliberation=a, user__username="user-calm", pseudonym="calm-otter-002"
    )
    agent = ParticipantFactory(deliberation=a, user=keyholder, pseudonym="lab-agent-004")
    curiosity, her_decision, rest = (
        CanonicalValueFactory(deliberation=a, title=t)
        for t in ("Curiosity first", "Her own decision", "Rest")
    )
    card = ValuesCardFactory(author=participant, question=q, canonical_value=curiosity)
    peer_card = ValuesCardFactory(author=peer, question=q, canonical_value=her_decision)
    ValuesCardFactory(author=agent, question=q, canonical_value=rest)
    draft = ValuesCardFactory(
        draft=True,
        author=participant,
        question=q,
        title="Trusting her pace",
        policies=POLICIES,
        description="I let her work at her own speed.",
    )
    pair = {"from_value": curiosity, "to_value": her_decision, "context": tired}
    story = EdgeHypothesisFactory(
        deliberation=a,
        story="I used to push her on; now I let her choose when to stop.",
        author=peer,
        **pair,
    )
    votes = [
        WiserVoteFactory(participant=voter, comment=comment, hypothesis=story, **pair)
        for voter, comment in ((participant, "Waiting works."), (peer, ""), (agent, ""))
    ]
    snap = snapshot_create(deliberation=a, mode="mai", created_by=owner)
    snap2 = snapshot_create(deliberation=a, mode="default", created_by=owner)
    run = SnapshotRun.objects.create(
        deliberation=a, mode="mai", status="done", progress=1.0, snapshot=snap, requested_by=owner
    )
    flags.report(participant, peer_card, "This looks copied from a website.")
    flags.flag_create(target=story, source=Flag.Source.MODERATOR, reason="Check the wording.")
    flags.flag_create(target=votes[0], source=Flag.Source.MODERATOR, reason="Check the comment.")
    moderation.approve(votes[0], by=moderator, reason="The comment is fine.")  # an audit entry

    # --- elsewhere: closed, someone else's ------------------------------------------------
    b = DeliberationFactory(
        slug="elsewhere",
        title="Elsewhere",
        owner=other_owner,
        status="closed",
        results_visibility="participants",
    )
    cb = ContextFactory(deliberation=b, name="When trust is new")
    qb = QuestionFactory(
        deliberation=b,
        slug="eq",
        prompt="A friend asks for money. What should the AI do?",
        contexts=[cb],
    )
    outsider = ParticipantFactory(
        deliberation=b, user__username="user-quiet", pseudonym="quiet-finch-003"
    )
    generosity = CanonicalValueFactory(deliberation=b, title="Generosity")
    prudence = CanonicalValueFactory(deliberation=b, title="Prudence")
    outsider_card = ValuesCardFactory(author=outsider, question=qb, canonical_value=generosity)
    pair_b = {"from_value": generosity, "to_value": prudence, "context": cb}
    story_b = EdgeHypothesisFactory(
        deliberation=b, story="I used to lend at once; now I ask first.", author=outsider, **pair_b
    )
    WiserVoteFactory(participant=outsider, hypothesis=story_b, choice="not_wiser", **pair_b)
    snap_b = snapshot_create(deliberation=b, mode="mai", created_by=other_owner)
    flags.flag_create(target=outsider_card, source=Flag.Source.MODERATOR, reason="Check it.")
    flags.flag_create(target=story_b, source=Flag.Source.MODERATOR, reason="Check it too.")
    moderation.approve(story_b, by=other_owner, reason="Fine.")

    # --- alignment: a target of each and a queued job on homework's ----------------------------
    target = target_build(snapshot=snap2, by=owner)
    target_b = target_build(snapshot=snap_b, by=other_owner)
    job = job_launch(config={"iterations": 1}, target=target, by=owner, enqueue=False)

    # --- drafting: a draft of homework's owner, not shown to anyone else yet ------------------
    c = DeliberationFactory(
        slug="drafting",
        title="Unannounced draft",
        owner=owner,
        status="draft",
        results_visibility="participants",
    )
    QuestionFactory(deliberation=c, slug="dq", prompt="Not public yet.")
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
        "run": run,
        "tired": tired,
        "deadline": deadline,
        "curiosity": curiosity,
        "her_decision": her_decision,
        "target": target,
        "target_b": target_b,
        "job": job,
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
