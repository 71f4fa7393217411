"""The forum moderation log in the Wagtail admin, with a menu item for those who may read it."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.admin_menu import RuleMenuItem, with_permission
from forums import views


@hooks.register("register_admin_urls")
def register_forum_staff_urls():
    return [path("forum/moderasi/", views.moderation_log, name="forums_moderation_log")]


@hooks.register("register_admin_menu_item")
def register_moderation_log_menu_item():
    return RuleMenuItem(
        _("Forum moderation log"),
        reverse("forums_moderation_log"),
        name="forum-moderation-log",
        icon_name="list-ul",
        order=170,
        shown_to=with_permission("forums.review_moderation_log"),
    )
