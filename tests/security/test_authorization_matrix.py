"""Who may do what: every API route and the permission-relevant pages, for every kind of caller.

The matrix below is the specification: one row per endpoint (method and URL), one column per
principal, each cell the exact status expected. Each cell runs as its own test in the world of
`conftest.py`; write requests carry valid bodies, so an allowed cell shows success (200/201)
and a refused one shows the refusal, not a validation error. Known security bugs are listed
in KNOWN_BUGS: their cells hold the status the code *should* give and are marked xfail(strict).
"""

import json
from dataclasses import dataclass

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Redirect:
    """A 302 from a page: to the sign-in page, to the deliberation's page (join first), or onward."""

    to: str

    def __repr__(self) -> str:
        return f"302→{self.to}"


LOGIN, JOIN, DONE = Redirect("login"), Redirect("join"), Redirect("done")

PRINCIPALS = (
    "anon",
    "participant",
    "outsider",
    "moderator",
    "owner",
    "staff",
    "other_owner",
    "key_read",
    "key_write",
    "key_participate",
    "key_jobs",
    "key_moderate",
    "key_revoked",
    "key_expired",
    "key_elsewhere",
)
# A key limited to another deliberation gets 404 on id routes: it does not learn the thing exists.
# anon:        nobody signed in
# participant: took part in `homework` (submitted a card, voted); owns `key_participate`
# outsider:    participant of `elsewhere` (closed) only
# moderator:   member of the moderators group; owner: owns `homework`; staff: is_staff
# other_owner: owns `elsewhere`, so moderates it, and nothing else
# key_*:       bearer keys: one per scope (read:graphs, write:deliberations, participate,
#              run:jobs, moderate), then revoked, expired, and limited to `elsewhere` (every
#              scope); all but key_participate belong to a staff moderator who takes part in
#              `homework`, so only the key can be what refuses.
# Columns after the URL: anon participant outsider moderator owner staff other_owner, then
# the keys read:graphs write:deliberations participate run:jobs moderate revoked expired elsewhere.
# {A} is the open deliberation `homework`, {B} the closed `elsewhere`, {C} the draft `drafting`
# (owned by homework's owner).

