"""The demo content loader that `make run` uses, and what the demo shows a newcomer."""

import io

import pytest
from django.core.management import CommandError, call_command

from cms.models import DraftPage, NewsPage, PolicyPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


@pytest.fixture
def demo_drafts():
    policy = PolicyPage.objects.get(slug="pengembangan-e-government", locale__language_code="id")
    return list(DraftPage.objects.child_of(policy).order_by("version_number"))


def test_running_it_again_duplicates_nothing_and_prints_fresh_passwords():
    counts = (PolicyPage.objects.count(), DraftPage.objects.count(), NewsPage.objects.count())
    assert counts == (6, 5, 3)  # 5 policies and 3 drafts, the main ones also in English; news
    out = io.StringIO()
    call_command("load_demo", force=True, stdout=out)
    assert (PolicyPage.objects.count(), DraftPage.objects.count(), NewsPage.objects.count()) == (
        counts
    )
    assert "already loaded" in out.getvalue()
    assert "editor@rembuk.example" in out.getvalue()


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


def test_demo_versions_differ_in_every_way_a_revision_can(demo_drafts):
    from cms.comparison import ChangeKind
    from cms.selectors import draft_comparison

    comparison = draft_comparison(old=demo_drafts[0], new=demo_drafts[1])
    assert comparison.summary["added"] == comparison.summary["removed"] == 1
    assert comparison.summary["moved"] == comparison.summary["moved_changed"] == 1
    assert comparison.summary["changed"] == 3
    moved = next(c for c in comparison.changes if c.kind == ChangeKind.MOVED_AND_CHANGED)
    assert (moved.old.label, moved.new.label) == ("Pasal 6 ayat (2)", "Pasal 7 ayat (1)")
