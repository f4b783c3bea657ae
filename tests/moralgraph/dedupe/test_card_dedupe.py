"""card_dedupe with the real embedding model: links, new values, borderline cases, the task."""

import json
import threading

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from mgplatform.celery import app as celery_app
from mgplatform.queue import enqueue_on_commit
from moralgraph.dedupe import embeddings
from moralgraph.dedupe.cluster import BORDERLINE_THRESHOLD, MATCH_THRESHOLD
from moralgraph.dedupe.services import Outcome, card_dedupe
from moralgraph.demo.loader import CONTENT_PATH
from moralgraph.models import CanonicalValue, ValuesCard
from moralgraph.tasks import dedupe_card
from tests.factories import CanonicalValueFactory, QuestionFactory, ValuesCardFactory
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

CURIOSITY = (
    "Curiosity-Led Learning",
    "Noticing what genuinely interests the child and letting that interest carry them into "
    "the work, instead of relying on pressure.",
    [
        "MOMENTS when the child's curiosity shows, even about something off-topic",
        "QUESTIONS the child asks on their own that connect to the assignment",
        "WAYS the homework could link to something they already love",
    ],
)
CURIOSITY_PARAPHRASE = (
    "Following the Child's Curiosity",
    "Paying attention to what really interests the child and letting that interest pull them "
    "into the homework, rather than pushing with pressure.",
    [
        "MOMENTS when the child shows curiosity, even about something unrelated",
        "QUESTIONS the child asks by themselves that relate to the assignment",
        "WAYS the homework could connect to things they already love",
    ],
)
# The same value in the demo data, told through a different story: similar, not obviously so.
SPARK = (
    "Following the Spark",
    "In my classroom the kids who fought hardest often lit up once a task touched something "
    "they cared about. I look for that spark and build from it.",
    [
        "TOPICS the child brings up unprompted during the day",
        "QUESTIONS they ask that go beyond the worksheet",
        "CONNECTIONS between the assignment and their own hobbies",
    ],
)
WISHES = (
    "Honouring the Dying Person's Wishes",
    "What my father said he wanted, back when he could still say it, should guide what we "
    "choose for him now.",
    [
        "THINGS he said about hospitals and machines before the dementia",
        "PEOPLE he trusted to speak for him",
        "SIGNS of comfort or distress in how he responds today",
    ],
)


@pytest.fixture
def question():
    return QuestionFactory()


@pytest.fixture
def no_llm(settings):
    settings.LLM_BASE_URL = ""


def submitted_card(question, content, *, draft=False) -> ValuesCard:
    """A card of a new author, not yet deduplicated (still being written if `draft`)."""
    title, description, policies = content
    return ValuesCardFactory(
        author__deliberation=question.deliberation,
        question=question,
        canonical_value=None,
        title=title,
        description=description,
        policies=policies,
        draft=draft,
    )


def similarity(a, b) -> float:
    vectors = embeddings.embed_texts([embeddings.value_text(*a), embeddings.value_text(*b)])
    return float(vectors[0] @ vectors[1])


def test_the_example_cards_fall_where_the_tests_expect(model):
    assert similarity(CURIOSITY, CURIOSITY_PARAPHRASE) >= MATCH_THRESHOLD
    assert BORDERLINE_THRESHOLD <= similarity(CURIOSITY, SPARK) < MATCH_THRESHOLD
    assert similarity(CURIOSITY, WISHES) < BORDERLINE_THRESHOLD


def test_paraphrases_share_a_canonical_value_and_an_unrelated_card_gets_its_own(
    model, question, no_llm
):
    first = submitted_card(question, CURIOSITY)
    created = card_dedupe(first.pk)
    assert created.outcome is Outcome.CREATED
    value = CanonicalValue.objects.get(pk=created.canonical_value_id)
    assert (value.title, value.description, value.policies) == CURIOSITY
    assert value.deliberation_id == question.deliberation_id
    assert value.created_at is not None
    first.refresh_from_db()
    assert first.canonical_value_id == value.pk
    assert first.dedupe_similarity == 1.0
    assert bytes(first.embedding) == bytes(value.embedding)
    assert len(bytes(first.embedding)) == 384 * 4

    paraphrase = submitted_card(question, CURIOSITY_PARAPHRASE)
    linked = card_dedupe(paraphrase.pk)
    assert linked.outcome is Outcome.LINKED
    assert linked.canonical_value_id == value.pk
    assert linked.similarity >= MATCH_THRESHOLD
    paraphrase.refresh_from_db()
    assert paraphrase.canonical_value_id == value.pk
    assert paraphrase.dedupe_similarity == pytest.approx(linked.similarity)

    unrelated = submitted_card(question, WISHES)
    apart = card_dedupe(unrelated.pk)
    assert apart.outcome is Outcome.CREATED
    assert apart.canonical_value_id != value.pk
    assert apart.similarity < BORDERLINE_THRESHOLD
    assert CanonicalValue.objects.count() == 2


