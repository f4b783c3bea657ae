"""Import moral-graph data in MAI's formats: raw dumps (values + votes) and published summaries."""

from dataclasses import dataclass

import numpy as np
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..cards.checks import TITLE_MAX
from ..graph.mai_format import CHOICE_BY_RELATIONSHIP, parse_timestamp
from ..graph.provenance import mai_summary_hash
from ..graph.votes import CHOICE_NAMES
from ..models import (
    CanonicalValue,
    Context,
    Deliberation,
    EdgeHypothesis,
    GraphSnapshot,
    Participant,
    WiserVote,
)
from ..snapshots.storage import pack_arrays
from ..webhooks.events import snapshot_created
from .mai_checks import check_summary, check_values, check_votes

IMPORT_USERNAME = "moralgraph-import"
MAI_VALUE_FIELDS = ("instructionsShort", "instructionsDetailed", "createdAt", "updatedAt")


@dataclass
class ImportResult:
    deliberation: Deliberation
    values_created: int
    values_updated: int
    votes: int
    participants: int
    hypotheses: int


def import_owner():
    """Imported deliberations belong to a service account unless an owner is given."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=IMPORT_USERNAME, defaults={"is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def deliberation_for_import(slug: str, owner=None) -> Deliberation:
    deliberation, _ = Deliberation.objects.get_or_create(
        slug=slug,
        defaults={
            "title": slug.replace("-", " ").title(),
            "owner": owner or import_owner(),
            "status": Deliberation.Status.CLOSED,
        },
    )
    return deliberation


def _require(record: dict, keys: tuple[str, ...], what: str) -> None:
    missing = [k for k in keys if k not in record]
    if missing:
        raise ValidationError(f"{what} {record.get('id', '?')!r} lacks {', '.join(missing)}")


def upsert_mai_values(
    deliberation: Deliberation, values: list[dict]
) -> tuple[dict[str, CanonicalValue], int, int]:
    """Canonical values keyed by MAI id; re-importing updates instead of duplicating."""
    existing = {
        v.source_id: v
        for v in CanonicalValue.objects.filter(deliberation=deliberation).exclude(source_id="")
    }
    created = updated = 0
    by_id = {}
    for record in values:
        _require(record, ("id", "title"), "value")
        source_id = str(record["id"])
        if len(record["title"]) > TITLE_MAX:
            raise ValidationError(f"value {source_id}: title longer than {TITLE_MAX} characters")
        fields = {
            "title": record["title"],
            "description": record.get("instructionsShort")
            or record.get("instructionsDetailed")
            or "",
            "policies": [str(c) for c in record.get("evaluationCriteria") or []],
            "source_data": {k: record[k] for k in MAI_VALUE_FIELDS if k in record},
        }
        value = existing.get(source_id)
        if value is None:
            when = record.get("createdAt")
            value = CanonicalValue.objects.create(
                deliberation=deliberation,
                source_id=source_id,
                created_at=parse_timestamp(when) if when else timezone.now(),
                **fields,
            )
            created += 1
        elif any(getattr(value, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(value, k, v)
            value.save()
            updated += 1
        by_id[source_id] = value
    return by_id, created, updated


def contexts_by_name(deliberation: Deliberation, names) -> dict[str, Context]:
    return {
        name: Context.objects.get_or_create(deliberation=deliberation, name=name)[0]
        for name in sorted(set(names))
    }


@transaction.atomic
def import_mai_dump(
    deliberation: Deliberation | str, values: list[dict], votes: list[dict]
) -> ImportResult:
    """MAI's raw dump: canonical values and wiser-than votes, keeping source ids and createdAt.

    All or nothing: the files are checked first and everything, the deliberation too when
    given by slug, is written in one transaction. Idempotent: importing the same dump twice
    leaves the same rows (votes are keyed by participant, pair and context, as in MAI).
    """
    check_votes(votes, set(check_values(values)))
    if isinstance(deliberation, str):
        deliberation = deliberation_for_import(deliberation)
    by_id, created, updated = upsert_mai_values(deliberation, values)
    contexts = contexts_by_name(deliberation, (v["contextId"] for v in votes))
    participants = _import_participants(deliberation, votes)
    stories = {}
    for vote in votes:
        key = (str(vote["fromId"]), str(vote["toId"]), vote["contextId"], vote.get("story") or "")
        if key not in stories:
            stories[key] = EdgeHypothesis.objects.get_or_create(
                deliberation=deliberation,
                from_value=by_id[key[0]],
                to_value=by_id[key[1]],
                context=contexts[key[2]],
                story=key[3],
                source=EdgeHypothesis.Source.IMPORT,
            )[0]
    rows = {}
    for vote in votes:  # a later duplicate of the same judgement replaces the earlier one
        participant = participants[str(vote["userId"])]
        key = (participant.pk, str(vote["fromId"]), str(vote["toId"]), vote["contextId"])
        rows[key] = WiserVote(
            deliberation=deliberation,
            participant=participant,
            from_value=by_id[key[1]],
            to_value=by_id[key[2]],
            context=contexts[key[3]],
            hypothesis=stories[(key[1], key[2], key[3], vote.get("story") or "")],
            choice=CHOICE_NAMES[CHOICE_BY_RELATIONSHIP[vote["relationship"]]],
            comment=vote.get("comment") or "",
            created_at=parse_timestamp(vote["createdAt"]),
        )
    WiserVote.objects.bulk_create(
        rows.values(),
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["participant", "from_value", "to_value", "context"],
        update_fields=["choice", "comment", "created_at", "hypothesis"],
    )
    return ImportResult(deliberation, created, updated, len(rows), len(participants), len(stories))


def _import_participants(deliberation: Deliberation, votes: list[dict]) -> dict[str, Participant]:
    """One pseudonymous participant per MAI user id; they consented in MAI's own process."""
    User = get_user_model()
    first_vote = {}
    for vote in votes:
        user_id, when = str(vote["userId"]), parse_timestamp(vote["createdAt"])
        first_vote[user_id] = min(when, first_vote.get(user_id, when))
    participants = (
        {
            p.attributes.get("maiUserId"): p
            for p in Participant.objects.filter(
                deliberation=deliberation, attributes__has_key="maiUserId"
            )
        }
        if first_vote
        else {}
    )
    for user_id, when in first_vote.items():
        if user_id in participants:
            continue
        user = User(username=f"mai-{deliberation.pk}-{user_id}"[:150], is_pseudonymous=True)
        user.set_unusable_password()
        user.save()
        participants[user_id] = Participant.objects.create(
            user=user,
            deliberation=deliberation,
            pseudonym=f"mai-user-{user_id}",
            consented_at=when,
            attributes={"maiUserId": user_id},
        )
    return participants


