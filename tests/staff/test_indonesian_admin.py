"""An Indonesian drafter, moderator or editor meets no English in the admin: every Wagtail
message the staff pages show has an Indonesian translation, from Wagtail's own catalogue or,
where Wagtail has none, from ours (locale/wagtail/, which `make messages` never touches)."""

import json
import re
from functools import cache
from pathlib import Path

import pytest
import wagtail
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db


@cache
def wagtail_msgids() -> frozenset[str]:
    """Every message Wagtail's own code can show (its English catalogues list them all)."""
    msgids = set()
    entry = re.compile(r'^msgid ((?:".*"\n)+)', re.MULTILINE)
    for catalogue in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"):
        for match in entry.finditer(catalogue.read_text(encoding="utf-8")):
            # Each quoted piece is a JSON string literal as far as escapes go (\\n, \\", \\\\).
            msgid = "".join(json.loads(part) for part in re.findall(r'".*"', match.group(1)))
            if msgid:
                msgids.add(msgid)
    return frozenset(msgids)


@pytest.fixture
def untranslated(monkeypatch):
    """The Wagtail messages looked up in Indonesian that came back in English."""
    found: set[str] = set()
    gettext, ngettext = trans_real.DjangoTranslation.gettext, trans_real.DjangoTranslation.ngettext

    def record(message: str, translated: bool) -> None:
        # A message is translated when some catalogue holds it, even as the same word
        # ("Status" is Indonesian too); the context, if any, precedes "\x04".
        if not translated and message.split("\x04")[-1] in wagtail_msgids():
            found.add(message.split("\x04")[-1])

    def recording_gettext(self, message):
        if self.language() == "id":
            record(message, message in self._catalog)
        return gettext(self, message)

    def recording_ngettext(self, singular, plural, number):
        if self.language() == "id":
            record(singular, (singular, 0) in self._catalog)
        return ngettext(self, singular, plural, number)

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", recording_gettext)
    monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", recording_ngettext)
    return found


def draft_in_review(egov_policy, editor):
    """A new draft version submitted to the legal review workflow, as an editor leaves it."""
    from cms.models import DraftPage

    draft = DraftPage(title="Draf 3", slug="draf-3", version_number=3, body=[], live=False)
    egov_policy.add_child(instance=draft)
    draft.save_revision(user=editor)
    draft.get_workflow().start(draft, editor)
    return draft


def staff_pages(analysed, egov_policy, egov_drafts, in_review) -> list[str]:
    consultation = analysed.consultation
    return [
        reverse("wagtailadmin_pages:edit", args=[in_review.pk]),  # approve or reject it
        "/admin/",
        reverse("wagtailadmin_explore_root"),  # where an editor's page tree starts
        reverse("wagtailadmin_explore", args=[egov_policy.pk]),
        reverse("wagtailadmin_pages:edit", args=[egov_drafts[1].pk]),
        reverse("wagtailadmin_pages:add", args=["cms", "draftpage", egov_policy.pk]),
        reverse("wagtailadmin_pages:history", args=[egov_drafts[1].pk]),
        reverse("wagtailsnippets_consultations_consultation:list"),
        reverse("wagtailsnippets_consultations_consultation:edit", args=[consultation.pk]),
        reverse("consultations_workspace", args=[consultation.pk]),
        reverse("consultations_moderation", args=[consultation.pk]),
        reverse("consultations_moderation", args=[consultation.pk]) + "?status=semua",  # filtered
        reverse("wagtail_bulk_action", args=["consultations", "comment", "hide"])
        + f"?id={analysed.participants[0].pk}",  # confirming a decision
        reverse("consultations_responses", args=[consultation.pk]),
        reverse("consultations_answer", args=[consultation.pk]) + "?dijawab=belum",
        reverse("wagtail_bulk_action", args=["consultations", "comment", "respond"])
        + f"?id={analysed.participants[0].pk}",
        reverse("consultations_offline", args=[consultation.pk]),
        reverse("search_staff") + f"?konsultasi={consultation.pk}",
        reverse("search_dashboard", args=[consultation.pk]),
        reverse("search_codebook", args=[consultation.pk]),
        reverse("search_campaign", args=[consultation.pk, analysed.campaign.pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtailadmin_workflows:index"),
    ]


def test_staff_pages_show_no_untranslated_wagtail_message(
    client, staff_login, site_admin, analysed, egov_policy, egov_drafts, untranslated, user_factory
):
    editor = user_factory(email="editor.uji@example.id")
    editor.groups.add(Group.objects.get(name="Editor kebijakan"))
    in_review = draft_in_review(egov_policy, editor)
    pages = staff_pages(analysed, egov_policy, egov_drafts, in_review)
    staff_login(site_admin)
    for url in pages:
        response = client.get(url, headers={"accept-language": "id"})
        assert response.status_code == 200, url
    staff_login(editor)  # an editor's page tree starts at the root too, with its own advice
    response = client.get(reverse("wagtailadmin_explore_root"), headers={"accept-language": "id"})
    assert response.status_code == 200
    assert sorted(untranslated) == []


def javascript_msgids() -> set[str]:
    """Every message of Wagtail's admin JavaScript (the block editor, comments, menus)."""
    catalogue = Path(wagtail.__file__).parent / "admin/locale/en/LC_MESSAGES/djangojs.po"
    entry = re.compile(r'^msgid ((?:".*"\n)+)', re.MULTILINE)
    return {
        msgid
        for match in entry.finditer(catalogue.read_text(encoding="utf-8"))
        if (msgid := "".join(json.loads(part) for part in re.findall(r'".*"', match.group(1))))
    }


def test_the_admin_javascript_speaks_indonesian(client, staff_login, site_admin):
    """The catalogue the admin's scripts load in Indonesian holds every message they can show
    ("Insert a block" on an empty draft text was English)."""
    staff_login(site_admin)
    response = client.get(
        reverse("wagtailadmin_javascript_catalog"), headers={"accept-language": "id"}
    )
    catalog = json.loads(
        re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1)
    )
    assert catalog["Insert a block"] == "Sisipkan blok"
    assert sorted(javascript_msgids() - catalog.keys()) == []
