"""Site chrome: main navigation and the language switcher."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override
from wagtail.models import Page

from cms.selectors import locale_home

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home = locale_home(request, get_language())
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    items = []
    for item in home.get_children().live().public().in_menu() if home else []:
        if current_path == item.path:
            state = "page"
        elif current_path.startswith(item.path):
            state = "true"
        else:
            state = ""
        items.append({"page": item, "current": state})
    home_current = "page" if home and current_path == home.path else ""
    return {"home": home, "home_current": home_current, "items": items, "request": request}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Link to the same page in each language: its translation if it has one; else, for a
    page of the site, a page saying it is not translated yet (offering it in its own
    language); else that language's home. Plain links, so switching works without JavaScript."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page):
        translations = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
    links = []
    for code, name in settings.LANGUAGES:
        url = translations[code].get_url(request) if code in translations else None
        if url is None and page is None:
            url = translate_url(request.get_full_path(), code)
        if url is None and isinstance(page, Page) and code != current:
            with override(code):
                url = reverse("cms_not_translated", args=[page.pk])
        if url is None:
            home = locale_home(request, code)
            url = home.get_url(request) if home else "/"
        links.append({"code": code, "name": name, "url": url, "active": code == current})
    return {"links": links}
