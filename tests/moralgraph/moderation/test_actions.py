"""Moderators' decisions: who may take them, what they change, and the audit entry each leaves."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from mgplatform.audit.models import AuditEntry
from moralgraph.models import CanonicalValue, Flag, ValuesCard
from moralgraph.moderation import decisions as moderation
from moralgraph.moderation import flags
from tests.factories import CanonicalValueFactory, ValuesCardFactory

pytestmark = pytest.mark.django_db


def act(world, name, by):
    """Each decision, on the fixture's content, as `by`."""
    w = world
    return {
        "approve": lambda: moderation.approve(w["card"], by=by, reason="fine"),
        "hide card": lambda: moderation.hide(w["card"], by=by, reason="spam"),
        "hide value": lambda: moderation.hide(w["value_b"], by=by, reason="spam"),
        "hide story": lambda: moderation.hide(w["story"], by=by, reason="spam"),
        "hide comment": lambda: moderation.hide(w["vote"], by=by, reason="rude"),
        "restore": lambda: moderation.restore(w["card"], by=by, reason="mistake"),
        "edit card": lambda: moderation.edit(
            w["card"], by=by, reason="typo", title="Curiosity, first"
        ),
        "edit story": lambda: moderation.edit(
            w["story"], by=by, reason="typo", story="I used to push. Now I wait."
        ),
        "ban": lambda: moderation.ban(w["author"], by=by, reason="abuse"),
        "unban": lambda: moderation.unban(w["author"], by=by, reason="appeal"),
        "merge": lambda: moderation.merge(w["value_a"], w["value_b"], by=by, reason="same value"),
        "split": lambda: moderation.split(w["value_a"], [w["card"].pk], by=by, reason="different"),
        "bulk": lambda: moderation.bulk("hide", [w["card"], w["story"]], by=by, reason="spam")[-1],
    }[name]()


ACTIONS = [
    "approve",
    "hide card",
    "hide value",
    "hide story",
    "hide comment",
    "restore",
    "edit card",
    "edit story",
    "ban",
    "unban",
    "merge",
    "split",
    "bulk",
]


def refused_users(world):
    return {
        "participant": world["author"].user,
        "participant of another deliberation": world["outsider"].user,
        "owner of another deliberation": world["elsewhere"].owner,
        "anonymous": AnonymousUser(),
        "nobody": None,
    }


@pytest.mark.parametrize("name", ACTIONS)
@pytest.mark.parametrize(
    "who",
    [
        "participant",
        "participant of another deliberation",
        "owner of another deliberation",
        "anonymous",
        "nobody",
    ],
)
def test_only_moderators_owners_and_staff_may_decide(world, name, who):
    world["card"].hidden = True  # so that restore and unban have something to do
    world["card"].save()
    with pytest.raises(PermissionDenied):
        act(world, name, refused_users(world)[who])
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("name", ACTIONS)
@pytest.mark.parametrize("who", ["moderator", "owner", "staff"])
def test_moderators_owners_and_staff_decide_and_each_decision_is_audited(world, name, who):
    flags.flag_create(target=world["card"], source="report", reason="x", reporter=world["other"])
    if name in ("restore", "unban"):
        world["card"].hidden = True
        world["card"].save()
        world["author"].status = "banned"
        world["author"].save()
    decision = act(world, name, world[who])
    assert decision.changed
    entry = decision.entry
    assert entry.actor == world[who]
    assert entry.actor_label == world[who].username
    assert entry.deliberation_slug == "homework"
    assert entry.reason
    assert entry.before != entry.after
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_reason_is_required_except_to_approve(world):
    for action in (moderation.hide, moderation.restore, moderation.ban):
        with pytest.raises(ValidationError):
            action(
                world["author"] if action is moderation.ban else world["card"],
                by=world["moderator"],
                reason=" ",
            )
    flags.flag_create(target=world["card"], source="pii", reason="x")
    assert moderation.approve(world["card"], by=world["moderator"]).changed


