from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        # Models and the modules that use them can only be imported once apps are loaded.
        from accounts.privacy import register_personal_data_source
        from accounts.retention import register_retention_rule
        from cms.models import DraftPage, PolicyPage
        from consultations import selectors, staff
        from consultations.privacy import (
            erase_comments_of,
            export_comments_of,
            purge_expired_ip_addresses,
            purge_expired_moderation_log,
        )

        register_personal_data_source(
            "consultations", export=export_comments_of, erase=erase_comments_of
        )
        register_retention_rule("comment IP addresses", purge_expired_ip_addresses)
        register_retention_rule("moderation log entries", purge_expired_moderation_log)
        selectors.moderation_sections.register(staff.comments_moderation_section)
        DraftPage.context_contributions.register(selectors.draft_page_parts)
        PolicyPage.context_contributions.register(selectors.policy_page_parts)
        PolicyPage.template_slots.add("header", "consultations/includes/policy_follow.html")
        DraftPage.template_slots.add("banner", "consultations/includes/draft_banner.html")
        DraftPage.template_slots.add("clause", "consultations/includes/clause_comments.html")
        DraftPage.template_slots.add(
            "after_text", "consultations/includes/whole_draft_comments.html"
        )
