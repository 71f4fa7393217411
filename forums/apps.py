from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        # Models and the modules that use them can only be imported once apps are loaded.
        from accounts.privacy import register_personal_data_source
        from accounts.retention import register_retention_rule
        from cms.models import DraftPage, PolicyPage
        from consultations.selectors import moderation_sections
        from consultations.selectors import template_slots as consultation_slots
        from forums import selectors
        from forums.privacy import (
            erase_posts_of,
            export_posts_of,
            purge_expired_forum_moderation_log,
        )

        register_personal_data_source("forums", export=export_posts_of, erase=erase_posts_of)
        register_retention_rule("forum moderation log entries", purge_expired_forum_moderation_log)
        moderation_sections.register(selectors.posts_moderation_section)
        DraftPage.context_contributions.register(selectors.draft_page_parts)
        PolicyPage.context_contributions.register(selectors.policy_page_parts)
        PolicyPage.template_slots.add("sections", "forums/includes/policy_discussions.html")
        consultation_slots.add("clause_bar", "forums/includes/clause_discuss_link.html")
