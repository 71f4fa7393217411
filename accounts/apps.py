from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts.privacy import register_personal_data_source
        from accounts.services import erase_account_data, export_account_data

        register_personal_data_source(
            "account", export=export_account_data, erase=erase_account_data
        )
