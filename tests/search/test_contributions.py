"""Search plugs into consultations without consultations importing it: the outbox row is
written in the comment's own transaction, the staff export carries codes and campaign, and
"what we heard" shows the campaigns."""

import pytest

from consultations import services as consultation_services
from consultations.models import Comment
from search import contributions
from search.models import PendingIndexUpdate

pytestmark = pytest.mark.django_db


def test_a_comment_and_its_index_update_commit_together(consultation, user_factory):
    author = user_factory()
    comment, _ = consultation_services.comment_create(
        consultation=consultation, author=author, body="Layanan daring perlu dipercepat.",
        consent=True,
    )  # fmt: skip
    # Inside the test's transaction nothing has been committed yet, so the row is still queued.
    assert PendingIndexUpdate.objects.filter(comment_id=comment.pk).exists()


def test_a_comment_whose_index_update_cannot_be_queued_is_not_stored(
    consultation, user_factory, monkeypatch
):
    def outbox_unwritable(comment_ids):
        raise RuntimeError("outbox table unavailable")

    monkeypatch.setattr(contributions, "queue_comment_updates", outbox_unwritable)
    author = user_factory()
    with pytest.raises(RuntimeError):
        consultation_services.comment_create(
            consultation=consultation, author=author, body="Tidak boleh hilang diam-diam.",
            consent=True,
        )  # fmt: skip
    assert not Comment.objects.filter(author=author).exists()
