"""The demo's agencies and topics: snippets, which editors keep in the admin as they keep pages.

Agencies live in ``accounts`` (staff roles and representatives are scoped to them), so this is the
one demo module allowed to import ``accounts.models``, for the ``Agency`` snippet only.
"""

from __future__ import annotations

from accounts.models import Agency, AgencyLevel
from cms.models import Topic

AGENCIES = [
    ("komdigi", "Kementerian Komunikasi dan Digital", "Komdigi", AgencyLevel.NATIONAL,
     "https://www.komdigi.go.id", "Jl. Medan Merdeka Barat No. 9, Jakarta Pusat"),
    ("kemenpanrb", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
     "KemenPAN-RB", AgencyLevel.NATIONAL, "https://www.menpan.go.id",
     "Jl. Jenderal Sudirman Kav. 69, Jakarta Selatan"),
    ("kemendagri", "Kementerian Dalam Negeri", "Kemendagri", AgencyLevel.NATIONAL,
     "https://www.kemendagri.go.id", "Jl. Medan Merdeka Utara No. 7, Jakarta Pusat"),
    ("jabar", "Pemerintah Provinsi Jawa Barat", "Pemprov Jabar", AgencyLevel.PROVINCE,
     "https://jabarprov.go.id", "Jl. Diponegoro No. 22, Bandung"),
    ("surabaya", "Pemerintah Kota Surabaya", "Pemkot Surabaya", AgencyLevel.REGENCY,
     "https://www.surabaya.go.id", "Jl. Taman Surya No. 1, Surabaya"),
]  # fmt: skip

TOPICS = [
    ("e-government", "E-Government", "E-government"),
    ("pelayanan-publik", "Pelayanan Publik", "Public services"),
    ("data-interoperabilitas", "Data dan Interoperabilitas", "Data and interoperability"),
    ("tata-kelola", "Tata Kelola Pemerintahan", "Governance"),
    ("pelindungan-data", "Pelindungan Data Pribadi", "Personal data protection"),
]


def ensure_agencies() -> dict[str, Agency]:
    agencies = {}
    for slug, name, acronym, level, website, address in AGENCIES:
        agencies[slug], _ = Agency.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "acronym": acronym, "level": level, "website": website,
                      "address": address},
        )  # fmt: skip
    return agencies


def agency(slug: str) -> Agency:
    return Agency.objects.get(slug=slug)


def ensure_topics() -> dict[str, Topic]:
    topics = {}
    for slug, name, name_en in TOPICS:
        topics[slug], _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en}
        )
    return topics
