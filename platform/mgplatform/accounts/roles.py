"""Platform-wide roles. Per-deliberation roles (owner, participant) are checked by the apps."""

from django.contrib.auth.models import Group

MODERATORS_GROUP = "moderators"


def is_staff_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def is_moderator(user) -> bool:
    """Moderators are members of the moderators group; staff admins may always moderate."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return is_staff_admin(user) or user.groups.filter(name=MODERATORS_GROUP).exists()


def moderators_group() -> Group:
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    return group
