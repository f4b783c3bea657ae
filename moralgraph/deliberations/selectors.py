"""What the organiser console shows: participation figures, the funnel, gaps, a time series."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDay, TruncHour
from django.utils import timezone

from ..access import organised_deliberations
from ..models import CanonicalValue, Context, Deliberation, EdgeHypothesis, ValuesCard, WiserVote


def deliberations_organised_by(user):
    return organised_deliberations(user).order_by("-created_at")


def participation_summary(deliberation: Deliberation) -> dict:
    participants = deliberation.participants.all()
    cards = ValuesCard.objects.filter(question__deliberation=deliberation, status="submitted")
    values = CanonicalValue.objects.filter(deliberation=deliberation, merged_into=None)
    votes = WiserVote.objects.filter(deliberation=deliberation)
    judged = set(votes.values_list("from_value_id", flat=True)) | set(
        votes.values_list("to_value_id", flat=True)
    )
    joined = participants.count()
    with_card = participants.filter(cards__status="submitted").distinct().count()
    voted = participants.filter(votes__isnull=False).distinct().count()
    per_context = {
        row["name"]: row["n"]
        for row in Context.objects.filter(deliberation=deliberation)
        .annotate(n=Count("votes"))
        .values("name", "n")
    }
    return {
        "joined": joined,
        "cards": cards.count(),
        "values": values.filter(hidden=False).count(),
        "stories": EdgeHypothesis.objects.filter(deliberation=deliberation, hidden=False).count(),
        "votes": votes.count(),
        "funnel": [
            ("Joined", joined, 100),
            ("Shared a value", with_card, round(100 * with_card / joined) if joined else 0),
            ("Judged a story", voted, round(100 * voted / joined) if joined else 0),
        ],
        "votes_per_context": sorted(per_context.items(), key=lambda kv: (kv[1], kv[0])),
        "unjudged_values": list(
            values.filter(hidden=False).exclude(pk__in=judged).order_by("title")[:50]
        ),
    }


def activity_series(deliberation: Deliberation, *, now=None) -> dict:
    """Joins, cards and votes per day (per hour in the first two days): the plot over time."""
    now = now or timezone.now()
    start = deliberation.created_at
    hourly = now - start <= timedelta(days=2)
    trunc = TruncHour if hourly else TruncDay

    def counts(qs, field):
        return Counter(
            dict(
                qs.annotate(t=trunc(field))
                .values("t")
                .annotate(n=Count("id"))
                .values_list("t", "n")
            )
        )

    series = {
        "joined": counts(deliberation.participants.all(), "joined_at"),
        "cards": counts(
            ValuesCard.objects.filter(
                Q(question__deliberation=deliberation) & Q(status="submitted")
            ),
            "submitted_at",
        ),
        "votes": counts(WiserVote.objects.filter(deliberation=deliberation), "created_at"),
    }
    buckets = sorted({t for c in series.values() for t in c if t is not None})
    return {
        "unit": "hour" if hourly else "day",
        "buckets": buckets,
        "rows": {name: [c.get(t, 0) for t in buckets] for name, c in series.items()},
    }


def activity_svg_points(series: dict, *, width=560, height=140) -> dict:
    """Cumulative counts scaled to polylines, for an inline SVG (no JavaScript needed)."""
    rows = {}
    top = 1
    for name, values in series["rows"].items():
        total, cumulative = 0, []
        for v in values:
            total += v
            cumulative.append(total)
        rows[name] = cumulative
        top = max(top, total)
    n = max(len(series["buckets"]) - 1, 1)
    return {
        name: " ".join(
            f"{round(i * width / n, 1)},{round(height - v * height / top, 1)}"
            for i, v in enumerate(values)
        )
        for name, values in rows.items()
    } | {"top": top}


def stories_with_counts(deliberation: Deliberation):
    """Each story with its votes per choice (on its pair and situation), fewest-voted first."""
    stories = list(
        EdgeHypothesis.objects.filter(deliberation=deliberation)
        .select_related("from_value", "to_value", "context", "author")
        .order_by("id")
    )
    tally = Counter()
    for row in (
        WiserVote.objects.filter(deliberation=deliberation)
        .values("from_value_id", "to_value_id", "context_id", "choice")
        .annotate(n=Count("id"))
    ):
        key = (row["from_value_id"], row["to_value_id"], row["context_id"])
        tally[key, row["choice"]] += row["n"]
    for s in stories:
        key = (s.from_value_id, s.to_value_id, s.context_id)
        s.counts = {c: tally[key, c] for c in WiserVote.Choice.values}
        s.total = sum(s.counts.values())
    stories.sort(key=lambda s: (s.total, s.pk))
    return stories
