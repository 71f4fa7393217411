"""Staff views in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_editor_compares_any_two_versions_in_the_admin(client, user_factory, egov_policy):
    editor = user_factory()
    editor.groups.add(Group.objects.get(name="Editor kebijakan"))
    client.force_login(editor)
    response = client.get(reverse("cms_compare_drafts", args=[egov_policy.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 ditambahkan, 1 dihapus, 3 diubah, 1 dipindahkan, 1 dipindahkan dan diubah" in html


def test_admin_comparison_needs_edit_permission(client, user_factory, egov_policy):
    url = reverse("cms_compare_drafts", args=[egov_policy.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(user_factory())
    assert client.get(url).status_code in (302, 403)


def test_admin_edit_page_of_a_draft_renders(client, egov_drafts):
    from accounts.models import User

    client.force_login(User.objects.get(email="admin@rembuk.example"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[egov_drafts[1].pk]))
    assert response.status_code == 200
    assert "Ayat" in response.content.decode()
