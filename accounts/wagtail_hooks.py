from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts import admin_views
from accounts.admin_menu import RuleMenuItem, with_permission


@hooks.register("register_admin_urls")
def register_account_admin_urls():
    return [
        path("staff-roles/", admin_views.staff_roles, name="accounts_staff_roles"),
        path(
            "staff-roles/<int:assignment_id>/revoke/",
            admin_views.staff_role_revoke,
            name="accounts_staff_role_revoke",
        ),
        path("representatives/", admin_views.representatives, name="accounts_representatives"),
        path(
            "representatives/<int:representation_id>/decide/",
            admin_views.representative_decide,
            name="accounts_representative_decide",
        ),
    ]


@hooks.register("register_settings_menu_item")
def staff_roles_menu_item():
    return RuleMenuItem(
        _("Staff roles"),
        reverse("accounts_staff_roles"),
        icon_name="key",
        order=610,
        shown_to=with_permission("accounts.manage_roles"),
    )


@hooks.register("register_settings_menu_item")
def representatives_menu_item():
    return RuleMenuItem(
        _("Agency representatives"),
        reverse("accounts_representatives"),
        icon_name="group",
        order=620,
        shown_to=with_permission("accounts.verify_agency_representative"),
    )


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action("rembuk.role_granted", _("Grant staff role"), _("Staff role granted"))
    actions.register_action("rembuk.role_revoked", _("Revoke staff role"), _("Staff role revoked"))
    actions.register_action(
        "rembuk.representative_verified",
        _("Verify agency representative"),
        _("Agency representative verified"),
    )
    actions.register_action(
        "rembuk.representative_rejected",
        _("Reject agency representative"),
        _("Agency representative rejected"),
    )
    actions.register_action(
        "rembuk.personal_data_exported",
        _("Export personal data"),
        _("Personal data exported"),
    )
    actions.register_action("rembuk.account_deleted", _("Delete account"), _("Account deleted"))
    actions.register_action(
        "rembuk.comments_exported",
        _("Export comments with personal data"),
        _("Comments exported with personal data"),
    )
