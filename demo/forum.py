"""The demo discussion on the e-government policy: participants ask, the drafter answers (staff
posts are marked as official answers by the forum service). Posted through
``forums.services`` without the per-person rate limit, which is for people posting, not for
writing history. A moderator pins it. Built once."""

from __future__ import annotations

from demo.people import user
from forums.services import post_create, thread_create, thread_set_pinned

TITLE = "Layanan daring untuk desa dan daerah terpencil"

DISCUSSION = [
    ("peserta03@rembuk.example", "Di Bali banyak layanan sudah daring, tetapi warga lanjut usia masih kesulitan. Apakah akan ada pendampingan?"),
    ("peserta04@rembuk.example", "Di Papua Pegunungan masalahnya lebih mendasar: sinyal. Layanan daring tidak berguna tanpa jaringan."),
    ("penyusun@rembuk.example", "Terima kasih. Draf 2 menambahkan tujuan keterjangkauan di seluruh wilayah; kami juga mengkaji loket pendamping digital di kecamatan."),
    ("peserta06@rembuk.example", "Untuk UMKM, yang penting satu akun untuk semua perizinan. Apakah itu termasuk interoperabilitas di Pasal 7?"),
    ("peserta09@rembuk.example", "Dari pengalaman dinas kami, integrasi data antarinstansi butuh standar yang ditetapkan pusat."),
    ("penyusun@rembuk.example", "Benar, standar data akan diatur dalam peraturan pelaksana tentang interoperabilitas."),
    ("peserta08@rembuk.example", "Mohon pelindungan data pribadi diawasi lembaga independen, bukan hanya oleh penyelenggara."),
]  # fmt: skip


def ensure_discussion(*, policy) -> None:
    if policy.threads.exists():
        return
    (first_email, first_body), *rest = DISCUSSION
    thread = thread_create(
        author=user(first_email), title=TITLE, body=first_body, policy=policy, rate_limit=False
    )
    for email, body in rest:
        post_create(thread=thread, author=user(email), body=body, rate_limit=False)
    thread_set_pinned(thread=thread, moderator=user("moderator@rembuk.example"), pinned=True)
