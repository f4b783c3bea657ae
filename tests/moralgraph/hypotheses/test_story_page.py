"""A participant tells their own upgrade story through the page."""

import pytest

from moralgraph.models import EdgeHypothesis

pytestmark = pytest.mark.django_db


def test_participant_tells_a_story_through_the_page(client, world):
    a, b, _ = world["values"]
    client.force_login(world["people"][0].user)
    assert "I used to focus on" in client.get("/d/v/stories/new/").content.decode()
    page = client.post(
        "/d/v/stories/new/",
        {"from_value": a.pk, "to_value": a.pk, "context": world["ctx"].pk, "story": "I changed."},
    )
    assert "different values" in page.content.decode()
    assert "I changed." in page.content.decode()  # kept
    r = client.post(
        "/d/v/stories/new/",
        {
            "from_value": a.pk,
            "to_value": b.pk,
            "context": world["ctx"].pk,
            "story": "I used to push; now I listen.",
        },
    )
    assert r.status_code == 302
    story = EdgeHypothesis.objects.get(source="participant")
    assert (story.author, story.story) == (world["people"][0], "I used to push; now I listen.")
