"""The analysis pages in the Wagtail admin: their URLs and a menu item for those who analyse."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from accounts.admin_menu import RuleMenuItem
from accounts.services import staff_home_visit
from search import admin_urls
from search.selectors import analyst_consultations, recent_campaigns


@hooks.register("register_admin_urls")
def register_search_staff_urls():
    return [path("", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_search_menu_item():
    return RuleMenuItem(
        _("Search comments"),
        reverse("search_staff"),
        name="search-comments",
        icon_name="search",
        order=160,
        shown_to=lambda user: analyst_consultations(user).exists(),
    )


class RecentCampaignsPanel(Component):
    """Form-letter campaigns detected in the last seven days on the person's consultations,
    those detected since their previous visit to the admin home marked as new."""

    name = "recent_campaigns"
    template_name = "search/staff_home_campaigns.html"
    order = 60

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        previous_visit = staff_home_visit(user=request.user)
        campaigns = recent_campaigns(analyst_consultations(request.user))
        new = {c.pk for c in campaigns if previous_visit is None or c.detected_at > previous_visit}
        return {"campaigns": campaigns, "new": new, "previous_visit": previous_visit}


@hooks.register("construct_homepage_panels")
def add_recent_campaigns_panel(request, panels):
    if analyst_consultations(request.user).exists():
        panels.append(RecentCampaignsPanel())
