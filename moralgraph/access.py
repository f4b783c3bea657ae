"""Every "who may do this" rule of the moral graph, in one place.

Services call these to enforce their rules; pages, the API, the admin and commands call them to
decide what to show. None of them re-implements a rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

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


def deliberations_visible_to(user) -> QuerySet[Deliberation]:
    """Open deliberations for everyone; drafts and closed ones too for those taking part or owning."""
    qs = Deliberation.objects.filter(status=Deliberation.Status.OPEN)
    if _active(user):
        if user.is_staff:
            return Deliberation.objects.all()
        qs = (
            qs
            | Deliberation.objects.filter(owner=user)
            | Deliberation.objects.filter(participants__user=user)
        )
    return qs.distinct().order_by("title")


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
    return can_moderate(user, deliberation) or (
        deliberations_visible_to(user).filter(pk=deliberation.pk).exists()
    )


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


# --- the graph -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GraphAccess:
    """Whether a user may see a deliberation's graph; if not, `missing` names the step they lack."""

    deliberation: Deliberation
    participant: Participant | None
    missing: str = ""  # "" (allowed), "join", "vote" or "hidden" (not shown at all)

    @property
    def allowed(self) -> bool:
        return not self.missing


def graph_access(user, deliberation: Deliberation) -> GraphAccess:
    """Owner, staff and moderators always; participants once they have voted (if the deliberation
    asks for that); other visitors are told to join an open deliberation, and the rest see nothing.
    """
    participant = participant_for(user, deliberation)
    if is_owner(user, deliberation) or is_moderator(user):
        return GraphAccess(deliberation, participant)
    if participant is not None:
        # Seeing where others landed before judging would sway one's own votes.
        if deliberation.setting("graph_visible_after_voting") and not has_voted(participant):
            return GraphAccess(deliberation, participant, missing="vote")
        return GraphAccess(deliberation, participant)
    if deliberation.status == Deliberation.Status.OPEN:
        return GraphAccess(deliberation, None, missing="join")
    return GraphAccess(deliberation, None, missing="hidden")


def api_results_refusal(user, deliberation: Deliberation) -> str | None:
    """Why the API withholds a deliberation's results (a snapshot, its exports, its raw votes,
    a diff) from a caller who may see the deliberation, or None. The API serves labs, so anyone
    who sees the deliberation sees its results, except a participant who has not voted yet where
    the deliberation shows results only after voting (as on the graph page)."""
    if graph_access(user, deliberation).missing == "vote":
        return (
            "Vote first: this deliberation shows its results to participants once they have voted."
        )
    return None
