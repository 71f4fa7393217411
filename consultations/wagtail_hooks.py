from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.admin_menu import RuleMenuItem, with_permission
from consultations import admin_urls, staff_views
from consultations.bulk_actions import BULK_ACTIONS
from consultations.models import Consultation
from consultations.permissions import ConsultationPermissionPolicy
from consultations.selectors import staff_consultations_at_a_glance

policy = ConsultationPermissionPolicy()
register_permission_policy(Consultation, policy)


class ConsultationViewSet(SnippetViewSet):
    """Consultations in the admin: each title opens the consultation's workspace (moderation,
    offline input, responses, analysis); editing its dates and settings is one action there."""

    model = Consultation
    icon = "comment"
    menu_label = _("Consultations")
    menu_order = 150
    add_to_admin_menu = True
    list_display = [
        TitleColumn(
            "title", label=_("Title"),
            get_url=lambda consultation: reverse("consultations_workspace", args=[consultation.pk]),
        ),
        "policy",
        Column("phase", label=_("Phase"), accessor=lambda consultation: consultation.phase.label),
        "opens_at",
        "closes_at",
    ]  # fmt: skip
    list_filter = ["moderation_mode"]

    def get_queryset(self, request):
        """Only the consultations of the agencies the person works for (all for site admins)."""
        return policy.instances_user_has_permission_for(request.user, "view").select_related(
            "policy"
        )

    panels = [
        FieldPanel("title"),
        PageChooserPanel("policy", "cms.PolicyPage"),
        PageChooserPanel("draft", "cms.DraftPage"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        MultiFieldPanel(
            [FieldPanel("moderation_mode"), FieldPanel("flag_threshold")],
            heading=_("Moderation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("analysis_started_at"),
                FieldPanel("response_published_at"),
                FieldPanel("response_summary"),
            ],
            heading=_("After closing"),
        ),
    ]


register_snippet(ConsultationViewSet)


@hooks.register("register_admin_urls")
def register_consultation_staff_urls():
    return [
        path("konsultasi/", include(admin_urls)),
        path("moderasi/", staff_views.moderation_overview, name="consultations_moderation_queue"),
    ]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    # Shown to whoever may moderate somewhere (comments of an agency, forum posts).
    return RuleMenuItem(
        _("Moderation"),
        reverse("consultations_moderation_queue"),
        name="moderation",
        icon_name="warning",
        order=140,
        shown_to=with_permission("consultations.open_moderation"),
    )


class ConsultationsAtAGlancePanel(Component):
    """The staff home's first panel: for each consultation the person works on, what waits for
    moderation, what readers reported, open appeals, responses drafted, and what opens or closes
    within seven days."""

    name = "consultations_at_a_glance"
    template_name = "consultations/staff/home_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        rows = staff_consultations_at_a_glance(
            policy.instances_user_has_permission_for(request.user, "view")
        )
        return {"rows": rows, "request": request}


@hooks.register("construct_homepage_panels")
def add_consultations_panel(request, panels):
    if policy.user_has_permission(request.user, "view"):
        panels.insert(0, ConsultationsAtAGlancePanel())


for bulk_action in BULK_ACTIONS:  # publish, hide, reject, restore selected comments
    hooks.register("register_bulk_action", bulk_action)
