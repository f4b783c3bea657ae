"""Taking part over HTTP (agents, scripts): join, write and submit values cards, read others'.

The same services as the web pages, so the same rules hold: consent, the card checks, and
the information boundary (others' cards only after submitting one's own).
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from mgplatform.accounts.apikeys import require_scope
from mgplatform.api import error_response
from moralgraph.cards import selectors as card_selectors
from moralgraph.cards.checks import check_card
from moralgraph.cards.services import CardWarnings, card_create, card_submit, card_update
from moralgraph.dedupe.services import card_confirm_canonical
from moralgraph.models import Question, ValuesCard
from moralgraph.participation import services
from moralgraph.participation.demographics import clean_attributes

from . import serializers as s
from .views import DeliberationChildMixin

PARTICIPATE = require_scope("participate")
WARNINGS = {409: s.CardWarningsSerializer}  # documents warnings_response


def warnings_response(exc: CardWarnings) -> Response:
    response = error_response(
        "card_warnings",
        "The card looks like a slogan or an instruction. Revise it, or resend with confirm_warnings=true.",
        status.HTTP_409_CONFLICT,
    )
    response.data["error"]["issues"] = [i.as_dict() for i in exc.issues]
    return response


class JoinView(DeliberationChildMixin, APIView):
    permission_classes = [permissions.IsAuthenticated, PARTICIPATE]

    @extend_schema(request=s.JoinSerializer, responses={201: s.ParticipantSerializer})
    def post(self, request, slug):
        """Join with the deliberation's invite token and consent; joining twice is harmless."""
        data = s.JoinSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        participant = services.participant_join(
            deliberation=self.deliberation,
            invite_token=data.validated_data["invite_token"],
            user=request.user,
            consent=data.validated_data["consent"],
            attributes=clean_attributes(data.validated_data.get("attributes")),
        )
        return Response(s.ParticipantSerializer(participant).data, status=status.HTTP_201_CREATED)


class CardViewSet(
    DeliberationChildMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's own values cards in this deliberation."""

    serializer_class = s.CardSerializer
    queryset = ValuesCard.objects.none()
    permission_classes = [permissions.IsAuthenticated, PARTICIPATE]
    filterset_fields = ("status", "question")

    def get_queryset(self):
        return card_selectors.cards_of(self.participant)

    def _question(self, question_id):
        return get_object_or_404(Question, deliberation=self.deliberation, pk=question_id)

    @extend_schema(request=s.CardWriteSerializer, responses={201: s.CardSerializer, **WARNINGS})
    def create(self, request, slug):
        participant = self.participant
        data = s.CardWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        given = data.validated_data
        if "question" not in given:
            return error_response(
                "invalid", "question: this field is required when creating a card."
            )
        card = card_create(
            participant=participant,
            question=self._question(given["question"]),
            title=given["title"],
            description=given["description"],
            policies=given["policies"],
            source=ValuesCard.Source.API,
            provenance={"source": "api", "key": getattr(request.auth, "prefix", None)},
        )
        if given["submit"]:
            try:
                card = card_submit(card, participant, confirm_warnings=given["confirm_warnings"])
            except CardWarnings as exc:
                response = warnings_response(exc)
                response.data["error"]["card"] = s.CardSerializer(card).data  # saved as a draft
                return response
        return Response(s.CardSerializer(card).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CardWriteSerializer, responses=s.CardSerializer)
    def partial_update(self, request, slug, pk=None):
        participant = self.participant
        card = self.get_object()
        if not isinstance(request.data, dict):
            return error_response(
                "invalid", "The body must be a JSON object of the fields to change."
            )
        data = s.CardWriteSerializer(
            data={
                "title": card.title,
                "policies": card.policies,
                "description": card.description,
                **request.data,
            }
        )
        data.is_valid(raise_exception=True)
        given = data.validated_data
        card = card_update(
            card,
            participant,
            title=given["title"],
            description=given["description"],
            policies=given["policies"],
        )
        return Response(s.CardSerializer(card).data)

    @extend_schema(request=s.CardSubmitSerializer, responses={200: s.CardSerializer, **WARNINGS})
    @action(detail=True, methods=["post"])
    def submit(self, request, slug, pk=None):
        """Submit a draft card; 409 with the issues when it needs confirm_warnings."""
        data = s.CardSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            card = card_submit(
                self.get_object(),
                self.participant,
                confirm_warnings=data.validated_data["confirm_warnings"],
            )
        except CardWarnings as exc:
            return warnings_response(exc)
        return Response(s.CardSerializer(card).data)

    @extend_schema(request=s.CardConfirmSerializer, responses=s.CardSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, slug, pk=None):
        """Answer "is this canonical value the same as your value?"; no splits it off."""
        data = s.CardConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        card = self.get_object()
        card_confirm_canonical(card, self.participant, data.validated_data["same"])
        card.refresh_from_db()
        return Response(s.CardSerializer(card).data)

    @extend_schema(request=s.CardWriteSerializer, responses=s.CardIssueSerializer(many=True))
    @action(detail=False, methods=["post"], pagination_class=None, filter_backends=[])
    def check(self, request, slug):
        """Run the card checks without saving anything."""
        _ = self.participant  # for those taking part only (403 otherwise)
        data = s.CardWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        given = data.validated_data
        return Response(
            [
                i.as_dict()
                for i in check_card(given["title"], given["description"], given["policies"])
            ]
        )


class OthersCardList(DeliberationChildMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Other participants' cards for a question, once the caller has submitted their own."""

    serializer_class = s.OthersCardSerializer
    queryset = ValuesCard.objects.none()
    permission_classes = [permissions.IsAuthenticated, PARTICIPATE]

    def list(self, request, slug, question_id):
        participant = self.participant
        question = get_object_or_404(Question, deliberation=self.deliberation, pk=question_id)
        if not card_selectors.others_cards_visible(participant, question):
            return error_response(
                "submit_first",
                "Submit your own card for this question to see other participants' cards.",
                status.HTTP_403_FORBIDDEN,
            )
        page = self.paginate_queryset(card_selectors.others_cards(participant, question))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
