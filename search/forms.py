from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from search.engines.base import SearchQuery

PAGE_SIZE = 20
MAX_PAGE = 500


class StaffSearchForm(forms.Form):
    """The staff search, from GET parameters (Indonesian names, like the site's URLs). A value
    that is not valid is reported and left out; the rest of the search still runs."""

    q = forms.CharField(label=_("Search comments"), required=False, max_length=300)
    konsultasi = forms.TypedMultipleChoiceField(label=_("Consultation"), required=False, coerce=int)
    ayat = forms.MultipleChoiceField(label=_("Clause"), required=False)
    sikap = forms.MultipleChoiceField(label=_("Stance"), required=False)
    jenis = forms.MultipleChoiceField(label=_("Respondent type"), required=False)
    provinsi = forms.MultipleChoiceField(label=_("Province"), required=False)
    status = forms.MultipleChoiceField(label=_("Moderation state"), required=False)
    kode = forms.TypedMultipleChoiceField(label=_("Code"), required=False, coerce=int)
    kampanye = forms.TypedMultipleChoiceField(label=_("Campaign"), required=False, coerce=int)
    dari = forms.DateField(label=_("From"), required=False)
    sampai = forms.DateField(label=_("Until"), required=False)
    urut = forms.ChoiceField(
        label=_("Sort by"), required=False,
        choices=[("relevance", _("Relevance")), ("newest", _("Newest")),
                 ("oldest", _("Oldest")), ("support", _("Most supported"))],
    )  # fmt: skip
    halaman = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    FIELD_TO_FACET = {
        "konsultasi": "consultation", "ayat": "clause", "sikap": "stance",
        "jenis": "respondent_type", "provinsi": "province", "status": "status", "kode": "code",
        "kampanye": "campaign",
    }  # fmt: skip

    def __init__(self, data, *, labels: dict[str, dict[str, str]]):
        super().__init__(data)
        for field, facet in self.FIELD_TO_FACET.items():
            self.fields[field].choices = list(labels[facet].items())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("dari") and cleaned.get("sampai") and cleaned["dari"] > cleaned["sampai"]:
            self.add_error("sampai", _("The end date is before the start date."))
        return cleaned

    def search_query(self, *, allowed_consultations: list[int]) -> SearchQuery:
        """The query from the valid fields; consultations are limited to the allowed ones."""
        # Unbound (no parameters): nothing chosen. Bound: Django leaves invalid fields out.
        data = getattr(self, "cleaned_data", {})
        chosen = tuple(data.get("konsultasi") or ()) or tuple(allowed_consultations)
        page = data.get("halaman") or 1
        return SearchQuery(
            text=data.get("q") or "",
            consultations=tuple(c for c in chosen if c in allowed_consultations) or (-1,),
            clauses=tuple(data.get("ayat") or ()),
            stances=tuple(data.get("sikap") or ()),
            respondent_types=tuple(data.get("jenis") or ()),
            provinces=tuple(data.get("provinsi") or ()),
            statuses=tuple(data.get("status") or ()),
            codes=tuple(data.get("kode") or ()),
            campaigns=tuple(data.get("kampanye") or ()),
            date_from=data.get("dari"),
            date_to=data.get("sampai"),
            sort=data.get("urut") or "relevance",
            offset=(page - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
        )


class CodeForm(forms.Form):
    label = forms.CharField(label=_("Code"), max_length=80)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
