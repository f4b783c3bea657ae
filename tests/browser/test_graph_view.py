"""The moral-graph page in real Chromium: drawing, situation filter, values cards, escaping, exports."""

import xml.etree.ElementTree as ET

import pytest

from moralgraph.graph.view_model import graph_view_model, subgraph
from moralgraph.snapshots.selectors import snapshot_document
from moralgraph.snapshots.services import snapshot_create
from tests.browser.conftest import PHONE
from tests.factories import UserFactory
from tests.moralgraph.web.test_graph import (
    DISTRESS,
    HOMEWORK,
    SCRIPT_TITLE,
    build_graph_world,
    join,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("transactional_db"),
]

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def world():
    return build_graph_world()


@pytest.fixture
def open_graph(live_server, log_in, world):
    """Open the graph page as a participant who has voted; returns the page once drawn."""

    def open_graph(page, user=None, slug="homework"):
        log_in(page, user or world.voters[0].user)
        page.goto(f"{live_server.url}/d/{slug}/graph/")
        page.locator(".graph-node").first.wait_for()
        return page

    return open_graph


def node(page, title):
    return page.locator(".graph-node", has=page.locator("title", has_text=title)).first


def drawn_counts(page):
    return page.locator(".graph-node").count(), page.locator(".graph-edge").count()


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_every_value_and_arrow_of_the_snapshot_is_drawn(new_page, open_graph, world, device):
    page = open_graph(new_page(**PHONE) if device == "phone" else new_page())
    document = snapshot_document(world.snapshot)
    assert drawn_counts(page) == (len(document["values"]), len(document["edges"]))
    assert page.locator("#graph-status").inner_text() == (
        "Showing 4 values and 4 arrows across all situations."
    )
    # Nothing wider than the screen on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
    # Every value sits inside the visible drawing after the initial fit.
    canvas = page.locator("#graph-canvas").bounding_box()
    for box in (n.bounding_box() for n in page.locator(".graph-node .graph-dot").all()):
        assert canvas["x"] <= box["x"]
        assert box["x"] + box["width"] <= canvas["x"] + canvas["width"]
        assert canvas["y"] <= box["y"]
        assert box["y"] + box["height"] <= canvas["y"] + canvas["height"]


def test_situation_filter_changes_the_drawing_and_the_list(page, open_graph, world):
    open_graph(page)
    model = graph_view_model(snapshot_document(world.snapshot), mode="default")
    page.get_by_label("Situation", exact=True).select_option(DISTRESS)
    distress = subgraph(model, DISTRESS)
    assert drawn_counts(page) == (len(distress["nodes"]), len(distress["edges"])) == (3, 2)
    assert node(page, "Long View").count() == 0
    assert page.locator(f'.graph-rank-section[data-context="{DISTRESS}"]').is_visible()
    assert page.locator(f'.graph-rank-section[data-context="{HOMEWORK}"]').is_hidden()
    assert "context=When+the+user+is+in+distress" in page.locator("#server-svg").get_attribute(
        "href"
    )
    page.get_by_label("Situation", exact=True).select_option("")
    assert drawn_counts(page) == (4, 4)
    assert page.locator(f'.graph-rank-section[data-context="{HOMEWORK}"]').is_visible()


def test_clicking_or_pressing_enter_on_a_value_opens_its_card(page, open_graph):
    open_graph(page)
    card = page.locator("#value-card")
    node(page, "Calm Presence").click()
    assert card.locator("h2").inner_text() == "Calm Presence"
    assert card.locator(".graph-card-policies li").all_inner_texts() == [
        "MOMENTS when the shouting stops",
        "BREATHS taken together",
    ]
    assert "What Calm Presence means" in card.inner_text()
    assert node(page, "Calm Presence").get_attribute("aria-pressed") == "true"
    # Keyboard: Tab from the situation filter reaches a value; Enter opens its card.
    page.get_by_label("Situation", exact=True).focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.getAttribute('class'), document.activeElement.getAttribute('aria-label')]"
    )
    assert focused[0] == "graph-node"
    page.keyboard.press("Enter")
    assert focused[1].startswith(card.locator("h2").inner_text())