def test_approve_resolves_open_flags_and_records_them(world):
    opened = [flags.flag_create(target=world["card"], source=s, reason="x") for s in ("pii", "llm")]
    decision = moderation.approve(world["card"], by=world["moderator"], reason="Harmless.")
    assert decision.entry.action == "card.approve"
    assert decision.entry.before == {"open_flags": sorted(f.pk for f in opened)}
    assert decision.entry.after == {"open_flags": []}
    assert set(Flag.objects.values_list("status", "resolution", "resolved_by")) == {
        ("resolved", "approve", world["moderator"].pk)
    }
    assert not moderation.approve(
        world["card"], by=world["moderator"]
    ).changed  # nothing left to approve


def test_hiding_a_card_hides_its_value_when_no_other_visible_card_supports_it(world):
    decision = moderation.hide(world["card"], by=world["moderator"], reason="Names a child.")
    world["value_a"].refresh_from_db()
    assert world["value_a"].hidden
    assert decision.entry.before == {
        "hidden": False,
        "canonical_value": {"id": world["value_a"].pk, "hidden": False},
    }
    assert decision.entry.after == {
        "hidden": True,
        "resolved_flags": [],
        "canonical_value": {"id": world["value_a"].pk, "hidden": True},
    }
    value_entry = AuditEntry.objects.get(action="canonical_value.hide")
    assert value_entry.target_id == str(world["value_a"].pk)
    assert value_entry.after["with_card"] == world["card"].pk
    assert value_entry.reason == "Names a child."

    # Restoring the card brings the value back: it was hidden only with it.
    restored = moderation.restore(world["card"], by=world["moderator"], reason="Edited instead.")
    world["value_a"].refresh_from_db()
    assert not world["value_a"].hidden
    assert restored.entry.after["canonical_value"] == {"id": world["value_a"].pk, "hidden": False}


def test_a_value_with_another_visible_card_stays_and_a_value_hidden_on_its_own_stays_hidden(world):
    second = ValuesCardFactory(
        author=world["other"], question=world["q"], canonical_value=world["value_a"]
    )
    decision = moderation.hide(world["card"], by=world["moderator"], reason="spam")
    world["value_a"].refresh_from_db()
    assert not world["value_a"].hidden
    assert "canonical_value" not in decision.entry.after
    moderation.hide(world["value_a"], by=world["moderator"], reason="the value itself is abusive")
    moderation.hide(second, by=world["moderator"], reason="spam")
    moderation.restore(second, by=world["moderator"], reason="not spam")
    world["value_a"].refresh_from_db()
    assert world["value_a"].hidden  # hidden by its own decision, not with a card


def test_hiding_a_comment_keeps_the_vote(world):
    decision = moderation.hide(world["vote"], by=world["moderator"], reason="rude")
    world["vote"].refresh_from_db()
    assert world["vote"].comment_hidden
    assert world["vote"].comment == "Waiting works."
    assert decision.action == "comment.hide"
    assert (decision.entry.before, decision.entry.after["comment_hidden"]) == (
        {"comment_hidden": False},
        True,
    )
    assert not moderation.hide(world["vote"], by=world["moderator"], reason="again").changed


def test_editing_a_card_rechecks_it_redacts_the_log_and_edits_the_value_made_from_it(world):
    card = world["card"]
    card.policies = ["MOMENTS when the child's curiosity shows", "CALLS from her at 07700 900123"]
    card.save()
    world["value_a"].policies = list(card.policies)
    world["value_a"].save()
    with pytest.raises(ValidationError) as exc:
        moderation.edit(card, by=world["moderator"], reason="too long", title="x" * 81)
    assert "title" in exc.value.message_dict
    pii = flags.flag_create(target=card, source="pii", reason="phone")
    decision = moderation.edit(
        card,
        by=world["moderator"],
        reason="Removed a phone number.",
        policies=["MOMENTS when the child's curiosity shows", "CALLS from her"],
    )
    card.refresh_from_db()
    world["value_a"].refresh_from_db()
    assert card.policies[1] == "CALLS from her"
    assert world["value_a"].policies[1] == "CALLS from her"
    assert card.provenance["moderator_edits"][0]["fields"] == ["policies"]
    assert decision.entry.before == {
        "policies": ["MOMENTS when the child's curiosity shows", "CALLS from her at [phone]"]
    }
    assert decision.entry.after["resolved_flags"] == [pii.pk]
    assert decision.entry.after["canonical_value"] == world["value_a"].pk
    assert "07700" not in str(
        list(AuditEntry.objects.values_list("before", "after", "target_label"))
    )
    assert AuditEntry.objects.filter(action="canonical_value.edit").count() == 1


