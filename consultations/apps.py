from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from accounts.privacy import register_personal_data_source
        from accounts.retention import register_retention_rule
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
