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
    response = client.get(url, follow=True)  # a visitor signs in first
    assert response.redirect_chain[-1][0].startswith("/akun/login/")
    client.force_login(user_factory())  # a participant, not staff
    response = client.get(url, follow=True)
    assert response.status_code == 403


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


def test_a_copied_clause_gets_its_own_identifier_and_the_original_keeps_its_comments(
    client, user_factory, egov_drafts, staff_login
):
    """Editors never see or type identifiers: copying a clause in the editor (which copies its
    hidden key) saves, the original keeps its key (and its comments), the copy gets a new one."""
    editor = user_factory()
    editor.groups.add(Group.objects.get(name="Editor kebijakan"))
    staff_login(editor)
    draft = egov_drafts[1]
    body = draft.body.get_prep_value()
    goals = body[1]["value"]["articles"][0]["value"]["clauses"]
    copied = dict(goals[0]["value"])
    original_key = copied["key"]
    goals.insert(1, {"type": "item", "value": copied, "id": ""})

    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(url, draft_form_data(draft, body))
    assert response.status_code == 302
    saved = draft.revisions.order_by("-created_at").first().as_object()
    goal_clauses = saved.outline[1].articles[0].clauses
    keys = [c.key for ch in saved.outline for a in ch.articles for c in a.clauses]
    assert len(keys) == len(set(keys)) == 19  # 18 clauses in version 2, plus the copy
    assert goal_clauses[0].key == original_key and goal_clauses[1].key != original_key
    assert goal_clauses[1].text == goal_clauses[0].text


def test_the_editor_never_shows_the_identifier_field():
    """The chapter, article and clause forms keep the key in a hidden container, unlabelled."""
    from cms.blocks import ArticleBlock, ChapterBlock, ClauseBlock

    for block in (ClauseBlock(), ArticleBlock(), ChapterBlock()):
        form = block.render_form_template()
        assert '<div hidden><div data-structblock-child="key"></div></div>' in form
        assert "Identifier" not in form and "Pengenal" not in form


def test_a_new_draft_version_is_numbered_and_addressed_draf_n(
    client, user_factory, egov_policy, egov_drafts, staff_login
):
    editor = user_factory()
    editor.groups.add(Group.objects.get(name="Editor kebijakan"))
    staff_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["cms", "draftpage", egov_policy.pk])
    html = client.get(url).content.decode()
    assert 'value="draf-3"' in html and 'name="version_number" value="3"' in html

    title = "Pengembangan E-Government — Draf 3"
    data = draft_form_data(egov_drafts[1], egov_drafts[1].body.get_prep_value())
    data.update({"title": title, "slug": "pengembangan-e-government-draf-3", "version_number": 3})
    response = client.post(url, data)
    assert response.status_code == 302
    created = egov_policy.get_children().get(title=title)
    assert created.slug == "draf-3"
