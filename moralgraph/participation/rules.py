"""The rule every contribution obeys: an active participant, in an open deliberation."""

from django.core.exceptions import PermissionDenied, ValidationError

from ..models import Deliberation, Participant


def require_taking_part(participant: Participant, *, to: str, new: str) -> None:
    """Refuse a banned participant, and any contribution once the deliberation is not open.

    Messages: "This participant may not {to}." and "This deliberation is closed for new {new}."
    """
    if participant.status != Participant.Status.ACTIVE:
        raise PermissionDenied(f"This participant may not {to}.")
    if participant.deliberation.status != Deliberation.Status.OPEN:
        raise ValidationError(f"This deliberation is closed for new {new}.", code="closed")
