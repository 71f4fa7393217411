"""The demo content loader that `make run` uses, and what the demo shows a newcomer."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from accounts.models import AgencyRepresentative, RoleAssignment
from cms.models import DraftPage, NewsPage, PolicyPage
from consultations.models import (
    Comment,
    CommentSupport,
    Consultation,
    ModerationDecision,
)
from forums.models import Post, Thread
from search.models import Campaign, Code, CommentCode

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


@pytest.fixture
def demo_policy():
    return PolicyPage.objects.get(slug="pengembangan-e-government", locale__language_code="id")


@pytest.fixture
def demo_drafts(demo_policy):
    return list(DraftPage.objects.child_of(demo_policy).order_by("version_number"))


EVERYTHING_THE_DEMO_MAKES = [
    PolicyPage, DraftPage, NewsPage, get_user_model(), EmailAddress, RoleAssignment,
    AgencyRepresentative, ModelLogEntry, Consultation, Comment, CommentSupport,
    ModerationDecision, Thread, Post, Code, CommentCode, Campaign,
]  # fmt: skip


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in EVERYTHING_THE_DEMO_MAKES}


def test_running_it_again_duplicates_nothing_and_prints_fresh_passwords():
    pages = (PolicyPage.objects.count(), DraftPage.objects.count(), NewsPage.objects.count())
    assert pages == (6, 5, 3)  # 5 policies and 3 drafts, the main ones also in English; news
    counts = _counts()
    admin = get_user_model().objects.get(email="admin@rembuk.example")
    out = io.StringIO()
    call_command("load_demo", force=True, stdout=out)
    assert _counts() == counts
    assert "already loaded" in out.getvalue()
    assert "editor@rembuk.example" in out.getvalue()
    password = next(
        line.split()[1] for line in out.getvalue().splitlines() if "admin@rembuk.example" in line
    )
    admin.refresh_from_db()
    assert admin.check_password(password)


def test_it_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local use"):
        call_command("load_demo", stdout=io.StringIO())


def test_demo_policy_is_built_from_the_seed_text(demo_drafts):
    from demo.seed import read_seed

    seed = read_seed()
    v1_texts = [c.text for ch in demo_drafts[0].outline for a in ch.articles for c in a.clauses]
    for goal in seed.goals[2:]:
        assert any(goal[1:] in text for text in v1_texts)
    assert len(seed.goals) == 4 and len(seed.stages) == 4


def test_the_closed_consultation_is_told_as_it_happened(demo_drafts):
    closed = Consultation.objects.get(draft=demo_drafts[0])
    assert (closed.title, closed.phase.key) == ("Konsultasi publik Draf 1", "analysis")
    comments = list(closed.comments.all())
    assert all(closed.opens_at <= c.created_at < closed.closes_at for c in comments)
    # Pre-moderated: every participant's comment was approved by a moderator before it showed.
    published = [c for c in comments if c.status == "published"]
    assert len(published) == 18  # 17 comments and a reply
    assert all(c.decisions.get().action == "approve" for c in published)


def test_each_consultation_has_its_participants_and_three_hidden_comments(demo_policy):
    from consultations.selectors import moderation_statistics, participation

    for consultation in Consultation.objects.filter(policy=demo_policy):
        statistics = moderation_statistics(consultation=consultation)
        assert statistics["hidden"] == 3
        assert statistics["reasons"] == {"spam": 1, "personal_data": 1, "abusive": 1}
        assert participation(consultation=consultation).participants >= 12
        assert consultation.comments.filter(parent__isnull=False).count() == 1
        assert consultation.comments.filter(support_count__gt=0).exists()


def test_the_open_consultation_has_a_detected_campaign_and_a_coded_codebook(demo_drafts):
    current = Consultation.objects.get(draft=demo_drafts[1])
    assert current.phase.key == "open"
    letters = current.comments.filter(channel="email")
    assert letters.count() == 14
    assert {letter.entered_by.email for letter in letters} == {"moderator@rembuk.example"}
    assert list(current.campaigns.values_list("size", flat=True)) == [14]
    codes = Code.objects.filter(consultation=current)
    assert codes.count() == 4
    assert all(code.codings.exists() for code in codes)


def test_detecting_campaigns_again_finds_the_demo_form_letters_once(demo_drafts):
    """The demo's other comments are varied enough that only the form letters group."""
    current = Consultation.objects.get(draft=demo_drafts[1])
    Campaign.objects.all().delete()
    out = io.StringIO()
    call_command("search_index", "--campaigns", str(current.pk), stdout=out)
    assert out.getvalue().startswith("1 campaigns (14 comments)")
    campaign = Campaign.objects.get(consultation=current)
    assert campaign.size == 14 and "lembaga independen" in campaign.representative.body
    members = set(campaign.members.values_list("comment_id", flat=True))
    letters = set(current.comments.filter(channel="email").values_list("pk", flat=True))
    assert members == letters  # every form letter, and nothing else


def test_every_demo_comment_is_in_the_search_index_without_a_repair():
    from search.services import index_check

    report = index_check(repair=False)
    assert report["database"] > 0
    assert (report["missing"], report["extra"]) == (0, 0)


def test_the_drafter_answers_in_the_demo_discussion(demo_policy):
    thread = Thread.objects.get(policy=demo_policy)
    assert thread.pinned
    posts = list(thread.posts.order_by("seq").select_related("author"))
    assert len(posts) == 7
    assert {p.author.email for p in posts if p.official} == {"penyusun@rembuk.example"}
    assert [p.official for p in posts].count(True) == 2


def test_demo_versions_differ_in_every_way_a_revision_can(demo_drafts):
    from cms.comparison import ChangeKind
    from cms.selectors import draft_comparison

    comparison = draft_comparison(old=demo_drafts[0], new=demo_drafts[1])
    assert comparison.summary["added"] == comparison.summary["removed"] == 1
    assert comparison.summary["moved"] == comparison.summary["moved_changed"] == 1
    assert comparison.summary["changed"] == 3
    moved = next(c for c in comparison.changes if c.kind == ChangeKind.MOVED_AND_CHANGED)
    assert (moved.old.label, moved.new.label) == ("Pasal 6 ayat (2)", "Pasal 7 ayat (1)")
