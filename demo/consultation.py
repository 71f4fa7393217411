"""A demo consultation with a realistic spread of input: stances, respondent types, provinces,
replies, support, and a few comments hidden by moderation with their reasons.

Everything is written through ``consultations.services`` with the time it happened (``at=``), so a
consultation that has since closed is built as it was while it was open, and the search index
follows through the services' usual outbox.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from cms.drafts import outline_clauses
from consultations.selectors import consultation_for_draft
from consultations.services import (
    comment_create,
    comment_moderate,
    comment_support_toggle,
    consultation_create,
    consultation_start_analysis,
)
from demo.choices import CommentStatus, FlagReason, ModerationAction, ModerationMode, Stance

if TYPE_CHECKING:
    from consultations.models import Consultation

# (goal index in the outline's clause list, stance, text, proposed wording)
COMMENTS = [
    (4, Stance.SUPPORT, "Saya sangat setuju layanan harus terjangkau di seluruh wilayah. Di desa kami sinyal masih lemah, jadi mohon layanan tetap bisa diakses lewat SMS atau loket.", ""),
    (4, Stance.AMEND, "Aksesibilitas bagi penyandang disabilitas perlu disebut tegas, termasuk standar WCAG.", "Pengembangan E-Government diarahkan untuk pembentukan jaringan informasi dan transaksi pelayanan publik yang dapat diakses oleh semua orang, termasuk penyandang disabilitas, sesuai standar aksesibilitas web."),
    (4, Stance.SUPPORT, "Biaya yang terjangkau sangat penting bagi warga di Papua. Kuota internet di sini mahal.", ""),
    (5, Stance.NEUTRAL, "Hubungan dengan dunia usaha perlu dijelaskan: apakah termasuk perizinan berusaha terintegrasi?", ""),
    (5, Stance.SUPPORT, "Sebagai pelaku UMKM, kami butuh satu pintu untuk semua perizinan daring.", ""),
    (6, Stance.SUPPORT, "Fasilitas dialog publik seperti platform ini sebaiknya diwajibkan untuk setiap rancangan peraturan.", ""),
    (6, Stance.AMEND, "Tambahkan kewajiban instansi menanggapi setiap masukan secara terbuka.", "Pengembangan E-Government diarahkan untuk pembentukan mekanisme dialog publik yang mewajibkan instansi memberikan tanggapan tertulis atas setiap masukan masyarakat."),
    (7, Stance.OPPOSE, "Rumusan ini terlalu umum. Tanpa indikator kinerja, efisiensi tidak dapat diukur.", ""),
    (2, Stance.SUPPORT, "Pengolahan data secara elektronis harus disertai pelindungan data pribadi.", ""),
    (3, Stance.AMEND, "Selain mudah dan murah, layanan juga harus aman.", "Pemanfaatan teknologi informasi dalam Pengembangan E-Government mencakup pemanfaatan kemajuan teknologi informasi agar pelayanan publik dapat diakses secara mudah, murah, dan aman oleh masyarakat di seluruh wilayah negara."),
    (10, Stance.OPPOSE, "Sosialisasi situs web jangan dihapus; banyak warga belum tahu layanan daring yang tersedia.", ""),
    (12, Stance.SUPPORT, "Keterhubungan antarlembaga akan mengurangi fotokopi dokumen berulang kali.", ""),
    (14, Stance.NEUTRAL, "Interoperabilitas data membutuhkan standar metadata nasional. Siapa yang menetapkannya?", ""),
    (15, Stance.SUPPORT, "Layanan G2C harus diprioritaskan untuk administrasi kependudukan.", ""),
    (None, Stance.SUPPORT, "Secara umum rancangan ini baik. Mohon disertai peta jalan dan anggaran yang jelas.", ""),
    (None, Stance.OPPOSE, "Rancangan belum mengatur pengawasan independen atas sistem elektronik pemerintah.", ""),
    (None, Stance.NEUTRAL, "Perlu ketentuan peralihan bagi daerah yang infrastrukturnya belum siap.", ""),
]  # fmt: skip

HIDDEN = [
    ("Kunjungi situs kami untuk pinjaman online cepat tanpa jaminan!!!", FlagReason.SPAM),
    (
        "Nomor HP pejabat dinas itu 0812-xxxx-xxxx, silakan hubungi langsung.",
        FlagReason.PERSONAL_DATA,
    ),
    ("Dasar pejabat tidak becus semua, bubarkan saja!", FlagReason.ABUSIVE),
]


REPLY = "Setuju, dan loket layanan juga perlu pendamping digital."

CLOSED_OPENS_AT = dt.datetime(2026, 6, 1, 2, tzinfo=dt.UTC)
CLOSED_CLOSES_AT = dt.datetime(2026, 8, 31, 16, 59, tzinfo=dt.UTC)
ANALYSIS_STARTED_AT = dt.datetime(2026, 9, 1, 2, tzinfo=dt.UTC)


def _slot(consultation, number: int) -> dt.datetime:
    """The input came in over the consultation's first days, one piece every five hours."""
    return consultation.opens_at + dt.timedelta(hours=5 * number + 3)


