"""The privacy notice, in Bahasa Indonesia and English (UU No. 27/2022 on Personal Data Protection)."""

INDONESIAN = {
    "title": "Pemberitahuan Privasi",
    "intro": (
        "Rembuk mengolah data pribadi Anda hanya untuk menyelenggarakan partisipasi publik dalam "
        "penyusunan kebijakan, sesuai dengan Undang-Undang Nomor 27 Tahun 2022 tentang "
        "Pelindungan Data Pribadi."
    ),
    "sections": [
        (
            "Data yang kami kumpulkan",
            "<p>Alamat email dan kata sandi (tersimpan dalam bentuk hash) untuk akun Anda; nama "
            "tampilan, jenis responden, organisasi, dan provinsi bila Anda mengisinya; masukan, "
            "komentar, dan lampiran yang Anda kirimkan; serta catatan teknis yang diperlukan untuk "
            "keamanan, seperti alamat IP untuk mencegah penyalahgunaan.</p>",
        ),
        (
            "Tujuan dan dasar pemrosesan",
            "<p>Data diproses berdasarkan persetujuan Anda dan untuk melaksanakan kewajiban "
            "penyelenggara negara melibatkan masyarakat dalam pembentukan peraturan "
            "(Undang-Undang Nomor 13 Tahun 2022). Masukan yang diterbitkan menjadi bagian dari "
            "catatan publik konsultasi; Anda dapat memilih untuk tampil tanpa nama.</p>",
        ),
        (
            "Berapa lama data disimpan",
            "<p>Alamat IP dihapus setelah 90 hari. Catatan moderasi dan audit disimpan selama lima "
            "tahun untuk akuntabilitas. Akun disimpan sampai Anda menghapusnya.</p>",
        ),
        (
            "Hak Anda",
            "<p>Anda dapat melihat dan memperbaiki profil, mengunduh seluruh data pribadi Anda, dan "
            "menghapus akun kapan saja melalui halaman <em>Data saya</em>. Saat akun dihapus, data "
            "pribadi Anda dihapus dari sistem, indeks pencarian, dan ekspor; masukan yang telah "
            "diterbitkan tetap ada tanpa nama Anda.</p>",
        ),
        (
            "Keamanan",
            "<p>Koneksi dienkripsi, akun staf wajib memakai autentikasi dua faktor, dan setiap "
            "tindakan staf atas data pribadi dicatat dalam log audit yang tidak dapat diubah.</p>",
        ),
        (
            "Kontak",
            "<p>Pertanyaan atau keluhan tentang data pribadi dapat dikirim kepada pejabat pelindungan "
            "data pribadi instansi penyelenggara melalui alamat kontak pada halaman instansi.</p>",
        ),
    ],
}

ENGLISH = {
    "title": "Privacy Notice",
    "intro": (
        "Rembuk processes your personal data only to run public participation in policy making, "
        "in accordance with Law Number 27 of 2022 on Personal Data Protection."
    ),
    "sections": [
        ("Data we collect",
         "<p>Your email address and password (stored as a hash) for your account; display name, "
         "respondent type, organisation and province if you provide them; the input, comments "
         "and attachments you send; and technical records needed for security, such as IP "
         "addresses to prevent abuse.</p>"),
        ("Purpose and legal basis",
         "<p>Data is processed with your consent and to fulfil the state's duty to involve the "
         "public in law making (Law Number 13 of 2022). Published input becomes part of the "
         "consultation's public record; you may choose to appear without your name.</p>"),
        ("How long data is kept",
         "<p>IP addresses are deleted after 90 days. Moderation and audit records are kept for "
         "five years for accountability. Your account is kept until you delete it.</p>"),
        ("Your rights",
         "<p>You can view and correct your profile, download all your personal data, and delete "
         "your account at any time from the <em>My data</em> page. When you delete your "
         "account, your personal data is removed from the system, the search indexes and "
         "exports; published input stays without your name.</p>"),
        ("Security",
         "<p>Connections are encrypted, staff accounts must use two-factor authentication, and "
         "every staff action on personal data is recorded in an audit log that cannot be "
         "edited.</p>"),
        ("Contact",
         "<p>Questions or complaints about personal data can be sent to the personal data "
         "protection officer of the organising agency, using the contact details on the "
         "agency's page.</p>"),
    ],
}  # fmt: skip


def body_blocks(notice: dict) -> list[dict]:
    blocks = []
    for heading, paragraph in notice["sections"]:
        blocks.append({"type": "heading", "value": heading})
        blocks.append({"type": "paragraph", "value": paragraph})
    return blocks
