"""A consultation as drafters analyse it, built through the services like real input: comments
from participants (one reply, one hidden by a moderator as spam), a form-letter campaign sent by
email and entered by a moderator, a codebook with coded comments, and the detected campaign.
Every write queues its search index update in the outbox, as in production; run the build
inside ``django_capture_on_commit_callbacks(execute=True)`` so the index is up to date after it
(the ``analysed`` fixture in tests/search/conftest.py does)."""

from __future__ import annotations

from dataclasses import dataclass

from cms.drafts import outline_clauses
from consultations.models import Channel, Comment, Consultation, Stance
from consultations.services import comment_create, comment_moderate
from search.models import Campaign, Code
from search.services import campaigns_detect, code_create, comments_code
from tests.factories.accounts import UserFactory

FORM_LETTER = (
    "Kami warga {place} menolak ketentuan ini jika pelindungan data pribadi tidak diawasi oleh "
    "lembaga independen. Data kependudukan kami harus aman dan tidak boleh dibagikan tanpa "
    "persetujuan pemiliknya.{extra}"
)
# Each letter's sender, province and small edit: the campaign page shows the edits as a diff.
LETTERS = [
    ("Medan", "12", ""), ("Bandung", "32", " Mohon didengar."), ("Makassar", "73", ""),
    ("Sorong", "92", " Terima kasih."), ("Denpasar", "51", ""),
    ("Kupang", "53", " Kami menunggu tanggapan."),
]  # fmt: skip
CAMPAIGN_SIZE = len(LETTERS)

# Participants' comments: (clause, stance, province, body). The clause is an index into the
# draft's ayat, "data" the ayat on personal data that the letters are about, None the draft
# as a whole.
PARTICIPANTS = [
    (4, Stance.SUPPORT, "35", "Layanan harus terjangkau di seluruh wilayah. Di desa kami sinyal "
                              "masih lemah, jadi mohon tetap ada loket."),
    (4, Stance.AMEND, "31", "Aksesibilitas bagi penyandang disabilitas perlu disebut tegas "
                            "dalam pelayanan publik."),
    (7, Stance.OPPOSE, "73", "Rumusan ini terlalu umum. Tanpa indikator kinerja, efisiensi tidak "
                             "dapat diukur."),
    ("data", Stance.SUPPORT, "51", "Pengolahan data secara elektronis harus disertai pelindungan "
                                   "data pribadi."),
    (None, Stance.NEUTRAL, "94", "Perlu ketentuan peralihan bagi daerah yang infrastrukturnya "
                                 "belum siap."),
    (None, Stance.OPPOSE, "31", "Rancangan belum mengatur pengawasan independen atas sistem "
                                "elektronik pemerintah."),
]  # fmt: skip
# What the amending participant proposes instead of the ayat.
PROPOSED_WORDING = (
    "Pengembangan E-Government diarahkan untuk pembentukan jaringan informasi dan transaksi "
    "pelayanan publik yang dapat diakses oleh semua orang, termasuk penyandang disabilitas."
)
REPLY = "Setuju, dan loket layanan juga perlu pendamping digital."
SPAM = "Kunjungi situs kami untuk pinjaman online cepat tanpa jaminan!!!"

# (label, description, words that put a comment under the code)
CODEBOOK = [
    ("Pelindungan data", "Keamanan dan pelindungan data pribadi", ("data pribadi",)),
    ("Akses di daerah", "Sinyal, loket dan keterjangkauan di daerah",
     ("sinyal", "loket", "daerah")),
]  # fmt: skip


@dataclass
class AnalysedConsultation:
    consultation: Consultation
    participants: list[Comment]  # published top-level comments, in PARTICIPANTS' order
    reply: Comment  # to the first participant's comment
    hidden: Comment  # SPAM, hidden by the moderator
    letters: list[Comment]  # the form letters, in LETTERS' order
    codes: list[Code]  # CODEBOOK's, each used on at least one comment
    campaign: Campaign  # the letters, detected


def build_analysed_consultation(consultation, *, moderator, drafter) -> AnalysedConsultation:
    """Fill an open consultation with input and analyse it. ``moderator`` and ``drafter`` are
    staff of the consultation's agency."""
    clauses = list(outline_clauses(consultation.draft.specific.outline))
    on_data = next(c.key for c in clauses if "data pribadi" in c.text)

    def say(author, **fields) -> Comment:
        comment, _created = comment_create(
            consultation=consultation, author=author, respondent_type=author.respondent_type,
            province=author.province, consent=True, **fields,
        )  # fmt: skip
        return comment

    participants = []
    for clause, stance, province, body in PARTICIPANTS:
        key = on_data if clause == "data" else "" if clause is None else clauses[clause].key
        author = UserFactory(respondent_type="individual", province=province)
        wording = PROPOSED_WORDING if stance == Stance.AMEND else ""
        participants.append(
            say(author, clause_key=key, stance=stance, body=body, proposed_wording=wording)
        )
    reply = say(UserFactory(province="52"), parent=participants[0], body=REPLY)
    hidden = say(UserFactory(province="11"), body=SPAM)
    comment_moderate(comments=[hidden], moderator=moderator, action="hide", reason="spam")

    letters = [
        comment_create(
            consultation=consultation, author=None, entered_by=moderator, channel=Channel.EMAIL,
            submitter_name=f"Warga {place}", show_name=False, clause_key=on_data,
            body=FORM_LETTER.format(place=place, extra=extra), stance=Stance.OPPOSE,
            respondent_type="individual", province=province, consent=True,
        )[0]
        for place, province, extra in LETTERS
    ]  # fmt: skip

    bodies = list(consultation.comments.values_list("pk", "body"))
    codes = []
    for label, description, keywords in CODEBOOK:
        code = code_create(
            consultation=consultation, user=drafter, label=label, description=description
        )
        matching = [pk for pk, body in bodies if any(word in body.lower() for word in keywords)]
        comments_code(code=code, comment_ids=matching, user=drafter, add=True)
        codes.append(code)
    (campaign,) = campaigns_detect(consultation=consultation)
    return AnalysedConsultation(
        consultation=consultation, participants=participants, reply=reply, hidden=hidden,
        letters=letters, codes=codes, campaign=campaign,
    )  # fmt: skip
