"""The one page of cms outside Wagtail's page tree: where the language switch leads when the
page being read has no translation in the language chosen."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Page

from cms.selectors import locale_home


def not_translated(request, page_id: int):
    """Say that the page is not available in this language, and offer it in the language it
    has (rather than silently dropping the reader on the home page)."""
    page = Page.objects.live().public().filter(pk=page_id).select_related("locale").first()
    if page is None:
        raise Http404("No such page")
    home = locale_home(request, get_language())
    response = render(request, "cms/not_translated.html", {"original": page.specific, "home": home})
    response["X-Robots-Tag"] = "noindex"  # the page it points to is what search engines need
    return response
