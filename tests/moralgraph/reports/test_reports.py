"""The three reports on the demo deliberation: pages, CSVs and the API, who may read them,
and that no cell names a group of fewer than five."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from moralgraph.models import Participant


@pytest.fixture
def owner_client(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def rows(response) -> list[dict]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode())))


def test_reports_index_offers_the_demo_attributes(owner_client, demo):
    deliberation, _ = demo
    page = owner_client.get(f"/d/{deliberation.slug}/reports/")
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("age", "group", "politics"):
        assert f"<code>{name}</code>" in text


def test_bridging_page_and_csv(owner_client, demo):
    deliberation, snapshot = demo
    url = f"/d/{deliberation.slug}/reports/bridging/?snapshot={snapshot.pk}&group_by=politics"
    page = owner_client.get(url)
    assert page.status_code == 200
    assert "Winners per situation" in page.content.decode()
    table = rows(owner_client.get(url + "&format=csv"))
    assert {r["section"] for r in table} >= {"edge", "context_winner"}
    assert {r["group"] for r in table if r["section"] == "edge"} == {"centre", "left", "right"}
    for r in table:
        if r["voters"]:
            assert int(r["voters"]) >= 5
    assert any(r["endorsed_across_groups"] == "yes" for r in table if r["section"] == "edge")


def test_equilibrium_page_and_csv(owner_client, demo):
    deliberation, snapshot = demo
    url = f"/d/{deliberation.slug}/reports/equilibrium/?snapshot={snapshot.pk}&group_by=politics&agents=2&beta_a=20"
    page = owner_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "(excluded)" in text
    assert "Active alignment" in text
    body = owner_client.get(url + "&format=csv").content.decode()
    assert body.splitlines()[1].startswith("group,voters,a,agent_1,agent_2,excluded")
    # A bad number comes back on the page, named, with what was typed kept.
    bad = owner_client.get(url.replace("beta_a=20", "beta_a=lots"))
    assert bad.status_code == 400
    assert "beta_a: must be a number" in bad.content.decode()
    assert 'value="lots"' in bad.content.decode()


def test_survey_report_page_and_csv(owner_client, demo):
    deliberation, _ = demo
    url = f"/d/{deliberation.slug}/reports/survey/?group_by=politics"
    assert owner_client.get(url).status_code == 200
    table = rows(owner_client.get(url + "&format=csv"))
    fair = {r["group"]: r for r in table if r["question"] == "graph_fair"}
    assert set(fair) == {"(all)", "centre", "left", "right"}
    assert float(fair["right"]["mean"]) < float(fair["left"]["mean"])
    placed = [r for r in table if r["question"] == "value_well_placed"]
    assert int(placed[0]["respondents"]) >= 30


def test_api_reports_match_the_pages_rule(demo):
    deliberation, snapshot = demo
    api = APIClient()
    api.force_authenticate(get_user_model().objects.get(username="admin"))  # results: organisers'
    base = f"/api/v1/snapshots/{snapshot.pk}/reports/"
    response = api.get(base + "equilibrium/?group_by=politics&agents=3&align=false")
    assert response.status_code == 200
    assert response.json()["kkt_residual"] <= 1e-8
    assert api.get(base + "equilibrium/?group_by=politics&agents=x").json()["error"]["fields"] == {
        "agents": ["agents: must be a number."]
    }
    assert api.get(base + "bridging/?group_by=shoe_size").status_code == 409
    csv_response = api.get(base + "bridging/?group_by=age&format=csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    results = api.get(f"/api/v1/deliberations/{deliberation.slug}/survey/results/?group_by=age")
    assert results.status_code == 200
    # A participant who has not taken part yet sees no results, on the API or the pages.
    participant = get_user_model().objects.get(username="participant")
    assert Participant.objects.filter(user=participant, deliberation=deliberation).exists()
    api.force_authenticate(participant)
    assert api.get(base + "bridging/?group_by=age").status_code == 403
    from django.test import Client

    page = Client()
    page.force_login(participant)
    assert page.get(f"/d/{deliberation.slug}/reports/bridging/?group_by=age").status_code == 403
    assert Client().get(f"/d/{deliberation.slug}/reports/").status_code == 403
