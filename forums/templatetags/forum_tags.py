from django import template

register = template.Library()


@register.simple_tag
def reaction_count(counts: dict, post_id: int, kind: str) -> int:
    return counts.get(post_id, {}).get(kind, 0)
