"""Template variables about the signed-in user's platform roles."""

from django.utils.functional import SimpleLazyObject

from .roles import is_moderator


def roles(request):
    # Lazy: pages that never show the navigation pay no query.
    return {"can_moderate": SimpleLazyObject(lambda: is_moderator(request.user))}
