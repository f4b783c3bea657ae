"""The interview chat in real Chromium on a phone: streaming, escaping, the card, the fallback."""

import pytest

from moralgraph.models import ElicitationDraft
from tests.browser.conftest import PHONE
from tests.factories import DeliberationFactory, ParticipantFactory, QuestionFactory
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


@pytest.fixture
def person():
    """A participant of deliberation `kids`, and its question."""
    d = DeliberationFactory(slug="kids")
    return ParticipantFactory(deliberation=d), QuestionFactory(deliberation=d)


def test_chat_in_chromium(new_page, live_server, log_in, person, fake_llm, browser_log):
    p, q = person
    page = new_page(**PHONE)
    log_in(page, p.user)
    page.goto(f"{live_server.url}/d/kids/q/{q.pk}/interview/")
    assert page.locator("#card-panel").is_hidden()
    assert page.locator("#chat-error").is_hidden()
    # 1: text reply
    fake_llm.script(Reply.text("What did you <b>notice</b>?\nTell me."))
    page.fill("#chat-message", "My <img src=x onerror=alert(1)> story")
    page.click("#chat-send")
    page.locator(".msg-assistant .msg-text").last.wait_for()
    page.wait_for_function("document.querySelector('#chat-send').disabled === false")
    assert (
        page.locator(".msg-user .msg-text").last.inner_text()
        == "My <img src=x onerror=alert(1)> story"
    )
    assert (
        page.locator(".msg-assistant .msg-text").last.inner_text()
        == "What did you <b>notice</b>?\nTell me."
    )
    assert page.input_value("#chat-message") == ""
    # 2: card
    card = {
        "title": "Curiosity <img src=x onerror=alert(2)>",
        "description": "d",
        "policies": ["MOMENTS when x", "OPTIONS that y"],
    }
    fake_llm.script(Reply.tool_call("propose_card", card, content="Here is a draft."))
    page.fill("#chat-message", "ok")
    page.click("#chat-send")
    page.locator("#card-panel").wait_for(state="visible")
    assert page.locator("#card-title").inner_text() == card["title"]
    assert page.locator("#card-policies li").all_inner_texts() == card["policies"]
    page.wait_for_function("document.querySelector('#chat-send').disabled === false")
    # 3: error
    fake_llm.script(Reply.malformed("propose_card"))
    page.fill("#chat-message", "again")
    page.click("#chat-send")
    page.locator("#chat-error").wait_for(state="visible")
    assert "isn't available" in page.locator("#chat-error-text").inner_text()
    assert page.input_value("#chat-message") == ""
    href = page.locator("#chat-form-link").get_attribute("href")
    assert "/drafts/" in href, href
    # 4: empty message is refused client-side
    page.fill("#chat-message", "   ")
    page.click("#chat-send")
    assert page.locator("#chat-message-error").is_visible()
    # 5: reload shows it all server-rendered
    page.reload()
    assert page.locator(".msg-user").count() == 3
    assert page.locator("#chat-error").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    page.screenshot(path="/tmp/chatcheck/shot.png", full_page=True)
    # 5b: the interviewer answers again, so "isn't available" no longer holds and goes
    fake_llm.script(Reply.text("Thanks, go on."))
    page.fill("#chat-message", "one more thing")
    page.click("#chat-send")
    page.locator(".msg-assistant .msg-text", has_text="Thanks, go on.").wait_for()
    assert page.locator("#chat-error").is_hidden()
    # 6: submit
    page.click("#card-submit")
    page.wait_for_url("**/my-values/**")
    d = ElicitationDraft.objects.get()
    assert d.card.source == "chat"
    assert not browser_log.dialogs
