from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Models and the modules that use them can only be imported once apps are loaded.
        from accounts.privacy import register_personal_data_source
        from accounts.retention import register_retention_rule
        from accounts.services import (
            erase_account_data,
            export_account_data,
            purge_expired_audit_entries,
        )

        register_personal_data_source(
            "account", export=export_account_data, erase=erase_account_data
        )
        register_retention_rule("audit log entries", purge_expired_audit_entries)
