"""Demo analysis on the open consultation: a form-letter campaign sent by email and entered by a
moderator, a codebook with coded comments and the detected campaigns, so the staff search, themes
and dashboard have something to show. Written through the services; built once."""

from __future__ import annotations

import datetime as dt
import random

from accounts.choices import RespondentType
from cms.drafts import outline_clauses
from consultations.services import comment_create
from demo.choices import Channel, Stance
from search.services import campaigns_detect, code_create, comments_code

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


def ensure_demo_analysis(*, consultation, moderator, drafter) -> None:
    if consultation.codes.exists():
        return
    rng = random.Random(28)  # noqa: S311 - demo data
    clauses = list(outline_clauses(consultation.draft.specific.outline))
    target = next((c.key for c in clauses if "data" in c.text.lower()), clauses[2].key)
    for index, place in enumerate(PLACES):
        comment_create(
            consultation=consultation, author=None, entered_by=moderator, channel=Channel.EMAIL,
            submitter_name=f"Warga {place}", show_name=False, clause_key=target,
            body=FORM_LETTER.format(place=place, extra=rng.choice(EXTRAS)), stance=Stance.OPPOSE,
            respondent_type=RespondentType.INDIVIDUAL, province=PROVINCES[index], consent=True,
            at=consultation.opens_at + dt.timedelta(days=3 + index % 5, hours=index),
        )  # fmt: skip
    bodies = list(consultation.comments.values_list("pk", "body"))
    for label, description, keywords in CODEBOOK:
        code = code_create(
            consultation=consultation, user=drafter, label=label, description=description
        )
        matching = [pk for pk, body in bodies if any(word in body.lower() for word in keywords)]
        comments_code(code=code, comment_ids=matching, user=drafter, add=True)
    campaigns_detect(consultation=consultation)
