"""Open-data and staff exports of a consultation's comments: CSV, XLSX and JSON, streamed.

Rows are read in chunks from the database and written out as they come, so memory stays flat
however many comments there are. Cells that a spreadsheet would run as a formula are
neutralised. The public export carries no personal data unless the author chose to be named.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from consultations.models import Comment, CommentStatus, Consultation, ModerationDecision

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


def neutralise_formula(value):
    """Make text that starts like a formula inert in Excel, LibreOffice and Google Sheets."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass(frozen=True)
class ExportScope:
    name: str
    statuses: tuple[str, ...]
    personal_data: bool


PUBLIC = ExportScope("public", (CommentStatus.PUBLISHED,), personal_data=False)
FULL = ExportScope("full", tuple(CommentStatus.values), personal_data=True)

PUBLIC_COLUMNS = [
    "id", "reply_to", "clause", "clause_key", "stance", "comment", "proposed_wording",
    "respondent_type", "organisation", "province", "author", "channel", "created_at",
    "edited_at", "supports",
]  # fmt: skip
FULL_COLUMNS = [*PUBLIC_COLUMNS, "status", "moderation_reason", "moderation_note",
                "account_email", "shown_publicly_as", "flags"]  # fmt: skip


@dataclass(frozen=True)
class StaffExportColumns:
    """Columns an app above consultations adds to the full staff export (search: codes and
    campaign), without consultations importing it: one annotation of the comment query, then
    the values of each row."""

    names: tuple[str, ...]
    annotate: Callable[[QuerySet], QuerySet]
    values: Callable[[Comment], dict]


_staff_columns: list[StaffExportColumns] = []


def register_staff_export_columns(columns: StaffExportColumns) -> None:
    """Called from an app's ``ready()``."""
    if all(registered.names != columns.names for registered in _staff_columns):
        _staff_columns.append(columns)


def columns(scope: ExportScope) -> list[str]:
    if not scope.personal_data:
        return PUBLIC_COLUMNS
    return [*FULL_COLUMNS, *(name for extra in _staff_columns for name in extra.names)]


def comment_rows(consultation: Consultation, scope: ExportScope) -> Iterator[dict]:
    latest = ModerationDecision.objects.filter(comment=OuterRef("pk")).order_by("-created_at")
    comments = (
        Comment.objects.filter(consultation=consultation, status__in=scope.statuses)
        .select_related("author")
        .annotate(
            moderation_reason=Subquery(latest.values("reason")[:1]),
            moderation_note=Subquery(latest.values("note")[:1]),
        )
        .order_by("id")
    )
    if scope.personal_data:  # the drafters' analysis, from the apps above (codes, campaign)
        for extra in _staff_columns:
            comments = extra.annotate(comments)
    labels = consultation.clause_labels()
    for comment in comments.iterator(chunk_size=CHUNK_SIZE):
        named = comment.public_author_name
        row = {
            "id": comment.pk,
            "reply_to": comment.parent_id or "",
            "clause": labels.get(comment.clause_key)
            or consultation.clause_label(comment.clause_key),
            "clause_key": comment.clause_key,
            "stance": comment.stance,
            "comment": comment.body,
            "proposed_wording": comment.proposed_wording,
            "respondent_type": comment.respondent_type,
            "organisation": comment.organisation if (named or scope.personal_data) else "",
            "province": comment.province,
            "author": named,
            "channel": comment.channel,
            "created_at": comment.created_at.isoformat(),
            "edited_at": comment.edited_at.isoformat() if comment.edited_at else "",
            "supports": comment.support_count,
        }
        if scope.personal_data:
            row.update(
                status=comment.status,
                moderation_reason=comment.moderation_reason or "",
                moderation_note=comment.moderation_note or "",
                account_email=comment.author.email if comment.author else "",
                shown_publicly_as=named,
                flags=comment.flag_count,
            )
            for extra in _staff_columns:
                row.update(extra.values(comment))
        yield row


class _Echo:
    def write(self, value):
        return value


Progress = Callable[[int], None]


def csv_chunks(
    consultation: Consultation, scope: ExportScope, progress: Progress | None = None
) -> Iterator[str]:
    """CSV text in pieces of CHUNK_SIZE rows, with a BOM so Excel reads UTF-8."""
    names = columns(scope)
    writer = csv.DictWriter(_Echo(), fieldnames=names)
    yield "\ufeff" + writer.writerow(dict(zip(names, names, strict=True)))
    buffer, done = [], 0
    for row in comment_rows(consultation, scope):
        buffer.append(writer.writerow({k: neutralise_formula(v) for k, v in row.items()}))
        if len(buffer) >= CHUNK_SIZE:
            done += len(buffer)
            yield "".join(buffer)
            buffer = []
            if progress:
                progress(done)
    if buffer:
        yield "".join(buffer)
    if progress:
        progress(done + len(buffer))


def json_chunks(
    consultation: Consultation, scope: ExportScope, progress: Progress | None = None
) -> Iterator[str]:
    header = {"id": consultation.pk, "title": consultation.title, "scope": scope.name}
    yield '{"consultation": ' + json.dumps(header, ensure_ascii=False) + ', "comments": ['
    done = 0
    for row in comment_rows(consultation, scope):
        yield ("," if done else "") + "\n" + json.dumps(row, ensure_ascii=False)
        done += 1
        if progress and done % CHUNK_SIZE == 0:
            progress(done)
    if progress:
        progress(done)
    yield "\n]}\n"


def xlsx_file(
    consultation: Consultation, scope: ExportScope, progress: Progress | None = None
) -> tempfile.SpooledTemporaryFile:
    """An XLSX workbook written row by row (openpyxl's write-only mode) to a temporary file."""
    # openpyxl (about 30 MB a process) loads only when someone downloads a spreadsheet.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="comments")
    names = columns(scope)
    sheet.append(names)
    done = 0
    for row in comment_rows(consultation, scope):
        sheet.append([neutralise_formula(row[name]) for name in names])
        done += 1
        if progress and done % CHUNK_SIZE == 0:
            progress(done)
    if progress:
        progress(done)
    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    workbook.save(output)
    output.seek(0)
    return output


FORMATS = {"csv": ("text/csv; charset=utf-8", "csv"), "json": ("application/json", "json"),
           "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")}  # fmt: skip


def export_size(consultation: Consultation, scope: ExportScope) -> int:
    return Comment.objects.filter(consultation=consultation, status__in=scope.statuses).count()


def write_export(
    consultation: Consultation,
    scope: ExportScope,
    fmt: str,
    target,
    progress: Progress | None = None,
) -> None:
    """Write an export to a binary file object, reporting rows done to ``progress``."""
    if fmt == "xlsx":
        with xlsx_file(consultation, scope, progress) as workbook:
            shutil.copyfileobj(workbook, target)
        return
    chunks = csv_chunks if fmt == "csv" else json_chunks
    for chunk in chunks(consultation, scope, progress):
        target.write(chunk.encode("utf-8"))
