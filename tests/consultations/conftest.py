import pytest

from cms.drafts import outline_clauses


@pytest.fixture
def premoderated(consultation_factory, egov_drafts):
    return consultation_factory(
        draft=egov_drafts[1], title="Konsultasi pramoderasi", premoderated=True
    )


@pytest.fixture
def clause_keys(egov_drafts):
    return [clause.key for clause in outline_clauses(egov_drafts[1].outline)]


@pytest.fixture
def input_on(user_factory, comment_factory, moderator):
    """Give a consultation a known spread of input, as a real one collects: from 3 accounts,
    4 published comments on three clauses and the draft as a whole (one anonymous), 1 reply,
    2 emails entered by staff, and 3 comments hidden by moderation as spam, personal data and
    abuse. The public sees 6 comments from 5 participants."""
    from consultations.models import Channel, Stance
    from consultations.services import comment_moderate

    def add(consultation):
        keys = [clause.key for clause in outline_clauses(consultation.draft.specific.outline)]
        people = [
            user_factory(respondent_type="individual", province="35"),
            user_factory(respondent_type="business", organisation="Asosiasi UMKM Digital",
                         province="31"),
            user_factory(respondent_type="academic", organisation="Universitas Hasanuddin",
                         province="73"),
        ]  # fmt: skip
        spread = [
            (people[0], keys[4], Stance.SUPPORT, "Layanan harus terjangkau di seluruh wilayah."),
            (people[1], keys[4], Stance.AMEND, "Aksesibilitas perlu disebut dengan tegas."),
            (people[2], keys[2], Stance.OPPOSE, "Rumusan ini terlalu umum untuk diukur."),
            (people[0], "", Stance.NEUTRAL, "Perlu ketentuan peralihan bagi daerah."),
        ]
        published = [
            comment_factory(consultation=consultation, author=author, clause_key=key,
                            stance=stance, body=body, show_name=number != 2)
            for number, (author, key, stance, body) in enumerate(spread)
        ]  # fmt: skip
        comment_factory(consultation=consultation, author=people[2], parent=published[0],
                        clause_key=published[0].clause_key, stance="",
                        body="Setuju, loket layanan juga perlu pendamping digital.")  # fmt: skip
        for place in ("Medan", "Bandung"):
            comment_factory(consultation=consultation, author=None, clause_key=keys[4],
                            stance=Stance.OPPOSE, channel=Channel.EMAIL, entered_by=moderator,
                            submitter_name=f"Warga {place}", show_name=False,
                            body=f"Kami warga {place} meminta data pribadi diawasi.")  # fmt: skip
        for body, reason in (
            ("Kunjungi situs kami untuk pinjaman online cepat tanpa jaminan!!!", "spam"),
            ("Nomor HP pejabat dinas itu 0812-xxxx-xxxx, silakan hubungi.", "personal_data"),
            ("Dasar pejabat tidak becus semua, bubarkan saja!", "abusive"),
        ):
            hidden = comment_factory(consultation=consultation, body=body, stance="")
            comment_moderate(comments=[hidden], moderator=moderator, action="hide", reason=reason)
        return published

    return add
