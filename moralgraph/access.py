"""Every "who may do this" rule of the moral graph, in one place.

Services call these to enforce their rules; pages, the API, the admin and commands call them to
decide what to show. None of them re-implements a rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from mgplatform.accounts.roles import is_moderator

from .models import Deliberation, Participant
from .participation.selectors import has_voted, participant_for


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_owner(user, deliberation: Deliberation) -> bool:
    """The deliberation's owner, or staff."""
    return _active(user) and (user.is_staff or deliberation.owner_id == user.pk)


def may_manage_webhooks(user, deliberation: Deliberation) -> bool:
    """Webhooks send a deliberation's events to a URL: its owner's (and staff's) to set."""
    return is_owner(user, deliberation)


def is_organiser(user, deliberation: Deliberation) -> bool:
    """Who runs the deliberation from the console: its owner, the co-organisers they added, staff."""
    return is_owner(user, deliberation) or (
        _active(user) and deliberation.co_organisers.filter(pk=user.pk).exists()
    )


def may_create_deliberation(user) -> bool:
    """Anyone with a real account (not one made from an invite link), and staff."""
    return _active(user) and (user.is_staff or not getattr(user, "is_pseudonymous", False))


def require_organiser(user, deliberation: Deliberation) -> None:
    if not is_organiser(user, deliberation):
        raise PermissionDenied("Only the deliberation's organisers and staff may change it.")


def organised_deliberations(user) -> QuerySet[Deliberation]:
    """The deliberations `user` runs (owner or co-organiser; staff: all)."""
    if not _active(user):
        return Deliberation.objects.none()
    if user.is_staff:
        return Deliberation.objects.all()
    return Deliberation.objects.filter(
        Q(owner=user)
        | Q(
            pk__in=Deliberation.co_organisers.through.objects.filter(user=user).values(
                "deliberation_id"
            )
        )
    )


def oversees(user, deliberation: Deliberation) -> bool:
    """Organisers and moderators: they see drafts and every result, whatever the visibility."""
    return is_organiser(user, deliberation) or (_active(user) and is_moderator(user))


def _seen_by_everyone(deliberation: Deliberation) -> bool:
    """The first clause of deliberations_visible_to, for a row already read (no query)."""
    D = Deliberation.Status
    return deliberation.status == D.OPEN or (
        deliberation.status == D.CLOSED
        and deliberation.results_visibility == Deliberation.Results.PUBLIC
    )


def deliberations_visible_to(user) -> QuerySet[Deliberation]:
    """Open deliberations for everyone, and closed ones with public results; closed ones to those
    who took part; drafts only to those who run or moderate them (organisers, moderators, staff)."""
    D = Deliberation.Status
    # _seen_by_everyone says the same of one row (tests/moralgraph/test_access_parity.py).
    seen = Q(status=D.OPEN) | Q(status=D.CLOSED, results_visibility=Deliberation.Results.PUBLIC)
    if _active(user):
        if user.is_staff or is_moderator(user):
            return Deliberation.objects.order_by("title")
        taken_part = Participant.objects.filter(user=user).values("deliberation_id")
        seen |= Q(status=D.CLOSED, pk__in=taken_part)
        seen |= Q(pk__in=organised_deliberations(user).values("pk"))
    return Deliberation.objects.filter(seen).order_by("title")


def can_see_deliberation(user, deliberation: Deliberation) -> bool:
    # Most requests concern an open deliberation: answered from the row, without a query.
    return _seen_by_everyone(deliberation) or (
        deliberations_visible_to(user).filter(pk=deliberation.pk).exists()
    )


def key_deliberation_refusal(owner, slug: str) -> str | None:
    """Why an API key of `owner` may not be limited to the deliberation `slug`, or None: the
    owner must see it or moderate it, or the key would only ever answer 404."""
    if deliberations_visible_to(owner).filter(slug=slug).exists():
        return None
    if moderated_deliberations(owner).filter(slug=slug).exists():
        return None
    return f"No deliberation {slug!r} that {owner} can see; a key limited to it would open nothing."


# --- moderation ------------------------------------------------------------------------------


def can_moderate(user, deliberation: Deliberation) -> bool:
    """Moderators and staff everywhere; a deliberation's owner in their own deliberation."""
    return _active(user) and (is_moderator(user) or deliberation.owner_id == user.pk)


def may_know_of(user, deliberation: Deliberation) -> bool:
    """Whether `user` may learn that `deliberation` exists: they may see it or moderate it.
    Pages answer 404 to everyone else, exactly as for a slug nobody uses (no 403/404 oracle)."""
    return can_moderate(user, deliberation) or can_see_deliberation(user, deliberation)


