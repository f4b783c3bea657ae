"""The participant's guided form through the web pages: each stage saved, checks and the LLM's
advice on review, and who may see or change which draft."""

import re
from html import unescape
from unittest import mock

import pytest
from django.test import Client
from django.urls import NoReverseMatch
from django.urls import reverse as real_reverse

from moralgraph.cards.checks import CardIssue
from moralgraph.models import Deliberation, ElicitationDraft, ValuesCard
from tests.factories import (
    POLICIES,
    ElicitationDraftFactory,
    QuestionFactory,
    UserFactory,
    ValuesCardFactory,
)
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401

from .conftest import field_value, fill_card, page, start_draft, submitted_card, url

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


def current_step(html: str) -> str:
    """The label of the step marked aria-current="step" (exactly one)."""
    found = re.findall(r'aria-current="step"><span class="step-label">([^<]+)<', html)
    assert len(found) == 1, found
    return found[0]


# --- the whole flow -------------------------------------------------------------------------


def test_whole_guided_form_saves_each_stage_and_submits_a_card(ana, world, no_dedupe_worker):
    q = world["q"]
    html = page(ana.get(url("questions")))
    assert q.prompt in unescape(html)
    assert current_step(html) == "Question"
    assert url("articulate", q.pk) in html

    html = page(ana.get(url("articulate", q.pk)))
    assert "Use the step-by-step form" in html
    assert "interviewer" not in html  # no LLM configured
    draft = start_draft(ana, q)
    assert (draft.mode, draft.stage) == ("form", "story")

    html = page(ana.get(url("form_step", draft.pk, "story")))
    assert current_step(html) == "Your story"
    assert "Tell us about a time you faced a choice like this" in html
    response = ana.post(
        url("form_step", draft.pk, "story"), {"story": "She cried over fractions.", "go": "next"}
    )
    assert response["Location"] == url("form_step", draft.pk, "attention")
    draft.refresh_from_db()
    assert (draft.stage, draft.data["story"]) == ("attention", "She cried over fractions.")

    html = page(ana.get(url("form_step", draft.pk, "attention")))
    assert current_step(html) == "What you noticed"
    attention = "how tired she looked\nwhether she asked for help\n\nthe clock"
    response = ana.post(
        url("form_step", draft.pk, "attention"), {"attention": attention, "go": "next"}
    )
    assert response["Location"] == url("form_step", draft.pk, "meaningful")

    # The noticed things come back as boxes, all kept on the first visit.
    html = page(ana.get(url("form_step", draft.pk, "meaningful")))
    assert current_step(html) == "What matters"
    for item in ("how tired she looked", "whether she asked for help", "the clock"):
        assert re.search(
            rf'<input type="checkbox" name="kept" value="{item}"[^>]* checked', html
        ), item
    response = ana.post(
        url("form_step", draft.pk, "meaningful"),
        {
            "kept": ["how tired she looked", "whether she asked for help"],
            "more": "her pride",
            "go": "next",
        },
    )
    assert response["Location"] == url("form_step", draft.pk, "card")
    draft.refresh_from_db()
    assert draft.data["meaningful"] == "how tired she looked\nwhether she asked for help\nher pride"

    # The card starts from the kept things, with the how-to and the worked example.
    html = page(ana.get(url("form_step", draft.pk, "card")))
    assert current_step(html) == "Your card"
    assert field_value(html, "policies") == draft.data["meaningful"]
    assert "MOMENTS when the child&#x27;s curiosity shows" in html
    response = fill_card(ana, draft)
    assert response["Location"] == url("review", draft.pk)

    html = page(ana.get(url("review", draft.pk)))
    assert current_step(html) == "Review"
    assert "Curiosity-led learning" in html
    assert "Share my value" in html
    assert "Submit anyway" not in html
    response = ana.post(url("review", draft.pk))
    card = ValuesCard.objects.get(author=world["ana"])
    assert response["Location"] == url("my_values") + f"?submitted={card.pk}"
    assert (card.status, card.source, card.question, card.policies) == (
        "submitted",
        "form",
        q,
        POLICIES,
    )
    assert card.provenance["answers"] == {
        "story": "She cried over fractions.",
        "attention": attention,
        "meaningful": "how tired she looked\nwhether she asked for help\nher pride",
    }
    no_dedupe_worker.assert_called_once_with(card.pk)
    draft.refresh_from_db()
    assert (draft.stage, draft.card) == ("done", card)

    html = page(ana.get(response["Location"]))
    assert current_step(html) == "Done"
    assert "Curiosity-led learning" in html
    assert "Shared" in html
    assert q.prompt in unescape(html)
    assert "Thank you — your value is shared." in html
    # A submitted draft's steps now lead to the edit page instead of a second card.
    response = ana.get(url("form_step", draft.pk, "card"))
    assert response["Location"] == url("card_edit", card.pk)


