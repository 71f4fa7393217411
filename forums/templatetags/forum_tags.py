from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html

from forums.fragments import owner_key

register = template.Library()


@register.simple_tag
def reaction_count(counts: dict, post_id: int, kind: str) -> int:
    return counts.get(post_id, {}).get(kind, 0)


@register.simple_tag(takes_context=True)
def post_owned_by_reader(context, post) -> bool:
    """Whether the page's reader wrote the post; never, in a fragment rendered for no one."""
    user = context.get("user")
    return bool(
        not context.get("neutral") and user and user.is_authenticated and post.author_id == user.pk
    )


@register.filter
def post_owner_key(user_id) -> str:
    return owner_key(user_id)


@register.simple_tag(takes_context=True)
def form_token(context) -> str:
    """The CSRF field of a post's form: the page's token, or an empty field in a fragment for
    no one in particular (the thread script fills it with its page's token)."""
    request = context.get("request")
    token = "" if context.get("neutral") or request is None else get_token(request)
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
