"""The site's pages, all in the "moralgraph" namespace, in the order a participant meets them."""

from django.urls import path

from . import (
    console,
    elicitation,
    graph,
    interview,
    keys,
    moderation,
    my_values,
    participation,
    reports,
    surveys,
    votes,
    webhooks,
)

app_name = "moralgraph"

D = "d/<slug:slug>/"
Q = D + "q/<int:question_id>/interview/"

urlpatterns = [
    # participation
    path("", participation.home, name="home"),
    path(D, participation.deliberation_detail, name="deliberation"),
    path(D + "join/<str:token>/", participation.join, name="join"),
    # elicitation: the guided form ...
    path(D + "questions/", elicitation.questions, name="questions"),
    path(D + "questions/<int:question_id>/", elicitation.articulate, name="articulate"),
    # Before form_step, whose <stage> would otherwise swallow "review" (unknown stages are 404).
    path(D + "drafts/<int:draft_id>/review/", elicitation.review, name="review"),
    path(D + "drafts/<int:draft_id>/<str:stage>/", elicitation.form_step, name="form_step"),
    # ... and the interview
    path(Q, interview.chat, name="chat"),
    path(Q + "send/", interview.chat_send, name="chat_send"),
    path(Q + "submit/", interview.chat_submit, name="chat_submit"),
    path(Q + "form/", interview.chat_switch, name="chat_switch"),
    # cards
    path(D + "my-values/", my_values.my_values, name="my_values"),
    path(D + "my-values/<int:card_id>/edit/", my_values.card_edit, name="card_edit"),
    path(D + "my-values/<int:card_id>/confirm/", my_values.card_confirm, name="card_confirm"),
    # hypotheses and votes
    path(D + "vote/", votes.vote, name="vote"),
    path(D + "stories/new/", votes.story_new, name="story_new"),
    # the graph
    path(D + "graph/", graph.graph_page, name="graph"),
    path(D + "graph.json", graph.graph_data, name="graph_data"),
    path(D + "graph.svg", graph.graph_svg, name="graph_svg"),
    # the survey, and the reports on whose values win
    path(D + "survey/", surveys.survey, name="survey"),
    path(D + "reports/", reports.reports, name="reports"),
    path(D + "reports/bridging/", reports.bridging_page, name="report_bridging"),
    path(D + "reports/equilibrium/", reports.equilibrium_page, name="report_equilibrium"),
    path(D + "reports/survey/", reports.survey_page, name="report_survey"),
    # the organiser console
    path("organise/", console.console_home, name="console_home"),
    path(D + "organise/", console.console, name="console"),
    path(D + "organise/status/", console.status, name="console_status"),
    path(D + "organise/questions/", console.question_add, name="console_question_add"),
    path(
        D + "organise/questions/<int:question_id>/remove/",
        console.question_remove,
        name="console_question_remove",
    ),
    path(
        D + "organise/questions/<int:question_id>/situations/",
        console.context_add,
        name="console_context_add",
    ),
    path(
        D + "organise/questions/<int:question_id>/situations/<int:context_id>/remove/",
        console.context_remove,
        name="console_context_remove",
    ),
    path(D + "organise/team/", console.co_organiser_add, name="console_co_organiser_add"),
    path(D + "organise/invite/rotate/", console.invite_rotate, name="console_invite_rotate"),
    path(D + "organise/snapshot/", console.snapshot, name="console_snapshot"),
    path(D + "organise/runs/<int:run_id>.json", console.run_status, name="console_run"),
    path(D + "organise/dashboard/", console.dashboard, name="console_dashboard"),
    path(D + "organise/stories/", console.stories, name="console_stories"),
    # the owner's API keys
    path(D + "keys/", keys.keys, name="keys"),
    path(D + "keys/<str:prefix>/revoke/", keys.key_revoke, name="key_revoke"),
    # the owner's webhooks for labs
    path(D + "webhooks/", webhooks.webhooks, name="webhooks"),
    path(D + "webhooks/<int:pk>/delete/", webhooks.webhook_delete, name="webhook_delete"),
    path(
        D + "webhooks/deliveries/<uuid:delivery_id>/redeliver/",
        webhooks.webhook_redeliver,
        name="webhook_redeliver",
    ),
    # moderation, and participants' reports
    path("moderate/", moderation.queue, name="moderation_queue"),
    path("moderate/act/", moderation.act, name="moderation_act"),
    path("moderate/edit/<str:kind>/<int:pk>/", moderation.edit, name="moderation_edit"),
    path("moderate/participant/<int:pk>/", moderation.participant, name="moderation_participant"),
    path("moderate/value/<int:pk>/", moderation.value, name="moderation_value"),
    path("moderate/audit/", moderation.audit_log, name="moderation_audit"),
    path("moderate/audit/export.csv", moderation.audit_export, name="moderation_audit_export"),
    path(D + "report/", moderation.report, name="report"),
]