@transaction.atomic
def import_mai_summary(
    deliberation: Deliberation | str, document: dict, *, created_by=None
) -> GraphSnapshot:
    """A published MAI summary becomes a snapshot (source: import) that exports back unchanged;
    checked first, written in one transaction (the deliberation too, when given by slug)."""
    check_summary(document)
    if isinstance(deliberation, str):
        deliberation = deliberation_for_import(deliberation)
    by_id, _, _ = upsert_mai_values(deliberation, document["values"])
    for index, edge in enumerate(document["edges"]):
        _require(
            edge,
            ("sourceValueId", "wiserValueId", "contexts", "counts", "summary"),
            f"edge #{index}",
        )
        for key in ("sourceValueId", "wiserValueId"):
            if str(edge[key]) not in by_id:
                raise ValidationError(
                    f"edge #{index} refers to value {edge[key]}, which is not in 'values'"
                )
    contexts = contexts_by_name(deliberation, (c for e in document["edges"] for c in e["contexts"]))
    edges = document["edges"]
    context_lists = [[contexts[c].pk for c in e["contexts"]] for e in edges]
    count = lambda key: np.array([e["counts"][key] for e in edges], dtype=np.int64)  # noqa: E731
    ranked = [v for v in document["values"] if "pageRank" in v]
    arrays = {
        "source": np.array([by_id[str(e["sourceValueId"])].pk for e in edges], dtype=np.int64),
        "wiser": np.array([by_id[str(e["wiserValueId"])].pk for e in edges], dtype=np.int64),
        "marked_wiser": count("markedWiser"),
        "marked_not_wiser": count("markedNotWiser"),
        "marked_less_wise": count("markedLessWise"),
        "marked_unsure": count("markedUnsure"),
        "impressions": count("impressions"),
        "wiser_likelihood": np.array(
            [e["summary"]["wiserLikelihood"] for e in edges], dtype=np.float64
        ),
        "entropy": np.array([e["summary"]["entropy"] for e in edges], dtype=np.float64),
        "context_indptr": np.cumsum([0] + [len(c) for c in context_lists], dtype=np.int64),
        "context_indices": np.array([c for cs in context_lists for c in cs], dtype=np.int64),
        "value_ids": np.array([by_id[str(v["id"])].pk for v in ranked], dtype=np.int64),
        "scores": np.array([v["pageRank"] for v in ranked], dtype=np.float64),
    }
    values = []
    for record in document["values"]:
        value = by_id[str(record["id"])]
        values.append(
            {
                "id": value.pk,
                "externalId": value.external_id,
                "title": value.title,
                "description": value.description,
                "policies": value.policies,
                "sourceId": value.source_id,
                "sourceData": value.source_data,
                "createdAt": value.created_at.isoformat(),
            }
        )
    updated = [parse_timestamp(v["updatedAt"]) for v in document["values"] if v.get("updatedAt")]
    snapshot = GraphSnapshot.objects.create(
        deliberation=deliberation,
        mode=GraphSnapshot.Mode.MAI,
        source=GraphSnapshot.Source.IMPORT,
        parameters={"imported": True},
        as_of=max(updated) if updated else timezone.now(),
        content_hash=mai_summary_hash(document),
        counts={"votes": None, "voters": None, "values": len(values), "edges": len(edges)},
        summary={
            "contextNames": {str(c.pk): name for name, c in contexts.items()},
            "valuesHavePageRank": bool(ranked),
        },
        arrays=pack_arrays(arrays, values=values),
        created_by=created_by,
    )
    snapshot_created(snapshot)
    return snapshot
