"""Filtered graphs: a snapshot of the votes in one question's contexts, in some contexts, of one
group of voters, or with every edge kept (untrimmed).

Filters are part of a snapshot's inputs: they are stored as `parameters["filters"]`, so the
content hash covers them (by question slug, context names and the group label — no database
key), and the same filters over the same votes reuse the same snapshot. A group label is
accepted only where the raw-vote export of the same cut would show it
(`moralgraph.participation.anonymity`: every shown set of labels is shared by at least five
voters), so a filtered graph reveals nothing that export does not.
"""

import numpy as np

from ..graph.compute import SnapshotError
from ..models import Context, Deliberation, Question
from ..participation.anonymity import group_labels
from .reading import CountedVotes

# The trim rule at its widest bounds: every pair with at least one "wiser" vote is an edge
# (as in MAI, a pair nobody called wiser is never one).
UNTRIMMED = {"min_wiser": 1, "min_likelihood": -1.0, "max_entropy": 10.0}
FILTER_NAMES = ("question", "contexts", "group", "untrimmed")


class FilterError(SnapshotError):
    """A filter that names nothing in the deliberation, or a group too small to show."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def checked_filters(deliberation: Deliberation, given: dict | None) -> dict:
    """The filters in canonical form (only those set; contexts sorted), each checked to name
    something in `deliberation`."""
    if not given:
        return {}
    if not isinstance(given, dict):
        raise FilterError("filters", "filters must be an object")
    unknown = set(given) - set(FILTER_NAMES)
    if unknown:
        raise FilterError("filters", f"unknown filters: {', '.join(sorted(unknown))}")
    out: dict = {}
    question = given.get("question")
    if question not in (None, ""):
        if not Question.objects.filter(deliberation=deliberation, slug=str(question)).exists():
            raise FilterError("question", f"No question {question!r} in this deliberation.")
        out["question"] = str(question)
    contexts = given.get("contexts") or []
    if isinstance(contexts, str):
        contexts = [contexts]
    if contexts:
        names = sorted({str(name) for name in contexts})
        known = set(
            Context.objects.filter(deliberation=deliberation, name__in=names).values_list(
                "name", flat=True
            )
        )
        missing = [name for name in names if name not in known]
        if missing:
            raise FilterError("contexts", f"No context {missing[0]!r} in this deliberation.")
        out["contexts"] = names
    group = given.get("group")
    if group not in (None, ""):
        if "=" not in str(group):
            raise FilterError("group", 'A group label is "attribute=value", e.g. "age=25-34".')
        out["group"] = str(group)
    untrimmed = given.get("untrimmed", False)
    if not isinstance(untrimmed, bool):
        raise FilterError("untrimmed", "untrimmed must be true or false")
    if untrimmed:
        out["untrimmed"] = True
    return out


def untrimmed_parameters(parameters: dict, given: dict) -> dict:
    """The trim parameters widened for `untrimmed`; asking for both is a contradiction."""
    clash = sorted(set(UNTRIMMED) & set(given))
    if clash:
        raise FilterError("untrimmed", f"untrimmed keeps every edge; drop {', '.join(clash)}")
    return {**parameters, **UNTRIMMED}


def filtered_votes(
    deliberation: Deliberation, counted: CountedVotes, filters: dict
) -> CountedVotes:
    """The counted votes that pass `filters`; `excluded` says how many the filters left out."""
    votes = counted.votes
    keep = np.ones(len(votes.choice), dtype=bool)
    if "question" in filters:
        question = Question.objects.get(deliberation=deliberation, slug=filters["question"])
        ids = list(question.contexts.values_list("id", flat=True))
        keep &= np.isin(votes.context, np.array(ids, dtype=np.int64))
    if "contexts" in filters:
        ids = Context.objects.filter(
            deliberation=deliberation, name__in=filters["contexts"]
        ).values_list("id", flat=True)
        keep &= np.isin(votes.context, np.array(list(ids), dtype=np.int64))
    if "group" in filters:
        # Labels as the raw-vote export of the whole cut shows them (groups of five or more).
        labels = group_labels(deliberation, np.unique(votes.voter).tolist())
        members = [pk for pk, shown in labels.items() if filters["group"] in shown]
        if not members:
            raise FilterError(
                "group",
                f"No group {filters['group']!r} shared by at least five of the counted voters "
                "(smaller groups are never shown).",
            )
        keep &= np.isin(votes.voter, np.array(members, dtype=np.int64))
    subset = type(votes)(
        **{name: getattr(votes, name)[keep] for name in votes.__dataclass_fields__}
    )
    excluded = {**counted.excluded, "votes_outside_filters": int((~keep).sum())}
    return CountedVotes(votes=subset, excluded=excluded, times=counted.times[keep])
