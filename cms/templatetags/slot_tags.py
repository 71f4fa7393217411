"""`{% include_parts slot key=… %}`: render what the apps above registered for a template slot
(see cms/contributions.py), in the current context, without a `for` and an `include` per part
(the draft page renders its clause slots once per clause)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def include_parts(context, template_names, **extra) -> SafeString:
    engine = context.template.engine
    with context.push(**extra):
        return mark_safe(  # noqa: S308 - each part is a template rendered with autoescaping
            "".join(engine.get_template(name).render(context) for name in template_names)
        )
