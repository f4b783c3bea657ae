"""A participant on a phone writes a values card with the guided form, in real Chromium.

No LLM, no special JavaScript: join through the invite link, give consent, tell the story,
list what they noticed, keep what matters, write the card, meet a check, submit, and find the
card under "My values" — with markup shown as text, never run.
"""

import pytest

from moralgraph.models import ValuesCard
from tests.browser.conftest import PHONE
from tests.factories import DeliberationFactory, QuestionFactory
from tests.support.queue import dedupe_not_enqueued

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]
SCRIPT_TITLE = "<script>alert('x')</script> Patience"


@pytest.fixture
def deliberation():
    d = DeliberationFactory(slug="homework")
    QuestionFactory(deliberation=d)
    return d


def test_join_and_write_a_card_with_the_guided_form(
    new_page, live_server, deliberation, browser_log
):
    page = new_page(**PHONE)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with dedupe_not_enqueued():
        page.goto(f"{live_server.url}/d/homework/join/{deliberation.invite_token}/")
        page.get_by_role("button", name="Join the deliberation").click()
        assert (
            page.get_by_role("alert").first.inner_text().startswith("Please tick")
        )  # consent first
        page.get_by_label("I have read the statement above").check()
        page.get_by_role("button", name="Join the deliberation").click()
        page.get_by_role("link", name="Share a value").click()
        page.get_by_role("link", name="Share a value on this question").click()
        page.get_by_role("button", name="Use the step-by-step form").click()

        page.locator("textarea").first.fill("Last winter my son cried over fractions every night.")
        page.get_by_role("button", name="Save and continue").click()
        page.locator("textarea").first.fill("his face when he got one right\nhow tired he was")
        page.get_by_role("button", name="Save and continue").click()
        page.get_by_role("button", name="Save and continue").click()  # keep what was listed

        page.locator("textarea[name=policies]").fill(
            "MOMENTS when he gets one right\nSIGNS he is too tired to learn"
        )
        page.get_by_label("Title").fill("Patience " * 10)  # 90 characters: too long
        page.get_by_role("button", name="Save and review").click()
        assert "80" in page.get_by_role("alert").first.inner_text()
        assert (
            "SIGNS he is too tired" in page.locator("textarea[name=policies]").input_value()
        )  # kept
        page.get_by_label("Title").fill(SCRIPT_TITLE)
        page.get_by_role("button", name="Save and review").click()
        # The review shows the card as text, and the slogan-free card can be submitted.
        assert SCRIPT_TITLE in page.locator("#card-title").inner_text()
        page.get_by_role("button", name="Share my value").click()

        page.wait_for_url("**/my-values/**")
        assert SCRIPT_TITLE in page.locator("main").inner_text()
    card = ValuesCard.objects.get()
    assert (card.status, card.source, card.title) == ("submitted", "form", SCRIPT_TITLE)
    assert card.provenance["answers"]["story"].startswith("Last winter")
    assert dialogs == []  # the <script> never ran
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert browser_log.errors == []
    assert browser_log.offsite == []