def can_see_demographics(user, deliberation: Deliberation) -> bool:
    """Who may read the aggregated demographics of a deliberation: those who moderate it (its
    owner, moderators, staff). Even aggregated and k-anonymous, who answered what is not public."""
    return can_moderate(user, deliberation)


def moderated_deliberations(user) -> QuerySet[Deliberation]:
    """The deliberations whose content `user` may moderate."""
    if not _active(user):
        return Deliberation.objects.none()
    if is_moderator(user):
        return Deliberation.objects.all()
    return Deliberation.objects.filter(owner=user)


def may_moderate_anything(user) -> bool:
    """Moderators always (also before any deliberation exists); owners once they own one."""
    return is_moderator(user) or moderated_deliberations(user).exists()


def require_moderator(user, deliberation: Deliberation) -> None:
    if not can_moderate(user, deliberation):
        raise PermissionDenied(
            "Only moderators, staff and the deliberation's owner may moderate it."
        )


def audit_scope(user) -> list[str] | None:
    """The deliberations (slugs) whose audit entries `user` may read; None: the whole log.

    Moderators read the whole log; an owner reads their deliberations' entries.
    """
    if is_moderator(user):
        return None
    return list(moderated_deliberations(user).values_list("slug", flat=True))


# --- results: the graph page, its JSON and SVG, snapshots, exports, values -----------------


@dataclass(frozen=True)
class GraphAccess:
    """Whether a user may see a deliberation's results; if not, `missing` names what they lack."""

    deliberation: Deliberation
    participant: Participant | None
    # "" (allowed), "join", "card" (submit one), "vote", "organisers" (results are theirs only)
    # or "hidden" (the deliberation itself is not shown to this user).
    missing: str = ""

    @property
    def allowed(self) -> bool:
        return not self.missing


def _qualifies(participant: Participant) -> str:
    """What a participant still lacks to see results shown to participants ("" if nothing)."""
    if participant.deliberation.setting("graph_visible_after_voting"):
        return "" if has_voted(participant) else "vote"
    if participant.cards.filter(status="submitted").exists() or has_voted(participant):
        return ""
    return "card"  # seeing where others landed before saying one's own would sway it


def results_access(user, deliberation: Deliberation) -> GraphAccess:
    """The one rule for results (`Deliberation.results_visibility`): organisers and moderators
    always; `public`: anyone who sees the deliberation, also without signing in; `participants`:
    a participant once they have submitted a card (or voted: they have taken part);
    `organisers`: nobody else."""
    participant = participant_for(user, deliberation)
    if not can_see_deliberation(user, deliberation):
        return GraphAccess(deliberation, participant, missing="hidden")
    if oversees(user, deliberation):
        return GraphAccess(deliberation, participant)
    visibility = deliberation.results_visibility
    if visibility == Deliberation.Results.PUBLIC:
        return GraphAccess(deliberation, participant)
    if visibility == Deliberation.Results.ORGANISERS:
        return GraphAccess(deliberation, participant, missing="organisers")
    if participant is None:
        return GraphAccess(deliberation, None, missing="join")
    return GraphAccess(deliberation, participant, missing=_qualifies(participant))


def deliberations_with_results_for(user) -> QuerySet[Deliberation]:
    """`results_access` as a query: the deliberations whose results `user` may see."""
    visible = deliberations_visible_to(user)
    if not _active(user):
        return visible.filter(results_visibility=Deliberation.Results.PUBLIC)
    if user.is_staff or is_moderator(user):
        return visible
    mine = Participant.objects.filter(user=user, deliberation=OuterRef("pk"))
    carded = Exists(mine.filter(cards__status="submitted"))
    voted = Exists(mine.filter(votes__isnull=False))
    # NOT EXISTS, not ~Q on the JSON key: a missing key would make the negation NULL.
    asks_vote = Exists(
        Deliberation.objects.filter(pk=OuterRef("pk"), settings__graph_visible_after_voting=True)
    )
    return visible.filter(
        Q(results_visibility=Deliberation.Results.PUBLIC)
        | Q(pk__in=organised_deliberations(user).values("pk"))
        | (
            Q(results_visibility=Deliberation.Results.PARTICIPANTS)
            & ((~asks_vote & carded) | voted)
        )
    )


REFUSALS = {
    "join": "Join this deliberation first: it shows its results to participants once they have "
    "submitted a values card.",
    "card": "Submit a values card first: this deliberation shows its results to participants "
    "once they have submitted one.",
    "vote": "Vote first: this deliberation shows its results to participants once they have voted.",
    "organisers": "This deliberation shows its results to its organisers only.",
    "hidden": "No such deliberation.",
}


def results_refusal(user, deliberation: Deliberation) -> str | None:
    """Why `user` may not see the deliberation's results (the same rule as the graph page), or None."""
    missing = results_access(user, deliberation).missing
    return REFUSALS[missing] if missing else None