def test_dedupe_is_idempotent(model, question, no_llm):
    card = submitted_card(question, CURIOSITY)
    first = card_dedupe(card.pk)
    again = card_dedupe(card.pk)
    assert again.outcome is Outcome.ALREADY_LINKED
    assert again.canonical_value_id == first.canonical_value_id
    assert CanonicalValue.objects.count() == 1
    forced = card_dedupe(card.pk, force=True)  # matched again: its own value is the nearest
    assert forced.canonical_value_id == first.canonical_value_id
    assert forced.similarity == pytest.approx(1.0, abs=1e-5)
    assert CanonicalValue.objects.count() == 1


def test_borderline_without_an_llm_starts_a_new_value(model, question, no_llm):
    value_id = card_dedupe(submitted_card(question, CURIOSITY).pk).canonical_value_id
    result = card_dedupe(submitted_card(question, SPARK).pk)
    assert result.borderline
    assert result.outcome is Outcome.CREATED
    assert result.canonical_value_id != value_id
    assert result.llm_said_same is None


def test_clear_cases_never_ask_the_llm(model, question, fake_llm):
    for content in (CURIOSITY, CURIOSITY_PARAPHRASE, WISHES):
        card_dedupe(submitted_card(question, content).pk)
    assert fake_llm.requests == []


def test_borderline_the_llm_says_same(model, question, fake_llm):
    value_id = card_dedupe(submitted_card(question, CURIOSITY).pk).canonical_value_id
    fake_llm.script(Reply.tool_call("same_value", {"same": True, "reason": "both follow interest"}))
    card = submitted_card(question, SPARK)
    result = card_dedupe(card.pk)
    assert (result.outcome, result.borderline, result.llm_said_same) == (Outcome.LINKED, True, True)
    assert result.canonical_value_id == value_id
    card.refresh_from_db()
    assert card.canonical_value_id == value_id
    assert card.dedupe_similarity == pytest.approx(result.similarity)
    [request] = fake_llm.requests
    prompt = request.body["messages"][-1]["content"]
    assert "Following the Spark" in prompt
    assert "Curiosity-Led Learning" in prompt
    assert request.body["tool_choice"]["function"]["name"] == "same_value"


def test_borderline_the_llm_says_different(model, question, fake_llm):
    value_id = card_dedupe(submitted_card(question, CURIOSITY).pk).canonical_value_id
    fake_llm.script(Reply.tool_call("same_value", {"same": False}))
    result = card_dedupe(submitted_card(question, SPARK).pk)
    assert (result.outcome, result.llm_said_same) == (Outcome.CREATED, False)
    assert result.canonical_value_id != value_id


@pytest.mark.parametrize(
    "replies",
    [[Reply.malformed("same_value")], [Reply.text("Yes, probably.")], [Reply.error(500)] * 2],
    ids=["malformed", "prose", "server-down"],
)
def test_borderline_without_a_usable_verdict_keeps_the_card_apart(
    model, question, fake_llm, replies
):
    value_id = card_dedupe(submitted_card(question, CURIOSITY).pk).canonical_value_id
    fake_llm.script(*replies)
    card = submitted_card(question, SPARK)
    result = card_dedupe(card.pk)
    assert (result.outcome, result.llm_said_same) == (Outcome.CREATED, None)
    new_value = CanonicalValue.objects.get(pk=result.canonical_value_id)
    assert new_value.pk != value_id
    assert (new_value.title, new_value.description, new_value.policies) == SPARK  # nothing lost
    card.refresh_from_db()
    assert (card.title, card.description, card.policies) == SPARK


def test_hidden_and_merged_values_are_not_matched(model, question, no_llm):
    hidden_id = card_dedupe(submitted_card(question, CURIOSITY).pk).canonical_value_id
    CanonicalValue.objects.filter(pk=hidden_id).update(hidden=True)
    result = card_dedupe(submitted_card(question, CURIOSITY_PARAPHRASE).pk)
    assert result.outcome is Outcome.CREATED
    other = CanonicalValueFactory(deliberation=question.deliberation, title="Other")
    CanonicalValue.objects.filter(pk=result.canonical_value_id).update(merged_into=other)
    again = card_dedupe(submitted_card(question, CURIOSITY).pk)
    assert again.outcome is Outcome.CREATED
    assert again.canonical_value_id not in (hidden_id, result.canonical_value_id)


