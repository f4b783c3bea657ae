"""Participant groups for a report: a snapshot's voters split by one attribute, under the
anonymity rule (`participation.anonymity`: a value is shown only when it, and the pool of those
left out, each hold at least five voters), so no report, nor its totals, names a smaller group."""

from dataclasses import dataclass

import numpy as np
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ..access import REFUSALS, results_access
from ..models import GraphSnapshot, Participant
from ..participation.anonymity import GROUP_ATTRIBUTE, _profile, shown_items
from ..participation.demographics import MAX_KEY_LENGTH, MIN_GROUP_SIZE
from ..snapshots.storage import VOTE_MEMBERS, open_arrays


class ReportRefused(ValueError):
    """A parameter is wrong (a 400 naming `field`)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class ReportUnavailable(ValueError):
    """The data cannot answer the report (a 409): no stored votes, too few groups of five."""


@dataclass
class SnapshotVotes:
    voter: np.ndarray
    from_value: np.ndarray
    to_value: np.ndarray
    context: np.ndarray
    choice: np.ndarray


@dataclass
class Grouping:
    attribute: str
    names: list[str]  # the shown groups, sorted
    of: dict[int, int]  # participant id → group index (absent: in no shown group)
    sizes: list[int]  # voters per shown group
    voters: int  # all voters counted
    withheld: int  # voters in no shown group: 0 or at least MIN_GROUP_SIZE

    def index(self, voter: np.ndarray) -> np.ndarray:
        return np.array([self.of.get(v, -1) for v in voter.tolist()], dtype=np.int64)


def snapshot_votes(snapshot: GraphSnapshot) -> SnapshotVotes:
    """The votes the snapshot counted (stored in it), so later votes never change a report."""
    if snapshot.source == GraphSnapshot.Source.IMPORT:
        raise ReportUnavailable("This snapshot was imported from a summary and holds no votes.")
    with open_arrays(snapshot) as archive:
        if VOTE_MEMBERS[0] not in getattr(archive, "files", ()):
            raise ReportUnavailable("This snapshot was taken before snapshots kept their votes.")
        columns = {name: np.asarray(archive[name], dtype=np.int64) for name in VOTE_MEMBERS}
    return SnapshotVotes(
        voter=columns["vote_voter"],
        from_value=columns["vote_from"],
        to_value=columns["vote_to"],
        context=columns["vote_context"],
        choice=columns["vote_choice"],
    )


def attribute_profiles(deliberation, participant_ids) -> dict[int, dict[str, str]]:
    rows = Participant.objects.filter(deliberation=deliberation, pk__in=list(participant_ids))
    return {
        pk: _profile(attributes, labels)
        for pk, attributes, labels in rows.values_list("pk", "attributes", "group_labels")
    }


def group_attributes(deliberation, participant_ids) -> list[str]:
    """The attributes some shown group can be formed by (`group`: the organiser's labels)."""
    profiles = attribute_profiles(deliberation, participant_ids).values()
    names = sorted({key for p in profiles for key in p})
    return [name for name in names if _shown(profiles, name)]


def _shown(profiles, attribute: str) -> set[tuple[str, str]]:
    return shown_items([{k: v for k, v in p.items() if k == attribute} for p in profiles])


def group_by(deliberation, participant_ids, attribute: str) -> Grouping:
    """Split the participants by `attribute`; groups under MIN_GROUP_SIZE are pooled unnamed."""
    attribute = (attribute or "").strip()
    if not attribute:
        raise ReportRefused("group_by: name an attribute to group participants by.", "group_by")
    if len(attribute) > MAX_KEY_LENGTH:
        raise ReportRefused(f"group_by: at most {MAX_KEY_LENGTH} characters.", "group_by")
    ids = sorted({int(i) for i in participant_ids})
    profiles = attribute_profiles(deliberation, ids)
    shown = _shown([profiles.get(pk, {}) for pk in ids], attribute)
    names = sorted(value for _, value in shown)
    index = {name: i for i, name in enumerate(names)}
    of = {}
    for pk in ids:
        value = profiles.get(pk, {}).get(attribute)
        if (attribute, value) in shown:
            of[pk] = index[value]
    sizes = [sum(1 for g in of.values() if g == i) for i in range(len(names))]
    if len(names) < 2:
        raise ReportUnavailable(
            f"group_by: {attribute!r} forms fewer than two groups of at least {MIN_GROUP_SIZE} "
            "participants here; nothing can be compared without singling people out."
        )
    return Grouping(
        attribute=attribute,
        names=[n.replace("\n", " + ") if attribute == GROUP_ATTRIBUTE else n for n in names],
        of=of,
        sizes=sizes,
        voters=len(ids),
        withheld=len(ids) - len(of),
    )


OPERATOR = object()  # the command line: whoever runs manage.py reads everything


def require_report_access(user, deliberation, *, api: bool = False) -> None:
    """The reports are results of the deliberation (aggregated over groups of at least five):
    shown, on pages and in the API alike, to whoever may see its results
    (`access.results_access`), as for the graph, snapshots and raw votes."""
    if user is OPERATOR:
        return
    missing = results_access(user, deliberation).missing
    if missing == "hidden" and not api:
        raise Http404(REFUSALS[missing])
    if missing:
        raise PermissionDenied(REFUSALS[missing])
