"""Comments reach the index through the outbox; an engine outage loses nothing; the
search_index command finds and repairs drift and detects campaigns."""

import datetime as dt
import io
import logging

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from consultations import services as consultation_services
from consultations.models import Comment
from search.engines.base import SearchQuery, SearchUnavailable
from search.engines.database import DatabaseEngine
from search.models import Campaign, IndexedComment, PendingIndexUpdate
from tests.factories.search_state import CAMPAIGN_SIZE

pytestmark = pytest.mark.django_db


def search(text, consultation, **options):
    result = DatabaseEngine().search(
        SearchQuery(text=text, consultations=(consultation.pk,), **options)
    )
    return {hit.comment_id for hit in result.hits}


def write(consultation, author, body, capture):
    with capture(execute=True):
        comment, _created = consultation_services.comment_create(
            consultation=consultation, author=author, body=body, consent=True
        )
    return comment


def test_new_edited_and_moderated_comments_follow_in_the_index(
    consultation, user_factory, moderator, django_capture_on_commit_callbacks
):
    author = user_factory()
    comment = write(
        consultation,
        author,
        "Jembatan gantung di kampung kami rusak.",
        django_capture_on_commit_callbacks,
    )
    assert search("jembatan", consultation) == {comment.pk}
    with django_capture_on_commit_callbacks(execute=True):
        consultation_services.comment_edit(
            comment=comment, user=author, body="Jalan desa berlubang dan licin."
        )
    assert search("jembatan", consultation) == set()
    assert search("berlubang", consultation) == {comment.pk}
    with django_capture_on_commit_callbacks(execute=True):
        consultation_services.comment_moderate(
            comments=[comment], moderator=moderator, action="hide", reason="off_topic"
        )
    assert search("berlubang", consultation, public_only=True) == set()
    assert search("berlubang", consultation, statuses=("hidden",)) == {comment.pk}
    assert not PendingIndexUpdate.objects.exists()


def test_engine_outage_loses_nothing_and_updates_are_replayed(
    consultation, user_factory, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(self, documents):
        raise SearchUnavailable("search engine refused the connection")

    with monkeypatch.context() as outage:
        outage.setattr(DatabaseEngine, "index", refuse)
        comment = write(consultation, user_factory(), "Pasar tradisional perlu pembayaran QRIS.",
                        django_capture_on_commit_callbacks)  # fmt: skip
    # The comment is stored and shown; the index update waits with back-off and its error.
    assert Comment.objects.filter(pk=comment.pk, status="published").exists()
    pending = PendingIndexUpdate.objects.get(comment_id=comment.pk)
    assert pending.attempts == 1 and "refused" in pending.last_error
    assert pending.next_attempt_at > timezone.now()
    assert search("QRIS", consultation) == set()
    # Not yet due: the replay leaves it alone.
    call_command("run_scheduler", "--once", stdout=io.StringIO())
    assert PendingIndexUpdate.objects.filter(comment_id=comment.pk).exists()
    # The engine is back and the back-off has passed: the scheduler replays it.
    PendingIndexUpdate.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    call_command("run_scheduler", "--once", stdout=io.StringIO())
    assert search("QRIS", consultation) == {comment.pk}
    assert not PendingIndexUpdate.objects.exists()


def test_search_index_check_finds_and_repairs_drift(analysed):
    consultation = analysed.consultation
    removed = IndexedComment.objects.filter(consultation_id=consultation.pk).first()
    removed_id = removed.comment_id
    removed.delete()
    orphan = IndexedComment.objects.create(
        comment_id=10**9, consultation_id=consultation.pk, status="published",
        created_at=timezone.now(), body="tidak ada di basis data",
    )  # fmt: skip
    out = io.StringIO()
    call_command("search_index", "--check", "--dry-run", stdout=out)
    assert "1 missing, 1 extra" in out.getvalue() and "Not repaired" in out.getvalue()
    call_command("search_index", "--check", stdout=out)
    assert "Repaired." in out.getvalue()
    assert IndexedComment.objects.filter(comment_id=removed_id).exists()
    assert not IndexedComment.objects.filter(comment_id=orphan.comment_id).exists()
    out = io.StringIO()
    call_command("search_index", "--check", stdout=out)
    assert "0 missing, 0 extra" in out.getvalue()


def test_search_index_rebuild_replay_and_bad_arguments(analysed):
    out, err = io.StringIO(), io.StringIO()
    call_command("search_index", "--rebuild", stdout=out, stderr=err)
    total = Comment.objects.count()
    assert f"Rebuilt the database index: {total} comments" in out.getvalue()
    assert f"{total}/{total} comments" in err.getvalue()  # the progress bar
    assert IndexedComment.objects.count() == total
    call_command("search_index", "--replay", stdout=out)
    assert "Applied 0 updates" in out.getvalue()
    with pytest.raises(CommandError, match="--dry-run goes with --check only"):
        call_command("search_index", "--rebuild", "--dry-run")
    with pytest.raises(CommandError, match="No consultation has id 999999"):
        call_command("search_index", "--campaigns", "999999")


def test_the_campaign_is_found_once_with_its_size(analysed):
    consultation = analysed.consultation
    Campaign.objects.all().delete()
    out = io.StringIO()
    call_command("search_index", "--campaigns", str(consultation.pk), stdout=out)
    assert out.getvalue().startswith(f"1 campaigns ({CAMPAIGN_SIZE} comments)")
    campaign = Campaign.objects.get(consultation=consultation)
    assert campaign.size == CAMPAIGN_SIZE and "lembaga independen" in campaign.representative.body
    members = set(campaign.members.values_list("comment_id", flat=True))
    letters = set(
        Comment.objects.filter(consultation=consultation, channel="email").values_list(
            "pk", flat=True
        )
    )
    assert members == letters  # every form letter, and nothing else


def test_a_bug_in_the_engine_is_logged_in_full_and_the_update_kept(
    consultation, user_factory, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(self, documents):
        raise KeyError("a bug, not an outage")

    monkeypatch.setattr(DatabaseEngine, "index", broken)
    with caplog.at_level(logging.WARNING, logger="search.services"):
        comment = write(consultation, user_factory(), "Pasar perlu QRIS.",
                        django_capture_on_commit_callbacks)  # fmt: skip
    (record,) = [r for r in caplog.records if r.name == "search.services"]
    assert record.levelno == logging.ERROR and record.exc_info[0] is KeyError  # the traceback
    assert "KeyError" in PendingIndexUpdate.objects.get(comment_id=comment.pk).last_error


def test_search_index_setup_and_an_unavailable_engine(monkeypatch):
    out = io.StringIO()
    call_command("search_index", "--setup", stdout=out)
    assert "The database search engine is ready." in out.getvalue()

    def away(self):
        raise SearchUnavailable("OperationalError: connection refused")

    monkeypatch.setattr(DatabaseEngine, "indexed_ids", away)
    with pytest.raises(CommandError, match="unavailable: OperationalError: connection refused"):
        call_command("search_index", "--check", stdout=io.StringIO())

    def broken(self):
        raise KeyError("a bug")

    monkeypatch.setattr(DatabaseEngine, "indexed_ids", broken)
    with pytest.raises(KeyError):  # a bug keeps its traceback
        call_command("search_index", "--check", stdout=io.StringIO())