def test_values_without_an_embedding_are_embedded_and_matched(model, question, no_llm):
    title, description, policies = CURIOSITY
    imported = CanonicalValueFactory(
        deliberation=question.deliberation,
        title=title,
        description=description,
        policies=policies,
        source_id="mai:42",
    )
    result = card_dedupe(submitted_card(question, CURIOSITY_PARAPHRASE).pk)
    assert (result.outcome, result.canonical_value_id) == (Outcome.LINKED, imported.pk)
    imported.refresh_from_db()
    stored = embeddings.from_bytes(imported.embedding)
    np.testing.assert_allclose(
        stored, embeddings.embed_texts([embeddings.value_text(*CURIOSITY)])[0], atol=1e-5
    )


def test_values_of_other_deliberations_are_not_matched(model, question, no_llm):
    card_dedupe(submitted_card(question, CURIOSITY).pk)
    other_question = QuestionFactory()  # of another deliberation
    result = card_dedupe(submitted_card(other_question, CURIOSITY).pk)
    assert result.outcome is Outcome.CREATED
    value = CanonicalValue.objects.get(pk=result.canonical_value_id)
    assert value.deliberation == other_question.deliberation


def test_drafts_are_not_deduplicated(question):
    draft = submitted_card(question, CURIOSITY, draft=True)
    with pytest.raises(ValidationError, match="draft"):
        card_dedupe(draft.pk)
    assert CanonicalValue.objects.count() == 0


def test_task_links_the_card_and_is_safe_to_run_twice(model, question, no_llm):
    card = submitted_card(question, CURIOSITY)
    first = dedupe_card.apply(args=[card.pk]).get()
    assert first["outcome"] == "created"
    assert first["card_id"] == card.pk
    second = dedupe_card.apply(args=[card.pk]).get()
    assert second["outcome"] == "already_linked"
    assert second["canonical_value_id"] == first["canonical_value_id"]
    assert CanonicalValue.objects.count() == 1


def test_task_skips_drafts_hidden_and_missing_cards(question):
    draft = submitted_card(question, CURIOSITY, draft=True)
    hidden = submitted_card(question, WISHES)
    ValuesCard.objects.filter(pk=hidden.pk).update(hidden=True)
    assert dedupe_card.apply(args=[draft.pk]).get()["outcome"] == "skipped"
    assert dedupe_card.apply(args=[hidden.pk]).get()["outcome"] == "skipped"
    assert dedupe_card.apply(args=[10**9]).get()["outcome"] == "missing"
    assert CanonicalValue.objects.count() == 0


def test_enqueue_waits_for_the_commit(
    model, question, no_llm, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)  # run .delay() in-process
    card = submitted_card(question, CURIOSITY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue_on_commit("moralgraph.dedupe_card", card.pk)
    assert len(callbacks) == 1
    card.refresh_from_db()
    assert card.canonical_value_id is None  # nothing ran before the commit
    callbacks[0]()
    card.refresh_from_db()
    assert card.canonical_value_id is not None


def test_demo_cards_deduplicated_one_by_one_never_share_a_value_wrongly(model, question, no_llm):
    """Without an LLM only clear paraphrases merge: no canonical value mixes two demo values."""
    content = json.loads(CONTENT_PATH.read_text())
    truth = {}
    for row in content["cards"]:
        card = submitted_card(question, (row["title"], row["description"], row["policies"]))
        truth[card.pk] = row["value"]
        card_dedupe(card.pk)
    groups = {}
    for card_id, value_id in ValuesCard.objects.values_list("pk", "canonical_value_id"):
        groups.setdefault(value_id, set()).add(truth[card_id])
    assert None not in groups
    assert all(len(demo_values) == 1 for demo_values in groups.values())
    assert len(groups) < len(truth)  # the clearest paraphrases did merge


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_paraphrases_deduplicated_at_once_create_one_value(model, question, no_llm):
    """Each worker decides under the deliberation's lock, so the second sees the first's value."""
    cards = [submitted_card(question, CURIOSITY), submitted_card(question, CURIOSITY_PARAPHRASE)]
    barrier = threading.Barrier(len(cards))
    results, errors = [], []

    def worker(card_id):
        try:
            barrier.wait()
            results.append(card_dedupe(card_id))
        except Exception as exc:  # reported below, with the thread's traceback lost otherwise
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(c.pk,)) for c in cards]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(r.outcome for r in results) == [Outcome.CREATED, Outcome.LINKED]
    assert CanonicalValue.objects.count() == 1
    assert len({r.canonical_value_id for r in results}) == 1