def test_going_back_saves_and_shows_what_was_typed(ana, world):
    draft = start_draft(ana, world["q"])
    ana.post(url("form_step", draft.pk, "story"), {"story": "Typed <then> went back", "go": "next"})
    response = ana.post(
        url("form_step", draft.pk, "attention"), {"attention": "her face", "go": "back"}
    )
    assert response["Location"] == url("form_step", draft.pk, "story")
    draft.refresh_from_db()
    assert (draft.stage, draft.data["attention"]) == ("story", "her face")
    assert field_value(page(ana.get(response["Location"])), "story") == "Typed <then> went back"
    assert (
        field_value(page(ana.get(url("form_step", draft.pk, "attention"))), "attention")
        == "her face"
    )
    # Back from the first step returns to the question page, keeping the story.
    response = ana.post(url("form_step", draft.pk, "story"), {"story": "kept", "go": "back"})
    assert response["Location"] == url("articulate", world["q"].pk)
    draft.refresh_from_db()
    assert draft.data["story"] == "kept"
    # The question page offers to continue where the participant left off.
    html = page(ana.get(url("articulate", world["q"].pk)))
    assert "Continue your value" in html
    assert url("form_step", draft.pk, "story") in html


def test_meaningful_choices_come_back_as_saved(ana, world):
    draft = start_draft(ana, world["q"])
    ana.post(url("form_step", draft.pk, "attention"), {"attention": "a\nb\nc", "go": "next"})
    ana.post(url("form_step", draft.pk, "meaningful"), {"kept": ["b"], "more": "d", "go": "back"})
    html = page(ana.get(url("form_step", draft.pk, "meaningful")))
    checked = re.findall(r'name="kept" value="(\w)"[^>]* checked', html)
    assert checked == ["b"]
    assert field_value(html, "more") == "d"


def test_too_long_title_rerenders_with_message_and_keeps_the_text(ana, world):
    draft = start_draft(ana, world["q"])
    title = "A very long title " * 8
    response = fill_card(ana, draft, title=title)
    html = page(response)
    assert "keep it to 80 or fewer" in html
    assert field_value(html, "title") == title
    assert field_value(html, "policies") == "\n".join(POLICIES)
    # The message is announced and tied to the field.
    assert 'id="id_title_error" role="alert"' in html
    assert re.search(r'name="title"[^>]*aria-describedby="id_title_helptext id_title_error"', html)
    assert re.search(r'name="title"[^>]*aria-invalid="true"', html)
    draft.refresh_from_db()
    assert (draft.stage, draft.data["title"]) == ("card", title.strip())  # saved, not lost
    # Going back is not blocked by the check.
    assert fill_card(ana, draft, title=title, go="back")["Location"] == url(
        "form_step", draft.pk, "meaningful"
    )
    # Review refuses to submit it too.
    html = page(ana.get(url("review", draft.pk)))
    assert "Needs a change:" in html
    assert "Share my value" not in html
    assert "Submit anyway" not in html
    ana.post(url("review", draft.pk), {"confirm_warnings": "1"})
    assert not ValuesCard.objects.exists()


def test_overlong_answer_is_refused_without_losing_it(ana, world):
    draft = start_draft(ana, world["q"])
    story = "x" * 20_001
    html = page(ana.post(url("form_step", draft.pk, "story"), {"story": story, "go": "next"}))
    assert 'id="id_story_error" role="alert"' in html
    assert story in html
    draft.refresh_from_db()
    assert "story" not in draft.data


def test_slogan_warning_needs_submit_anyway(ana, world):
    draft = start_draft(ana, world["q"])
    assert fill_card(ana, draft, title="Abolish homework")["Location"] == url("review", draft.pk)
    html = page(ana.get(url("review", draft.pk)))
    assert "reads like a demand for a policy" in html
    assert "Submit anyway" in html
    assert "Share my value" not in html
    response = ana.post(url("review", draft.pk))  # without confirming
    assert response["Location"] == url("review", draft.pk)
    assert not ValuesCard.objects.filter(status="submitted").exists()
    assert "Please look at the notes below" in page(ana.get(response["Location"]))
    ana.post(url("review", draft.pk), {"confirm_warnings": "1"})
    card = ValuesCard.objects.get(status="submitted")
    assert card.provenance["confirmed_warnings"] == ["slogan"]


