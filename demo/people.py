"""The demo's people: staff and citizen accounts with printed passwords, and the participants of
the demo consultations (accounts without a password). Made and given their roles through
``accounts.services``, as an admin would; safe to run again."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.choices import Province, RespondentType
from accounts.services import (
    RepresentationAlreadyRequested,
    agency_representation_decide,
    agency_representation_request,
    group_membership_grant,
    role_grant,
    site_admin_grant,
    user_create,
    user_password_set,
)
from demo.choices import StaffRole
from demo.snippets import agency

EDITORS_GROUP = "Editor kebijakan"
LEGAL_REVIEWERS_GROUP = "Peninjau hukum"
ADMIN_EMAIL = "admin@rembuk.example"
DRAFTER_EMAIL = "penyusun@rembuk.example"
MODERATOR_EMAIL = "moderator@rembuk.example"


@dataclass
class DemoAccount:
    email: str
    password: str
    role: str


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    role: str  # as printed by load_demo
    profile: dict = field(default_factory=dict)
    site_admin: bool = False
    group: str = ""
    staff_role: tuple[str, str] | None = None  # (role, agency slug)
    represents: str = ""  # agency slug


DEMO_ACCOUNTS = [
    Person(ADMIN_EMAIL, "Admin Rembuk", "site admin", site_admin=True),
    Person("editor@rembuk.example", "Sari Editor", "policy editor (drafting)", group=EDITORS_GROUP),
    Person("peninjau@rembuk.example", "Budi Peninjau", "legal reviewer (publishes)",
           group=LEGAL_REVIEWERS_GROUP),
    Person(DRAFTER_EMAIL, "Rudi Penyusun", "drafter, Komdigi",
           staff_role=(StaffRole.DRAFTER, "komdigi")),
    Person(MODERATOR_EMAIL, "Maya Moderator", "moderator, Komdigi",
           staff_role=(StaffRole.MODERATOR, "komdigi")),
    Person("instansi@rembuk.example", "Hendra Instansi", "agency representative, Kemendagri",
           represents="kemendagri"),
    Person("warga@rembuk.example", "Dewi Warga", "citizen",
           profile={"province": Province.JAWA_TIMUR}),
    Person("usaha@rembuk.example", "Andi Usaha", "business representative",
           profile={"respondent_type": RespondentType.BUSINESS,
                    "organisation": "Asosiasi Penyelenggara Jasa Internet",
                    "province": Province.DKI_JAKARTA}),
]  # fmt: skip

REPRESENTATIVE_POSITION = "Kepala Bagian Hubungan Masyarakat"

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


def user(email: str):
    """A demo person's account (made by ``ensure_accounts`` or ``ensure_participants``)."""
    return get_user_model().objects.get(email=email)


def _existing(email: str):
    return get_user_model().objects.filter(email__iexact=email).first()


def ensure_accounts() -> list[DemoAccount]:
    """The staff and citizen accounts, each with a new password (printed by load_demo)."""
    accounts, admin = [], None
    for person in DEMO_ACCOUNTS:
        account = _existing(person.email) or user_create(
            email=person.email, display_name=person.name, email_verified=True, **person.profile
        )
        password = secrets.token_urlsafe(12)
        user_password_set(user=account, password=password)
        if person.site_admin:
            admin = site_admin_grant(user=account, granted_by=None)
        if person.group:
            group_membership_grant(
                user=account, group=Group.objects.get(name=person.group), granted_by=admin
            )
        if person.staff_role:
            role, agency_slug = person.staff_role
            role_grant(user=account, role=role, agency=agency(agency_slug), granted_by=admin)
        if person.represents:
            _verified_representative(account, agency(person.represents), admin)
        accounts.append(DemoAccount(email=person.email, password=password, role=person.role))
    return accounts


def _verified_representative(account, represented, admin) -> None:
    try:
        request = agency_representation_request(
            user=account, agency=represented, position=REPRESENTATIVE_POSITION
        )
    except RepresentationAlreadyRequested:
        return  # asked and decided on an earlier run
    agency_representation_decide(representation=request, decided_by=admin, approve=True)


def ensure_participants() -> list:
    """The participants of the demo consultations: verified accounts without a password."""
    participants = []
    for number, (name, kind, organisation, province) in enumerate(PARTICIPANTS, start=1):
        email = f"peserta{number:02d}@rembuk.example"
        participants.append(
            _existing(email)
            or user_create(
                email=email,
                display_name=name,
                respondent_type=kind,
                organisation=organisation,
                province=province,
                email_verified=True,
            )  # fmt: skip
        )
    return participants
