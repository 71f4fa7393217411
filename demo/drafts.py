"""The demo regulation on e-government development, in two versions and two languages.

Version 1 follows the seed text closely; version 2 makes the kinds of change a real revision makes
(a reworded goal, a new clause on personal data, a removed clause, a clause moved to another
article, corrected typos), so the comparison page has something real to show.
"""

from __future__ import annotations

import copy

from cms.drafts import new_structure_key
from demo.seed import SeedText


def _lcfirst(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def indonesian_v1(seed: SeedText) -> list[dict]:
    stage_names = [name for name, _ in seed.stages]
    stage_articles = [
        {
            "heading": f"Tingkat {name.capitalize()}",
            "clauses": [f"Tingkat {name} meliputi {_lcfirst(item)}" for item in items],
        }
        for name, items in seed.stages
    ]
    return [
        {
            "title": "Ketentuan Umum",
            "articles": [
                {
                    "heading": "Pengertian",
                    "clauses": [
                        "Dalam Peraturan ini yang dimaksud dengan "
                        + seed.definition[0].replace(" merupakan ", " adalah "),
                        seed.definition[1],
                    ],
                },
                {
                    "heading": "Ruang Lingkup",
                    "clauses": [
                        "Pemanfaatan teknologi informasi dalam Pengembangan E-Government mencakup "
                        + _lcfirst(item)
                        for item in seed.activities
                    ],
                },
            ],
        },
        {
            "title": "Tujuan",
            "articles": [
                {
                    "heading": "",
                    "clauses": [
                        "Pengembangan E-Government diarahkan untuk " + _lcfirst(goal)
                        for goal in seed.goals
                    ],
                }
            ],
        },
        {
            "title": "Tingkatan Pengembangan",
            "articles": [
                {
                    "heading": "",
                    "clauses": [
                        "Pengembangan E-Government dilaksanakan melalui 4 (empat) tingkatan, yaitu "
                        + ", ".join(stage_names[:-1])
                        + f", dan {stage_names[-1]}.",
                        "Setiap lembaga menetapkan tingkatan yang telah dicapainya berdasarkan sifat "
                        "transaksi informasi dan pelayanan publik yang disediakan melalui jaringan "
                        "informasi.",
                    ],
                },
                *stage_articles,
            ],
        },
        {
            "title": "Ketentuan Penutup",
            "articles": [
                {
                    "heading": "",
                    "clauses": ["Peraturan ini mulai berlaku pada tanggal diundangkan."],
                }
            ],
        },
    ]


ENGLISH_V1 = [
    {
        "title": "General Provisions",
        "articles": [
            {
                "heading": "Definitions",
                "clauses": [
                    "In this Regulation, E-Government Development means the effort to develop "
                    "electronically based governance in order to improve the quality of public "
                    "services effectively and efficiently.",
                    "Through E-Government Development, management systems and work processes within "
                    "government are reorganised by optimising the use of information technology.",
                ],
            },
            {
                "heading": "Scope",
                "clauses": [
                    "The use of information technology in E-Government Development covers data "
                    "processing, information management, management systems and work processes "
                    "carried out electronically.",
                    "The use of information technology in E-Government Development covers the use "
                    "of advances in information technology so that public services can be accessed "
                    "easily and cheaply by people throughout the country.",
                ],
            },
        ],
    },
    {
        "title": "Goals",
        "articles": [
            {
                "heading": "",
                "clauses": [
                    "E-Government Development aims to build information and public-service "
                    "transaction networks whose quality and reach satisfy the public, reachable "
                    "throughout Indonesia at any time without limits of time and at a cost the "
                    "public can afford.",
                    "E-Government Development aims to build interactive relations with the business "
                    "world to foster the national economy and strengthen the capacity to face "
                    "change and international trade competition.",
                    "E-Government Development aims to build mechanisms and channels of communication "
                    "with state institutions and to provide public dialogue facilities so that the "
                    "public can take part in the formulation of state policy.",
                    "E-Government Development aims to build transparent and efficient management "
                    "systems and work processes and to ease transactions and services between "
                    "government institutions and autonomous regional governments.",
                ],
            }
        ],
    },
    {
        "title": "Stages of Development",
        "articles": [
            {
                "heading": "",
                "clauses": [
                    "E-Government Development is carried out through 4 (four) stages: preparation, "
                    "maturation, consolidation and utilisation.",
                    "Each institution determines the stage it has reached based on the nature of "
                    "the information transactions and public services it provides through "
                    "information networks.",
                ],
            },
            {
                "heading": "Preparation Stage",
                "clauses": [
                    "The preparation stage covers creating a website as a medium of information and "
                    "communication in every institution.",
                    "The preparation stage covers promoting the website internally and to the public.",
                ],
            },
            {
                "heading": "Maturation Stage",
                "clauses": [
                    "The maturation stage covers creating interactive public information websites.",
                    "The maturation stage covers creating interfaces that connect with other "
                    "institutions.",
                ],
            },
            {
                "heading": "Consolidation Stage",
                "clauses": [
                    "The consolidation stage covers creating websites for public-service "
                    "transactions.",
                    "The consolidation stage covers making applications and data interoperable with "
                    "other institutions.",
                ],
            },
            {
                "heading": "Utilisation Stage",
                "clauses": [
                    "The utilisation stage covers building applications for Government to "
                    "Government (G2G), Government to Business (G2B) and Government to Comsumers "
                    "(G2C) services.",
                ],
            },
        ],
    },
    {
        "title": "Closing Provisions",
        "articles": [
            {
                "heading": "",
                "clauses": ["This Regulation comes into force on the date of promulgation."],
            }
        ],
    },
]


def with_keys(spec: list[dict]) -> list[dict]:
    """Raw StreamField data for a draft body, with a new key on every element."""
    return [
        {
            "type": "chapter",
            "value": {
                "key": new_structure_key(),
                "title": chapter["title"],
                "articles": [
                    {
                        "key": new_structure_key(),
                        "heading": article["heading"],
                        "clauses": [
                            {"key": new_structure_key(), "text": text}
                            for text in article["clauses"]
                        ],
                    }
                    for article in chapter["articles"]
                ],
            },
        }
        for chapter in spec
    ]


def with_texts_of(raw: list[dict], spec: list[dict]) -> list[dict]:
    """The same structure and keys as ``raw`` with the titles and texts of ``spec`` (a translation)."""
    translated = copy.deepcopy(raw)
    for chapter, chapter_spec in zip(translated, spec, strict=True):
        chapter["value"]["title"] = chapter_spec["title"]
        articles = chapter["value"]["articles"]
        for article, article_spec in zip(articles, chapter_spec["articles"], strict=True):
            article["heading"] = article_spec["heading"]
            for clause, text in zip(article["clauses"], article_spec["clauses"], strict=True):
                clause["text"] = text
    return translated


V2_TEXTS = {
    "id": {
        "goal_1": (
            "Pengembangan E-Government diarahkan untuk pembentukan jaringan informasi dan transaksi "
            "pelayanan publik yang berkualitas, menjangkau seluruh wilayah Indonesia pada setiap "
            "saat tanpa dibatasi sekat waktu, dengan biaya yang terjangkau, dan dapat diakses oleh "
            "penyandang disabilitas."
        ),
        "goal_2_from": "menhadapi",
        "goal_2_to": "menghadapi",
        "data_protection": (
            "Pengembangan E-Government menjamin pelindungan data pribadi masyarakat dalam setiap "
            "layanan sesuai dengan Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data "
            "Pribadi."
        ),
        "typo_from": "Comsumers",
        "typo_to": "Consumers",
        "moved_from": "Tingkat pematangan",
        "moved_to": "Tingkat pemantapan",
    },
    "en": {
        "goal_1": (
            "E-Government Development aims to build quality information and public-service "
            "transaction networks reaching all of Indonesia at any time without limits of time, at "
            "an affordable cost, and accessible to persons with disabilities."
        ),
        "goal_2_from": "strengthen the capacity",
        "goal_2_to": "strengthen the national capacity",
        "data_protection": (
            "E-Government Development guarantees the protection of citizens' personal data in "
            "every service in accordance with Law Number 27 of 2022 on Personal Data Protection."
        ),
        "typo_from": "Comsumers",
        "typo_to": "Consumers",
        "moved_from": "The maturation stage",
        "moved_to": "The consolidation stage",
    },
}


def version_2(raw_v1: list[dict], texts: dict, *, data_protection_key: str) -> list[dict]:
    """Apply the version-2 revision to a version-1 body (either language), keeping keys."""
    raw = copy.deepcopy(raw_v1)
    goals = raw[1]["value"]["articles"][0]["clauses"]
    goals[0]["text"] = texts["goal_1"]
    goals[1]["text"] = goals[1]["text"].replace(texts["goal_2_from"], texts["goal_2_to"])
    goals.append({"key": data_protection_key, "text": texts["data_protection"]})

    stages = raw[2]["value"]["articles"]
    stages[0]["clauses"].reverse()  # how institutions assess their stage now comes first
    preparation, maturation, consolidation, utilisation = stages[1:5]
    del preparation["clauses"][1]  # promoting the website: folded into the maturation stage
    moved = maturation["clauses"].pop(1)  # interfaces with other institutions → consolidation
    moved["text"] = moved["text"].replace(texts["moved_from"], texts["moved_to"])
    consolidation["clauses"].insert(0, moved)
    clause = utilisation["clauses"][0]
    clause["text"] = clause["text"].replace(texts["typo_from"], texts["typo_to"])
    return raw