def test_review_shows_llm_critique_beside_the_item(ana, world):
    draft = start_draft(ana, world["q"])
    fill_card(ana, draft)
    issue = CardIssue(
        "llm_critique", "policies.2", "Say what you notice in her, not the options.", "warning"
    )
    with mock.patch("moralgraph.cards.critique.llm_card_issues", return_value=[issue]) as critique:
        html = page(ana.get(url("review", draft.pk)))
    critique.assert_called_once_with(
        "Curiosity-led learning", "I follow what lights her up.", POLICIES
    )
    item = re.search(r"<li>OPTIONS that keep the decision hers(.*?)</li>", html, re.S).group(1)
    assert "Say what you notice in her, not the options." in item
    assert "Submit anyway" in html


def test_review_asks_the_configured_llm(ana, world, fake_llm):
    draft = start_draft(ana, world["q"])
    fill_card(ana, draft)
    fake_llm.script(
        Reply.tool_call(
            "card_critique", {"issues": [{"field": "title", "message": f"Too vague {SCRIPT}"}]}
        )
    )
    html = page(ana.get(url("review", draft.pk)))
    assert "Too vague &lt;script&gt;" in html
    assert SCRIPT not in html
    assert len(fake_llm.requests) == 1


def test_interviewer_is_offered_only_with_an_llm_and_a_chat_page(ana, world, settings):
    question_url = url("articulate", world["q"].pk)
    settings.LLM_BASE_URL = ""
    assert "interviewer" not in page(ana.get(question_url))

    settings.LLM_BASE_URL = "http://127.0.0.1:9/v1"

    def without_chat(name, *args, **kwargs):
        if name == "moralgraph:chat":
            raise NoReverseMatch(name)
        return real_reverse(name, *args, **kwargs)

    def with_chat(name, *args, **kwargs):
        if name == "moralgraph:chat":
            return f"/chat/{kwargs['args'][0]}/{kwargs['args'][1]}/"
        return real_reverse(name, *args, **kwargs)

    with mock.patch("moralgraph.web.elicitation.reverse", side_effect=without_chat):
        html = page(ana.get(question_url))
    assert "interviewer" not in html
    assert "Use the step-by-step form" in html
    with mock.patch("moralgraph.web.elicitation.reverse", side_effect=with_chat):
        html = page(ana.get(question_url))
    assert f'href="/chat/hw/{world["q"].pk}/">Talk it through with the interviewer' in html
    assert "Use the step-by-step form" in html


# --- who may see and change what ------------------------------------------------------------


def test_another_participants_draft_or_card_is_not_found(ana, world, client):
    ben = world["ben"]
    ben_draft = ElicitationDraftFactory(
        participant=ben, question=world["q"], data={"story": "Ben's"}
    )
    ben_card = ValuesCardFactory(
        author=ben, question=world["q"], title="Ben's", policies=POLICIES, draft=True
    )
    for stage in ("story", "attention", "meaningful", "card"):
        assert ana.get(url("form_step", ben_draft.pk, stage)).status_code == 404
        assert (
            ana.post(url("form_step", ben_draft.pk, stage), {"story": "hijack"}).status_code == 404
        )
    assert ana.get(url("review", ben_draft.pk)).status_code == 404
    assert ana.post(url("review", ben_draft.pk), {"confirm_warnings": "1"}).status_code == 404
    assert ana.get(url("card_edit", ben_card.pk)).status_code == 404
    assert (
        ana.post(url("card_edit", ben_card.pk), {"title": "hijack", "policies": "X"}).status_code
        == 404
    )
    assert ana.post(url("card_confirm", ben_card.pk), {"same": "no"}).status_code == 404
    ben_draft.refresh_from_db()
    ben_card.refresh_from_db()
    assert (ben_draft.data, ben_card.title, ben_card.status) == (
        {"story": "Ben's"},
        "Ben's",
        "draft",
    )
    # Unknown steps and questions of other deliberations are not found either.
    own = start_draft(ana, world["q"])
    assert ana.get(url("form_step", own.pk, "done")).status_code == 404
    foreign = QuestionFactory()  # of another deliberation
    assert ana.get(url("articulate", foreign.pk)).status_code == 404


def test_not_joined_is_sent_to_the_deliberation_page(client, world):
    client.force_login(UserFactory())
    draft = ElicitationDraftFactory(participant=world["ana"], question=world["q"])
    for target in (
        url("questions"),
        url("articulate", world["q"].pk),
        url("form_step", draft.pk, "story"),
        url("review", draft.pk),
        url("my_values"),
    ):
        response = client.get(target)
        assert (response.status_code, response["Location"]) == (302, "/d/hw/"), target
    assert "Join the deliberation through your invite link" in page(client.get("/d/hw/"))
    assert client.post(url("articulate", world["q"].pk)).status_code == 302
    assert ElicitationDraft.objects.count() == 1
    # Signed out, the same.
    assert Client().get(url("my_values"))["Location"] == "/d/hw/"


