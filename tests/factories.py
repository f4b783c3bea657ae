"""Factories for the test worlds (factory_boy): each builds a valid row and what it needs.

Related rows share one deliberation: a card's question and value are in its author's, a
draft's question in its participant's, a story's values and context in the story's own, a
vote's values and context in its participant's (and each of these is a new one if not given).
`UserFactory(moderator=True)` makes a moderator; `ValuesCardFactory(draft=True)` a card still
being written.
"""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from mgplatform.accounts.roles import moderators_group
from moralgraph import models

# Attentional policies that pass the card checks, for cards written through the services and pages.
POLICIES = ["MOMENTS when the child's curiosity shows", "OPTIONS that keep the decision hers"]


def in_same_deliberation(factory_class, deliberation="deliberation"):
    """A related row in this row's deliberation, or in the one at a path ("author.deliberation")."""
    return factory.SubFactory(
        factory_class, deliberation=factory.SelfAttribute(f"..{deliberation}")
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@private.example")

    @factory.post_generation
    def moderator(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(moderators_group())


class DeliberationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Deliberation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"deliberation-{n}")
    title = factory.LazyAttribute(lambda d: d.slug.replace("-", " ").capitalize())
    owner = factory.SubFactory(UserFactory)
    status = models.Deliberation.Status.OPEN
    # Public results, so tests of what labs read need no participant; the product's default is
    # "participants" (tests of the results rule say so: tests/moralgraph/test_results_access.py).
    results_visibility = models.Deliberation.Results.PUBLIC


class ContextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Context

    deliberation = factory.SubFactory(DeliberationFactory)
    name = factory.Sequence(lambda n: f"When situation {n} arises")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Question
        skip_postgeneration_save = True

    deliberation = factory.SubFactory(DeliberationFactory)
    slug = factory.Sequence(lambda n: f"q{n}")
    prompt = "My child refuses to do homework. What should the AI do?"

    @factory.post_generation
    def contexts(question, create, extracted, **kwargs):
        if create and extracted:
            question.contexts.add(*extracted)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Participant

    user = factory.SubFactory(UserFactory)
    deliberation = factory.SubFactory(DeliberationFactory)
    pseudonym = factory.Sequence(lambda n: f"calm-otter-{n:03d}")
    consented_at = factory.LazyFunction(timezone.now)


class CanonicalValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CanonicalValue

    deliberation = factory.SubFactory(DeliberationFactory)
    title = factory.Sequence(lambda n: f"Value {n}")
    description = factory.LazyAttribute(lambda v: f"About {v.title}")
    policies = factory.LazyAttribute(lambda v: [f"MOMENTS of {v.title}"])
    created_at = factory.LazyFunction(timezone.now)


class ValuesCardFactory(factory.django.DjangoModelFactory):
    """A submitted card, worded like its canonical value (as dedupe makes a new value)."""

    class Meta:
        model = models.ValuesCard

    author = factory.SubFactory(ParticipantFactory)
    question = in_same_deliberation(QuestionFactory, "author.deliberation")
    canonical_value = in_same_deliberation(CanonicalValueFactory, "author.deliberation")
    title = factory.LazyAttribute(
        lambda c: c.canonical_value.title if c.canonical_value else "A value"
    )
    description = factory.LazyAttribute(
        lambda c: c.canonical_value.description if c.canonical_value else ""
    )
    policies = factory.LazyAttribute(
        lambda c: list(c.canonical_value.policies) if c.canonical_value else ["MOMENTS of care"]
    )
    status = models.ValuesCard.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)

    class Params:
        # A card still being written: not submitted, so not yet deduplicated either.
        draft = factory.Trait(
            status=models.ValuesCard.Status.DRAFT, submitted_at=None, canonical_value=None
        )


class ElicitationDraftFactory(factory.django.DjangoModelFactory):
    """A participant's open draft for a question, at its first stage (the guided form's story)."""

    class Meta:
        model = models.ElicitationDraft

    participant = factory.SubFactory(ParticipantFactory)
    question = in_same_deliberation(QuestionFactory, "participant.deliberation")


class EdgeHypothesisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EdgeHypothesis

    deliberation = factory.SubFactory(DeliberationFactory)
    from_value = in_same_deliberation(CanonicalValueFactory)
    to_value = in_same_deliberation(CanonicalValueFactory)
    context = in_same_deliberation(ContextFactory)
    story = "I used to push; now I wait until she is curious."
    source = models.EdgeHypothesis.Source.PARTICIPANT


class WiserVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.WiserVote

    participant = factory.SubFactory(ParticipantFactory)
    deliberation = factory.SelfAttribute("participant.deliberation")
    from_value = in_same_deliberation(CanonicalValueFactory)
    to_value = in_same_deliberation(CanonicalValueFactory)
    context = in_same_deliberation(ContextFactory)
    choice = models.WiserVote.Choice.WISER
    created_at = factory.LazyFunction(timezone.now)
