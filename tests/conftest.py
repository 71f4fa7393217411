import datetime as dt
import io

import pytest
from pytest_factoryboy import register

from tests.factories import (
    AgencyFactory,
    AgencyRepresentativeFactory,
    CodeFactory,
    CommentFactory,
    ConsultationFactory,
    DocumentFactory,
    DraftPageFactory,
    HomePageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    PostFactory,
    RoleAssignmentFactory,
    SubmittedCommentFactory,
    ThreadFactory,
    TopicFactory,
    UserFactory,
)
from tests.factories.cms import (
    body_from_outline,
    draft_body,
    english_texts,
    revised_body,
    translate,
)
from tests.factories.search_state import build_analysed_consultation

register(UserFactory)
register(AgencyFactory)
register(RoleAssignmentFactory)
register(AgencyRepresentativeFactory)
register(TopicFactory)
register(HomePageFactory)
register(PolicyIndexPageFactory)
register(PolicyPageFactory)
register(DraftPageFactory)
register(ConsultationFactory)
register(CommentFactory)
register(SubmittedCommentFactory, "submitted_comment")
register(ThreadFactory)
register(PostFactory)
register(CodeFactory)
register(DocumentFactory)


@pytest.fixture(scope="session", autouse=True)
def media_in_tmp(tmp_path_factory):
    """Uploads (the demo's included) go to a temporary folder, never into the work tree."""
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def default_language(settings):
    """Each test starts in the site's default language: a request in the admin activates the
    staff member's own language (English in some tests) and the thread keeps it afterwards."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, whether local memory or a shared Redis."""
    forget_cached_state()


def forget_cached_state() -> None:
    """Empty the cache and what the process remembers. Parsed clauses are remembered per draft
    id and revision id; a rolled-back test's ids come back later (SQLite) with other keys."""
    from django.core.cache import cache

    from consultations.models import _draft_clauses

    cache.clear()
    _draft_clauses.cache_clear()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, as a newcomer's `make run` loads it: once per test module, rolled back
    after it. Only for tests about the demo itself; a module using it holds nothing else."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import TestCase

    forget_cached_state()  # the module's setup runs before any test's own fixtures
    with django_db_blocker.unblock(), transaction.atomic():
        # What would run once the load commits (search index updates) runs now.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", force=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
    forget_cached_state()


# --- the page tree: home → policy index → policy → drafts, in Indonesian ------------------


@pytest.fixture
def home_page(db):
    """The site's home page, in place of Wagtail's placeholder."""
    from wagtail.models import Page, Site

    placeholder = Site.objects.get(is_default_site=True).root_page
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="beranda")
    Site.objects.filter(is_default_site=True).update(root_page=home, site_name="Rembuk")
    placeholder.delete()  # Wagtail's "Welcome" page, whose slug the English home takes
    return home


@pytest.fixture
def policy_index_page(home_page):
    return PolicyIndexPageFactory(parent=home_page)


@pytest.fixture
def komdigi(agency_factory):
    return agency_factory(
        name="Kementerian Komunikasi dan Digital", acronym="Komdigi", slug="komdigi"
    )


@pytest.fixture
def egov_policy(policy_index_page, komdigi):
    """A policy in consultation with a timeline; its drafts are `egov_drafts`."""
    from cms.models import PolicyMilestone, PolicyStage

    return PolicyPageFactory(
        parent=policy_index_page,
        title="Pengembangan E-Government untuk Meningkatkan Kualitas Pelayanan Publik",
        slug="pengembangan-e-government",
        agency=komdigi,
        initiated_on=dt.date(2026, 2, 10),
        summary="Pengembangan E-Government merupakan upaya mengembangkan penyelenggaraan "
        "kepemerintahan yang berbasis elektronik.",
        milestones=[
            PolicyMilestone(
                stage=PolicyStage.AGENDA,
                date=dt.date(2026, 2, 10),
                title="Penjaringan masukan awal dibuka",
            ),
            PolicyMilestone(
                stage=PolicyStage.CONSULTATION,
                date=dt.date(2026, 6, 1),
                title="Draf 1 dipublikasikan untuk konsultasi publik",
            ),
        ],  # fmt: skip
    )


