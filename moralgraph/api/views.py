"""API v1 views: thin callers of the same services and selectors as the web pages."""

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from mgplatform.accounts.apikeys import request_key
from mgplatform.numbers import parse_id
from moralgraph import access
from moralgraph.access import results_refusal
from moralgraph.cards.selectors import values_shown_to
from moralgraph.deliberations.services import (
    deliberation_create,
    deliberation_update,
    question_add,
)
from moralgraph.hypotheses.selectors import hypotheses_for_participant
from moralgraph.hypotheses.services import hypothesis_write
from moralgraph.hypotheses.sessions import session_start, session_state
from moralgraph.models import (
    CanonicalValue,
    Context,
    Deliberation,
    EdgeHypothesis,
    Participant,
    Question,
    WiserVote,
)
from moralgraph.participation import selectors as participation
from moralgraph.participation.demographics import demographics_summary
from moralgraph.votes.services import vote_cast

from . import documents
from . import serializers as s
from .common import PARTICIPATE, READ, WRITE, deliberation_for, visible_deliberations
from .deliberations import (
    DeliberationPatchSerializer,
    DeliberationWriteSerializer,
    QuestionWriteSerializer,
)


def participant_for(request, deliberation: Deliberation):
    participant = participation.participant_for(request.user, deliberation)
    if participant is None:
        raise PermissionDenied(
            "Join this deliberation (invite link and consent) before taking part."
        )
    return participant


class DeliberationViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = s.DeliberationSerializer
    permission_classes = [READ]
    lookup_field = "slug"
    filterset_fields = ("status",)
    ordering_fields = ("title", "created_at")
    http_method_names = ("get", "post", "patch", "head", "options")

    def get_queryset(self):
        return visible_deliberations(self.request)

    def get_permissions(self):
        if self.action in ("create", "partial_update"):
            return [permissions.IsAuthenticated(), WRITE()]
        return super().get_permissions()

    @extend_schema(request=DeliberationWriteSerializer, responses={201: s.DeliberationSerializer})
    def create(self, request):
        """Create a draft deliberation (the caller owns it), optionally with its questions."""
        key = request_key(request)
        if key is not None and key.deliberation_slug:
            raise PermissionDenied("This key is limited to one deliberation; it creates none.")
        data = DeliberationWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        given = dict(data.validated_data)
        questions = given.pop("questions", [])
        with transaction.atomic():
            deliberation = deliberation_create(owner=request.user, **given)
            for q in questions:
                question_add(
                    deliberation, by=request.user, prompt=q["prompt"], contexts=q["situations"]
                )
        return Response(s.DeliberationSerializer(deliberation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DeliberationPatchSerializer, responses=s.DeliberationSerializer)
    def partial_update(self, request, slug=None):
        """Change a deliberation's texts and settings (its organisers and staff)."""
        deliberation = deliberation_for(request, slug)
        data = DeliberationPatchSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        deliberation_update(deliberation, by=request.user, **data.validated_data)
        return Response(s.DeliberationSerializer(deliberation).data)


class DeliberationChildMixin:
    """Lists scoped to one deliberation the caller may see."""

    @property
    def deliberation(self) -> Deliberation:
        if not hasattr(self, "_deliberation"):
            self._deliberation = deliberation_for(self.request, self.kwargs["slug"])
        return self._deliberation

    @property
    def participant(self) -> Participant:
        """The caller's participation here (404, 403 as participant_for); read with the
        deliberation in one query, as taking part is the API's busiest path (votes)."""
        if not hasattr(self, "_participant"):
            slug = self.kwargs["slug"]
            found = participation.participant_in(self.request.user, slug)
            if not hasattr(self, "_deliberation"):
                row = found.deliberation if found else None
                self._deliberation = deliberation_for(self.request, slug, row=row)
            self._participant = found or participant_for(self.request, self._deliberation)
        return self._participant


class DemographicsView(DeliberationChildMixin, generics.GenericAPIView):
    """Participants' self-reported attributes, aggregated: only values five people share, an
    "other or not given" row per attribute, counts rounded to multiples of five. For the
    deliberation's owner, moderators and staff."""

    permission_classes = [permissions.IsAuthenticated, READ]

    @extend_schema(responses=documents.Demographics)
    def get(self, request, slug):
        if not access.can_see_demographics(request.user, self.deliberation):
            raise PermissionDenied("Demographics are for this deliberation's moderators.")
        return Response(demographics_summary(self.deliberation))


class ContextList(DeliberationChildMixin, generics.ListAPIView):
    permission_classes = [READ]
    serializer_class = s.ContextSerializer
    queryset = Context.objects.none()  # for the schema; get_queryset scopes it

    def get_queryset(self):
        return Context.objects.filter(deliberation=self.deliberation).order_by("name")


class QuestionList(DeliberationChildMixin, generics.ListAPIView):
    """The questions and their situations; POST adds one (organisers, write:deliberations)."""

    permission_classes = [READ]
    serializer_class = s.QuestionSerializer
    queryset = Question.objects.none()

    def get_permissions(self):
        if self.request.method == "POST":
            return [permissions.IsAuthenticated(), WRITE()]
        return super().get_permissions()

    def get_queryset(self):
        return self.deliberation.questions.prefetch_related("contexts")

    @extend_schema(request=QuestionWriteSerializer, responses={201: s.QuestionSerializer})
    def post(self, request, slug):
        data = QuestionWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        question = question_add(
            self.deliberation,
            by=request.user,
            prompt=data.validated_data["prompt"],
            contexts=data.validated_data["situations"],
        )
        return Response(s.QuestionSerializer(question).data, status=status.HTTP_201_CREATED)


class CanonicalValueList(DeliberationChildMixin, generics.ListAPIView):
    permission_classes = [READ]
    serializer_class = s.CanonicalValueSerializer
    queryset = CanonicalValue.objects.none()
    ordering_fields = ("id", "title", "created_at")
    search_fields = ("title",)

    def get_queryset(self):
        refusal = results_refusal(self.request.user, self.deliberation)
        if refusal:  # values are results: the graph page's rule
            raise PermissionDenied(refusal)
        return values_shown_to(self.request.user, self.deliberation)


class HypothesisViewSet(DeliberationChildMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = s.HypothesisSerializer
    queryset = EdgeHypothesis.objects.none()
    permission_classes = [permissions.IsAuthenticated, PARTICIPATE]

    def get_queryset(self):
        return EdgeHypothesis.objects.filter(deliberation=self.deliberation, hidden=False)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "limit",
                int,
                description="How many stories: a whole number, default 3, kept within 1–20.",
            )
        ],
        responses=s.HypothesisSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def next(self, request, slug):
        """The next upgrade stories to judge, balanced as on the voting page (impressions recorded)."""
        participant = self.participant
        text = request.query_params.get("limit", "3").strip()
        if parse_id(text) is None:
            raise ValidationError({"limit": "limit must be a whole number (1–20)."})
        limit = min(max(int(text), 1), 20)
        return Response(
            s.HypothesisSerializer(
                hypotheses_for_participant(participant, limit=limit), many=True
            ).data
        )

    def _session(self, participant, question):
        state = session_state(participant, question)
        return Response(
            s.VotingSessionSerializer(
                {
                    "question": question.pk,
                    "size": state.size,
                    "judged": state.judged,
                    "ended": state.ended,
                    "next": state.next_story,
                }
            ).data
        )

    def _question(self, given):
        text = str(given if given is not None else "").strip()
        if not text.isdigit():
            raise ValidationError(
                {"question": "question must be a question id of this deliberation."}
            )
        question = self.deliberation.questions.filter(pk=int(text)).first()
        if question is None:
            raise ValidationError({"question": "No such question in this deliberation."})
        return question

    @extend_schema(
        parameters=[
            OpenApiParameter("question", int, required=True, description="The question's id.")
        ],
        responses=s.VotingSessionSerializer,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def session(self, request, slug):
        """The caller's voting session for a question: a finite, balanced set of stories that
        ends (the voting page's). Vote with POST votes/ (hypothesis id); POST here for another."""
        participant = self.participant
        return self._session(participant, self._question(request.query_params.get("question")))

    @extend_schema(request=s.VotingSessionStartSerializer, responses=s.VotingSessionSerializer)
    @session.mapping.post
    def session_start(self, request, slug):
        """Start another voting session for a question (the last one is ended)."""
        participant = self.participant
        data = s.VotingSessionStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        question = self._question(data.validated_data["question"])
        session_start(participant, question)
        return self._session(participant, question)

    @extend_schema(request=s.HypothesisWriteSerializer, responses=s.HypothesisSerializer)
    def create(self, request, slug):
        """A participant's own story: "I used to focus on X; now I see Y"."""
        participant = self.participant
        data = s.HypothesisWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        hypothesis = hypothesis_write(participant=participant, **data.validated_data)
        return Response(s.HypothesisSerializer(hypothesis).data, status=status.HTTP_201_CREATED)


class VoteViewSet(DeliberationChildMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A participant's own wiser-than votes. POST again on the same pair and context to change it."""

    serializer_class = s.VoteSerializer
    queryset = WiserVote.objects.none()
    permission_classes = [permissions.IsAuthenticated, PARTICIPATE]
    filterset_fields = ("choice", "context")

    def get_queryset(self):
        return self.participant.votes.order_by("created_at", "id")

    @extend_schema(request=s.VoteWriteSerializer, responses=s.VoteSerializer)
    def create(self, request, slug):
        participant = self.participant
        data = s.VoteWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vote = vote_cast(participant=participant, **data.validated_data)
        return Response(s.VoteSerializer(vote).data, status=status.HTTP_201_CREATED)


class NotFoundView(APIView):
    """Any other URL under the API: a JSON 404 like every API error, not the site's HTML page."""

    authentication_classes = permission_classes = throttle_classes = ()
    schema = None  # not an operation

    def get(self, request, *args, **kwargs):
        raise NotFound("No such API endpoint; see /api/schema/.")

    post = put = patch = delete = options = get
