"""Staff views in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_editor_compares_any_two_versions_in_the_admin(
    client, user_factory, egov_policy, egov_drafts, staff_login
):
    editor = user_factory()
    editor.groups.add(Group.objects.get(name="Editor kebijakan"))
    staff_login(editor)
    response = client.get(reverse("cms_compare_drafts", args=[egov_policy.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 ditambahkan, 1 dihapus, 3 diubah, 1 dipindahkan, 1 dipindahkan dan diubah" in html


def test_admin_comparison_needs_edit_permission(client, user_factory, egov_policy):
    url = reverse("cms_compare_drafts", args=[egov_policy.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/akun/login/")
    client.force_login(user_factory())  # a participant, not staff
    response = client.get(url)
    assert response.status_code == 302
    assert "/akun/login/" in response.url


def test_admin_edit_page_of_a_draft_renders(client, egov_drafts, staff_login, site_admin):
    staff_login(site_admin)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[egov_drafts[1].pk]))
    assert response.status_code == 200
    assert "Ayat" in response.content.decode()


def draft_form_data(draft, body):
    """The admin edit form's POST data for a draft with the given raw body."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    def listing(items, value_of):
        data = {"count": len(items)}
        for position, item in enumerate(items):
            # Stored list items are {"type": "item", "value": ..., "id": ...}.
            data[str(position)] = {
                "value": value_of(item["value"]), "deleted": "", "order": position,
                "id": item.get("id", ""),
            }  # fmt: skip
        return data

    def clause(value):
        return {"key": value["key"], "text": value["text"]}

    def article(value):
        return {"key": value["key"], "heading": value["heading"],
                "clauses": listing(value["clauses"], clause)}  # fmt: skip

    chapters = {"count": len(body)}
    for position, chapter in enumerate(body):
        value = chapter["value"]
        chapters[str(position)] = {
            "type": "chapter", "deleted": "", "order": position, "id": chapter.get("id", ""),
            "value": {"key": value["key"], "title": value["title"],
                      "articles": listing(value["articles"], article)},
        }  # fmt: skip
    return nested_form_data(
        {
            "title": draft.title,
            "slug": draft.slug,
            "version_number": draft.version_number,
            "change_summary": draft.change_summary,
            "preamble": rich_text(draft.preamble),
            "body": chapters,
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def test_editor_saving_a_copied_clause_gets_a_clear_error_and_nothing_is_lost(
    client, user_factory, egov_drafts, staff_login
):
    editor = user_factory()
    editor.groups.add(Group.objects.get(name="Editor kebijakan"))
    staff_login(editor)
    draft = egov_drafts[1]
    revisions_before = draft.revisions.count()
    body = draft.body.get_prep_value()
    goals = body[1]["value"]["articles"][0]["value"]["clauses"]
    copied = dict(goals[0]["value"])
    original_key = copied["key"]
    goals.append({"type": "item", "value": copied, "id": ""})

    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(url, draft_form_data(draft, body))
    html = response.content.decode()
    assert response.status_code == 200
    assert "dipakai lebih dari sekali" in html
    assert original_key in html
    assert draft.revisions.count() == revisions_before

    # Clearing the copy's identifier saves it, and the copy gets a new one.
    goals[-1]["value"]["key"] = ""
    response = client.post(url, draft_form_data(draft, body))
    assert response.status_code == 302
    saved = draft.revisions.order_by("-created_at").first().as_object()
    keys = [c.key for ch in saved.outline for a in ch.articles for c in a.clauses]
    assert len(keys) == len(set(keys)) == 19  # 18 clauses in version 2, plus the copy
    assert original_key in keys