def test_an_edit_that_leaves_personal_data_opens_a_new_flag(world):
    decision = moderation.edit(
        world["story"],
        by=world["moderator"],
        reason="typo",
        story="Write to ann@example.org about it.",
    )
    flag = Flag.objects.get(hypothesis=world["story"], status="open")
    assert flag.source == "pii"
    assert decision.entry.after["pii_flag"] == flag.pk
    with pytest.raises(ValidationError):
        moderation.edit(world["vote"], by=world["moderator"], reason="no", comment="x")


def test_ban_and_unban_change_status_and_are_audited(world):
    decision = moderation.ban(
        world["author"], by=world["moderator"], reason="Harassment in comments."
    )
    world["author"].refresh_from_db()
    assert world["author"].status == "banned"
    assert (decision.entry.action, decision.entry.before, decision.entry.after["status"]) == (
        "participant.ban",
        {"status": "active"},
        "banned",
    )
    assert decision.entry.target_label == "amber-heron-001"  # pseudonym, never the username
    with pytest.raises(ValidationError):
        moderation.bulk("ban", [world["card"]], by=world["moderator"], reason="x")
    assert (
        moderation.unban(world["author"], by=world["moderator"], reason="Appeal").entry.after[
            "status"
        ]
        == "active"
    )


def test_merge_and_split_wrap_dedupe_and_are_audited(world):
    merged = moderation.merge(
        world["value_a"], world["value_b"], by=world["moderator"], reason="Same value."
    )
    assert merged.entry.action == "canonical_value.merge"
    assert merged.entry.after == {
        "merged_into": world["value_b"].pk,
        "moved_card_ids": [world["card"].pk],
    }
    assert ValuesCard.objects.get(pk=world["card"].pk).canonical_value == world["value_b"]
    split = moderation.split(
        world["value_b"], [world["card"].pk], by=world["moderator"], reason="Not the same."
    )
    new_value = CanonicalValue.objects.get(pk=split.entry.after["new_value_id"])
    assert split.entry.after["moved_card_ids"] == [world["card"].pk]
    assert ValuesCard.objects.get(pk=world["card"].pk).canonical_value == new_value


def test_bulk_hide_is_all_or_nothing_and_audits_each_target(world):
    cards = [
        world["card"],
        *ValuesCardFactory.create_batch(3, author=world["other"], question=world["q"]),
    ]
    decisions = moderation.bulk("hide", cards, by=world["moderator"], reason="Spam wave.")
    assert all(c.hidden for c in ValuesCard.objects.filter(pk__in=[c.pk for c in cards]))
    assert [d.entry.target_id for d in decisions] == [str(c.pk) for c in cards]
    assert AuditEntry.objects.filter(action="card.hide", reason="Spam wave.").count() == 4

    foreign_value = CanonicalValueFactory(deliberation=world["elsewhere"])
    foreign = ValuesCardFactory(author__deliberation=world["d"], question=world["q"])
    before = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):  # the owner may not touch the other deliberation's value
        moderation.bulk("restore", [foreign, foreign_value], by=world["owner"], reason="x")
    with pytest.raises(ValidationError):
        moderation.bulk("delete", [foreign], by=world["moderator"], reason="x")
    assert AuditEntry.objects.count() == before
