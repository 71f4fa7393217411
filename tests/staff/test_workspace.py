"""The staff workspace in the Wagtail admin, as each role meets it: who gets in, what they see,
where the old addresses lead, and that every staff URL answers each role as the rules say."""

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from consultations.models import Comment
from tests.http import refused

pytestmark = pytest.mark.django_db

EDITORS = "Editor kebijakan"


@pytest.fixture
def consultation(analysed):
    return analysed.consultation


@pytest.fixture
def editor(user_factory):
    user = user_factory(email="editor.uji@example.id")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_moderator_and_drafter_reach_the_admin_home_with_their_consultations(
    client, staff_login, moderator, drafter, consultation
):
    for person in (moderator, drafter):
        staff_login(person)
        response = client.get("/admin/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Konsultasi Anda" in html and consultation.title in html
        assert reverse("consultations_workspace", args=[consultation.pk]) in html
        client.logout()


def test_a_participant_at_the_admin_is_told_once_without_a_redirect_loop(client, citizen):
    client.force_login(citizen)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert [url for url, _status in response.redirect_chain] == ["/admin/login/?next=/admin/"]
    html = response.content.decode()
    assert "tidak memiliki akses ke ruang kerja staf" in html
    assert html.count("Anda tidak memiliki izin") == 0  # Wagtail's notice is not stacked on top


def test_a_visitor_at_the_admin_is_sent_to_sign_in_and_back(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/akun/login/?next=%2Fadmin%2F"
    assert response.status_code == 200


def test_old_staff_addresses_lead_to_the_admin(client, consultation):
    pk = consultation.pk
    moved = {
        f"/staf/konsultasi/{pk}/moderasi/?status=pending":
            f"/admin/konsultasi/{pk}/moderasi/?status=pending",
        f"/staf/konsultasi/{pk}/tanggapan/": f"/admin/konsultasi/{pk}/tanggapan/",
        f"/staf/konsultasi/{pk}/masukan-luring/": f"/admin/konsultasi/{pk}/masukan-luring/",
        f"/staf/konsultasi/{pk}/unduh-lengkap.csv": f"/admin/konsultasi/{pk}/unduh-lengkap.csv",
        "/staf/cari/?q=izin": "/admin/cari/?q=izin",
        f"/staf/konsultasi/{pk}/analisis/": f"/admin/konsultasi/{pk}/analisis/",
        f"/staf/konsultasi/{pk}/kode/": f"/admin/konsultasi/{pk}/kode/",
        "/en/staf/forum/moderasi/": "/admin/forum/moderasi/",
    }  # fmt: skip
    for old, new in moved.items():
        response = client.get(old)
        assert (response.status_code, response.headers["location"]) == (301, new), old


def test_the_moderation_queue_names_clauses_and_keeps_its_actions_in_reach(
    client, staff_login, moderator, consultation
):
    staff_login(moderator)
    html = client.get(
        reverse("consultations_moderation", args=[consultation.pk]), {"status": "semua"}
    ).content.decode()
    on_clause = Comment.objects.filter(consultation=consultation).exclude(clause_key="").first()
    assert consultation.clause_label(on_clause.clause_key) in html  # "Pasal 2 ayat (1)"
    assert "Pasal " in html and f"· {on_clause.clause_key}<" not in html
    assert 'data-bulk-action-footer="COMMENT"' in html  # decisions as the admin's bulk actions
    assert 'href="/static/css/staff.css"' in html or "css/staff" in html
    assert "wagtailadmin/css/core.css" in html  # the admin's own look, not the public site's


def test_a_moderator_is_not_offered_coding(client, staff_login, moderator, drafter, consultation):
    url = reverse("search_staff")
    staff_login(moderator)
    html = client.get(url, {"konsultasi": consultation.pk}).content.decode()
    assert "Beri kode" not in html and 'name="code"' not in html
    client.logout()
    staff_login(drafter)
    html = client.get(url, {"konsultasi": consultation.pk}).content.decode()
    assert 'name="code"' in html


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/x", "/\\evil"])
def test_coding_never_redirects_off_site(client, staff_login, drafter, analysed, target):
    staff_login(drafter)
    response = client.post(
        reverse("search_apply_code", args=[analysed.consultation.pk]),
        {"code": analysed.codes[0].pk, "comments": [analysed.participants[0].pk], "next": target},
    )
    assert response.status_code == 302
    assert response.headers["location"] == reverse("search_staff")


# The permission matrix -------------------------------------------------------------------------

STAFF_MODULES = ("consultations.staff_views", "search.views", "forums.views")


def staff_url_names() -> set[str]:
    """Every named URL under the admin served by our apps' views, found in the resolver."""
    names = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
                view = pattern.callback
                module = getattr(view, "__module__", "")
                wrapped = getattr(view, "__wrapped__", None)
                while wrapped is not None:
                    module, wrapped = wrapped.__module__, getattr(wrapped, "__wrapped__", None)
                if module in STAFF_MODULES and pattern.name:
                    names.add(pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


# name -> (method, kwargs maker); the roles that may use it are in ALLOWED.
ROLES = ("visitor", "citizen", "representative", "moderator", "drafter", "other_drafter",
         "editor", "site_admin")  # fmt: skip
MODERATE = {"moderator", "drafter", "site_admin"}
ANY_ROLE = MODERATE | {"other_drafter"}  # the overview, which then lists what is theirs
ANALYSE = {"moderator", "drafter", "site_admin"}
RESPOND = {"drafter", "site_admin"}
ALLOWED = {
    "consultations_moderation_queue": ANY_ROLE,
    "consultations_workspace": MODERATE,
    "consultations_moderation": MODERATE,
    "consultations_moderation_results": MODERATE,
    "consultations_offline": MODERATE,
    "consultations_full_export": MODERATE,
    "consultations_responses": RESPOND,
    "consultations_answer": RESPOND,
    "consultations_answer_results": RESPOND,
    "search_staff": ANALYSE,
    "search_codebook": ANALYSE,
    "search_dashboard": ANALYSE,
    "search_dashboard_export": ANALYSE,
    "search_campaign": ANALYSE,
    "search_apply_code": RESPOND,
    "forums_moderation_log": {"moderator", "site_admin"},
}


def test_every_staff_url_is_in_the_matrix():
    assert staff_url_names() == set(ALLOWED)


@pytest.fixture
def people(citizen, moderator, drafter, site_admin, editor, user_factory,
           role_assignment_factory, agency_factory, agency_representative_factory, komdigi):  # fmt: skip
    other_drafter = user_factory(email="penyusun.lain@example.id")
    role_assignment_factory(user=other_drafter, role="drafter", agency=agency_factory())
    representative = agency_representative_factory(agency=komdigi, verified=True).user
    return {"visitor": None, "citizen": citizen, "representative": representative,
            "moderator": moderator, "drafter": drafter, "other_drafter": other_drafter,
            "editor": editor, "site_admin": site_admin}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_the_staff_pages_the_rules_allow(
    client, staff_login, people, analysed, role
):
    consultation = analysed.consultation
    arguments = {
        "consultation_id": consultation.pk, "fmt": "csv", "campaign_id": analysed.campaign.pk,
    }  # fmt: skip
    person = people[role]
    if person is not None:
        staff_login(person)
    outcomes = {}
    for name in sorted(ALLOWED):
        url = reverse(name, kwargs={key: arguments[key] for key in _parameters(name)})
        method = client.post if name == "search_apply_code" else client.get
        response = method(url, {"code": analysed.codes[0].pk} if name == "search_apply_code"
                          else {})  # fmt: skip
        if refused(response):
            outcomes[name] = "refused"
        elif response.status_code in (200, 302):
            outcomes[name] = "allowed"
        else:
            outcomes[name] = f"answered {response.status_code}"
    expected = {name: "allowed" if role in roles else "refused" for name, roles in ALLOWED.items()}
    assert outcomes == expected


def _parameters(name: str) -> list[str]:
    """The URL's parameter names, as the resolver knows them."""
    ((possibilities, _pattern, _defaults, _converters),) = get_resolver().reverse_dict.getlist(name)
    return possibilities[0][1]


def test_the_campaign_facet_names_its_size_and_how_it_begins(
    client, staff_login, drafter, analysed
):
    staff_login(drafter)
    html = client.get(reverse("search_staff"), {"konsultasi": analysed.consultation.pk}).content
    campaign = analysed.campaign
    start = campaign.representative.body[:15]
    assert f"{campaign.size} komentar seperti “{start}" in html.decode()


def test_staff_enrol_their_second_factor_in_the_admins_look(client, moderator, citizen):
    client.post("/akun/login/", {"login": moderator.email, "password": "kata-sandi-rahasia-123"})
    response = client.get("/admin/", follow=True)  # no authenticator yet; no second password
    assert response.redirect_chain[-1][0].startswith("/akun/2fa/totp/activate/")
    html = response.content.decode()
    assert "wagtailadmin/css/core.css" in html and "css/site.css" not in html
    assert html.count("Akun staf wajib memakai autentikasi dua faktor") == 1
    # The admin's look loads its script catalogue and icons: served, not sent to enrolment.
    for asset in (reverse("wagtailadmin_javascript_catalog"), reverse("wagtailadmin_sprite")):
        assert client.get(asset).status_code == 200, asset
    client.logout()
    client.post("/akun/login/", {"login": citizen.email, "password": "kata-sandi-rahasia-123"})
    html = client.get("/akun/2fa/totp/activate/").content.decode()  # a participant's own
    assert "css/site.css" in html and "wagtailadmin/css/core.css" not in html


def test_the_consultation_policy_names_who_may_do_what(
    moderator, drafter, site_admin, citizen, user_factory, role_assignment_factory,
    agency_factory, open_consultation,
):  # fmt: skip
    """Wagtail asks a permission policy for users too (notifications, filters)."""
    from consultations.permissions import ConsultationPermissionPolicy

    policy = ConsultationPermissionPolicy()
    elsewhere = user_factory(email="penyusun.lain@example.id")
    role_assignment_factory(user=elsewhere, role="drafter", agency=agency_factory())
    assert set(policy.users_with_permission("change")) == {drafter, site_admin, elsewhere}
    assert set(policy.users_with_permission_for_instance("change", open_consultation)) == {
        drafter, site_admin,
    }  # fmt: skip
    assert set(policy.users_with_permission_for_instance("view", open_consultation)) == {
        moderator, drafter, site_admin,
    }  # fmt: skip
    assert list(policy.instances_user_has_any_permission_for(citizen, ["view", "change"])) == []
    assert list(policy.instances_user_has_any_permission_for(drafter, ["change"])) == [
        open_consultation
    ]


def test_the_home_marks_campaigns_detected_since_the_last_visit(
    client, staff_login, drafter, analysed
):
    staff_login(drafter)
    first = client.get("/admin/").content.decode()
    assert "1 baru sejak kunjungan terakhir Anda" in first  # the campaign, never seen before
    second = client.get("/admin/").content.decode()
    assert "baru sejak kunjungan terakhir" not in second
    assert analysed.campaign.representative.body[:30] in second  # still listed for the week


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("moderator", ["Moderasi", "Cari komentar", "Log moderasi forum"], []),
        ("drafter", ["Moderasi", "Cari komentar"], ["Log moderasi forum"]),
        ("editor", [], ["Moderasi", "Cari komentar", "Log moderasi forum"]),
    ],
)
def test_the_admin_menu_follows_the_rules(
    client, staff_login, moderator, drafter, editor, analysed, role, shown, hidden
):
    staff_login({"moderator": moderator, "drafter": drafter, "editor": editor}[role])
    html = client.get("/admin/").content.decode()
    menu = html[html.index('id="wagtail-sidebar-props"') :]
    for label in shown:
        assert f'"{label}"' in menu, label
    for label in hidden:
        assert f'"{label}"' not in menu, label


def test_open_appeals_on_the_home_and_in_the_moderation_overview_lead_to_them(
    client, staff_login, moderator, consultation
):
    from consultations.services import comment_appeal, comment_moderate

    comment = Comment.objects.filter(consultation=consultation, author__isnull=False).first()
    comment_moderate(comments=[comment], moderator=moderator, action="hide", reason="spam")
    comment_appeal(comment=comment, user=comment.author, text="Ini bukan iklan, mohon ditinjau.")
    staff_login(moderator)
    link = (
        f"{reverse('consultations_moderation', args=[consultation.pk])}?status=semua&amp;banding=1"
    )
    for page in ("/admin/", reverse("consultations_moderation_queue")):
        assert link in client.get(page).content.decode(), page
    queue = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Banding: Ini bukan iklan, mohon ditinjau." in queue
    assert queue.count("data-bulk-action-checkbox") == 1  # only the appealed comment


def test_the_moderation_menu_item_costs_one_query(
    rf, moderator, editor, user_factory, role_assignment_factory, agency_factory,
    django_assert_num_queries, client, staff_login,
):  # fmt: skip
    """Asked on every admin page: one question about the person, not every app's section."""
    from consultations.wagtail_hooks import register_moderation_menu_item

    item = register_moderation_menu_item()
    request = rf.get("/admin/")
    for person, shown in ((moderator, True), (editor, False)):
        request.user = person
        person.get_all_permissions()  # Django's own permissions: read once per request anyway
        with django_assert_num_queries(1):
            assert item.is_shown(request) is shown
    # A drafter whose agency runs no consultation yet: the overview says so, it does not refuse.
    newcomer = user_factory(email="penyusun.baru@example.id")
    role_assignment_factory(user=newcomer, role="drafter", agency=agency_factory())
    staff_login(newcomer)
    response = client.get(reverse("consultations_moderation_queue"))
    assert response.status_code == 200
    assert "Tidak ada yang perlu Anda moderasi." in response.content.decode()
