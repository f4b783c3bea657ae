"""Moderation over the API: flags, decisions on targets, and the audit log (read and CSV export).

For moderators, deliberation owners and staff; an API key needs the scope `moderate`, and a
key tied to one deliberation reaches only that deliberation. The same services as the pages
decide and audit; permission is checked again there, per target.
"""

from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from mgplatform.accounts.apikeys import request_key, require_scope
from mgplatform.audit.models import AuditEntry
from mgplatform.audit.services import CSV_COLUMNS as AUDIT_COLUMNS
from mgplatform.audit.services import audit_csv
from moralgraph import access
from moralgraph.models import CanonicalValue, Flag
from moralgraph.moderation import decisions as moderation
from moralgraph.moderation import selectors as mod_selectors
from moralgraph.moderation.flags import REASON_MAX_LENGTH
from moralgraph.moderation.targets import deliberation_of, flag_kind, target_get, target_ref

MODERATE = require_scope("moderate")


class CanModerate(permissions.BasePermission):
    message = "Only moderators, staff and deliberation owners may moderate."

    def has_permission(self, request, view):
        return access.may_moderate_anything(request.user)


PERMISSIONS = [permissions.IsAuthenticated, MODERATE, CanModerate]


def _key_deliberation(request) -> str:
    """The one deliberation an API key is tied to, or "" (a session, or a key for all)."""
    key = request_key(request)
    return key.deliberation_slug if key is not None else ""


# --- serializers ---------------------------------------------------------------------------


class FlagSerializer(serializers.ModelSerializer):
    deliberation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    target = serializers.SerializerMethodField()
    reporter = serializers.SlugRelatedField(slug_field="pseudonym", read_only=True, allow_null=True)

    class Meta:
        model = Flag
        fields = (
            "id",
            "deliberation",
            "target",
            "source",
            "reason",
            "details",
            "reporter",
            "status",
            "resolution",
            "created_at",
            "resolved_at",
        )

    def get_target(self, flag) -> dict:
        kind = flag_kind(flag)
        return {"kind": kind.name, "id": flag.target_id, "ref": f"{kind.name}:{flag.target_id}"}


class ActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[*moderation.ACTIONS, "edit", "merge", "split"])
    targets = serializers.ListField(
        child=serializers.CharField(max_length=64),
        min_length=1,
        max_length=moderation.BULK_LIMIT,
        help_text='Targets as "kind:id", e.g. "card:12", "comment:7" (a vote\'s comment), "participant:3".',
    )
    reason = serializers.CharField(allow_blank=True, default="", max_length=REASON_MAX_LENGTH)
    changes = serializers.DictField(
        required=False, help_text="edit: new title/description/policies or story."
    )
    into = serializers.CharField(
        required=False, help_text='merge: the value to merge into, "canonical_value:5".'
    )
    card_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        max_length=1000,
        help_text="split: the cards to move to a new canonical value.",
    )

    def validate_changes(self, changes: dict) -> dict:
        """Text fields are text and policies a list of text: anything else is refused here."""
        for name, given in changes.items():
            if name == "policies":
                if not isinstance(given, list) or not all(isinstance(p, str) for p in given):
                    raise serializers.ValidationError("policies must be a list of text.")
            elif name in ("title", "description", "story"):
                if not isinstance(given, str):
                    raise serializers.ValidationError(f"{name} must be text.")
            else:
                raise serializers.ValidationError(
                    f"“{name[:40]}” cannot be edited; edit title, description, policies or story."
                )
        return changes


class DecisionSerializer(serializers.Serializer):
    action = serializers.CharField()
    target = serializers.CharField()
    changed = serializers.BooleanField()
    audit_entry = serializers.IntegerField(allow_null=True)
    warnings = serializers.ListField(child=serializers.CharField())


class DecisionsSerializer(serializers.Serializer):
    decisions = DecisionSerializer(many=True)


class AuditEntrySerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_label")
    deliberation = serializers.CharField(source="deliberation_slug")

    class Meta:
        model = AuditEntry
        fields = AUDIT_COLUMNS  # the same record as the CSV export


# --- views ---------------------------------------------------------------------------------


