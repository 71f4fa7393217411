"""A participant's own account: profile, verification as an agency representative, their data."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts import privacy
from accounts.models import AgencyRepresentative, User
from accounts.privacy import register_personal_data_source

pytestmark = pytest.mark.django_db


def test_profile_changes_are_saved_and_shown(client, user_factory):
    user = user_factory()
    client.force_login(user)
    response = client.post(
        reverse("accounts_profile"),
        {"display_name": "Rina Wulandari", "respondent_type": "academic",
         "organisation": "Universitas Airlangga", "province": "35", "notify_replies": "on"},
        follow=True,
    )  # fmt: skip
    assert "Profil Anda telah disimpan." in response.content.decode()
    user.refresh_from_db()
    assert (user.display_name, user.respondent_type, user.province) == (
        "Rina Wulandari", "academic", "35",
    )  # fmt: skip
    assert user.notify_replies and not user.notify_moderation and not user.notify_followed
    assert "Rina Wulandari" in response.content.decode()


def test_invalid_profile_keeps_what_was_typed_and_changes_nothing(client, user_factory):
    user = user_factory(display_name="Lama")
    client.force_login(user)
    response = client.post(
        reverse("accounts_profile"),
        {"display_name": "Baru", "respondent_type": "business", "organisation": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sebutkan nama organisasi yang Anda wakili." in html
    assert 'value="Baru"' in html
    user.refresh_from_db()
    assert user.display_name == "Lama"


def test_the_representation_form_asks_for_a_job_title_not_a_stance(client, user_factory):
    """ "Your position" is a job title here ("Jabatan Anda") and a stance on the comment form
    ("Sikap Anda"): two messages, each with its own context."""
    client.force_login(user_factory())
    html = client.get(reverse("accounts_profile")).content.decode()
    assert "Jabatan Anda" in html and "Sikap Anda" not in html


def test_agency_representative_is_verified_by_an_admin_and_audited(
    client, user_factory, staff_login, agency_factory, site_admin
):
    official = user_factory()
    agency = agency_factory(name="Kementerian Dalam Negeri", acronym="Kemendagri")
    client.force_login(official)
    client.post(
        reverse("accounts_representation"), {"agency": agency.pk, "position": "Kabag Humas"}
    )
    again = client.post(
        reverse("accounts_representation"), {"agency": agency.pk, "position": "Kabag Humas"},
        follow=True,
    )  # fmt: skip
    assert "sudah pernah meminta" in again.content.decode()
    request = AgencyRepresentative.objects.get(user=official)
    assert request.status == "pending"

    admin = site_admin
    staff_login(admin)
    listing = client.get(reverse("accounts_representatives")).content.decode()
    assert "Kabag Humas" in listing
    client.post(reverse("accounts_representative_decide", args=[request.pk]),
                {"decision": "verify", "note": "Sesuai SK"})  # fmt: skip
    request.refresh_from_db()
    official.refresh_from_db()
    assert request.status == "verified"
    assert official.respondent_type == "government"
    assert official.organisation == "Kementerian Dalam Negeri"
    entry = ModelLogEntry.objects.get(
        action="rembuk.representative_verified", data__user_id=official.pk
    )
    assert entry.user_id == admin.pk and entry.data["user_id"] == official.pk
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Perwakilan instansi diverifikasi" in history


def test_admin_grants_and_revokes_scoped_roles_with_an_audit_trail(
    client, user_factory, staff_login, komdigi, site_admin
):
    moderator = user_factory(email="moderator.baru@example.id")
    agency = komdigi
    staff_login(site_admin)
    response = client.post(
        reverse("accounts_staff_roles"),
        {"email": "MODERATOR.baru@example.id", "role": "moderator", "agency": agency.pk},
        follow=True,
    )
    assert "Peran telah diberikan." in response.content.decode()
    assignment = moderator.role_assignments.get()
    assert moderator.has_perm("consultations.moderate", agency)
    client.post(reverse("accounts_staff_role_revoke", args=[assignment.pk]))
    assert not moderator.role_assignments.exists()
    assert list(
        ModelLogEntry.objects.filter(action__startswith="rembuk.role", data__user_id=moderator.pk)
        .values_list("action", flat=True)
        .order_by("timestamp")
    ) == ["rembuk.role_granted", "rembuk.role_revoked"]

    unknown = client.post(
        reverse("accounts_staff_roles"),
        {"email": "tidak.ada@example.id", "role": "moderator", "agency": agency.pk},
    )
    assert "Tidak ada akun aktif" in unknown.content.decode()


def test_data_download_contains_everything_about_me(client, user_factory, agency):
    user = user_factory(email="saya@example.id", display_name="Saya", province="31")
    AgencyRepresentative.objects.create(user=user, agency=agency, position="Staf")
    client.force_login(user)
    response = client.post(reverse("accounts_data_download"))
    assert response.status_code == 200
    assert "rembuk-data-saya-" in response["Content-Disposition"]
    data = json.loads(response.content)
    account = data["account"]
    assert account["email"] == "saya@example.id"
    assert (account["province"], account["province_name"]) == ("31", "DKI Jakarta")
    assert account["email_addresses"] == [
        {"email": "saya@example.id", "verified": True, "primary": True}
    ]
    assert account["agency_representations"][0]["position"] == "Staf"
    assert client.get(reverse("accounts_data_download")).status_code == 405


def test_deleting_my_account_erases_it_everywhere_and_keeps_an_anonymous_audit_entry(
    client, user_factory, monkeypatch, home_page
):
    erased = []
    monkeypatch.setattr("accounts.privacy._sources", dict(privacy._sources))
    register_personal_data_source(
        "another-app", export=lambda user: {}, erase=lambda user: erased.append(user.pk)
    )
    user = user_factory(email="pergi@example.id")
    user_id = user.pk
    client.force_login(user)
    wrong = client.post(reverse("accounts_delete"), {"password": "salah", "confirm": "on"})
    assert "Kata sandi tidak sesuai." in wrong.content.decode()
    assert User.objects.filter(pk=user_id).exists()

    response = client.post(
        reverse("accounts_delete"),
        {"password": "kata-sandi-rahasia-123", "confirm": "on"},
        follow=True,
    )
    assert "Akun Anda telah dihapus." in response.content.decode()
    assert not User.objects.filter(pk=user_id).exists()
    assert erased == [user_id]
    entry = ModelLogEntry.objects.get(action="rembuk.account_deleted")
    assert entry.label == f"#{user_id}" and "pergi" not in json.dumps(entry.data)
    login = client.post(
        "/akun/login/", {"login": "pergi@example.id", "password": "kata-sandi-rahasia-123"}
    )
    assert not login.wsgi_request.user.is_authenticated


def test_privacy_notice_is_linked_from_every_page_in_both_languages(client, privacy_notice):
    indonesian = client.get("/kebijakan/").content.decode()
    assert '<a href="/privasi/">Pemberitahuan privasi</a>' in indonesian
    english = client.get("/en/").content.decode()
    assert '<a href="/en/privacy/">Privacy notice</a>' in english
    notice = client.get("/privasi/").content.decode()
    assert "Undang-Undang Nomor 27 Tahun 2022" in notice


def test_retention_removes_audit_entries_past_their_period(settings, user_factory):
    settings.MODERATION_LOG_RETENTION_DAYS = 30
    from wagtail.log_actions import log

    user = user_factory()
    old = log(instance=user, action="rembuk.personal_data_exported", title="#1")
    ModelLogEntry.objects.filter(pk=old.pk).update(timestamp=timezone.now() - dt.timedelta(days=31))
    recent = log(instance=user, action="rembuk.personal_data_exported", title="#1")
    call_command("apply_retention", stdout=__import__("io").StringIO())
    assert not ModelLogEntry.objects.filter(pk=old.pk).exists()
    assert ModelLogEntry.objects.filter(pk=recent.pk).exists()


@pytest.fixture
def privacy_notice(home_page, english_pages):
    """The privacy notice an editor publishes in both languages and picks in the site settings."""
    from wagtail.models import Site

    from cms.models import ContentPage, SiteSettings
    from tests.factories.cms import translate

    notice = ContentPage(
        title="Pemberitahuan Privasi", slug="privasi", intro="Data pribadi Anda dan hak Anda.",
        body=[{"type": "paragraph", "value": "<p>Sesuai Undang-Undang Nomor 27 Tahun 2022 "
                                             "tentang Pelindungan Data Pribadi.</p>"}],
    )  # fmt: skip
    home_page.add_child(instance=notice)
    notice.save_revision().publish()
    translate(notice, title="Privacy notice", slug="privacy", intro="Your personal data.")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_notice = notice
    settings.save()
    return notice
