"""Wagtail pages and snippets. Page factories need a ``parent``; the ``site`` fixtures in
tests/conftest.py build the tree home → policy index → policy → drafts under Wagtail's root."""

import copy
import datetime as dt

import factory
import wagtail_factories
from django.utils.text import slugify
from wagtail.models import Collection

from cms.drafts import new_structure_key
from cms.models import (
    DraftPage,
    HomePage,
    PolicyIndexPage,
    PolicyMilestone,
    PolicyPage,
    PolicyStage,
    Topic,
)
from tests.factories.accounts import AgencyFactory

# A small but real regulation: 4 Bab, 9 Pasal, 18 ayat. Version 2 (``revised``) makes every
# kind of change a revision can: reworded, added, removed, reordered, moved to another Pasal.
REGULATION = [
    ("Ketentuan Umum", [
        ("Pengertian", [
            "Dalam Peraturan ini yang dimaksud dengan Pengembangan E-Government adalah upaya "
            "mengembangkan penyelenggaraan kepemerintahan yang berbasis elektronik.",
            "Melalui Pengembangan E-Government dilakukan penataan sistem manajemen dan proses "
            "kerja di lingkungan pemerintah.",
        ]),
        ("Ruang Lingkup", [
            "Pemanfaatan teknologi informasi mencakup pengolahan data dan pengelolaan informasi "
            "secara elektronis.",
            "Pemanfaatan teknologi informasi mencakup pemanfaatan kemajuan teknologi informasi "
            "agar pelayanan publik dapat diakses secara mudah dan murah.",
        ]),
    ]),
    ("Tujuan", [
        ("", [
            "Pengembangan E-Government diarahkan untuk pembentukan jaringan informasi dan "
            "transaksi pelayanan publik yang menjangkau seluruh wilayah Indonesia.",
            "Pengembangan E-Government diarahkan untuk pembentukan hubungan interaktif dengan "
            "dunia usaha untuk menhadapi perubahan dan persaingan perdagangan internasional.",
            "Pengembangan E-Government diarahkan untuk pembentukan mekanisme komunikasi dengan "
            "lembaga negara serta fasilitas dialog publik.",
            "Pengembangan E-Government diarahkan untuk pembentukan sistem manajemen dan proses "
            "kerja yang transparan dan efisien.",
        ]),
    ]),
    ("Tingkatan Pengembangan", [
        ("", [
            "Pengembangan E-Government dilaksanakan melalui 4 (empat) tingkatan, yaitu "
            "persiapan, pematangan, pemantapan, dan pemanfaatan.",
            "Setiap lembaga menetapkan tingkatan yang telah dicapainya.",
        ]),
        ("Tingkat Persiapan", [
            "Tingkat persiapan meliputi pembuatan situs web sebagai media informasi.",
            "Tingkat persiapan meliputi sosialisasi situs web untuk internal dan publik.",
        ]),
        ("Tingkat Pematangan", [
            "Tingkat pematangan meliputi pembuatan situs web informasi publik yang interaktif.",
            "Tingkat pematangan meliputi pembuatan antarmuka keterhubungan dengan lembaga lain.",
        ]),
        ("Tingkat Pemantapan", [
            "Tingkat pemantapan meliputi pembuatan situs web transaksi pelayanan publik.",
            "Tingkat pemantapan meliputi pembuatan interoperabilitas aplikasi dan data.",
        ]),
        ("Tingkat Pemanfaatan", [
            "Tingkat pemanfaatan meliputi pembuatan aplikasi untuk pelayanan G2G, G2B dan G2C "
            "(Government to Comsumers).",
        ]),
    ]),
    ("Ketentuan Penutup", [
        ("", ["Peraturan ini mulai berlaku pada tanggal diundangkan."]),
    ]),
]  # fmt: skip

REGULATION_EN = [
    ("General Provisions", [
        ("Definitions", [
            "In this Regulation, E-Government Development means the effort to develop "
            "electronically based governance.",
            "Through E-Government Development, management systems and work processes within "
            "government are reorganised.",
        ]),
        ("Scope", [
            "The use of information technology covers processing data and managing information "
            "electronically.",
            "The use of information technology covers using its advances so that public services "
            "can be accessed easily and cheaply.",
        ]),
    ]),
    ("Goals", [
        ("", [
            "E-Government Development aims to build information and public-service networks "
            "reaching all of Indonesia.",
            "E-Government Development aims to build interactive relations with the business world "
            "to face change and international trade competition.",
            "E-Government Development aims to build channels of communication with state "
            "institutions and public dialogue facilities.",
            "E-Government Development aims to build transparent and efficient management systems "
            "and work processes.",
        ]),
    ]),
    ("Stages of Development", [
        ("", [
            "E-Government Development is carried out through 4 (four) stages: preparation, "
            "maturation, consolidation and utilisation.",
            "Each institution determines the stage it has reached.",
        ]),
        ("Preparation Stage", [
            "The preparation stage covers creating a website as a medium of information.",
            "The preparation stage covers promoting the website internally and to the public.",
        ]),
        ("Maturation Stage", [
            "The maturation stage covers creating interactive public information websites.",
            "The maturation stage covers creating interfaces with other institutions.",
        ]),
        ("Consolidation Stage", [
            "The consolidation stage covers creating websites for public-service transactions.",
            "The consolidation stage covers making applications and data interoperable.",
        ]),
        ("Utilisation Stage", [
            "The utilisation stage covers building applications for G2G, G2B and G2C "
            "(Government to Comsumers) services.",
        ]),
    ]),
    ("Closing Provisions", [
        ("", ["This Regulation comes into force on the date of promulgation."]),
    ]),
]  # fmt: skip


