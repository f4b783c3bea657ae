"""What every API module shares: the deliberations a caller may see, and the scopes."""

from rest_framework.exceptions import NotFound

from mgplatform.accounts.apikeys import request_key, require_scope
from moralgraph.access import can_see_deliberation, deliberations_visible_to
from moralgraph.models import Deliberation


def _key_limit(request) -> str:
    """The one deliberation the caller's API key is limited to, or ""."""
    key = request_key(request)
    return key.deliberation_slug if key is not None else ""


def visible_deliberations(request):
    """What the caller may see; a key limited to one deliberation sees only that one, on every
    route (including those addressed by a snapshot id, which carry no slug)."""
    visible = deliberations_visible_to(request.user)
    if limit := _key_limit(request):
        visible = visible.filter(slug=limit)
    return visible


def deliberation_for(request, slug: str, *, row: Deliberation | None = None) -> Deliberation:
    """The deliberation `slug` names (or `row`, that deliberation read already) if the caller may
    see it — visible_deliberations' rule, one row at a time: an open deliberation costs at most
    one query — else 404."""
    limit = _key_limit(request)
    if limit and limit != slug:
        raise NotFound("No such deliberation.")
    deliberation = row or Deliberation.objects.filter(slug=slug).first()
    if deliberation is None or not can_see_deliberation(request.user, deliberation):
        raise NotFound("No such deliberation.")
    return deliberation


READ = require_scope("read:graphs")
PARTICIPATE = require_scope("participate")
WRITE = require_scope("write:deliberations")
