"""Who an alignment target speaks for: per context, each group's share endorsing the values its
rubric draws on, on the target page and in its export (API and download)."""

from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from alignment_jobs.targets.services import target_build, target_export


def test_target_export_and_page_show_whom_it_speaks_for(client, demo):
    _, snapshot = demo
    admin = get_user_model().objects.get(username="admin")
    target = target_build(snapshot=snapshot, by=admin)
    export = target_export(target, viewer=admin)
    by = {a["groupBy"]: a for a in export["speaksFor"]["attributes"]}
    assert set(by) == {"age", "group", "politics"}
    politics = by["politics"]
    assert politics["groups"] == ["centre", "left", "right"]
    assert set(politics["contexts"]) == {c["context"] for c in target.document["contexts"]}
    cells = [cell for row in politics["contexts"].values() for cell in row]
    shown = [c for c in cells if not c.get("withheld")]
    assert shown
    for cell in shown:
        assert cell["voters"] >= 5
        assert 0 <= cell["endorsing"] <= cell["voters"]
        assert cell["share"] == cell["endorsing"] / cell["voters"]
    # The hashed document is unchanged: whom it speaks for is a report on it.
    assert "speaksFor" not in target.document
    assert "speaksFor" not in target_export(target)

    api = APIClient()
    api.force_authenticate(admin)
    body = api.get(f"/api/v1/targets/{target.pk}/export/").json()
    assert body["speaksFor"] == export["speaksFor"]
    client.force_login(admin)
    page = client.get(f"/alignment/targets/{target.pk}/").content.decode()
    assert "Whom it speaks for" in page
    assert "<strong>politics</strong>" in page
    download = client.get(f"/alignment/targets/{target.pk}/target.json")
    assert "speaksFor" in download.json()


def test_a_participant_who_has_not_taken_part_is_told_why_not(demo):
    _, snapshot = demo
    admin = get_user_model().objects.get(username="admin")
    target = target_build(snapshot=snapshot, by=admin)
    participant = get_user_model().objects.get(username="participant")
    export = target_export(target, viewer=participant)
    assert "values card first" in export["speaksFor"]["unavailable"]
