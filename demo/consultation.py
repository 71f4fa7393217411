"""A demo consultation with a realistic spread of input: stances, respondent types, provinces,
replies, support, and a few comments hidden by moderation with their reasons."""

from __future__ import annotations

import datetime as dt
import random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.choices import Province, RespondentType
from cms.drafts import outline_clauses
from consultations.models import (
    Comment,
    CommentStatus,
    CommentSupport,
    Consultation,
    ModerationMode,
    Stance,
)
from consultations.services import comment_moderate

PARTICIPANTS = [
    ("Siti Rahmawati", RespondentType.INDIVIDUAL, "", Province.JAWA_BARAT),
    ("Agus Salim", RespondentType.INDIVIDUAL, "", Province.SUMATERA_UTARA),
    ("Made Wirawan", RespondentType.INDIVIDUAL, "", Province.BALI),
    ("Yohanes Wenda", RespondentType.INDIVIDUAL, "", Province.PAPUA_PEGUNUNGAN),
    ("Nurul Hidayah", RespondentType.ACADEMIC, "Universitas Hasanuddin", Province.SULAWESI_SELATAN),
    ("Rizky Pratama", RespondentType.BUSINESS, "Asosiasi UMKM Digital", Province.DKI_JAKARTA),
    ("Fransiska Lewar", RespondentType.CIVIL_SOCIETY, "Lembaga Bantuan Hukum Kupang", Province.NUSA_TENGGARA_TIMUR),
    ("Dian Permata", RespondentType.CIVIL_SOCIETY, "Koalisi Pemantau Data Pribadi", Province.DI_YOGYAKARTA),
    ("Bambang Sutrisno", RespondentType.GOVERNMENT, "Dinas Kominfo Kabupaten Banyumas", Province.JAWA_TENGAH),
    ("Hasan Basri", RespondentType.INDIVIDUAL, "", Province.KALIMANTAN_SELATAN),
    ("Lina Marlina", RespondentType.BUSINESS, "PT Layanan Cloud Nusantara", Province.BANTEN),
    ("Teuku Iskandar", RespondentType.INDIVIDUAL, "", Province.ACEH),
]  # fmt: skip

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
    ("Kunjungi situs kami untuk pinjaman online cepat tanpa jaminan!!!", "spam"),
    ("Nomor HP pejabat dinas itu 0812-xxxx-xxxx, silakan hubungi langsung.", "personal_data"),
    ("Dasar pejabat tidak becus semua, bubarkan saja!", "abusive"),
]


def _participants():
    User = get_user_model()
    users = []
    for number, (name, kind, organisation, province) in enumerate(PARTICIPANTS, start=1):
        email = f"peserta{number:02d}@rembuk.example"
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"display_name": name, "respondent_type": kind,
                      "organisation": organisation, "province": province},
        )  # fmt: skip
        if created:
            user.set_unusable_password()
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        users.append(user)
    return users


def ensure_demo_consultations(*, policy, draft_1, draft_2, moderator) -> None:
    if Consultation.objects.filter(policy=policy).exists():
        return
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    users = _participants()
    now = timezone.now()
    closed = Consultation.objects.create(
        policy=policy,
        draft=draft_1,
        title="Konsultasi publik Draf 1",
        opens_at=dt.datetime(2026, 6, 1, 2, tzinfo=dt.UTC),
        closes_at=dt.datetime(2026, 8, 31, 16, 59, tzinfo=dt.UTC),
        moderation_mode=ModerationMode.PRE,
        analysis_started_at=dt.datetime(2026, 9, 1, 2, tzinfo=dt.UTC),
    )
    current = Consultation.objects.create(
        policy=policy,
        draft=draft_2,
        title="Konsultasi publik Draf 2",
        opens_at=min(now - dt.timedelta(days=14), dt.datetime(2026, 10, 15, 2, tzinfo=dt.UTC)),
        closes_at=max(now + dt.timedelta(days=30), dt.datetime(2027, 1, 15, 16, 59, tzinfo=dt.UTC)),
        moderation_mode=ModerationMode.POST,
    )
    for consultation, draft in ((closed, draft_1), (current, draft_2)):
        clauses = [clause.key for clause in outline_clauses(draft.specific.outline)]
        created = []
        for index, (position, stance, body, wording) in enumerate(COMMENTS):
            author = users[index % len(users)]
            clause_key = (
                clauses[position] if position is not None and position < len(clauses) else ""
            )
            comment = Comment.objects.create(
                consultation=consultation, clause_key=clause_key, author=author,
                show_name=index % 5 != 3, body=body, stance=stance,
                proposed_wording=wording if clause_key else "",
                respondent_type=author.respondent_type, organisation=author.organisation,
                province=author.province, status=CommentStatus.PUBLISHED,
                consent_given_at=consultation.opens_at,
            )  # fmt: skip
            created.append(comment)
        # Spread the comments over the consultation's first days, as they would have come in.
        for hour, comment in enumerate(created):
            Comment.objects.filter(pk=comment.pk).update(
                created_at=consultation.opens_at + dt.timedelta(hours=5 * hour + 3)
            )
        for comment in created[:6]:
            for supporter in rng.sample(users, k=rng.randint(1, 6)):
                if supporter.pk != comment.author_id:
                    CommentSupport.objects.get_or_create(comment=comment, user=supporter)
            comment.support_count = comment.supports.count()
            comment.save(update_fields=["support_count"])
        Comment.objects.create(
            consultation=consultation, clause_key=created[0].clause_key, parent=created[0],
            author=users[4], body="Setuju, dan loket layanan juga perlu pendamping digital.",
            respondent_type=users[4].respondent_type, organisation=users[4].organisation,
            province=users[4].province, consent_given_at=consultation.opens_at,
        )  # fmt: skip
        hidden = []
        for index, (body, _reason) in enumerate(HIDDEN):
            author = users[-1 - index]
            hidden.append(
                Comment.objects.create(
                    consultation=consultation,
                    author=author,
                    body=body,
                    clause_key="",
                    respondent_type=author.respondent_type,
                    organisation=author.organisation,
                    province=author.province,
                    consent_given_at=consultation.opens_at,
                )  # fmt: skip
            )
        for comment, (_body, reason) in zip(hidden, HIDDEN, strict=True):
            comment_moderate(comments=[comment], moderator=moderator, action="hide", reason=reason)
