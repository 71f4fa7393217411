"""`{% include_parts slot key=… %}`: render what the apps above registered for a template slot
(see cms/contributions.py), in the current context, without a `for` and an `include` per part
(the draft page renders its clause slots once per clause).

A compiled node rather than a simple tag: the parts' templates are looked up once per node and
kept (like `{% include %}` does with a constant name), and a slot without extra values renders
without pushing a context layer. The draft page renders two slots per clause, so this overhead
counts on a long draft."""

from __future__ import annotations

from django import template
from django.template.base import Node, token_kwargs

register = template.Library()


class IncludePartsNode(Node):
    def __init__(self, slot, extra):
        self.slot = slot
        self.extra = extra
        self._templates: dict[str, object] = {}

    def _template(self, context, name: str):
        engine = context.template.engine
        if engine.debug:  # edited templates show at once while developing
            return engine.get_template(name)
        compiled = self._templates.get(name)
        if compiled is None:
            compiled = self._templates[name] = engine.get_template(name)
        return compiled

    def render(self, context) -> str:
        names = self.slot.resolve(context) or ()
        if not names:
            return ""
        if not self.extra:
            return "".join(self._template(context, name).render(context) for name in names)
        values = {key: value.resolve(context) for key, value in self.extra.items()}
        with context.push(**values):
            return "".join(self._template(context, name).render(context) for name in names)


@register.tag
def include_parts(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("include_parts takes a slot: {% include_parts slot %}")
    extra = token_kwargs(bits[2:], parser, support_legacy=False)
    if len(extra) != len(bits) - 2:
        raise template.TemplateSyntaxError("include_parts takes a slot, then name=value pairs")
    return IncludePartsNode(parser.compile_filter(bits[1]), extra)
