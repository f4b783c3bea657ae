"""Card services: drafts keep every word, checks gate submission, the information boundary."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from moralgraph.cards import selectors
from moralgraph.cards.services import (
    CardWarnings,
    card_create,
    card_submit,
    card_update,
    draft_for,
    draft_save,
    draft_submit,
)
from moralgraph.models import ElicitationDraft, ValuesCard
from tests.factories import POLICIES, DeliberationFactory, ParticipantFactory, QuestionFactory

# Submissions here queue no dedupe task.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_dedupe_worker")]


@pytest.fixture
def world():
    d = DeliberationFactory()
    return {
        "d": d,
        "q": QuestionFactory(deliberation=d),
        "p": ParticipantFactory.create_batch(2, deliberation=d),
    }


def test_draft_keeps_everything_even_invalid(world):
    draft = draft_for(world["p"][0], world["q"])
    draft_save(
        draft, stage="card", story="Last winter…", title="x" * 120, policies=["should be kind"]
    )
    draft.refresh_from_db()
    assert draft.data["title"] == "x" * 120
    assert draft.data["story"] == "Last winter…"
    with pytest.raises(ValidationError) as exc:
        draft_submit(draft)
    assert "title" in exc.value.message_dict
    draft.refresh_from_db()
    assert draft.stage == "card"  # nothing lost, nothing half-written
    assert not ValuesCard.objects.exists()
    assert draft_for(world["p"][0], world["q"]) == draft  # the same open draft comes back


def test_draft_submit_creates_a_card_with_provenance_and_queues_dedupe(world, no_dedupe_worker):
    draft = draft_for(world["p"][0], world["q"])
    draft_save(
        draft,
        story="She wanted to quit piano.",
        attention="her face when she played",
        title="Curiosity-Led Learning",
        description="I follow what lights her up.",
        policies=POLICIES,
    )
    card = draft_submit(draft)
    assert (card.status, card.source, card.policies) == ("submitted", "form", POLICIES)
    assert card.provenance["answers"]["story"] == "She wanted to quit piano."
    assert card.submitted_at is not None
    no_dedupe_worker.assert_called_once_with(card.pk)
    draft.refresh_from_db()
    assert (draft.stage, draft.card) == ("done", card)


def test_warnings_need_confirmation(world):
    card = card_create(
        participant=world["p"][0], question=world["q"], title="Abolish homework", policies=POLICIES
    )
    with pytest.raises(CardWarnings) as exc:
        card_submit(card, world["p"][0])
    assert exc.value.issues[0].code == "slogan"
    card.refresh_from_db()
    assert card.status == "draft"
    card_submit(card, world["p"][0], confirm_warnings=True)
    card.refresh_from_db()
    assert card.status == "submitted"
    assert card.provenance["confirmed_warnings"] == ["slogan"]


def test_only_the_author_edits_and_submits(world):
    card = card_create(participant=world["p"][0], question=world["q"], title="T", policies=POLICIES)
    with pytest.raises(PermissionDenied):
        card_update(card, world["p"][1], title="Mine now", policies=POLICIES)
    with pytest.raises(PermissionDenied):
        card_submit(card, world["p"][1])


def test_editing_a_submitted_card_rechecks_and_rededupes(world, no_dedupe_worker):
    card = card_create(participant=world["p"][0], question=world["q"], title="T", policies=POLICIES)
    card_submit(card, world["p"][0])
    with pytest.raises(ValidationError):
        card_update(card, world["p"][0], title="", policies=POLICIES)
    card.refresh_from_db()
    assert card.title == "T"
    card_update(card, world["p"][0], title="Curiosity", policies=POLICIES)
    assert no_dedupe_worker.call_args_list[-1] == mock.call(card.pk, force=True)
    assert len(card.provenance["edits"]) == 1


def test_closed_deliberation_and_banned_participant_cannot_write(world):
    world["p"][1].status = "banned"
    world["p"][1].save()
    with pytest.raises(PermissionDenied):
        card_create(participant=world["p"][1], question=world["q"], title="T", policies=POLICIES)
    world["d"].status = "closed"
    world["d"].save()
    with pytest.raises(ValidationError, match="closed"):
        draft_for(world["p"][0], world["q"])


def test_information_boundary(world):
    p0, p1 = world["p"]
    theirs = card_create(participant=p1, question=world["q"], title="Theirs", policies=POLICIES)
    card_submit(theirs, p1)
    assert list(selectors.others_cards(p0, world["q"])) == []
    mine = card_create(participant=p0, question=world["q"], title="Mine", policies=POLICIES)
    assert list(selectors.others_cards(p0, world["q"])) == []  # a draft is not enough
    card_submit(mine, p0)
    assert list(selectors.others_cards(p0, world["q"])) == [theirs]
    theirs.hidden = True
    theirs.save()
    assert list(selectors.others_cards(p0, world["q"])) == []


def test_boundary_can_be_switched_off(world):
    p0, p1 = world["p"]
    card_submit(
        card_create(participant=p1, question=world["q"], title="Theirs", policies=POLICIES), p1
    )
    world["d"].settings = {"others_cards_visible_after_submit": False}
    world["d"].save()
    p0.refresh_from_db()
    assert selectors.others_cards(p0, world["q"]).count() == 1


def test_one_open_draft_per_question_in_the_database(world):
    draft_for(world["p"][0], world["q"])
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ElicitationDraft.objects.create(participant=world["p"][0], question=world["q"])
