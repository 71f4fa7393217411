"""Analysis pages for drafters and moderators (in the Wagtail admin, behind the second factor),
the public search and the similar-comments lookup used by the comment form. Thin: parse, check,
call."""

from __future__ import annotations

import csv
import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from accounts.http import safe_next
from cms.comparison import word_diff
from consultations.models import Comment, Consultation
from consultations.staff import staff_page
from consultations.staff_views import consultation_for_staff
from search import selectors, services
from search.engine import get_engine
from search.engines.base import SearchQuery, SearchUnavailable
from search.forms import PAGE_SIZE, CodeForm, StaffSearchForm
from search.models import Campaign, Code
from search.pages import search_pages
from search.tasks import detect_campaigns
from search.text import CONTROL, parse_query

logger = logging.getLogger(__name__)

CODING_ERRORS = {
    "not_allowed": gettext_lazy("You may not code comments of this consultation."),
    "empty": gettext_lazy("Give the code a name."),
    "duplicate": gettext_lazy("This code is already in the codebook."),
}


@login_required
def staff_search(request):
    consultations = list(selectors.analyst_consultations(request.user))
    if not consultations:
        raise PermissionDenied
    asked = request.GET.getlist("konsultasi")
    labels = selectors.facet_labels(
        consultations, chosen=int(asked[0]) if len(asked) == 1 and asked[0].isdigit() else None
    )
    form = StaffSearchForm(request.GET or None, labels=labels)
    form.is_valid()
    query = form.search_query(allowed_consultations=[c.pk for c in consultations])
    unavailable = False
    try:
        result = get_engine().search(query)
    except SearchUnavailable:  # say so and keep the page; anything else is a bug (a 500)
        logger.exception("Staff search failed: the search engine is unavailable")
        result, unavailable = None, True
    comments = {}
    if result:
        comments = (
            Comment.objects.select_related("consultation")
            .prefetch_related("codings__code")
            .in_bulk([hit.comment_id for hit in result.hits])
        )
    themes = None
    if result and request.GET.get("tema") == "1":  # on demand: a term statistics pass
        try:
            themes = get_engine().significant_terms(query, size=12)
        except SearchUnavailable:  # no themes; the results stay
            logger.exception("Themes left out: the search engine is unavailable")
            themes = None
    single = query.consultations[0] if len(query.consultations) == 1 else None
    # Codes are offered to those who may code (drafters, site admins), not to moderators.
    chosen = next((c for c in consultations if c.pk == single), None)
    can_code = chosen is not None and request.user.has_perm("consultations.respond", chosen)
    params = request.GET.copy()
    params.pop("halaman", None)
    page = (query.offset // PAGE_SIZE) + 1
    total = result.total if result else 0
    return render(request, "search/staff_search.html", {
        "form": form, "result": result, "unavailable": unavailable,
        "rows": [(hit, comments.get(hit.comment_id)) for hit in (result.hits if result else [])],
        "facets": _facet_links(result, labels, params) if result else [],
        "labels": labels, "querystring": params.urlencode(), "page": page,
        "has_next": page * PAGE_SIZE < total, "total": total,
        "codes": Code.objects.filter(consultation_id=single) if can_code else [],
        "single_consultation": single, "themes": themes,
        "themes_url": "?" + _with(params, "tema", "1"),
        **staff_page(_("Search comments"), consultation=chosen),
    })  # fmt: skip


def _with(params, name: str, value: str) -> str:
    changed = params.copy()
    changed[name] = value
    return changed.urlencode()


def _facet_links(result, labels, params) -> list[dict]:
    """Each facet with its values, counts and a link that adds or removes the value."""
    reverse_fields = {facet: field for field, facet in StaffSearchForm.FIELD_TO_FACET.items()}
    titles = {
        "consultation": _("Consultation"), "clause": _("Clause"), "stance": _("Stance"),
        "respondent_type": _("Respondent type"), "province": _("Province"),
        "status": _("Moderation state"), "code": _("Code"), "campaign": _("Campaign"),
    }  # fmt: skip
    facets = []
    for name, values in result.facets.items():
        field = reverse_fields[name]
        chosen = params.getlist(field)
        items = []
        for value, count in values:
            toggled = params.copy()
            toggled.setlist(field, [v for v in chosen if v != value] if value in chosen
                            else [*chosen, value])  # fmt: skip
            items.append({
                "label": labels[name].get(value, value), "count": count,
                "selected": value in chosen, "url": "?" + toggled.urlencode(),
            })  # fmt: skip
        if items:
            facets.append({"name": name, "title": titles[name], "items": items})
    return facets


@login_required
@require_POST
def apply_code(request, consultation_id: int):
    consultation = consultation_for_staff(request, consultation_id)
    if not request.user.has_perm("consultations.respond", consultation):
        raise PermissionDenied  # moderators search and read; drafters code
    code = get_object_or_404(Code, pk=request.POST.get("code") or 0, consultation=consultation)
    ids = [int(v) for v in request.POST.getlist("comments") if v.isdigit()]
    back = safe_next(request, reverse("search_staff"))
    if not ids:
        messages.error(request, _("Select at least one comment."))
        return redirect(back)
    try:
        changed = services.comments_code(
            code=code, comment_ids=ids, user=request.user, add=request.POST.get("remove") != "1"
        )
    except services.CodingError as error:
        messages.error(request, CODING_ERRORS[error.code])
    else:
        messages.success(
            request, _("%(count)s comments updated with the code “%(code)s”.")
            % {"count": changed, "code": code.label},
        )  # fmt: skip
    return redirect(back)


@login_required
def codebook(request, consultation_id: int):
    consultation = consultation_for_staff(request, consultation_id)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("delete"):
            code = get_object_or_404(Code, pk=request.POST["delete"], consultation=consultation)
            try:
                services.code_delete(code=code, user=request.user)
            except services.CodingError as error:
                messages.error(request, CODING_ERRORS[error.code])
            return redirect("search_codebook", consultation.pk)
        if form.is_valid():
            try:
                services.code_create(consultation=consultation, user=request.user,
                                     **form.cleaned_data)  # fmt: skip
            except services.CodingError as error:
                form.add_error(None, CODING_ERRORS[error.code])
            else:
                return redirect("search_codebook", consultation.pk)
    codes = Code.objects.filter(consultation=consultation).annotate(used=Count("codings"))
    return render(request, "search/codebook.html", {
        "consultation": consultation, "codes": codes, "form": form,
        "can_edit": request.user.has_perm("consultations.respond", consultation),
        **staff_page(_("Codebook"), consultation=consultation),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
def dashboard(request, consultation_id: int):
    consultation = consultation_for_staff(request, consultation_id)
    if request.method == "POST":
        detect_campaigns.enqueue(consultation.pk)
        messages.success(request, _("Campaign detection has started; reload in a moment."))
        return redirect("search_dashboard", consultation.pk)
    data = selectors.dashboard(consultation=consultation)
    return render(request, "search/dashboard.html", {
        "consultation": consultation, **data, **staff_page(_("Analysis"), consultation=consultation),
    })  # fmt: skip


@login_required
def dashboard_export(request, consultation_id: int):
    """The dashboard's tables as one CSV (section, label, value)."""
    consultation = consultation_for_staff(request, consultation_id)
    data = selectors.dashboard(consultation=consultation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="analisis-{consultation.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["section", "label", "value"])
    for bar in data["volume"]:
        writer.writerow(["comments_per_day", bar.label, bar.value])
    for row in data["stance_by_clause"]:
        for key, _label, value in row.parts:
            writer.writerow([f"stance_by_clause:{key}", row.label, value])
    for name in ("respondent_types", "provinces"):
        for bar in data[name]:
            writer.writerow([name, bar.label, bar.value])
    for name, terms in data["themes"].items():
        for term in terms or []:
            writer.writerow([f"themes:{name}", term.word, term.count])
    for campaign in data["campaigns"]:
        writer.writerow(["campaigns", campaign.representative.body[:200], campaign.size])
    return response


@login_required
def campaign_detail(request, consultation_id: int, campaign_id: int):
    consultation = consultation_for_staff(request, consultation_id)
    campaign = get_object_or_404(
        Campaign.objects.select_related("representative"), pk=campaign_id, consultation=consultation
    )
    page = Paginator(selectors.campaign_members(campaign=campaign), 50).get_page(
        request.GET.get("page")
    )
    representative = campaign.representative.body
    members = [(c, word_diff(representative, c.body)) for c in page.object_list]
    search_url = (
        reverse("search_staff")
        + "?"
        + urlencode({"konsultasi": consultation.pk, "kampanye": campaign.pk})
    )
    return render(request, "search/campaign.html", {
        "consultation": consultation, "campaign": campaign, "page": page, "members": members,
        "search_url": search_url,
        **staff_page(selectors.campaign_label(campaign), consultation=consultation),
    })  # fmt: skip


def public_search(request):
    """Pages and published comments, for everyone."""
    # Every value of a repeated ``q`` is part of the search (a form and a link may both add one).
    text = CONTROL.sub(" ", " ".join(request.GET.getlist("q"))).strip()[:300]
    parsed = parse_query(text)
    pages, comments, unavailable = [], [], False
    if not parsed.is_empty:
        pages = search_pages(parsed, Page.objects.live().public().specific())
        try:
            result = get_engine().search(SearchQuery(text=text, public_only=True, facets=False,
                                                     limit=20))  # fmt: skip
        except SearchUnavailable:  # comments unsearchable for now; pages still shown
            logger.exception("Public search without comments: the search engine is unavailable")
            unavailable = True
        else:
            found = Comment.objects.select_related("consultation__draft").in_bulk(
                [h.comment_id for h in result.hits]
            )
            comments = [(h, found[h.comment_id]) for h in result.hits if h.comment_id in found]
    return render(request, "search/public_search.html", {
        "text": text, "pages": pages, "comments": comments, "unavailable": unavailable,
        "nothing_to_find": bool(text) and parsed.is_empty,
    })  # fmt: skip


@require_GET
def similar_comments(request, consultation_id: int):
    """Published comments like the text being written, on the same clause (JSON for the form)."""
    consultation = get_object_or_404(Consultation, pk=consultation_id)
    text = request.GET.get("teks", "")[:2000]
    clause_key = request.GET.get("ayat", "")
    if clause_key and clause_key not in consultation.clause_keys:
        return JsonResponse({"error": _("Unknown clause.")}, status=400)
    try:
        ids = get_engine().similar(text, consultation_id=consultation.pk, clause_key=clause_key)
    except SearchUnavailable:  # no suggestions while the engine is away
        logger.exception("No similar comments: the search engine is unavailable")
        ids = []
    found = Comment.objects.in_bulk(ids)
    return JsonResponse({
        "comments": [
            {"id": pk, "body": found[pk].body[:300], "supports": found[pk].support_count,
             "url": reverse("consultations_comment", args=[pk])}
            for pk in ids if pk in found
        ]
    })  # fmt: skip