@pytest.fixture
def egov_drafts(egov_policy):
    """Two published versions of the policy, with every kind of change between them."""
    title = "Rancangan Peraturan tentang Pengembangan E-Government"
    body = draft_body()
    v1 = DraftPageFactory(
        parent=egov_policy, version_number=1, title=f"{title} — Draf 1", slug="draf-1", body=body
    )
    v2 = DraftPageFactory(
        parent=egov_policy, version_number=2, title=f"{title} — Draf 2", slug="draf-2",
        body=revised_body(body), preamble=v1.preamble,
        change_summary="Ditambahkan ayat tentang pelindungan data pribadi; perbaikan salah ketik.",
    )  # fmt: skip
    return [v1, v2]


@pytest.fixture
def draft_page(egov_drafts):
    """The current draft (version 2): what `consultation_factory` consults on by default."""
    return egov_drafts[1]


@pytest.fixture
def policy_page(egov_policy):
    return egov_policy


@pytest.fixture
def english_pages(home_page, policy_index_page, egov_policy, egov_drafts):
    """English translations of the path to the drafts, as editors make them."""
    home = translate(home_page, title="Rembuk: Public Policy Dialogue", slug="home",
                     intro="Read draft policies and comment clause by clause.")  # fmt: skip
    translate(policy_index_page, title="Policies", slug="policies",
              intro="Every policy being drafted, consulted on, adopted or evaluated.")  # fmt: skip
    policy = translate(
        egov_policy, title="E-Government Development to Improve the Quality of Public Services",
        slug="e-government-development", summary="E-Government development, in English.",
    )  # fmt: skip
    title = "Draft Regulation on E-Government Development"
    texts = english_texts(egov_drafts[0].outline)
    drafts = [
        translate(draft, title=f"{title} — Draft {draft.version_number}",
                  slug=f"draft-{draft.version_number}",
                  body=body_from_outline(draft.outline, texts))
        for draft in egov_drafts
    ]  # fmt: skip
    return {"home": home, "policy": policy, "drafts": drafts}


# --- people ----------------------------------------------------------------------------


@pytest.fixture
def moderator(user_factory, role_assignment_factory, komdigi):
    """A moderator of the agency that issues `egov_policy`."""
    user = user_factory(email="moderator.uji@example.id", display_name="Maya Moderator")
    role_assignment_factory(user=user, agency=komdigi, role="moderator")
    return user


@pytest.fixture
def drafter(user_factory, role_assignment_factory, komdigi):
    """A drafter of the agency that issues `egov_policy`."""
    user = user_factory(email="penyusun.uji@example.id", display_name="Rudi Penyusun")
    role_assignment_factory(user=user, agency=komdigi, role="drafter")
    return user


@pytest.fixture
def site_admin(user_factory):
    return user_factory(email="admin.uji@example.id", is_staff=True, is_superuser=True)


def enrol_second_factor(user):
    """Give a staff user a TOTP authenticator, as after enrolling in allauth's MFA pages."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(user, generate_totp_secret())


@pytest.fixture
def staff_login(client):
    """Sign a staff user in with a second factor enrolled."""

    def login(user):
        enrol_second_factor(user)
        client.force_login(user)
        return client

    return login


@pytest.fixture
def citizen(user_factory):
    """A participant with a verified email address and the factories' password."""
    return user_factory(email="warga.uji@example.id", display_name="Warga Uji", province="51")


@pytest.fixture
def open_consultation(consultation_factory, egov_drafts):
    """An open, post-moderated consultation on Draf 2 of `egov_policy`."""
    return consultation_factory(draft=egov_drafts[1], title="Konsultasi publik Draf 2")


@pytest.fixture
def analysed(
    consultation_factory, egov_drafts, moderator, drafter, django_capture_on_commit_callbacks
):
    """An open consultation on Draf 2 with participants' comments, a reply, a hidden spam
    comment, a form-letter campaign entered by the moderator and the drafter's codebook; every
    search index update applied through the outbox, as after the commits."""
    consultation = consultation_factory(draft=egov_drafts[1], title="Konsultasi publik Draf 2")
    with django_capture_on_commit_callbacks(execute=True):
        state = build_analysed_consultation(consultation, moderator=moderator, drafter=drafter)
    return state
