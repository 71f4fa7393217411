"""What staff pages in the Wagtail admin share: the title and breadcrumbs around their content,
and this app's section of the moderation queue."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from consultations.models import Consultation
from consultations.permissions import ConsultationPermissionPolicy
from consultations.selectors import ModerationSection, staff_consultations_at_a_glance


def staff_page(
    title: str,
    *,
    consultation: Consultation | None = None,
    in_consultations: bool = False,
    parent: tuple[str, str] | None = None,
) -> dict:
    """Template context for ``wagtailadmin/generic/base.html``: a page of a consultation's
    workspace (``consultation``), a page listed under Consultations (``in_consultations``,
    the workspace itself), or a page of its own; ``parent`` (label, URL) is the page it is
    part of, if any."""
    items = [{"url": reverse("wagtailadmin_home"), "label": _("Home")}]
    if consultation is not None or in_consultations:
        items.append(
            {"url": reverse("wagtailsnippets_consultations_consultation:list"),
             "label": _("Consultations")}
        )  # fmt: skip
    if consultation is not None:
        items.append(
            {"url": reverse("consultations_workspace", args=[consultation.pk]),
             "label": consultation.title}
        )  # fmt: skip
    if parent is not None:
        items.append({"url": parent[1], "label": parent[0]})
    items.append({"url": "", "label": title})
    return {"header_title": title, "breadcrumbs_items": items, "page_title": title}


def comments_moderation_section(*, user):
    """The comments part of the staff moderation queue: each consultation the person moderates,
    with what waits for them there."""
    rows = staff_consultations_at_a_glance(
        ConsultationPermissionPolicy().instances_user_has_permission_for(user, "view")
    )
    if not rows:
        return None
    return ModerationSection(
        title=_("Comments"),
        template="consultations/staff/moderation_section.html",
        waiting=sum(row.pending + row.reported + row.open_appeals for row in rows),
        context={"rows": rows},
    )
