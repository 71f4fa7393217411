from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet

from accounts.models import Agency
from cms import admin_views
from cms.models import PolicyPage

# Agencies belong to accounts (roles are scoped to them); editors manage them as snippets.
register_snippet(Agency)


@hooks.register("register_admin_urls")
def register_comparison_url():
    return [
        path(
            "policies/<int:policy_id>/compare/",
            admin_views.compare_drafts,
            name="cms_compare_drafts",
        )
    ]


def _compare_button(page, user):
    specific = page.specific_deferred
    if isinstance(specific, PolicyPage) and page.permissions_for_user(user).can_edit():
        yield PageMenuItem(
            _("Compare versions"),
            reverse("cms_compare_drafts", args=[page.pk]),
            icon_name="doc-full-inverse",
            priority=45,
            page=page,
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_compare_button(page, user, next_url=None):
    yield from _compare_button(page, user)


@hooks.register("register_page_header_buttons")
def page_header_compare_button(page, user, view_name, next_url=None):
    yield from _compare_button(page, user)
