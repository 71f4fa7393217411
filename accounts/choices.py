"""Controlled vocabularies about respondents, shared by accounts, consultations and search."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RespondentType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    BUSINESS = "business", _("Business")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    ACADEMIC = "academic", _("Academic")
    GOVERNMENT = "government", _("Government agency")


ORGANISATION_REQUIRED = _("Please name the organisation you represent.")


def organisation_missing(respondent_type: str | None, organisation: str | None) -> bool:
    """Anyone taking part as other than an individual names the organisation they speak for
    (sign-up, profile, comment form and the comment service all ask this one question)."""
    return (
        respondent_type not in (None, "", RespondentType.INDIVIDUAL)
        and not (organisation or "").strip()
    )


class Province(models.TextChoices):
    """The 38 provinces of Indonesia, keyed by their Kemendagri region code."""

    ACEH = "11", "Aceh"
    SUMATERA_UTARA = "12", "Sumatera Utara"
    SUMATERA_BARAT = "13", "Sumatera Barat"
    RIAU = "14", "Riau"
    JAMBI = "15", "Jambi"
    SUMATERA_SELATAN = "16", "Sumatera Selatan"
    BENGKULU = "17", "Bengkulu"
    LAMPUNG = "18", "Lampung"
    BANGKA_BELITUNG = "19", "Kepulauan Bangka Belitung"
    KEPULAUAN_RIAU = "21", "Kepulauan Riau"
    DKI_JAKARTA = "31", "DKI Jakarta"
    JAWA_BARAT = "32", "Jawa Barat"
    JAWA_TENGAH = "33", "Jawa Tengah"
    DI_YOGYAKARTA = "34", "DI Yogyakarta"
    JAWA_TIMUR = "35", "Jawa Timur"
    BANTEN = "36", "Banten"
    BALI = "51", "Bali"
    NUSA_TENGGARA_BARAT = "52", "Nusa Tenggara Barat"
    NUSA_TENGGARA_TIMUR = "53", "Nusa Tenggara Timur"
    KALIMANTAN_BARAT = "61", "Kalimantan Barat"
    KALIMANTAN_TENGAH = "62", "Kalimantan Tengah"
    KALIMANTAN_SELATAN = "63", "Kalimantan Selatan"
    KALIMANTAN_TIMUR = "64", "Kalimantan Timur"
    KALIMANTAN_UTARA = "65", "Kalimantan Utara"
    SULAWESI_UTARA = "71", "Sulawesi Utara"
    SULAWESI_TENGAH = "72", "Sulawesi Tengah"
    SULAWESI_SELATAN = "73", "Sulawesi Selatan"
    SULAWESI_TENGGARA = "74", "Sulawesi Tenggara"
    GORONTALO = "75", "Gorontalo"
    SULAWESI_BARAT = "76", "Sulawesi Barat"
    MALUKU = "81", "Maluku"
    MALUKU_UTARA = "82", "Maluku Utara"
    PAPUA = "91", "Papua"
    PAPUA_BARAT = "92", "Papua Barat"
    PAPUA_SELATAN = "93", "Papua Selatan"
    PAPUA_TENGAH = "94", "Papua Tengah"
    PAPUA_PEGUNUNGAN = "95", "Papua Pegunungan"
    PAPUA_BARAT_DAYA = "96", "Papua Barat Daya"


# Indonesia's three time zones and the provinces in each (WIB UTC+7, WITA UTC+8, WIT UTC+9).
TIME_ZONE_LABELS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}


def province_time_zone(province: str) -> str:
    if province in _WIT:
        return "Asia/Jayapura"
    if province in _WITA:
        return "Asia/Makassar"
    return "Asia/Jakarta"
