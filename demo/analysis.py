"""Demo analysis on the open consultation: a form-letter campaign sent by email, a codebook with
coded comments and detected campaigns, so the staff search, themes and dashboard have something
to show. Idempotent."""

from __future__ import annotations

import datetime as dt
import random

from cms.drafts import outline_clauses
from consultations.models import Channel, Comment, CommentStatus, Consultation, Stance

FORM_LETTER = (
    "Kami warga {place} menolak ketentuan ini jika pelindungan data pribadi tidak diawasi oleh "
    "lembaga independen. Data kependudukan kami harus aman dan tidak boleh dibagikan tanpa "
    "persetujuan pemiliknya.{extra}"
)
PLACES = ["Medan", "Bandung", "Makassar", "Sorong", "Denpasar", "Kupang", "Pontianak",
          "Palembang", "Ambon", "Mataram", "Jayapura", "Padang", "Manado", "Kendari"]  # fmt: skip
EXTRAS = ["", "", " Mohon didengar.", " Terima kasih.", "", " Kami menunggu tanggapan."]
PROVINCES = ["12", "32", "73", "92", "51", "53", "61", "16", "81", "52", "91", "13", "71", "74"]

CODEBOOK = [
    ("Akses di daerah", "Sinyal, loket, keterjangkauan di desa dan daerah terpencil",
     ("sinyal", "desa", "loket", "wilayah", "daerah")),
    ("Biaya", "Biaya layanan dan kuota internet", ("biaya", "mahal", "murah", "anggaran")),
    ("Pelindungan data", "Keamanan dan pelindungan data pribadi", ("data pribadi", "aman")),
    ("Interoperabilitas", "Keterhubungan dan standar data antarinstansi",
     ("interoperabilitas", "keterhubungan", "standar", "antarlembaga")),
]  # fmt: skip


def ensure_demo_analysis(*, policy, moderator) -> None:
    from search.models import Code
    from search.services import campaigns_detect, comments_code, index_check

    consultation = Consultation.objects.filter(policy=policy).order_by("-opens_at").first()
    if consultation is None or Code.objects.filter(consultation=consultation).exists():
        return
    rng = random.Random(28)  # noqa: S311 - demo data
    clauses = list(outline_clauses(consultation.draft.specific.outline))
    target = next((c.key for c in clauses if "data" in c.text.lower()), clauses[2].key)
    for index, place in enumerate(PLACES):
        comment = Comment.objects.create(
            consultation=consultation, clause_key=target, author=None, show_name=False,
            body=FORM_LETTER.format(place=place, extra=rng.choice(EXTRAS)),
            stance=Stance.OPPOSE, respondent_type="individual", province=PROVINCES[index],
            channel=Channel.EMAIL, entered_by=moderator, submitter_name=f"Warga {place}",
            status=CommentStatus.PUBLISHED, consent_given_at=consultation.opens_at,
        )  # fmt: skip
        Comment.objects.filter(pk=comment.pk).update(
            created_at=consultation.opens_at + dt.timedelta(days=3 + index % 5, hours=index)
        )
    for label, description, keywords in CODEBOOK:
        code = Code.objects.create(
            consultation=consultation, label=label, description=description, created_by=moderator
        )
        matching = [
            pk
            for pk, body in Comment.objects.filter(consultation=consultation).values_list(
                "pk", "body"
            )
            if any(word in body.lower() for word in keywords)
        ]
        comments_code(code=code, comment_ids=matching, user=_drafter(consultation) or moderator,
                      add=True)  # fmt: skip
    campaigns_detect(consultation=consultation)
    index_check(repair=True)


def _drafter(consultation):
    from accounts.models import RoleAssignment

    assignment = (
        RoleAssignment.objects.filter(role="drafter", agency=consultation.agency)
        .select_related("user")
        .first()
    )
    return assignment.user if assignment else None
