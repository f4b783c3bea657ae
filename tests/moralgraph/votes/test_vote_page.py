"""Voting on the page without JavaScript: the story escaped, a clear error, changing one's mind."""

import pytest

from moralgraph.hypotheses.services import hypothesis_write
from moralgraph.models import WiserVote
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_vote_page_flow_without_javascript(client, world):
    a, b, _ = world["values"]
    story = hypothesis_write(
        participant=world["people"][1],
        from_value=a,
        to_value=b,
        context=world["ctx"],
        story="Maya used to <b>push</b>; now she asks what is hard.",
    )
    client.force_login(world["people"][0].user)
    page = client.get("/d/v/vote/")
    html = page.content.decode()
    assert "Maya used to &lt;b&gt;push&lt;/b&gt;" in html
    assert "MOMENTS of A" in html
    assert f'name="hypothesis" value="{story.pk}"' in html
    # No choice: the typed comment is kept and a clear error shown.
    page = client.post("/d/v/vote/", {"hypothesis": story.pk, "comment": "Listening matters"})
    assert "Please choose Yes, No or Not sure." in page.content.decode()
    assert "Listening matters" in page.content.decode()
    assert not WiserVote.objects.exists()
    response = client.post(
        "/d/v/vote/", {"hypothesis": story.pk, "choice": "wiser", "comment": "Listening matters"}
    )
    assert response.status_code == 302
    vote = WiserVote.objects.get()
    assert (vote.choice, vote.comment, vote.hypothesis) == ("wiser", "Listening matters", story)
    # Changing one's mind updates the same vote.
    client.post("/d/v/vote/", {"hypothesis": story.pk, "choice": "not_wiser"})
    assert WiserVote.objects.get().choice == "not_wiser"
    # The session (its one story) is over: it ends, and leads to the graph.
    assert "Thank you — this session is done." in client.get("/d/v/vote/").content.decode()


def test_vote_page_needs_a_participant(client, world):
    client.force_login(UserFactory())
    assert client.get("/d/v/vote/").status_code == 302
    client.logout()
    assert client.get("/d/v/vote/").status_code == 302
