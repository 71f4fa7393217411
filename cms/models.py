from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from accounts.models import Agency
from cms.admin_forms import DraftPageForm
from cms.blocks import ContentBlock, DraftBodyBlock
from cms.contributions import Contributions, TemplateSlots
from cms.drafts import assign_missing_keys, draft_outline, renew_duplicate_keys


def random_document_path(instance, filename: str) -> str:
    """Uploaded files get unguessable names; the title keeps the human-readable one."""
    return f"documents/{uuid.uuid4().hex}.pdf"


class PolicyDocument(AbstractDocument):
    """A PDF attached to a draft. Stored under a random name, served only as a download."""

    file = models.FileField(upload_to=random_document_path, verbose_name=_("file"))
    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


@register_snippet
class Topic(models.Model):
    """A policy area; a small controlled vocabulary named in both UI languages."""

    name = models.CharField(_("name (Indonesian)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every page footer and from the sign-up form."),
    )

    panels = [FieldPanel("privacy_notice")]

    class Meta:
        verbose_name = _("site settings")


class PolicyStage(models.TextChoices):
    """The stages of public policy making a policy page follows, in order."""

    AGENDA = "agenda", _("Agenda setting and call for input")
    CONSULTATION = "consultation", _("Draft consultation")
    ADOPTED = "adopted", _("Adopted")
    EVALUATION = "evaluation", _("Evaluation")


class HomePage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.PolicyIndexPage", "cms.NewsIndexPage", "cms.ContentPage"]
    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policies_in_consultation"] = selectors.policies_in_consultation(locale=self.locale)
        context["latest_news"] = selectors.latest_news(locale=self.locale)
        return context


class PolicyIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.PolicyPage"]
    template = "cms/policy_index_page.html"
    page_size = 10

    class Meta:
        verbose_name = _("policy index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = forms_.PolicyFilterForm(request.GET or None, index_page=self)
        filters = form.valid_filters()
        policies = selectors.policy_list(index_page=self, **filters)
        context["filter_form"] = form
        context["filters_ignored"] = form.is_bound and not form.is_valid()
        context["policies"] = Paginator(policies, self.page_size).get_page(request.GET.get("page"))
        context["filter_querystring"] = form.querystring(filters)
        return context


class PolicyPage(RoutablePageMixin, Page):
    """One policy followed through its stages, with its draft versions as child pages."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("issuing agency"),
        on_delete=models.PROTECT,
        related_name="policies",
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    stage = models.CharField(
        _("current stage"), max_length=20, choices=PolicyStage.choices, default=PolicyStage.AGENDA
    )
    initiated_on = models.DateField(_("initiated on"))
    summary = models.TextField(_("summary"))
    body = RichTextField(_("background"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("agency"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("stage"),
                FieldPanel("initiated_on"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("body"),
        FieldPanel("legal_basis"),
        InlinePanel("milestones", label=_("Timeline"), heading=_("Timeline")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("stage"),
    ]
    parent_page_types = ["cms.PolicyIndexPage"]
    subpage_types = ["cms.DraftPage"]
    template = "cms/policy_page.html"
    # Following, discussion threads: added by the apps above (see cms/contributions.py).
    context_contributions = Contributions("policy page context")
    template_slots = TemplateSlots("header", "sections")

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["drafts"] = selectors.published_drafts(policy=self)
        context["timeline"] = selectors.policy_timeline(policy=self)
        context.update(self.context_contributions.merged(page=self, request=request))
        return context

    @path("bandingkan/", name="compare")
    def compare_view(self, request):
        drafts = list(selectors.published_drafts(policy=self))
        form = forms_.DraftComparisonForm(request.GET or None, drafts=drafts)
        if form.is_bound and not form.is_valid():
            raise Http404("Unknown draft version")
        old, new = form.chosen_pair()
        if old is None:
            raise Http404("This policy has fewer than two published versions")
        return render(
            request,
            "cms/draft_comparison_page.html",
            {
                "page": self,
                "self": self,
                "form": form,
                "old": old,
                "new": new,
                "comparison": selectors.draft_comparison(old=old, new=new),
            },
        )


class PolicyMilestone(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="milestones")
    stage = models.CharField(_("stage"), max_length=20, choices=PolicyStage.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("stage"),
        FieldPanel("date"),
        FieldPanel("title"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")


class DraftPage(Page):
    """One version of a policy's text, structured as Bab → Pasal → ayat with stable keys."""

    version_number = models.PositiveSmallIntegerField(_("version number"))
    change_summary = models.TextField(
        _("what changed in this version"),
        blank=True,
        help_text=_("A plain-language summary of the changes from the previous version."),
    )
    preamble = RichTextField(_("preamble"), blank=True, features=["bold", "italic", "ol", "ul"])
    body = StreamField(DraftBodyBlock(), verbose_name=_("text"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("version_number"),
        FieldPanel("change_summary"),
        FieldPanel("preamble"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments (PDF)"), heading=_("Attachments")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body"), index.SearchField("preamble")]
    parent_page_types = ["cms.PolicyPage"]
    subpage_types: list[str] = []
    template = "cms/draft_page.html"
    base_form_class = DraftPageForm
    # The consultation, comments and threads: added by the apps above (see cms/contributions.py).
    context_contributions = Contributions("draft page context")
    # The "clause" slot is rendered for each clause only when a contribution sets
    # ``clause_parts_shown`` (a draft of hundreds of clauses renders none when nothing shows).
    template_slots = TemplateSlots("banner", "clause", "after_text")

    class Meta:
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")

    def clean(self) -> None:
        super().clean()
        # Keys are the system's: editors never see or type them (cms/blocks.py).
        assign_missing_keys(self.body)
        renew_duplicate_keys(self.body)
        siblings = DraftPage.objects.sibling_of(self, inclusive=False).filter(
            version_number=self.version_number, locale_id=self.locale_id
        )
        if self.version_number and siblings.exists():
            raise ValidationError(
                {"version_number": _("Another version of this policy already has this number.")}
            )

    def get_cache_key_components(self):
        # Publication dates can repeat (imports, demo data, restored databases); the live
        # revision and its creation time do not.
        return [
            *super().get_cache_key_components(),
            self.live_revision_id,
            self.latest_revision_created_at.isoformat()
            if self.latest_revision_created_at
            else None,
        ]

    @cached_property
    def outline(self):
        return draft_outline(self.body)

    @cached_property
    def previous_published(self) -> DraftPage | None:
        """The published version before this one. Kept on the page: its own context and the
        contributions of the apps above (earlier input) both ask for it in one request."""
        return selectors.previous_published_draft(draft=self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.context_contributions.merged(page=self, request=request))
        context["policy"] = self.get_parent().specific
        context["previous_draft"] = self.previous_published
        return context


class DraftAttachment(Orderable):
    page = ParentalKey(DraftPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("PDF"),
    )
    title = models.CharField(_("title"), max_length=200)

    panels = [FieldPanel("document"), FieldPanel("title")]


class ContentPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage"]
    template = "cms/content_page.html"

    class Meta:
        verbose_name = _("content page")


class NewsIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    template = "cms/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news"] = Paginator(selectors.news_list(index_page=self), 10).get_page(
            request.GET.get("page")
        )
        return context


class NewsPage(Page):
    date = models.DateField(_("date"))
    intro = models.TextField(_("introduction"))
    body = RichTextField(_("body"), blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.SET_NULL, null=True, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("agency"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "cms/news_page.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")


# Page views read through cms.selectors and cms.forms, which import the models above: they are
# imported last, once every model class exists, instead of inside each get_context.
from cms import forms as forms_  # noqa: E402
from cms import selectors  # noqa: E402