class FlagList(generics.ListAPIView):
    """Flags, newest first; filter with ?deliberation=slug&kind=card&source=report&status=open."""

    permission_classes = PERMISSIONS
    serializer_class = FlagSerializer
    queryset = Flag.objects.none()  # for the schema; get_queryset scopes it

    @extend_schema(
        parameters=[
            OpenApiParameter(name, str, description=name)
            for name in ("deliberation", "kind", "source", "status")
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        flags = mod_selectors.queue_flags(
            self.request.user,
            deliberation=params.get("deliberation", ""),
            kind=params.get("kind", ""),
            source=params.get("source", ""),
            status=params.get("status", Flag.Status.OPEN),
        )
        tied = _key_deliberation(self.request)
        return flags.filter(deliberation__slug=tied) if tied else flags


class ActionView(APIView):
    """Decide on one or more targets: approve, hide, restore, ban, unban (all or nothing), or
    edit, merge, split (one target). Every decision is audited with the reason given."""

    permission_classes = PERMISSIONS

    @extend_schema(request=ActionSerializer, responses={200: DecisionsSerializer})
    def post(self, request):
        data = ActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        targets = _named(v["targets"], "targets")
        tied = _key_deliberation(request)
        if tied and any(deliberation_of(t).slug != tied for t in targets):
            raise PermissionDenied(f"This API key is limited to the deliberation “{tied}”.")
        action, by, reason = v["action"], request.user, v["reason"]
        if action in moderation.ACTIONS:
            decisions = moderation.bulk(action, targets, by=by, reason=reason)
        else:
            if len(targets) != 1:
                raise ValidationError({"targets": f"{action} takes exactly one target."})
            decisions = [self._single(action, targets[0], v, by=by, reason=reason)]
        return Response(
            {
                "decisions": [
                    {
                        "action": d.action,
                        "target": target_ref(d.target),
                        "changed": d.changed,
                        "audit_entry": d.entry.pk if d.entry else None,
                        "warnings": d.warnings,
                    }
                    for d in decisions
                ]
            }
        )

    @staticmethod
    def _single(action: str, target, v: dict, *, by, reason: str):
        if action == "edit":
            return moderation.edit(target, by=by, reason=reason, **v.get("changes", {}))
        if not isinstance(target, CanonicalValue):
            raise ValidationError({"targets": f"{action} applies to canonical values."})
        if action == "merge":
            into = _named([v.get("into", "")], "into")[0]
            if not isinstance(into, CanonicalValue):
                raise ValidationError(
                    {"into": 'Name the value to merge into, e.g. "canonical_value:5".'}
                )
            return moderation.merge(target, into, by=by, reason=reason)
        return moderation.split(target, v.get("card_ids") or [], by=by, reason=reason)


def _named(refs: list[str], field: str) -> list:
    """The targets `refs` name; a malformed or missing one is a 400 naming `field`."""
    try:
        return [target_get(ref) for ref in refs]
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def _audit_queryset(request):
    return mod_selectors.audit_visible(
        request.user, request.query_params, only_deliberation=_key_deliberation(request)
    )


AUDIT_PARAMETERS = [
    OpenApiParameter("actor", str, description="The actor's name, exactly."),
    OpenApiParameter(
        "action", str, description='e.g. "card.hide"; a trailing "." matches a prefix.'
    ),
    OpenApiParameter("deliberation", str, description="Deliberation slug."),
    OpenApiParameter("since", str, description="ISO date or date-time (inclusive)."),
    OpenApiParameter("until", str, description="ISO date or date-time (inclusive)."),
]


class AuditList(generics.ListAPIView):
    """The audit log, newest first."""

    permission_classes = PERMISSIONS
    serializer_class = AuditEntrySerializer
    queryset = AuditEntry.objects.none()

    @extend_schema(parameters=AUDIT_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return _audit_queryset(self.request)


class AuditExport(APIView):
    """The filtered audit log as CSV, streamed."""

    permission_classes = PERMISSIONS

    @extend_schema(parameters=AUDIT_PARAMETERS, responses={(200, "text/csv"): str})
    def get(self, request):
        response = StreamingHttpResponse(
            (chunk.encode("utf-8") for chunk in audit_csv(_audit_queryset(request))),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="audit-{timezone.now():%Y%m%d-%H%M}.csv"'
        )
        return response