def draft_body(spec=REGULATION) -> list[dict]:
    """Raw StreamField data for a draft body: [(bab title, [(pasal heading, [ayat text])])],
    with a new stable key on every element."""
    return [
        {
            "type": "chapter",
            "value": {
                "key": new_structure_key(),
                "title": title,
                "articles": [
                    {
                        "key": new_structure_key(),
                        "heading": heading,
                        "clauses": [{"key": new_structure_key(), "text": t} for t in texts],
                    }
                    for heading, texts in articles
                ],
            },
        }
        for title, articles in spec
    ]


def english_texts(outline, spec=REGULATION_EN) -> dict[str, str]:
    """Key → English title, heading or text for a draft built from ``REGULATION``."""
    texts = {}
    for chapter, (title, articles) in zip(outline, spec, strict=True):
        texts[chapter.key] = title
        for article, (heading, clause_texts) in zip(chapter.articles, articles, strict=True):
            texts[article.key] = heading
            for clause, text in zip(article.clauses, clause_texts, strict=True):
                texts[clause.key] = text
    return texts


def body_from_outline(outline, texts: dict[str, str]) -> list[dict]:
    """Raw body with the structure and keys of ``outline`` and, where given, ``texts`` by key
    (a translation; an element without one keeps its text)."""
    return [
        {
            "type": "chapter",
            "value": {
                "key": chapter.key,
                "title": texts.get(chapter.key, chapter.title),
                "articles": [
                    {
                        "key": article.key,
                        "heading": texts.get(article.key, article.heading),
                        "clauses": [
                            {"key": clause.key, "text": texts.get(clause.key, clause.text)}
                            for clause in article.clauses
                        ],
                    }
                    for article in chapter.articles
                ],
            },
        }
        for chapter in outline
    ]


def revised_body(raw: list[dict]) -> list[dict]:
    """Version 2 of a ``REGULATION`` body (Indonesian), keeping keys: one goal reworded, a typo
    fixed in another, a clause added, one removed, two swapped (one moves), one moved to the
    next Pasal and reworded to fit there (Pasal 6 ayat (2) → Pasal 7 ayat (1)), a typo fixed."""
    raw = copy.deepcopy(raw)
    goals = raw[1]["value"]["articles"][0]["clauses"]
    goals[0]["text"] = (
        "Pengembangan E-Government diarahkan untuk pembentukan jaringan informasi dan transaksi "
        "pelayanan publik yang menjangkau seluruh wilayah Indonesia dan dapat diakses oleh "
        "penyandang disabilitas."
    )
    goals[1]["text"] = goals[1]["text"].replace("menhadapi", "menghadapi")
    goals.append(
        {
            "key": new_structure_key(),
            "text": "Pengembangan E-Government menjamin pelindungan data pribadi masyarakat.",
        }
    )
    stages = raw[2]["value"]["articles"]
    stages[0]["clauses"].reverse()
    preparation, maturation, consolidation, utilisation = stages[1:5]
    del preparation["clauses"][1]
    moved = maturation["clauses"].pop(1)
    moved["text"] = moved["text"].replace("Tingkat pematangan", "Tingkat pemantapan")
    consolidation["clauses"].insert(0, moved)
    clause = utilisation["clauses"][0]
    clause["text"] = clause["text"].replace("Comsumers", "Consumers")
    return raw


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` and published through a revision, as an editor would."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            obj.save_revision().publish()


class HomePageFactory(PublishedPageFactory):
    class Meta:
        model = HomePage

    title = "Rembuk: Dialog Kebijakan Publik"
    slug = factory.Sequence(lambda n: f"beranda-{n}")
    intro = "Baca rancangan kebijakan dan beri masukan pasal demi pasal."


class PolicyIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = PolicyIndexPage

    title = "Kebijakan"
    slug = "kebijakan"
    show_in_menus = True
    intro = "Semua kebijakan yang sedang disusun, dikonsultasikan, ditetapkan, atau dievaluasi."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topik {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))


class PolicyPageFactory(PublishedPageFactory):
    """A policy in consultation. ``topics=[...]`` sets its topics before it is published."""

    class Meta:
        model = PolicyPage

    title = factory.Sequence(lambda n: f"Kebijakan Uji {n}")
    agency = factory.SubFactory(AgencyFactory)
    stage = PolicyStage.CONSULTATION
    initiated_on = dt.date(2026, 2, 10)
    summary = "Ringkasan kebijakan untuk pengujian."

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)
            obj.save_revision().publish()


class PolicyMilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyMilestone

    page = None
    stage = PolicyStage.CONSULTATION
    date = dt.date(2026, 6, 1)
    title = "Draf 1 dipublikasikan untuk konsultasi publik"


class DraftPageFactory(PublishedPageFactory):
    """One version of a policy's text; the body is ``REGULATION`` with fresh keys."""

    class Meta:
        model = DraftPage

    version_number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(
        lambda draft: f"Rancangan Peraturan — Draf {draft.version_number}"
    )
    slug = factory.LazyAttribute(lambda draft: f"draf-{draft.version_number}")
    body = factory.LazyFunction(draft_body)


def translate(page, language_code: str = "en", **fields):
    """Publish a translation of ``page`` (its parent must be translated already)."""
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A PDF in the root collection of the document library, as an editor uploads it."""

    title = "Naskah Akademik (ringkasan)"
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.FileField(filename="naskah-akademik.pdf", data=b"%PDF-1.4\n%%EOF\n")