# fmt: off
MATRIX = [
    # name                  method   URL                                                  anon   part   outs   mod    own    staff  oown   read   write  part   jobs   mod    revok  expir  else
    ("deliberations",       "GET",   "/api/v1/deliberations/",                            200,   200,   200,   200,   200,   200,   200,   200,   403,   403,   403,   403,   401,   401,   200),
    ("deliberation",        "GET",   "/api/v1/deliberations/{A}/",                        200,   200,   200,   200,   200,   200,   200,   200,   403,   403,   403,   403,   401,   401,   403),
    ("deliberation.closed", "GET",   "/api/v1/deliberations/{B}/",                        404,   404,   200,   200,   404,   200,   200,   200,   403,   403,   403,   403,   401,   401,   200),
    ("deliberation.draft",  "GET",   "/api/v1/deliberations/{C}/",                        404,   404,   404,   200,   200,   200,   404,   200,   403,   403,   403,   403,   401,   401,   403),
    ("contexts",            "GET",   "/api/v1/deliberations/{A}/contexts/",               200,   200,   200,   200,   200,   200,   200,   200,   403,   403,   403,   403,   401,   401,   403),
    ("contexts.closed",     "GET",   "/api/v1/deliberations/{B}/contexts/",               404,   404,   200,   200,   404,   200,   200,   200,   403,   403,   403,   403,   401,   401,   200),
    ("questions",           "GET",   "/api/v1/deliberations/{A}/questions/",              200,   200,   200,   200,   200,   200,   200,   200,   403,   403,   403,   403,   401,   401,   403),
    ("values",              "GET",   "/api/v1/deliberations/{A}/values/",                 403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   403),
    # Demographics are the moderators' (issue 13): aggregated, yet not public.
    ("demographics",        "GET",   "/api/v1/deliberations/{A}/demographics/",           401,   403,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   403),
    ("hypotheses.next",     "GET",   "/api/v1/deliberations/{A}/hypotheses/next/",        401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("hypotheses.create",   "POST",  "/api/v1/deliberations/{A}/hypotheses/",             401,   201,   403,   403,   403,   403,   403,   403,   403,   201,   403,   403,   401,   401,   403),
    ("hypotheses.session",  "GET",   "/api/v1/deliberations/{A}/hypotheses/session/?question={q}",
                                                                                          401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("hypotheses.session.start", "POST", "/api/v1/deliberations/{A}/hypotheses/session/", 401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("votes",               "GET",   "/api/v1/deliberations/{A}/votes/",                  401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("votes.create",        "POST",  "/api/v1/deliberations/{A}/votes/",                  401,   201,   403,   403,   403,   403,   403,   403,   403,   201,   403,   403,   401,   401,   403),
    ("cards",               "GET",   "/api/v1/deliberations/{A}/cards/",                  401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("cards.create",        "POST",  "/api/v1/deliberations/{A}/cards/",                  401,   201,   403,   403,   403,   403,   403,   403,   403,   201,   403,   403,   401,   401,   403),
    ("card",                "GET",   "/api/v1/deliberations/{A}/cards/{card}/",           401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("card.of_peer",        "GET",   "/api/v1/deliberations/{A}/cards/{peer_card}/",      401,   404,   403,   403,   403,   403,   403,   403,   403,   404,   403,   403,   401,   401,   403),
    ("card.patch",          "PATCH", "/api/v1/deliberations/{A}/cards/{draft}/",          401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("card.patch.of_peer",  "PATCH", "/api/v1/deliberations/{A}/cards/{peer_card}/",      401,   404,   403,   403,   403,   403,   403,   403,   403,   404,   403,   403,   401,   401,   403),
    ("card.submit",         "POST",  "/api/v1/deliberations/{A}/cards/{draft}/submit/",   401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("card.confirm",        "POST",  "/api/v1/deliberations/{A}/cards/{card}/confirm/",   401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("cards.check",         "POST",  "/api/v1/deliberations/{A}/cards/check/",            401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("question.cards",      "GET",   "/api/v1/deliberations/{A}/questions/{q}/cards/",    401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("join",                "POST",  "/api/v1/deliberations/{A}/join/",                   401,   201,   201,   201,   201,   201,   201,   403,   403,   201,   403,   403,   401,   401,   403),
    ("snapshots.of_A",      "GET",   "/api/v1/deliberations/{A}/snapshots/",              403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   403),
    ("snapshots.create",    "POST",  "/api/v1/deliberations/{A}/snapshots/",              401,   403,   403,   403,   202,   202,   403,   403,   202,   403,   403,   403,   401,   401,   403),
    ("deliberations.create", "POST", "/api/v1/deliberations/",                            401,   201,   201,   201,   201,   201,   201,   403,   201,   403,   403,   403,   401,   401,   403),
    ("deliberation.patch",  "PATCH", "/api/v1/deliberations/{A}/",                        401,   403,   403,   403,   200,   200,   403,   403,   200,   403,   403,   403,   401,   401,   403),
    ("deliberation.status", "POST",  "/api/v1/deliberations/{B}/status/",                 401,   404,   403,   403,   404,   200,   200,   403,   200,   403,   403,   403,   401,   401,   200),
    ("questions.create",    "POST",  "/api/v1/deliberations/{A}/questions/",              401,   403,   403,   403,   201,   201,   403,   403,   201,   403,   403,   403,   401,   401,   403),
    ("snapshot.run",        "GET",   "/api/v1/deliberations/{A}/snapshot-runs/{run}/",    403,   403,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   403),
    ("snapshots.filtered",  "POST",  "/api/v1/deliberations/{A}/snapshots/filtered/",     401,   201,   403,   201,   201,   201,   403,   201,   403,   403,   403,   403,   401,   401,   403),
    ("webhooks",            "GET",   "/api/v1/deliberations/{A}/webhooks/",               401,   403,   403,   403,   200,   200,   403,   403,   200,   403,   403,   403,   401,   401,   403),
    ("webhooks.create",     "POST",  "/api/v1/deliberations/{A}/webhooks/",               401,   403,   403,   403,   201,   201,   403,   403,   201,   403,   403,   403,   401,   401,   403),
    ("snapshot.latest",     "GET",   "/api/v1/deliberations/{A}/snapshots/latest/",       403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   403),
    ("snapshot.latest.export", "GET", "/api/v1/deliberations/{A}/snapshots/latest/export/?format=json",
                                                                                          403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   403),
    ("snapshot.latest.closed", "GET", "/api/v1/deliberations/{B}/snapshots/latest/",      404,   404,   200,   200,   404,   200,   200,   200,   403,   403,   403,   403,   401,   401,   200),
    ("snapshots",           "GET",   "/api/v1/snapshots/",                                200,   200,   200,   200,   200,   200,   200,   200,   403,   403,   403,   403,   401,   401,   200),
    ("snapshot",            "GET",   "/api/v1/snapshots/{snap}/",                         403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   404),
    ("snapshot.export",     "GET",   "/api/v1/snapshots/{snap}/export/?format=csv",       403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   404),
    ("snapshot.diff",       "GET",   "/api/v1/snapshots/{snap}/diff/{snap2}/",            403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   404),
    ("snapshot.votes",      "GET",   "/api/v1/snapshots/{snap}/votes/?format=csv",        403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   404),
    ("snapshot.latest.votes", "GET", "/api/v1/deliberations/{A}/snapshots/latest/votes/?format=jsonl",
                                                                                          403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   403),
    ("snapshot.export.manifest", "GET", "/api/v1/snapshots/{snap}/export/manifest/?format=csv",
                                                                                          403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   404),
    ("snapshot.votes.manifest", "GET", "/api/v1/snapshots/{snap}/votes/manifest/?format=csv",
                                                                                          403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   404),
    ("snapshot.closed",     "GET",   "/api/v1/snapshots/{snap_b}/",                       404,   404,   200,   200,   404,   200,   200,   200,   403,   403,   403,   403,   401,   401,   200),
    ("snapshot.draft",      "GET",   "/api/v1/snapshots/{snap_c}/",                       404,   404,   404,   200,   200,   200,   404,   200,   403,   403,   403,   403,   401,   401,   404),
    ("snapshot.draft.export", "GET", "/api/v1/snapshots/{snap_c}/export/?format=jsonl",   404,   404,   404,   200,   200,   200,   404,   200,   403,   403,   403,   403,   401,   401,   404),
    ("snapshot.draft.votes", "GET",  "/api/v1/snapshots/{snap_c}/votes/?format=csv",      404,   404,   404,   200,   200,   200,   404,   200,   403,   403,   403,   403,   401,   401,   404),
    ("snapshot.closed.votes", "GET", "/api/v1/snapshots/{snap_b}/votes/?format=jsonl",    404,   404,   200,   200,   404,   200,   200,   200,   403,   403,   403,   403,   401,   401,   200),
    ("moderation.flags",    "GET",   "/api/v1/moderation/flags/",                         401,   403,   403,   200,   200,   200,   200,   403,   403,   403,   403,   200,   401,   401,   200),
    ("moderation.act",      "POST",  "/api/v1/moderation/actions/",                       401,   403,   403,   200,   200,   200,   403,   403,   403,   403,   403,   200,   401,   401,   403),
    ("moderation.act.on_B", "POST",  "/api/v1/moderation/actions/",                       401,   403,   403,   200,   403,   200,   200,   403,   403,   403,   403,   200,   401,   401,   200),
    ("moderation.audit",    "GET",   "/api/v1/moderation/audit/",                         401,   403,   403,   200,   200,   200,   200,   403,   403,   403,   403,   200,   401,   401,   200),
    ("moderation.audit.csv", "GET",  "/api/v1/moderation/audit/export/",                  401,   403,   403,   200,   200,   200,   200,   403,   403,   403,   403,   200,   401,   401,   200),
    # Reports on groups are results (the one rule, `access.results_access`); the world has no
    # group of five, so allowed callers get 409 (the report cannot be made), refused ones 4xx.
    ("report.bridging",     "GET",   "/api/v1/snapshots/{snap}/reports/bridging/?group_by=side",
                                                                                          403,   409,   403,   409,   409,   409,   403,   409,   403,   403,   403,   403,   401,   401,   404),
    ("report.equilibrium",  "GET",   "/api/v1/snapshots/{snap}/reports/equilibrium/?group_by=side",
                                                                                          403,   409,   403,   409,   409,   409,   403,   409,   403,   403,   403,   403,   401,   401,   404),
    ("report.bridging.draft", "GET", "/api/v1/snapshots/{snap_c}/reports/bridging/?group_by=side",
                                                                                          404,   404,   404,   409,   409,   409,   404,   409,   403,   403,   403,   403,   401,   401,   404),
    ("survey.results",      "GET",   "/api/v1/deliberations/{A}/survey/results/",         403,   200,   403,   200,   200,   200,   403,   200,   403,   403,   403,   403,   401,   401,   403),
    ("survey.results.draft", "GET",  "/api/v1/deliberations/{C}/survey/results/",         404,   404,   404,   200,   200,   200,   404,   200,   403,   403,   403,   403,   401,   401,   403),
    ("survey",              "GET",   "/api/v1/deliberations/{A}/survey/",                 401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    ("survey.answer",       "POST",  "/api/v1/deliberations/{A}/survey/",                 401,   200,   403,   403,   403,   403,   403,   403,   403,   200,   403,   403,   401,   401,   403),
    # The alignment half: targets read like snapshots; building one is its owner's; jobs are run:jobs.
    ("targets",             "GET",   "/api/v1/targets/",                                  200,   200,   200,   200,   200,   200,   200,   200,   403,   403,   403,   403,   401,   401,   200),
    # A target is the snapshot's ranking: it follows results visibility (404 where refused).
    ("target",              "GET",   "/api/v1/targets/{target}/",                         404,   200,   404,   200,   200,   200,   404,   200,   403,   403,   403,   403,   401,   401,   404),
    ("target.of_B",         "GET",   "/api/v1/targets/{target_b}/",                       404,   404,   200,   200,   404,   200,   200,   200,   403,   403,   403,   403,   401,   401,   200),
    ("target.export",       "GET",   "/api/v1/targets/{target}/export/",                  404,   200,   404,   200,   200,   200,   404,   200,   403,   403,   403,   403,   401,   401,   404),
    ("targets.create",      "POST",  "/api/v1/targets/",                                  401,   403,   403,   403,   201,   201,   403,   403,   201,   403,   403,   403,   401,   401,   404),
    ("jobs",                "GET",   "/api/v1/jobs/",                                     401,   200,   200,   200,   200,   200,   200,   403,   403,   403,   200,   403,   401,   401,   200),
    ("job",                 "GET",   "/api/v1/jobs/{job}/",                               401,   404,   404,   404,   200,   200,   404,   403,   403,   403,   200,   403,   401,   401,   404),
    ("job.metrics",         "GET",   "/api/v1/jobs/{job}/metrics/",                       401,   404,   404,   404,   200,   200,   404,   403,   403,   403,   200,   403,   401,   401,   404),
    ("jobs.create",         "POST",  "/api/v1/jobs/",                                     401,   403,   404,   403,   201,   201,   404,   403,   403,   403,   201,   403,   401,   401,   404),
    ("job.cancel",          "POST",  "/api/v1/jobs/{job}/cancel/",                        401,   404,   404,   404,   200,   200,   404,   403,   403,   403,   200,   403,   401,   401,   404),
    # Pages: they take sessions only, so every bearer key is treated as nobody signed in.
    ("page.graph",          "GET",   "/d/{A}/graph/",                                     403,   200,   403,   200,   200,   200,   403,   403,   403,   403,   403,   403,   403,   403,   403),
    ("page.graph.json",     "GET",   "/d/{A}/graph.json",                                 403,   200,   403,   200,   200,   200,   403,   403,   403,   403,   403,   403,   403,   403,   403),
    ("page.graph.svg",      "GET",   "/d/{A}/graph.svg",                                  403,   200,   403,   200,   200,   200,   403,   403,   403,   403,   403,   403,   403,   403,   403),
    ("page.graph.json.of_B", "GET",  "/d/{A}/graph.json?snapshot={snap_b}",               403,   404,   403,   404,   404,   404,   403,   403,   403,   403,   403,   403,   403,   403,   403),
    ("page.graph.draft",    "GET",   "/d/{C}/graph/",                                     404,   404,   404,   200,   200,   200,   404,   404,   404,   404,   404,   404,   404,   404,   404),
    ("page.survey",         "GET",   "/d/{A}/survey/",                                    JOIN,  200,   JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN),
    ("page.survey.answer",  "POST",  "/d/{A}/survey/",                                    JOIN,  DONE,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN),
    ("page.reports",        "GET",   "/d/{A}/reports/",                                   403,   200,   403,   200,   200,   200,   403,   403,   403,   403,   403,   403,   403,   403,   403),
    ("page.report.survey",  "GET",   "/d/{A}/reports/survey/",                            403,   200,   403,   200,   200,   200,   403,   403,   403,   403,   403,   403,   403,   403,   403),
    ("page.report.bridging", "GET",  "/d/{A}/reports/bridging/?group_by=side",            403,   409,   403,   409,   409,   409,   403,   403,   403,   403,   403,   403,   403,   403,   403),
    ("page.report.equilibrium", "GET", "/d/{A}/reports/equilibrium/?group_by=side",       403,   409,   403,   409,   409,   409,   403,   403,   403,   403,   403,   403,   403,   403,   403),
    ("page.reports.draft",  "GET",   "/d/{C}/reports/",                                   404,   404,   404,   200,   200,   200,   404,   404,   404,   404,   404,   404,   404,   404,   404),
    ("page.closed",         "GET",   "/d/{B}/",                                           404,   404,   200,   200,   404,   200,   200,   404,   404,   404,   404,   404,   404,   404,   404),
    ("page.vote",           "GET",   "/d/{A}/vote/",                                      JOIN,  200,   JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN),
    ("page.my_values",      "GET",   "/d/{A}/my-values/",                                 JOIN,  200,   JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN),
    ("page.card_edit.of_peer", "GET", "/d/{A}/my-values/{peer_card}/edit/",               JOIN,  404,   JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN),
    ("page.console",        "GET",   "/d/{A}/organise/",                                  LOGIN, 403,   403,   403,   200,   200,   403,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.console.draft",  "GET",   "/d/{C}/organise/",                                  LOGIN, 404,   404,   403,   200,   200,   404,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.console.dashboard", "GET", "/d/{A}/organise/dashboard/",                       LOGIN, 403,   403,   403,   200,   200,   403,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.console.stories", "GET",  "/d/{A}/organise/stories/",                          LOGIN, 403,   403,   403,   200,   200,   403,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.console.snapshot", "POST", "/d/{A}/organise/snapshot/",                        LOGIN, 403,   403,   403,   DONE,  DONE,  403,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.console.run",    "GET",   "/d/{A}/organise/runs/{run}.json",                   LOGIN, 403,   403,   403,   200,   200,   403,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.keys",           "GET",   "/d/{A}/keys/",                                      LOGIN, 403,   403,   403,   200,   200,   403,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    # A draft's pages say 404 to whoever may not know it exists, as for a slug nobody uses.
    ("page.keys.draft",     "GET",   "/d/{C}/keys/",                                      LOGIN, 404,   404,   403,   200,   200,   404,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.report.draft",   "POST",  "/d/{C}/report/",                                    404,   404,   404,   403,   403,   403,   404,   404,   404,   404,   404,   404,   404,   404,   404),
    ("page.webhooks",       "GET",   "/d/{A}/webhooks/",                                  LOGIN, 403,   403,   403,   200,   200,   403,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.keys.revoke",    "POST",  "/d/{A}/keys/{prefix}/revoke/",                      LOGIN, 403,   403,   403,   DONE,  DONE,  403,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.moderation",     "GET",   "/moderate/",                                        LOGIN, 403,   403,   200,   200,   200,   200,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.moderation.act", "POST",  "/moderate/act/",                                    LOGIN, 403,   403,   DONE,  DONE,  DONE,  403,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.moderation.participant", "GET", "/moderate/participant/{participant}/",        LOGIN, 403,   403,   200,   200,   200,   403,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.audit",          "GET",   "/moderate/audit/",                                  LOGIN, 403,   403,   200,   200,   200,   200,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.audit.csv",      "GET",   "/moderate/audit/export.csv",                        LOGIN, 403,   403,   200,   200,   200,   200,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.alignment",      "GET",   "/alignment/",                                       LOGIN, 200,   200,   200,   200,   200,   200,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.target",         "GET",   "/alignment/targets/{target}/",                      LOGIN, 200,   404,   200,   200,   200,   404,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.target.of_B",    "GET",   "/alignment/targets/{target_b}/",                    LOGIN, 404,   200,   200,   404,   200,   200,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.target.launch",  "POST",  "/alignment/targets/{target}/",                      LOGIN, 200,   404,   200,   DONE,  DONE,  404,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.job",            "GET",   "/alignment/jobs/{job}/",                            LOGIN, 404,   404,   404,   200,   200,   404,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.job.data",       "GET",   "/alignment/jobs/{job}/data.json",                   LOGIN, 404,   404,   404,   200,   200,   404,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    ("page.job.cancel",     "POST",  "/alignment/jobs/{job}/cancel/",                     LOGIN, 404,   404,   404,   DONE,  DONE,  404,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
]
# fmt: on

# Valid bodies, so that an allowed request succeeds (ids come from the world).
BODIES = {
    "hypotheses.create": lambda i: {
        "from_value": i["her_decision"],
        "to_value": i["curiosity"],
        "context": i["deadline"],
        "story": "I used to decide for her; now I ask what she wants to try.",
    },
    "hypotheses.session.start": lambda i: {"question": i["q"]},
    "votes.create": lambda i: {"hypothesis": i["story"], "choice": "unsure", "comment": ""},
    "cards.create": lambda i: {
        "question": i["q"],
        "title": "Patience with slow progress",
        "description": "Letting the work take the time it takes.",
        "policies": ["MOMENTS when she is close to giving up", "SIGNS that she is still thinking"],
    },
    "card.patch": lambda i: {"title": "Trusting her own pace"},
    "card.patch.of_peer": lambda i: {"title": "Trusting her own pace"},
    "card.submit": lambda i: {},
    "card.confirm": lambda i: {"same": True},
    "cards.check": lambda i: {
        "title": "Trusting her pace",
        "policies": ["MOMENTS when she slows down"],
    },
    "join": lambda i: {"invite_token": i["token"], "consent": True},
    "snapshots.create": lambda i: {"mode": "mai"},
    "survey.answer": lambda i: {"answers": {"trust_process": 4}},
    "page.survey.answer": lambda i: {"kind": "end", "end-trust_process": "4"},
    "snapshots.filtered": lambda i: {"mode": "mai", "filters": {"untrimmed": True}},
    "webhooks.create": lambda i: {
        "url": "http://127.0.0.1:8749/in",
        "events": ["snapshot.created"],
    },
    "deliberations.create": lambda i: {"title": "From the matrix"},
    "deliberation.patch": lambda i: {"title": "Homework help"},
    "deliberation.status": lambda i: {"status": "open"},
    "questions.create": lambda i: {"prompt": "Another question?", "situations": ["When late"]},
    "targets.create": lambda i: {"snapshot": i["snap"]},
    "jobs.create": lambda i: {"target": i["target"], "config": "toy"},
    "page.target.launch": lambda i: {"config": "toy", "seed": "0"},
    "moderation.act": lambda i: {
        "action": "hide",
        "targets": [f"card:{i['peer_card']}"],
        "reason": "Copied.",
    },
    "moderation.act.on_B": lambda i: {
        "action": "hide",
        "targets": [f"card:{i['outsider_card']}"],
        "reason": "Off topic.",
    },
    "page.moderation.act": lambda i: {
        "action": "hide",
        "targets": f"card:{i['peer_card']}",
        "reason": "Copied.",
    },
}

# Cells where the code is wrong today: the matrix holds what it should do.
KNOWN_BUGS: dict = {}  # (row, principal) -> reason; fixed: keys limited to a deliberation on id routes


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    url: str
    expected: dict

    @classmethod
    def parse(cls, line: tuple) -> "Row":
        name, method, url, *cells = line
        assert len(cells) == len(PRINCIPALS), f"row {name} has {len(cells)} cells"
        return cls(name, method, url, dict(zip(PRINCIPALS, cells, strict=True)))


ROWS = [Row.parse(line) for line in MATRIX]


def _cells():
    for row in ROWS:
        for principal in PRINCIPALS:
            marks = ()
            if (row.name, principal) in KNOWN_BUGS:
                marks = (pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[row.name, principal]),)
            yield pytest.param(row, principal, id=f"{row.name}-{principal}", marks=marks)


def client_for(world, principal: str) -> APIClient:
    if principal.startswith("key_"):
        return APIClient(HTTP_AUTHORIZATION=f"Bearer {world.keys[principal]}")
    client = APIClient()
    if world.users[principal] is not None:
        client.force_login(world.users[principal])
    return client


def call(world, row: Row, principal: str):
    client = client_for(world, principal)
    url = row.url.format(**world.ids)
    body = BODIES.get(row.name, lambda i: None)(world.ids)
    if row.url.startswith("/api/"):
        return client.generic(
            row.method,
            url,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
        )
    return getattr(client, row.method.lower())(url, body or {})


def outcome(world, response):
    """The status, or for a page's redirect where it leads."""
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith(reverse("accounts:login")):
        return LOGIN
    if location == reverse("moralgraph:deliberation", args=[world.ids["A"]]):
        return JOIN
    return DONE


@pytest.mark.parametrize(("row", "principal"), list(_cells()))
def test_authorization_matrix(world, row, principal):
    response = call(world, row, principal)
    got, expected = outcome(world, response), row.expected[principal]
    assert got == expected, (
        f"{row.method} {row.url} as {principal}: got {got!r}, expected {expected!r}"
    )


# --- Beyond status codes: what allowed responses contain -------------------------------------


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


@pytest.mark.parametrize(
    ("principal", "url", "shows"),
    [
        ("anon", "/api/v1/deliberations/{A}/", "Homework help"),
        ("participant", "/api/v1/deliberations/{A}/values/", "Curiosity first"),
        ("participant", "/api/v1/snapshots/{snap}/", "Curiosity first"),
        ("participant", "/api/v1/snapshots/{snap}/export/?format=mai", "Curiosity first"),
        ("participant", "/api/v1/snapshots/{snap2}/export/?format=graphml", "Curiosity first"),
        ("participant", "/api/v1/snapshots/{snap}/export/?format=json", "Curiosity first"),
        ("participant", "/api/v1/snapshots/{snap}/votes/?format=csv", "When the child is tired"),
        ("participant", "/api/v1/snapshots/{snap2}/votes/?format=jsonl", "When the child is tired"),
        ("key_participate", "/api/v1/deliberations/{A}/cards/", "Curiosity first"),
        ("participant", "/api/v1/deliberations/{A}/questions/{q}/cards/", "Her own decision"),
        ("participant", "/api/v1/deliberations/{A}/votes/", "Waiting works."),
        ("moderator", "/api/v1/moderation/flags/?status=", "amber-heron-001"),
        ("owner", "/api/v1/moderation/audit/", "amber-heron-001"),
        ("key_moderate", "/api/v1/moderation/audit/export/", "amber-heron-001"),
        ("owner", "/d/{A}/graph.json", "Curiosity first"),
        ("moderator", "/moderate/", "calm-otter-002"),
        ("owner", "/moderate/participant/{participant}/", "amber-heron-001"),
        ("moderator", "/moderate/audit/export.csv", "amber-heron-001"),
    ],
)
def test_no_username_or_email_in_responses(world, principal, url, shows):
    """People appear by pseudonym only: no participant's username and nobody's email, anywhere."""
    response = client_for(world, principal).get(url.format(**world.ids))
    assert response.status_code == 200
    text = body_of(response)
    # The response is about people's content, so that finding no private string means something.
    assert shows in text
    leaked = [s for s in world.private_strings() if s in text]
    assert not leaked, f"{url} as {principal} shows {leaked}"


def _slugs(response, field="deliberation") -> set[str]:
    return {item[field] for item in response.json()["results"]}


@pytest.mark.parametrize(
    ("principal", "url", "field", "expected"),
    [
        ("owner", "/api/v1/moderation/flags/?status=", "deliberation", {"homework"}),
        ("other_owner", "/api/v1/moderation/flags/?status=", "deliberation", {"elsewhere"}),
        ("key_elsewhere", "/api/v1/moderation/flags/?status=", "deliberation", {"elsewhere"}),
        (
            "key_moderate",
            "/api/v1/moderation/flags/?status=",
            "deliberation",
            {"homework", "elsewhere"},
        ),
        ("owner", "/api/v1/moderation/audit/", "deliberation", {"homework"}),
        ("other_owner", "/api/v1/moderation/audit/", "deliberation", {"elsewhere"}),
        ("other_owner", "/api/v1/moderation/audit/?deliberation=homework", "deliberation", set()),
        ("key_elsewhere", "/api/v1/moderation/audit/", "deliberation", {"elsewhere"}),
        ("anon", "/api/v1/deliberations/", "slug", {"homework"}),
        ("outsider", "/api/v1/deliberations/", "slug", {"homework", "elsewhere"}),
        ("owner", "/api/v1/deliberations/", "slug", {"homework", "drafting"}),
        ("anon", "/api/v1/snapshots/", "deliberation", set()),  # results for participants
        ("participant", "/api/v1/snapshots/", "deliberation", {"homework"}),
        ("outsider", "/api/v1/snapshots/", "deliberation", {"elsewhere"}),
        ("moderator", "/api/v1/snapshots/", "deliberation", {"homework", "elsewhere", "drafting"}),
        ("key_elsewhere", "/api/v1/snapshots/", "deliberation", {"elsewhere"}),
        ("key_elsewhere", "/api/v1/deliberations/", "slug", {"elsewhere"}),
    ],
)
def test_lists_show_only_what_the_caller_may_see(world, principal, url, field, expected):
    response = client_for(world, principal).get(url)
    assert response.status_code == 200
    assert _slugs(response, field) == expected


def test_csv_audit_export_is_scoped_like_the_list(world):
    text = body_of(client_for(world, "other_owner").get("/api/v1/moderation/audit/export/"))
    assert "elsewhere" in text
    assert "homework" not in text


@pytest.mark.parametrize(
    "name", ["votes.create", "cards.create", "snapshots.create", "moderation.act"]
)
def test_session_writes_to_the_api_need_the_csrf_token(world, name):
    """A signed-in browser cannot be made to write through the API by another site."""
    row = next(r for r in ROWS if r.name == name)
    principal = next(
        p for p in ("participant", "owner", "moderator") if row.expected[p] in (200, 201, 202)
    )
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.users[principal])
    response = client.post(row.url.format(**world.ids), BODIES[name](world.ids), format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]["message"]


def test_moderation_page_actions_need_the_csrf_token(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.users["moderator"])
    response = client.post("/moderate/act/", BODIES["page.moderation.act"](world.ids))
    assert response.status_code == 403
