"""What every API module shares: the deliberations a caller may see, and the scopes."""

from rest_framework.exceptions import NotFound

from mgplatform.accounts.apikeys import request_key, require_scope
from moralgraph.access import deliberations_visible_to
from moralgraph.models import Deliberation


def visible_deliberations(request):
    """What the caller may see; a key limited to one deliberation sees only that one, on every
    route (including those addressed by a snapshot id, which carry no slug)."""
    visible = deliberations_visible_to(request.user)
    key = request_key(request)
    if key is not None and key.deliberation_slug:
        visible = visible.filter(slug=key.deliberation_slug)
    return visible


def deliberation_for(request, slug: str) -> Deliberation:
    deliberation = visible_deliberations(request).filter(slug=slug).first()
    if deliberation is None:
        raise NotFound("No such deliberation.")
    return deliberation


READ = require_scope("read:graphs")
PARTICIPATE = require_scope("participate")
WRITE = require_scope("write:deliberations")
