"""Moderators merge and split canonical values; authors confirm or reject their card's value."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from moralgraph.dedupe.services import (
    canonical_id_map,
    canonical_value_merge,
    canonical_value_resolved_id,
    canonical_value_split,
    card_confirm_canonical,
)
from moralgraph.models import CanonicalValue, Participant, ValuesCard
from tests.factories import (
    CanonicalValueFactory,
    DeliberationFactory,
    ParticipantFactory,
    QuestionFactory,
    UserFactory,
    ValuesCardFactory,
    WiserVoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliberation():
    return DeliberationFactory()


@pytest.fixture
def moderator():
    return UserFactory(moderator=True)


@pytest.fixture
def question(deliberation):
    return QuestionFactory(deliberation=deliberation)


def card(question, canonical, title, *, minutes=0) -> ValuesCard:
    """A card of a new author, linked to `canonical` (and confirmed), worded in its own way."""
    return ValuesCardFactory(
        author__deliberation=question.deliberation,
        question=question,
        canonical_value=canonical,
        title=title,
        description=f"My story about {title}",
        policies=[f"THINGS about {title}"],
        submitted_at=timezone.now() + timedelta(minutes=minutes),
        dedupe_similarity=0.8,
        canonical_confirmed=True,
    )


# --- merge --------------------------------------------------------------------------------


def test_merge_moves_cards_and_keeps_votes_stored(deliberation, question, moderator):
    source, target, other = CanonicalValueFactory.create_batch(3, deliberation=deliberation)
    moved = [card(question, source, "a"), card(question, source, "b")]
    staying = card(question, target, "c")
    vote = WiserVoteFactory(
        participant__deliberation=deliberation, from_value=other, to_value=source
    )

    assert canonical_value_merge(source, target, by=moderator) == target

    source.refresh_from_db()
    assert source.merged_into_id == target.pk
    for c in moved:
        c.refresh_from_db()
        assert c.canonical_value_id == target.pk
        assert c.canonical_confirmed is None  # the author has not seen the target
        assert c.dedupe_similarity is None  # a person linked it, not a similarity
    staying.refresh_from_db()
    assert (staying.canonical_value_id, staying.canonical_confirmed) == (target.pk, True)
    vote.refresh_from_db()
    assert vote.to_value_id == source.pk  # stored as cast
    assert canonical_id_map(deliberation) == {
        source.pk: target.pk,
        target.pk: target.pk,
        other.pk: other.pk,
    }
    assert canonical_value_resolved_id(source) == target.pk
    assert canonical_value_resolved_id(other) == other.pk


def test_merges_stay_one_level_deep(deliberation, moderator):
    first, middle, last = CanonicalValueFactory.create_batch(3, deliberation=deliberation)
    canonical_value_merge(first, middle, by=moderator)
    canonical_value_merge(middle, last, by=moderator)
    first.refresh_from_db()
    assert first.merged_into_id == last.pk
    assert canonical_id_map(deliberation)[first.pk] == last.pk


def test_id_map_follows_chains_left_by_older_data(deliberation):
    a, b, c = CanonicalValueFactory.create_batch(3, deliberation=deliberation)
    CanonicalValue.objects.filter(pk=a.pk).update(merged_into=b)
    CanonicalValue.objects.filter(pk=b.pk).update(merged_into=c)
    assert canonical_id_map(deliberation) == {a.pk: c.pk, b.pk: c.pk, c.pk: c.pk}


def test_owner_may_merge_but_participants_may_not(deliberation):
    source, target = CanonicalValueFactory.create_batch(2, deliberation=deliberation)
    someone = ParticipantFactory(deliberation=deliberation).user
    with pytest.raises(PermissionDenied, match="moderators"):
        canonical_value_merge(source, target, by=someone)
    source.refresh_from_db()
    assert source.merged_into_id is None
    canonical_value_merge(source, target, by=deliberation.owner)
    source.refresh_from_db()
    assert source.merged_into_id == target.pk


def test_merge_refuses_what_makes_no_sense(deliberation, moderator):
    a, b, c = CanonicalValueFactory.create_batch(3, deliberation=deliberation)
    hidden = CanonicalValueFactory(deliberation=deliberation, hidden=True)
    foreign = CanonicalValueFactory()  # of another deliberation
    with pytest.raises(ValidationError, match="same deliberation"):
        canonical_value_merge(a, foreign, by=moderator)
    with pytest.raises(ValidationError, match="itself"):
        canonical_value_merge(a, a, by=moderator)
    with pytest.raises(ValidationError, match="hidden"):
        canonical_value_merge(a, hidden, by=moderator)
    canonical_value_merge(a, b, by=moderator)
    with pytest.raises(ValidationError, match="already merged"):
        canonical_value_merge(a, c, by=moderator)
    with pytest.raises(ValidationError, match="merge into that one"):
        canonical_value_merge(c, a, by=moderator)


# --- split --------------------------------------------------------------------------------


def test_split_moves_the_chosen_cards_to_a_new_value(deliberation, question, moderator):
    shared = CanonicalValueFactory(deliberation=deliberation)
    later = card(question, shared, "later", minutes=5)
    earlier = card(question, shared, "earlier", minutes=1)
    staying = card(question, shared, "staying")

    new_value = canonical_value_split(shared, [later.pk, earlier.pk], by=moderator)

    assert new_value.pk != shared.pk
    assert new_value.deliberation_id == deliberation.pk
    # Worded like the first of the moved cards to be submitted.
    assert (new_value.title, new_value.description, new_value.policies) == (
        earlier.title,
        earlier.description,
        earlier.policies,
    )
    for c in (later, earlier):
        c.refresh_from_db()
        assert c.canonical_value_id == new_value.pk
        assert c.canonical_confirmed is None
    staying.refresh_from_db()
    assert staying.canonical_value_id == shared.pk


def test_split_refuses_cards_of_other_values_and_changes_nothing(deliberation, question, moderator):
    shared, other = CanonicalValueFactory.create_batch(2, deliberation=deliberation)
    mine = card(question, shared, "mine")
    theirs = card(question, other, "theirs")
    with pytest.raises(ValidationError, match=f"{theirs.pk} do not belong"):
        canonical_value_split(shared, [mine.pk, theirs.pk], by=moderator)
    with pytest.raises(ValidationError, match="at least one"):
        canonical_value_split(shared, [], by=moderator)
    mine.refresh_from_db()
    assert mine.canonical_value_id == shared.pk
    assert CanonicalValue.objects.count() == 2


def test_split_rules_on_people_and_merged_values(deliberation, question, moderator):
    shared, target = CanonicalValueFactory.create_batch(2, deliberation=deliberation)
    c = card(question, shared, "c")
    with pytest.raises(PermissionDenied):
        canonical_value_split(shared, [c.pk], by=c.author.user)
    canonical_value_merge(shared, target, by=moderator)
    with pytest.raises(ValidationError, match="merged"):
        canonical_value_split(shared, [c.pk], by=moderator)


# --- the author's confirmation -------------------------------------------------------------


def test_author_confirms_the_same_value(deliberation, question):
    shared = CanonicalValueFactory(deliberation=deliberation)
    c = card(question, shared, "mine")
    ValuesCard.objects.filter(pk=c.pk).update(canonical_confirmed=None)
    result = card_confirm_canonical(c, c.author, same=True)
    assert (result.canonical_value_id, result.canonical_confirmed) == (shared.pk, True)
    c.refresh_from_db()
    assert c.canonical_confirmed is True


def test_author_saying_not_the_same_gets_a_value_of_their_own(deliberation, question):
    shared = CanonicalValueFactory(deliberation=deliberation)
    mine = card(question, shared, "mine")
    other = card(question, shared, "other")

    result = card_confirm_canonical(mine, mine.author, same=False)

    mine.refresh_from_db()
    assert mine.canonical_value_id == result.canonical_value_id != shared.pk
    assert mine.canonical_confirmed is False  # their answer is kept
    own = mine.canonical_value
    assert (own.title, own.description, own.policies) == (
        mine.title,
        mine.description,
        mine.policies,
    )
    other.refresh_from_db()
    assert other.canonical_value_id == shared.pk
    # Answering again does not split again.
    card_confirm_canonical(mine, mine.author, same=False)
    mine.refresh_from_db()
    assert mine.canonical_value_id == own.pk
    assert CanonicalValue.objects.count() == 2


def test_not_the_same_as_a_value_made_from_the_card_itself_splits_nothing(deliberation, question):
    c = ValuesCardFactory(author__deliberation=deliberation, question=question)
    own = c.canonical_value  # worded like the card, as dedupe makes a new value
    card_confirm_canonical(c, c.author, same=False)
    c.refresh_from_db()
    assert c.canonical_value_id == own.pk
    assert CanonicalValue.objects.count() == 1


def test_only_the_active_author_may_answer(deliberation, question):
    shared = CanonicalValueFactory(deliberation=deliberation)
    c = card(question, shared, "mine")
    stranger = ParticipantFactory(deliberation=deliberation)
    with pytest.raises(PermissionDenied, match="author"):
        card_confirm_canonical(c, stranger, same=False)
    Participant.objects.filter(pk=c.author_id).update(status=Participant.Status.BANNED)
    c.author.refresh_from_db()
    with pytest.raises(PermissionDenied):
        card_confirm_canonical(c, c.author, same=False)
    c.refresh_from_db()
    assert (c.canonical_value_id, c.canonical_confirmed) == (shared.pk, True)


def test_a_card_not_yet_deduplicated_cannot_be_confirmed(deliberation, question):
    c = card(question, None, "mine")
    with pytest.raises(ValidationError, match="not been matched"):
        card_confirm_canonical(c, c.author, same=True)