def test_a_title_with_markup_is_shown_as_text_and_never_runs(page, open_graph, browser_log):
    open_graph(page)
    label = page.locator(".graph-label", has_text="alert(1)")
    assert label.text_content() == SCRIPT_TITLE
    assert label.is_visible()
    node(page, SCRIPT_TITLE).click()
    assert page.locator("#graph-card-title").inner_text() == SCRIPT_TITLE
    assert (
        page.locator("#value-card").get_by_text("SIGNS that <b>markup</b> stays text").is_visible()
    )
    assert page.locator("#graph-app script, #value-card b, .graph-rank-section script").count() == 0
    assert browser_log.dialogs == []


def test_the_winner_of_a_situation_is_marked_in_the_drawing_and_in_text(page, open_graph):
    open_graph(page)
    page.get_by_label("Situation", exact=True).select_option(DISTRESS)
    winners = page.locator(".graph-node", has=page.locator(".graph-winner-ring"))
    assert winners.count() == 1
    assert winners.get_attribute("aria-label") == (
        f"{SCRIPT_TITLE}, ranked 1 of 3 in this situation, top value in this situation"
    )
    assert winners.locator(".graph-winner-star").text_content() == "★"
    winners.click()
    assert (
        page.locator(".graph-card-winner").inner_text().startswith("★ Top value in this situation")
    )
    section = page.locator(f'.graph-rank-section[data-context="{DISTRESS}"]')
    assert (
        section.locator(".graph-rank-item.is-winner .graph-rank-title").inner_text() == SCRIPT_TITLE
    )


def test_svg_and_png_downloads_hold_the_current_drawing(page, open_graph):
    open_graph(page)
    page.get_by_label("Situation", exact=True).select_option(HOMEWORK)
    with page.expect_download() as svg_download:
        page.get_by_role("button", name="Download SVG").click()
    download = svg_download.value
    assert download.suggested_filename.endswith("-when-helping-with-homework.svg")
    root = ET.parse(download.path()).getroot()
    assert root.tag == f"{SVG}svg"
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "graph-node"]
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("class") == "graph-edge"]
    assert (len(groups), len(arrows)) == drawn_counts(page) == (3, 2)
    assert "Calm Presence" in "".join(root.itertext())
    # The file says which situation it shows, and is wide enough for its title and legend.
    texts = [t for t in root.iter(f"{SVG}text") if t.get("font-size") in ("20", "12")]
    assert HOMEWORK in texts[0].text
    width = float(root.get("width"))
    assert all(len(t.text) * float(t.get("font-size")) * 0.55 < width for t in texts)

    with page.expect_download() as png_download:
        page.get_by_role("button", name="Download PNG").click()
    png = png_download.value
    assert png.suggested_filename.endswith(".png")
    with open(png.path(), "rb") as file:
        assert file.read(8) == b"\x89PNG\r\n\x1a\n"


def test_tapping_a_value_on_a_phone_shows_its_card(new_page, open_graph):
    page = open_graph(new_page(**PHONE))
    node(page, "Long View").tap()
    card = page.locator("#value-card")
    assert card.locator("h2").inner_text() == "Long View"
    assert card.locator(".graph-card-policies li").all_inner_texts() == ["YEARS ahead, not tonight"]
    assert card.is_visible()
    box = card.bounding_box()
    assert box["y"] < page.viewport_size["height"]  # scrolled into view below the drawing


def test_someone_who_has_not_taken_part_sees_no_drawing(page, live_server, log_in, world):
    user = join(world.deliberation, UserFactory()).user
    log_in(page, user)
    response = page.goto(f"{live_server.url}/d/homework/graph/")
    assert response.status == 403
    assert page.get_by_text(
        "You will see the graph once you have shared a value of your own."
    ).is_visible()
    assert page.locator(".graph-node").count() == 0


def test_demo_deliberation_in_mai_mode_draws_all_its_values(page, live_server, log_in):
    from moralgraph.demo.loader import load_demo

    owner = UserFactory()
    deliberation = load_demo(owner=owner).deliberation
    snapshot = snapshot_create(deliberation=deliberation, mode="mai")
    document = snapshot_document(snapshot)
    log_in(page, owner)
    page.goto(f"{live_server.url}/d/{deliberation.slug}/graph/")
    page.locator(".graph-node").first.wait_for()
    assert drawn_counts(page) == (len(document["values"]), len(document["edges"]))
    assert len(document["edges"]) > 0
    assert page.locator(".graph-winner-ring").count() >= 1
