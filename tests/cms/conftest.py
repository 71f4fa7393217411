import datetime as dt

import pytest

from accounts.models import AgencyLevel
from cms.models import PolicyStage


@pytest.fixture
def policy_listing(policy_index_page, egov_policy, agency_factory, topic_factory,
                   policy_page_factory):  # fmt: skip
    """Five published policies with stages, agencies, topics and years to filter by: the
    e-government policy (2026, consultation) and four more."""
    topic = {
        slug: topic_factory(slug=slug, name=name)
        for slug, name in [
            ("e-government", "E-Government"), ("pelayanan-publik", "Pelayanan Publik"),
            ("data-interoperabilitas", "Data dan Interoperabilitas"),
            ("tata-kelola", "Tata Kelola Pemerintahan"),
            ("pelindungan-data", "Pelindungan Data Pribadi"),
        ]
    }  # fmt: skip
    agency = {
        slug: agency_factory(slug=slug, name=name, acronym=acronym, level=level)
        for slug, name, acronym, level in [
            ("kemenpanrb", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
             "KemenPAN-RB", AgencyLevel.NATIONAL),
            ("kemendagri", "Kementerian Dalam Negeri", "Kemendagri", AgencyLevel.NATIONAL),
            ("jabar", "Pemerintah Provinsi Jawa Barat", "Pemprov Jabar", AgencyLevel.PROVINCE),
            ("surabaya", "Pemerintah Kota Surabaya", "Pemkot Surabaya", AgencyLevel.REGENCY),
        ]
    }  # fmt: skip
    others = [
        ("Kerangka Arsitektur E-Government Nasional", "kerangka-arsitektur", "kemenpanrb",
         PolicyStage.AGENDA, dt.date(2026, 9, 1), ["e-government", "tata-kelola"]),
        ("Interoperabilitas Data antar Lembaga", "interoperabilitas-data", "kemendagri",
         PolicyStage.CONSULTATION, dt.date(2025, 11, 3),
         ["data-interoperabilitas", "pelindungan-data"]),
        ("Tahapan Penyusunan Kebijakan Publik Daerah", "tahapan-kebijakan-daerah", "jabar",
         PolicyStage.ADOPTED, dt.date(2025, 3, 17), ["tata-kelola"]),
        ("Sistem Informasi Manajemen Pelayanan Publik", "sim-pelayanan-publik", "surabaya",
         PolicyStage.EVALUATION, dt.date(2024, 5, 20), ["pelayanan-publik"]),
    ]  # fmt: skip
    policies = [egov_policy]
    for title, slug, agency_slug, stage, initiated_on, topic_slugs in others:
        policies.append(
            policy_page_factory(
                parent=policy_index_page, title=title, slug=slug, agency=agency[agency_slug],
                stage=stage, initiated_on=initiated_on, topics=[topic[s] for s in topic_slugs],
            )
        )  # fmt: skip
    return policies
