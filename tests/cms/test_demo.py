"""The demo content loader that `make run` uses."""

import io

import pytest
from django.core.management import CommandError, call_command

from cms.models import DraftPage, NewsPage, PolicyPage

pytestmark = pytest.mark.django_db


def test_running_it_again_duplicates_nothing_and_prints_fresh_passwords():
    counts = (PolicyPage.objects.count(), DraftPage.objects.count(), NewsPage.objects.count())
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


def test_demo_policy_is_built_from_the_seed_text(egov_drafts):
    from demo.seed import read_seed

    seed = read_seed()
    v1_texts = [c.text for ch in egov_drafts[0].outline for a in ch.articles for c in a.clauses]
    for goal in seed.goals[2:]:
        assert any(goal[1:] in text for text in v1_texts)
    assert len(seed.goals) == 4 and len(seed.stages) == 4
