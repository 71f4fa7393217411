"""Exports: open data without personal data, a full staff export, safe for spreadsheets."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from consultations.models import Comment
from consultations.services import comment_create

pytestmark = pytest.mark.django_db


def read(response) -> bytes:
    return b"".join(response) if response.streaming else response.content


@pytest.fixture
def anonymous_comment(open_consultation, citizen, input_on):
    input_on(open_consultation)
    comment, _ = comment_create(
        consultation=open_consultation, author=citizen, body="=HYPERLINK(\"http://x\",\"klik\")",
        show_name=False, consent=True, respondent_type="business", organisation="PT Rahasia",
    )  # fmt: skip
    return comment


def test_public_csv_has_only_published_comments_and_no_personal_data(
    client, open_consultation, anonymous_comment, citizen
):
    response = client.get(reverse("consultations_export", args=[open_consultation.pk, "csv"]))
    assert response["Content-Disposition"].startswith("attachment;")
    text = read(response).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert (
        len(rows)
        == Comment.objects.filter(consultation=open_consultation, status="published").count()
    )
    assert "Kunjungi situs kami untuk pinjaman" not in text  # hidden as spam
    assert citizen.email not in text and "Warga Uji" not in text and "PT Rahasia" not in text
    row = next(r for r in rows if r["id"] == str(anonymous_comment.pk))
    assert row["author"] == "" and row["comment"].startswith("'=HYPERLINK")
    assert "account_email" not in row


def test_public_json_and_xlsx(client, open_consultation, anonymous_comment):
    data = json.loads(
        read(client.get(reverse("consultations_export", args=[open_consultation.pk, "json"])))
    )
    assert data["consultation"]["scope"] == "public"
    assert any(c["id"] == anonymous_comment.pk for c in data["comments"])
    workbook = load_workbook(io.BytesIO(read(client.get(
        reverse("consultations_export", args=[open_consultation.pk, "xlsx"])))))  # fmt: skip
    values = [cell.value for row in workbook["comments"].iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://x","klik")' in values
    assert (
        client.get(reverse("consultations_export", args=[open_consultation.pk, "exe"])).status_code
        == 404
    )


def test_full_export_marks_states_and_reasons_and_is_audited(
    client, open_consultation, anonymous_comment, staff_login, moderator, user_factory
):
    url = reverse("consultations_full_export", args=[open_consultation.pk, "csv"])
    client.force_login(user_factory())
    refused = client.get(url, follow=True)  # a participant: the admin tells them, once
    assert refused.status_code == 403 and not refused.get("Content-Disposition")
    staff_login(moderator)
    rows = list(csv.DictReader(io.StringIO(read(client.get(url)).decode("utf-8-sig"))))
    hidden = [r for r in rows if r["status"] == "hidden"]
    assert {r["moderation_reason"] for r in hidden} == {"spam", "personal_data", "abusive"}
    mine = next(r for r in rows if r["id"] == str(anonymous_comment.pk))
    assert mine["account_email"] == "warga.uji@example.id" and mine["shown_publicly_as"] == ""
    entry = ModelLogEntry.objects.get(action="rembuk.comments_exported")
    assert entry.user_id == moderator.pk and entry.data == {"scope": "full", "format": "csv"}


def test_export_command_writes_a_file_with_progress(open_consultation, input_on, tmp_path, capsys):
    input_on(open_consultation)
    target = tmp_path / "komentar.csv"
    call_command("export_comments", open_consultation.pk, "--output", str(target))
    assert "Exported 7 comments (public, csv)" in capsys.readouterr().err
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 8
    call_command("export_comments", open_consultation.pk, "--format", "xlsx", "--scope", "full",
                 "--output", str(tmp_path / "lengkap.xlsx"), "--quiet")  # fmt: skip
    assert load_workbook(tmp_path / "lengkap.xlsx")["comments"].max_row == 11
    with pytest.raises(CommandError, match="No consultation has id 999999"):
        call_command("export_comments", 999999, "--output", str(target))
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export_comments", open_consultation.pk, "--output", "/nonexistent/dir/x.csv")
