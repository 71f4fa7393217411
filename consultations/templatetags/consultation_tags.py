from __future__ import annotations

import zoneinfo

from django import template
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.choices import TIME_ZONE_LABELS, province_time_zone
from consultations.models import FlagReason

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_datetime(context, value):
    """A moment in the reader's time zone (from their province; WIB otherwise), labelled."""
    if value is None:
        return ""
    user = context.get("user")
    zone_name = province_time_zone(getattr(user, "province", "") or "")
    local = timezone.localtime(value, zoneinfo.ZoneInfo(zone_name))
    return format_html(
        '<time datetime="{}">{} {}</time>',
        value.isoformat(),
        format_date(local, "DATETIME_FORMAT"),
        TIME_ZONE_LABELS[zone_name],
    )


@register.filter
def clause_label(comment, consultation=None) -> str:
    """ "Pasal 3 ayat (5)" or "The draft as a whole" for what a comment is about. Pass the
    consultation when the page already holds it, to spare a query per comment."""
    return (consultation or comment.consultation).clause_label(comment.clause_key)


@register.simple_tag
def time_left(value):
    """ "3 days left" until a moment, in words, for a consultation's countdown."""
    seconds = (value - timezone.now()).total_seconds()
    if seconds <= 0:
        return _("closed")
    days, remainder = divmod(int(seconds), 86400)
    hours = remainder // 3600
    if days:
        return ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}
    return ngettext("%(hours)s hour left", "%(hours)s hours left", max(hours, 1)) % {
        "hours": max(hours, 1)
    }


@register.filter
def for_key(mapping, key):
    """``mapping[key]`` in a template, or nothing: used for comments and counts by clause."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def reason_label(value):
    return dict(FlagReason.choices).get(value, value)