def ensure_demo_consultations(
    *, policy, draft_1, draft_2, drafter, moderator, participants
) -> tuple[Consultation, Consultation]:
    """The closed consultation on Draf 1 (pre-moderated, under analysis) and the open one on
    Draf 2 (post-moderated), each built once; return both."""
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    now = timezone.now()
    closed = consultation_for_draft(draft=draft_1)
    if closed is None:
        closed = consultation_create(
            policy=policy, draft=draft_1, title="Konsultasi publik Draf 1",
            opens_at=CLOSED_OPENS_AT, closes_at=CLOSED_CLOSES_AT,
            moderation_mode=ModerationMode.PRE, created_by=drafter,
        )  # fmt: skip
        _fill(closed, draft_1, participants, moderator, rng)
        consultation_start_analysis(consultation=closed, user=drafter, at=ANALYSIS_STARTED_AT)
    current = consultation_for_draft(draft=draft_2)
    if current is None:
        current = consultation_create(
            policy=policy, draft=draft_2, title="Konsultasi publik Draf 2",
            opens_at=min(now - dt.timedelta(days=14), dt.datetime(2026, 10, 15, 2, tzinfo=dt.UTC)),
            closes_at=max(now + dt.timedelta(days=30),
                          dt.datetime(2027, 1, 15, 16, 59, tzinfo=dt.UTC)),
            moderation_mode=ModerationMode.POST, created_by=drafter,
        )  # fmt: skip
        _fill(current, draft_2, participants, moderator, rng)
    return closed, current


def _fill(consultation, draft, users, moderator, rng: random.Random) -> None:
    clauses = [clause.key for clause in outline_clauses(draft.specific.outline)]
    created = []
    for index, (position, stance, body, wording) in enumerate(COMMENTS):
        author = users[index % len(users)]
        clause_key = clauses[position] if position is not None and position < len(clauses) else ""
        comment = _participate(
            consultation, moderator, at=_slot(consultation, index), author=author,
            clause_key=clause_key, show_name=index % 5 != 3, body=body, stance=stance,
            proposed_wording=wording if clause_key else "",
        )  # fmt: skip
        created.append(comment)
    for comment in created[:6]:
        for supporter in rng.sample(users, k=rng.randint(1, 6)):
            if supporter.pk != comment.author_id:
                comment_support_toggle(comment=comment, user=supporter)
    _participate(
        consultation, moderator, at=_slot(consultation, len(COMMENTS)), author=users[4],
        parent=created[0], body=REPLY,
    )  # fmt: skip
    for index, (body, reason) in enumerate(HIDDEN):
        at = _slot(consultation, len(COMMENTS) + 1 + index)
        comment, _ = comment_create(
            consultation=consultation, author=users[-1 - index], body=body,
            **_respondent(users[-1 - index]), consent=True, at=at,
        )  # fmt: skip
        comment_moderate(
            comments=[comment], moderator=moderator, action=ModerationAction.HIDE, reason=reason,
            at=at + dt.timedelta(hours=2),
        )  # fmt: skip


def _respondent(user) -> dict:
    return {
        "respondent_type": user.respondent_type,
        "organisation": user.organisation,
        "province": user.province,
    }


def _participate(consultation, moderator, *, at: dt.datetime, author, **fields):
    """A participant's comment or reply at ``at``; a pre-moderated one is approved an hour
    later, as the moderators did."""
    comment, _ = comment_create(
        consultation=consultation, author=author, **_respondent(author), **fields, consent=True,
        at=at,
    )  # fmt: skip
    if comment.status == CommentStatus.PENDING:
        comment_moderate(
            comments=[comment], moderator=moderator, action=ModerationAction.APPROVE,
            at=at + dt.timedelta(hours=1),
        )  # fmt: skip
    return comment
