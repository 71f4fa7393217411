from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations.models import Consultation


class ConsultationViewSet(SnippetViewSet):
    model = Consultation
    icon = "comment"
    menu_label = _("Consultations")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "policy", "opens_at", "closes_at", "moderation_mode"]
    list_filter = ["moderation_mode"]
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
