"""Comment and reply text, proposed wording and organisation stay text wherever they appear:
the draft page, the comment page, the moderation queue, emails and every export."""

import csv
import io
import json

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from consultations.models import Comment
from tests.security.payloads import XSS_PAYLOADS, assert_rendered_safely

pytestmark = pytest.mark.django_db


def read(response) -> bytes:
    return b"".join(response) if response.streaming else response.content


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_comment_text_is_safe_everywhere(
    client,
    user_factory,
    submitted_comment_factory,
    staff_login,
    moderator,
    open_consultation,
    payload,
    django_capture_on_commit_callbacks,
):
    consultation = open_consultation
    author = user_factory(display_name=payload[:120])
    replier = user_factory(display_name=payload[:120])
    comment = submitted_comment_factory(
        consultation=consultation, author=author, body=payload, proposed_wording=payload,
        respondent_type="business", organisation=payload[:200], stance="amend",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        submitted_comment_factory(consultation=consultation, author=replier, parent=comment,
                                  body=payload, stance="")  # fmt: skip

    pages = [
        consultation.draft.url,
        reverse("consultations_comment", args=[comment.pk]),
        f"{reverse('consultations_clause_comments', args=[consultation.pk])}?ayat=",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        assert_rendered_safely(response.content.decode(), payload.strip())

    for message in mail.outbox:  # the reply notification is plain text only
        assert not getattr(message, "alternatives", [])

    public_csv = read(client.get(reverse("consultations_export", args=[consultation.pk, "csv"])))
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(public_csv.decode("utf-8-sig")))}
    formula = payload.strip().startswith(("=", "+", "-", "@"))
    expected = ("'" if formula else "") + payload.strip()
    assert rows[str(comment.pk)]["comment"] == expected
    data = json.loads(
        read(client.get(reverse("consultations_export", args=[consultation.pk, "json"])))
    )
    assert any(c["comment"] == payload.strip() for c in data["comments"])
    workbook = load_workbook(io.BytesIO(read(client.get(
        reverse("consultations_export", args=[consultation.pk, "xlsx"])))))  # fmt: skip
    cells = [
        c.value for row in workbook["comments"].iter_rows() for c in row if isinstance(c.value, str)
    ]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)

    staff_login(moderator)
    queue = client.get(
        f"{reverse('consultations_moderation', args=[consultation.pk])}?status=semua"
    )
    assert queue.status_code == 200
    assert_rendered_safely(queue.content.decode(), payload.strip())
    assert Comment.objects.filter(pk=comment.pk, body=payload.strip()).exists()
