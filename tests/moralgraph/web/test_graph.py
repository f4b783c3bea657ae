"""The graph page, its JSON and its SVG: who may see them, what they hold, and that text is escaped."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from moralgraph.models import CanonicalValue, Deliberation, GraphSnapshot, Participant
from moralgraph.participation.services import participant_join
from moralgraph.snapshots.selectors import snapshot_document
from moralgraph.snapshots.services import snapshot_create
from moralgraph.votes.services import vote_cast
from tests.factories import CanonicalValueFactory, ContextFactory, DeliberationFactory, UserFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
HOMEWORK = "When helping with homework"
DISTRESS = "When the user is in distress"
SCRIPT_TITLE = "<script>alert(1)</script>"
T0 = timezone.now() - timedelta(days=2)


@dataclass
class GraphWorld:
    """A deliberation with four values, votes in two contexts and one default-mode snapshot."""

    deliberation: Deliberation
    owner: object
    values: dict[str, CanonicalValue]
    voters: list[Participant]
    snapshot: GraphSnapshot | None
    users: dict[str, object] = field(default_factory=dict)


def join(deliberation, user) -> Participant:
    return participant_join(
        deliberation=deliberation, invite_token=deliberation.invite_token, user=user, consent=True
    )


def build_graph_world(*, slug="homework", snapshot=True) -> GraphWorld:
    """Real joins, wiser-than votes and `snapshot_create` through the services, on values and
    contexts from the factories."""
    deliberation = DeliberationFactory(
        slug=slug, title="Homework <b>night</b>", results_visibility="participants"
    )
    homework = ContextFactory(deliberation=deliberation, name=HOMEWORK)
    distress = ContextFactory(deliberation=deliberation, name=DISTRESS)
    cards = {
        "curiosity": ("Curiosity First", ["QUESTIONS the child asks unprompted"]),
        "calm": ("Calm Presence", ["MOMENTS when the shouting stops", "BREATHS taken together"]),
        "script": (SCRIPT_TITLE, ["SIGNS that <b>markup</b> stays text"]),
        "longview": ("Long View", ["YEARS ahead, not tonight"]),
    }
    values = {
        key: CanonicalValueFactory(
            deliberation=deliberation,
            title=title,
            description=f"What {title} means, in the participants' words.",
            policies=policies,
            created_at=T0,
        )
        for key, (title, policies) in cards.items()
    }
    voters = [join(deliberation, UserFactory()) for _ in range(4)]
    judgements = [
        ("curiosity", "calm", homework, 4),  # calm wins homework
        ("longview", "curiosity", homework, 3),
        ("curiosity", "script", distress, 4),  # the <script> value wins distress
        ("calm", "script", distress, 3),
    ]
    for step, (source, wiser, context, count) in enumerate(judgements):
        for i in range(count):
            vote_cast(
                participant=voters[i],
                from_value=values[source],
                to_value=values[wiser],
                context=context,
                choice="wiser",
                at=T0 + timedelta(minutes=10 * step + i),
            )
    owner = deliberation.owner
    made = snapshot_create(deliberation=deliberation, created_by=owner) if snapshot else None
    return GraphWorld(deliberation, owner, values, voters, made)


@pytest.fixture
def world():
    world = build_graph_world()
    newcomer = join(world.deliberation, UserFactory()).user
    elsewhere = build_graph_world(slug="elsewhere", snapshot=False)
    world.users = {
        "anonymous": None,
        "participant_before_voting": newcomer,
        "participant_after_voting": world.voters[0].user,
        "participant_of_another_deliberation": elsewhere.voters[0].user,
        "moderator": UserFactory(moderator=True),
        "owner": world.owner,
        "staff": UserFactory(is_staff=True),
    }
    return world


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def urls(slug="homework"):
    return {
        "page": f"/d/{slug}/graph/",
        "json": f"/d/{slug}/graph.json",
        "svg": f"/d/{slug}/graph.svg",
    }


# --- permissions ---------------------------------------------------------------------------

ALLOWED, JOIN_FIRST, CARD_FIRST, NOT_FOUND = "allowed", "join", "card", "404"


@pytest.mark.parametrize(
    ("role", "status", "expected"),
    [
        ("anonymous", "open", JOIN_FIRST),
        ("participant_before_voting", "open", CARD_FIRST),
        ("participant_after_voting", "open", ALLOWED),
        ("participant_of_another_deliberation", "open", JOIN_FIRST),
        ("moderator", "open", ALLOWED),
        ("owner", "open", ALLOWED),
        ("staff", "open", ALLOWED),
        ("anonymous", "draft", NOT_FOUND),
        ("participant_of_another_deliberation", "draft", NOT_FOUND),
        # Drafts are their organisers' (and moderators') only, whoever joined before.
        ("participant_before_voting", "draft", NOT_FOUND),
        ("participant_after_voting", "draft", NOT_FOUND),
        ("moderator", "draft", ALLOWED),
        ("owner", "draft", ALLOWED),
        ("staff", "draft", ALLOWED),
        ("anonymous", "closed", NOT_FOUND),
        ("participant_after_voting", "closed", ALLOWED),
    ],
)
def test_permissions_matrix_for_page_json_and_svg(world, role, status, expected):
    Deliberation.objects.filter(pk=world.deliberation.pk).update(status=status)
    client = client_for(world.users[role])
    page, data, svg = (client.get(url) for url in urls().values())
    if expected == NOT_FOUND:
        assert [page.status_code, data.status_code, svg.status_code] == [404, 404, 404]
        return
    if expected == ALLOWED:
        assert [page.status_code, data.status_code, svg.status_code] == [200, 200, 200]
        assert b'id="graph-app"' in page.content
        return
    assert [page.status_code, data.status_code, svg.status_code] == [403, 403, 403]
    html = page.content.decode()
    assert 'id="graph-app"' not in html
    assert "Curiosity First" not in html  # nothing of the graph leaks
    assert "Curiosity First" not in data.content.decode()
    assert "error" in data.json()
    if expected == JOIN_FIRST:
        assert "open the invitation link" in html
    else:
        assert "once you have shared a value of your own" in html


def test_a_deliberation_may_also_ask_for_a_vote_before_the_graph(world):
    world.deliberation.settings = {"graph_visible_after_voting": True}
    world.deliberation.save()
    client = client_for(world.users["participant_before_voting"])
    assert client.get(urls()["page"]).status_code == 403
    assert "Vote first" in client.get(urls()["json"]).json()["error"]
    assert (
        client_for(world.users["participant_after_voting"]).get(urls()["page"]).status_code == 200
    )


def test_unknown_deliberation_is_not_found(world):
    client = client_for(world.users["staff"])
    assert all(client.get(url).status_code == 404 for url in urls("nope").values())


# --- no snapshot, picking a snapshot -------------------------------------------------------


def test_without_a_snapshot_the_page_says_so_and_the_json_404s(world):
    build_graph_world(slug="fresh", snapshot=False)
    client = client_for(world.users["staff"])
    page = client.get(urls("fresh")["page"])
    assert page.status_code == 200
    assert "No graph has been computed for this deliberation yet." in page.content.decode()
    data = client.get(urls("fresh")["json"])
    assert data.status_code == 404
    assert data["Content-Type"] == "application/json"
    assert data.json() == {"error": "No graph has been computed yet."}
    assert client.get(urls("fresh")["svg"]).status_code == 404


def test_a_snapshot_can_be_picked_but_only_from_this_deliberation(world):
    older = world.snapshot
    newer = snapshot_create(deliberation=world.deliberation, mode="mai")
    client = client_for(world.users["owner"])
    assert client.get(urls()["json"]).json()["snapshot"]["id"] == newer.pk
    picked = client.get(urls()["json"] + f"?snapshot={older.pk}").json()
    assert picked["snapshot"]["id"] == older.pk
    assert picked["snapshot"]["mode"] == "default"
    other = build_graph_world(slug="other").snapshot
    for bad in (str(other.pk), "abc", "999999"):
        response = client.get(urls()["json"] + f"?snapshot={bad}")
        assert response.status_code == 404
        assert "error" in response.json()
        assert client.get(urls()["page"] + f"?snapshot={bad}").status_code == 404


# --- what the JSON holds -------------------------------------------------------------------


def test_json_is_the_view_model_of_the_snapshot(world):
    data = client_for(world.users["owner"]).get(urls()["json"]).json()
    assert set(data) == {"contexts", "nodes", "edges", "rankings", "snapshot"}
    assert data["snapshot"] == {
        "id": world.snapshot.pk,
        "mode": "default",
        "asOf": world.snapshot.as_of.isoformat(),
        "contentHash": world.snapshot.content_hash,
        "createdAt": world.snapshot.created_at.isoformat(),
    }
    document = snapshot_document(world.snapshot)
    assert len(data["nodes"]) == len(document["values"]) == 4
    assert len(data["edges"]) == len(document["edges"]) == 4
    assert sorted(data["contexts"]) == [HOMEWORK, DISTRESS]
    nodes = {node["title"]: node for node in data["nodes"]}
    assert set(nodes[SCRIPT_TITLE]) == {
        "id",
        "title",
        "description",
        "policies",
        "score",
        "winnerIn",
        "winProbability",
    }
    assert nodes["Calm Presence"]["policies"] == [
        "MOMENTS when the shouting stops",
        "BREATHS taken together",
    ]
    assert nodes["Calm Presence"]["winnerIn"] == [HOMEWORK]
    assert nodes[SCRIPT_TITLE]["winnerIn"] == [DISTRESS]
    assert 0 < nodes[SCRIPT_TITLE]["winProbability"][DISTRESS] <= 1
    ids = {node["title"]: node["id"] for node in data["nodes"]}
    arrows = {(e["source"], e["target"]): e for e in data["edges"]}
    calm_over_curiosity = arrows[ids["Curiosity First"], ids["Calm Presence"]]
    assert calm_over_curiosity["contexts"] == [HOMEWORK]
    assert calm_over_curiosity["wiserLikelihood"] == 1.0  # four "wiser", nothing else


# --- the page ------------------------------------------------------------------------------


def test_page_explains_filters_and_ranks_as_escaped_text(world):
    html = client_for(world.users["participant_after_voting"]).get(urls()["page"]).content.decode()
    assert (
        "An arrow from A to B means participants judged that moving from A to B is becoming wiser"
        in html
    )
    assert '<label for="graph-context">Situation</label>' in html
    assert f'<option value="{HOMEWORK}">' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT_TITLE not in html
    assert "SIGNS that &lt;b&gt;markup&lt;/b&gt; stays text" in html
    assert "Homework &lt;b&gt;night&lt;/b&gt;" in html
    assert html.count("★ Top value</span>") == 2  # one winner per context, in the text list
    # Everything the page loads is served by the project: no CDN.
    assert "/static/vendor/d3/d3-graph.min.js" in html
    assert "https://" not in html.split("<main", 1)[1]


# --- the SVG -------------------------------------------------------------------------------


def test_svg_is_a_well_formed_attachment_with_titles_escaped(world):
    response = client_for(world.users["moderator"]).get(urls()["svg"])
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="homework-moral-graph-{world.snapshot.pk}.svg"'
    )
    assert "default-src 'none'" in response["Content-Security-Policy"]
    body = response.content.decode()
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert not list(root.iter(f"{SVG}script"))
    assert "<script>" not in body
    assert "&lt;script&gt;alert(1)" in body
    labels = ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]
    assert SCRIPT_TITLE in labels
    assert "Moral graph: Homework <b>night</b>" in labels
    dots = [c for c in root.iter(f"{SVG}circle") if c.get("fill") != "none"]
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("marker-end")]
    assert (len(dots), len(arrows)) == (4, 4)


def test_svg_of_one_context(world):
    client = client_for(world.users["owner"])
    response = client.get(urls()["svg"], {"context": DISTRESS})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-when-the-user-is-in-distress.svg"')
    root = ET.fromstring(response.content)
    assert len([p for p in root.iter(f"{SVG}path") if p.get("marker-end")]) == 2
    assert client.get(urls()["svg"], {"context": "Nowhere"}).status_code == 404