def test_closed_deliberation_says_so_and_changes_nothing(ana, world):
    draft = start_draft(ana, world["q"])
    card = ValuesCardFactory(
        author=world["ana"], question=world["q2"], title="Mine", policies=POLICIES, draft=True
    )
    Deliberation.objects.filter(pk=world["d"].pk).update(status="closed")
    closed = "This deliberation is closed: new values can no longer be shared or changed."

    html = page(ana.get(url("articulate", world["q"].pk)))
    assert closed in html
    assert "Use the step-by-step form" not in html
    assert "Continue your value" not in html
    assert closed in page(ana.get(url("questions")))
    assert closed in page(ana.get(url("my_values")))
    response = ana.post(url("form_step", draft.pk, "story"), {"story": "late", "go": "next"})
    assert response["Location"] == url("articulate", world["q"].pk)
    assert ana.post(url("review", draft.pk))["Location"] == url("articulate", world["q"].pk)
    html = page(ana.get(url("card_edit", card.pk)))
    assert closed in html
    assert '<form method="post" class="panel step-form"' not in html
    # A form posted just before closing keeps its words and says why it was not saved.
    html = page(
        ana.post(
            url("card_edit", card.pk), {"title": "Changed late", "policies": "MOMENTS of calm"}
        )
    )
    assert "closed for new values" in html
    draft.refresh_from_db()
    card.refresh_from_db()
    assert ("story" not in draft.data, card.title) == (True, "Mine")
    assert not ValuesCard.objects.filter(status="submitted").exists()


def test_others_cards_appear_only_after_submitting(ana, world, client):
    ben = world["ben"]
    # Submitted, not yet deduplicated (no dedupe task runs here).
    ValuesCardFactory(
        author=ben, question=world["q"], title="Ben on homework", canonical_value=None
    )
    ValuesCardFactory(author=ben, question=world["q2"], title="Ben on lying", canonical_value=None)
    html = page(ana.get(url("articulate", world["q"].pk)))
    assert "Ben on homework" not in html
    assert "will appear here after you have shared yours" in html

    submitted_card(ana, world)
    html = page(ana.get(url("articulate", world["q"].pk)))
    assert "Ben on homework" in html
    assert "Ben on lying" not in html
    assert "will appear here after" not in html
    # Another question keeps its own boundary.
    assert "Ben on lying" not in page(ana.get(url("articulate", world["q2"].pk)))

    world["d"].settings = {"others_cards_visible_after_submit": False}
    world["d"].save()
    assert "Ben on lying" in page(ana.get(url("articulate", world["q2"].pk)))


def test_participant_text_is_escaped_everywhere(ana, world, client):
    draft = start_draft(ana, world["q"])
    ana.post(url("form_step", draft.pk, "story"), {"story": SCRIPT, "go": "next"})
    ana.post(url("form_step", draft.pk, "attention"), {"attention": SCRIPT, "go": "next"})
    ana.post(url("form_step", draft.pk, "meaningful"), {"kept": [SCRIPT], "go": "next"})
    response = fill_card(
        ana, draft, title=SCRIPT, description=SCRIPT, policies=[f"MOMENTS {SCRIPT}"]
    )
    assert response.status_code == 302
    pages = [
        ana.get(url("form_step", draft.pk, stage))
        for stage in ("story", "attention", "meaningful", "card")
    ] + [ana.get(url("review", draft.pk)), ana.get(url("my_values"))]
    ana.post(url("review", draft.pk), {"confirm_warnings": "1"})
    card = ValuesCard.objects.get(status="submitted")
    assert card.title == SCRIPT
    pages += [
        ana.get(url("my_values") + f"?submitted={card.pk}"),
        ana.get(url("articulate", world["q"].pk)),
        ana.get(url("card_edit", card.pk)),
        ana.post(
            url("card_edit", card.pk), {"title": SCRIPT * 5, "policies": SCRIPT}
        ),  # error re-render
    ]
    client.force_login(world["ben"].user)
    world["d"].settings = {"others_cards_visible_after_submit": False}
    world["d"].save()
    pages.append(client.get(url("articulate", world["q"].pk)))  # Ben sees Ana's card
    for response in pages:
        html = page(response)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, response.request["PATH_INFO"]
        assert "<script>" not in html, response.request["PATH_INFO"]


def test_forms_are_csrf_protected(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["ana"].user)
    assert client.post(url("articulate", world["q"].pk)).status_code == 403
    assert not ElicitationDraft.objects.exists()


def test_deliberation_page_links_participants_to_the_flow(ana, world):
    html = page(ana.get("/d/hw/"))
    assert f'href="{url("questions")}">Share a value' in html
    assert url("my_values") in html
