"""Flags on new content (card checks, personal data, the LLM after commit) and participants' reports."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from moralgraph.cards.services import card_create, card_submit
from moralgraph.hypotheses.services import hypothesis_write
from moralgraph.models import Flag, Participant
from moralgraph.moderation import decisions as moderation
from moralgraph.moderation import flags, llm_review
from moralgraph.tasks import moderate_content
from moralgraph.votes.services import vote_cast
from tests.factories import POLICIES, ParticipantFactory, ValuesCardFactory
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def submit(world, policies, *, title="Curiosity before answers", confirm=True):
    card = card_create(
        participant=world["other"],
        question=world["q"],
        title=title,
        description="When my son is stuck.",
        policies=policies,
    )
    return card_submit(card, world["other"], confirm_warnings=confirm)


def test_a_clean_card_is_not_flagged(world):
    card = submit(world, POLICIES)
    assert not Flag.objects.filter(card=card).exists()


def test_a_confirmed_card_check_warning_opens_a_flag(world):
    card = submit(world, ["MOMENTS when he should try alone first"])
    [flag] = Flag.objects.filter(card=card)
    assert (flag.source, flag.status, flag.deliberation) == ("card_check", "open", world["d"])
    assert [i["code"] for i in flag.details["issues"]] == ["policy_imperative"]
    assert "should" in flag.reason


def test_an_email_in_a_policy_opens_a_personal_data_flag_without_copying_it(world):
    card = submit(world, [POLICIES[0], "MESSAGES from his teacher at m.jones@school.example"])
    [flag] = Flag.objects.filter(card=card)
    assert flag.source == "pii"
    assert "email in policies.2" in flag.reason
    [span] = flag.details["spans"]["policies.2"]
    assert span["kind"] == "email"
    assert (
        "m.jones" not in str(flag.details) + flag.reason
    )  # flags outlive edits: no copy of the data


def test_a_phone_number_in_a_story_and_an_address_in_a_comment_are_flagged(world):
    story = hypothesis_write(
        participant=world["other"],
        from_value=world["value_b"],
        to_value=world["value_a"],
        context=world["ctx"],
        story="Call me on 07700 900123 and I will tell you how it went.",
    )
    assert Flag.objects.get(hypothesis=story).source == "pii"
    vote = vote_cast(
        participant=world["other"],
        from_value=world["value_a"],
        to_value=world["value_b"],
        context=world["ctx"],
        choice="wiser",
        comment="Visit us at 12 Elm Street!",
    )
    assert Flag.objects.get(vote=vote).details["spans"]["comment"][0]["kind"] == "address"
    silent = vote_cast(
        participant=world["other"],
        from_value=world["value_b"],
        to_value=world["value_a"],
        context=world["ctx"],
        choice="unsure",
    )
    assert not Flag.objects.filter(vote=silent).exists()


def test_the_same_open_source_and_target_is_flagged_once(world):
    first = flags.flag_create(target=world["card"], source="pii", reason="one")
    assert flags.flag_create(target=world["card"], source="pii", reason="two") == first
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        Flag.objects.create(
            deliberation=world["d"], card=world["card"], source="pii", reason="three"
        )
    first.status, first.resolved_at = "resolved", first.created_at
    first.save()
    assert flags.flag_create(target=world["card"], source="pii", reason="again") != first


@pytest.mark.parametrize("targets", [{}, {"card": "card", "vote": "vote"}])
def test_a_flag_names_exactly_one_target(world, targets):
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(
            deliberation=world["d"],
            source="moderator",
            reason="x",
            **{field: world[key] for field, key in targets.items()},
        )


def test_llm_moderation_runs_after_commit_in_a_worker_never_in_the_request(
    world, fake_llm, django_capture_on_commit_callbacks
):
    fake_llm.script(
        Reply.tool_call(
            "moderation_verdict", {"flag": True, "categories": ["spam"], "reason": "An ad."}
        )
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        card = submit(world, POLICIES)
    assert fake_llm.requests == []  # nothing asked while the participant waits
    assert len(callbacks) == 1
    with mock.patch.object(moderate_content, "delay") as delay:
        callbacks[0]()  # the commit hands the task to the broker
    delay.assert_called_once_with("card", card.pk)
    result = moderate_content("card", card.pk)  # what the worker runs
    flag = Flag.objects.get(pk=result["flag_id"])
    assert (flag.source, flag.reason, flag.details) == ("llm", "An ad.", {"categories": ["spam"]})
    [request] = fake_llm.requests
    assert "Curiosity before answers" in request.body["messages"][1]["content"]
    assert moderate_content("card", card.pk)["flag_id"] is None  # judged once
    assert len(fake_llm.requests) == 1


def test_a_broker_that_is_down_does_not_fail_the_submission(
    world, fake_llm, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(
            moderate_content, "delay", side_effect=ConnectionError("broker down")
        ) as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        card = submit(world, POLICIES)
    delay.assert_called_once_with("card", card.pk)
    card.refresh_from_db()
    assert card.status == "submitted"


@pytest.mark.parametrize("reply", [Reply.error(500), Reply.malformed("moderation_verdict")])
def test_llm_failures_fail_closed_unchecked_in_the_queue(world, fake_llm, reply):
    """A failed check is no all-clear: the content is flagged unchecked (so it is in the queue
    and not served to the public) until a later check answers."""
    fake_llm.script(reply, reply)
    with pytest.raises(llm_review.ModerationUnchecked):
        llm_review.content_moderate_llm("card", world["card"].pk)
    flag = Flag.objects.get(card=world["card"], source="llm")
    assert (flag.status, flag.details["unchecked"]) == ("open", True)
    assert "Not checked" in flag.reason
    client = Client()
    client.force_login(world["moderator"])
    queue = client.get("/moderate/", {"status": "open"}).content.decode()
    assert "not checked yet" in queue  # in the queue, and said so


def test_the_worker_retries_an_unchecked_check_with_backoff(world, fake_llm):
    card = world["card"]
    fake_llm.script(Reply.error(500))  # the first attempt fails
    with (
        mock.patch.object(moderate_content, "retry", side_effect=RuntimeError("retry")) as retry,
        pytest.raises(RuntimeError),
    ):
        moderate_content.run("card", card.pk)
    assert retry.call_args.kwargs["countdown"] == 30  # then 60, 120, … (2**retries)
    fake_llm.script(Reply.tool_call("moderation_verdict", {"flag": False}))
    assert moderate_content.run("card", card.pk)["flag_id"] is None  # the retry: clean
    flag = Flag.objects.get(card=card, source="llm")
    assert (flag.status, flag.resolution) == ("resolved", "checked_clean")
    asked = len(fake_llm.requests)
    assert moderate_content.run("card", card.pk)["flag_id"] is None
    assert len(fake_llm.requests) == asked  # judged: not asked again


def test_an_unchecked_flag_takes_the_later_verdict(world, fake_llm):
    card = world["card"]
    fake_llm.script(Reply.error(500))
    with pytest.raises(llm_review.ModerationUnchecked):
        llm_review.content_moderate_llm("card", card.pk)
    fake_llm.script(Reply.tool_call("moderation_verdict", {"flag": True, "reason": "An ad."}))
    flag = llm_review.content_moderate_llm("card", card.pk)
    assert (flag.status, flag.reason) == ("open", "An ad.")
    assert Flag.objects.filter(card=card, source="llm").count() == 1


def test_llm_saying_fine_opens_no_flag(world, fake_llm):
    fake_llm.script(Reply.tool_call("moderation_verdict", {"flag": False}))
    assert llm_review.content_moderate_llm("comment", world["vote"].pk) is None


# --- reports ----------------------------------------------------------------------------------


def test_a_participant_reports_someone_elses_card_story_and_comment(world):
    for target in (world["card"], world["story"], world["vote"]):
        flag = flags.report(world["other"], target, "  This names my neighbour.  ")
        assert (flag.source, flag.reporter, flag.reason, flag.status) == (
            "report",
            world["other"],
            "This names my neighbour.",
            "open",
        )
        assert flag.target == target
    assert flags.report(world["other"], world["card"], "again") == Flag.objects.get(
        card=world["card"]
    )
    third = ParticipantFactory(deliberation=world["d"])
    flags.report(third, world["card"], "Spam.")
    assert (
        Flag.objects.filter(card=world["card"], source="report").count() == 2
    )  # two reporters, two flags


def test_reports_are_refused_for_own_content_other_deliberations_banned_reporters_and_no_reason(
    world,
):
    with pytest.raises(ValidationError):
        flags.report(world["author"], world["card"], "mine")
    with pytest.raises(PermissionDenied):
        flags.report(world["outsider"], world["card"], "not my deliberation")
    with pytest.raises(ValidationError):
        flags.report(world["other"], world["card"], "   ")
    with pytest.raises(ValidationError):
        flags.report(world["other"], world["value_a"], "values are not reported")
    world["other"].status = Participant.Status.BANNED
    world["other"].save()
    with pytest.raises(PermissionDenied):
        flags.report(world["other"], world["card"], "banned")
    assert not Flag.objects.exists()


def test_reports_are_limited_per_participant_while_open(world):
    cards = ValuesCardFactory.create_batch(
        flags.REPORT_LIMIT + 1, author=world["author"], question=world["q"]
    )
    for card in cards[:-1]:
        flags.report(world["other"], card, "spam")
    with pytest.raises(flags.ReportLimitReached):
        flags.report(world["other"], cards[-1], "spam")
    moderation.approve(cards[0], by=world["moderator"])  # handled reports free a place
    assert flags.report(world["other"], cards[-1], "spam").source == "report"
