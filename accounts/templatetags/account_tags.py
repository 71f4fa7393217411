"""Template helpers for the account pages (allauth's templates, overridden in templates/account)."""

from django import template

from accounts import selectors

register = template.Library()


@register.simple_tag
def confirmation_link_already_used(key: str) -> bool:
    return selectors.confirmation_link_already_used(key or "")
