"""Builds the demo site. Idempotent: pages are created once; demo accounts get fresh passwords."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from cms.drafts import new_structure_key
from cms.models import (
    ContentPage,
    DraftAttachment,
    DraftPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PolicyIndexPage,
    PolicyMilestone,
    PolicyPage,
    PolicyStage,
    SiteSettings,
)
from demo import drafts, privacy
from demo.analysis import ensure_demo_analysis
from demo.consultation import ensure_demo_consultations
from demo.forum import ensure_discussion
from demo.pdf import text_pdf
from demo.people import (
    DRAFTER_EMAIL,
    MODERATOR_EMAIL,
    DemoAccount,
    ensure_accounts,
    ensure_participants,
    user,
)
from demo.seed import read_seed
from demo.snippets import ensure_agencies, ensure_topics


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=9, tzinfo=dt.UTC)


def _publish(parent: Page, page: Page, *, on: str | None = None) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    if on:
        Page.objects.filter(pk=page.pk).update(
            first_published_at=_at(on), last_published_at=_at(on)
        )
    return page


def _translate(page: Page, locale: Locale, *, on: str | None = None, **fields) -> Page:
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    if on:
        Page.objects.filter(pk=translation.pk).update(
            first_published_at=_at(on), last_published_at=_at(on)
        )
    return translation


def _site_home(id_locale: Locale) -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage(
        title="Rembuk: Dialog Kebijakan Publik",
        slug="beranda",
        locale=id_locale,
        intro=(
            "Baca rancangan kebijakan, beri masukan pasal demi pasal, dan ikuti bagaimana masukan "
            "Anda ditanggapi. Terbuka untuk warga, dunia usaha, dan instansi pemerintah."
        ),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    previous_root = site.root_page_id
    site.root_page = home
    site.site_name = "Rembuk"
    site.save()
    # Wagtail's placeholder "Welcome" page is replaced by the real home page.
    if previous_root and previous_root != home.pk:
        Page.objects.filter(pk=previous_root, depth=2).exclude(pk=home.pk).delete()
    return home


def _academic_paper(seed) -> DraftAttachment:
    """The draft's PDF attachment, to be saved with the page (and so in its revisions)."""
    lines = [*seed.definition, "", "Tujuan:", *(f"- {goal[:95]}" for goal in seed.goals)]
    document = get_document_model()(title="Naskah Akademik (ringkasan)")
    document.file.save(
        "naskah-akademik.pdf", ContentFile(text_pdf("Naskah Akademik", lines)), save=False
    )
    document.save()
    return DraftAttachment(document=document, title=document.title, sort_order=0)


def _other_policy_draft(title: str, chapters: list[tuple[str, list[list[str]]]]) -> list[dict]:
    spec = [
        {"title": chapter_title, "articles": [{"heading": "", "clauses": c} for c in articles]}
        for chapter_title, articles in chapters
    ]
    return drafts.with_keys(spec)


def _build_pages() -> None:
    seed = read_seed()
    id_locale = Locale.objects.get(language_code="id")
    en_locale, _ = Locale.objects.get_or_create(language_code="en")
    agencies, topics = ensure_agencies(), ensure_topics()

    home = _site_home(id_locale)
    policies = _publish(
        home,
        PolicyIndexPage(
            title="Kebijakan",
            slug="kebijakan",
            show_in_menus=True,
            intro="Semua kebijakan yang sedang disusun, dikonsultasikan, ditetapkan, atau dievaluasi.",
        ),
    )
    news_index = _publish(
        home,
        NewsIndexPage(title="Berita", slug="berita", show_in_menus=True,
                      intro="Kabar terbaru tentang konsultasi publik dan kebijakan."),
    )  # fmt: skip
    about = _publish(
        home,
        ContentPage(
            title="Tentang E-Government",
            slug="tentang",
            show_in_menus=True,
            intro=seed.paragraphs[0],
            body=[
                {"type": "heading", "value": "Tujuan pengembangan E-Government"},
                {"type": "paragraph",
                 "value": "<ol>" + "".join(f"<li>{g}</li>" for g in seed.goals) + "</ol>"},
                {"type": "heading", "value": "Tingkatan pengembangan"},
                {"type": "paragraph",
                 "value": "<ol>" + "".join(
                     f"<li>Tingkat {name}: {' '.join(items)}</li>" for name, items in seed.stages
                 ) + "</ol>"},
            ],
        ),
    )  # fmt: skip

    # The main demo policy: two published versions with real differences.
    egov = PolicyPage(
        title="Pengembangan E-Government untuk Meningkatkan Kualitas Pelayanan Publik",
        slug="pengembangan-e-government",
        agency=agencies["komdigi"],
        stage=PolicyStage.CONSULTATION,
        initiated_on=dt.date(2026, 2, 10),
        summary=seed.definition[0],
        body="<p>" + "</p><p>".join(seed.definition) + "</p>",
        legal_basis=(
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n"
            "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi"
        ),
    )
    egov.milestones = [
        PolicyMilestone(stage=PolicyStage.AGENDA, date=dt.date(2026, 2, 10),
                        title="Penjaringan masukan awal dibuka",
                        description="Masyarakat diundang menyampaikan masalah layanan digital."),
        PolicyMilestone(stage=PolicyStage.CONSULTATION, date=dt.date(2026, 6, 1),
                        title="Draf 1 dipublikasikan untuk konsultasi publik"),
        PolicyMilestone(stage=PolicyStage.CONSULTATION, date=dt.date(2026, 10, 15),
                        title="Draf 2 dipublikasikan dengan perubahan dari masukan publik"),
    ]  # fmt: skip
    _publish(policies, egov, on="2026-02-10")
    egov.topics.set([topics["e-government"], topics["pelayanan-publik"]])
    egov.save_revision().publish()

    body_v1 = drafts.with_keys(drafts.indonesian_v1(seed))
    data_protection_key = new_structure_key()
    body_v2 = drafts.version_2(
        body_v1, drafts.V2_TEXTS["id"], data_protection_key=data_protection_key
    )
    title = "Rancangan Peraturan tentang Pengembangan E-Government"
    v1 = _publish(
        egov,
        DraftPage(title=f"{title} — Draf 1", slug="draf-1", version_number=1, body=body_v1,
                  preamble="<p>Menimbang bahwa pelayanan publik harus dapat diakses secara mudah "
                           "dan murah oleh masyarakat di seluruh wilayah negara;</p>"),
        on="2026-06-01",
    )  # fmt: skip
    v2 = _publish(
        egov,
        DraftPage(
            title=f"{title} — Draf 2", slug="draf-2", version_number=2, body=body_v2,
            preamble=v1.preamble,
            change_summary=(
                "Tujuan pertama kini mencakup aksesibilitas bagi penyandang disabilitas; "
                "ditambahkan ayat tentang pelindungan data pribadi; sosialisasi situs web "
                "dihapus dari tingkat persiapan; keterhubungan dengan lembaga lain dipindahkan ke "
                "tingkat pemantapan; penilaian tingkatan oleh setiap lembaga kini disebut lebih "
                "dahulu; perbaikan salah ketik."
            ),
            attachments=[_academic_paper(seed)],
        ),
        on="2026-10-15",
    )  # fmt: skip

    # Other policies, so the index has stages, agencies, topics and years to filter by.
    others = [
        ("Kerangka Arsitektur E-Government Nasional", "kerangka-arsitektur", "kemenpanrb",
         PolicyStage.AGENDA, dt.date(2026, 9, 1), ["e-government", "tata-kelola"],
         "Penjaringan masukan tentang kerangka arsitektur yang menghubungkan proses bisnis, data, "
         "aplikasi, dan infrastruktur pemerintahan.", None),
        ("Interoperabilitas Data antar Lembaga", "interoperabilitas-data", "kemendagri",
         PolicyStage.CONSULTATION, dt.date(2025, 11, 3), ["data-interoperabilitas",
                                                           "pelindungan-data"],
         "Pengaturan pertukaran data antar instansi pusat dan daerah secara aman dan terstandar.",
         [("Ketentuan Umum", [["Interoperabilitas data adalah kemampuan sistem elektronik "
                               "lembaga pemerintah untuk saling bertukar data secara aman."]]),
          ("Pertukaran Data", [["Setiap pertukaran data antar lembaga dicatat dalam log yang "
                                "dapat diaudit.",
                                "Data pribadi hanya dipertukarkan untuk tujuan yang sah dan "
                                "terbatas."]])]),
        ("Tahapan Penyusunan Kebijakan Publik Daerah", "tahapan-kebijakan-daerah", "jabar",
         PolicyStage.ADOPTED, dt.date(2025, 3, 17), ["tata-kelola"],
         "Pedoman penyusunan kebijakan publik daerah yang melibatkan partisipasi masyarakat sejak "
         "tahap perencanaan.", None),
        ("Sistem Informasi Manajemen Pelayanan Publik", "sim-pelayanan-publik", "surabaya",
         PolicyStage.EVALUATION, dt.date(2024, 5, 20), ["pelayanan-publik"],
         "Evaluasi penerapan sistem informasi manajemen pelayanan publik di tingkat kota.", None),
    ]  # fmt: skip
    for title_, slug, agency, stage, initiated, topic_slugs, summary, draft_spec in others:
        policy = _publish(
            policies,
            PolicyPage(title=title_, slug=slug, agency=agencies[agency], stage=stage,
                       initiated_on=initiated, summary=summary),
            on=initiated.isoformat(),
        )  # fmt: skip
        policy.topics.set([topics[s] for s in topic_slugs])
        policy.save_revision().publish()
        if draft_spec:
            _publish(
                policy,
                DraftPage(title=f"Rancangan {title_} — Draf 1", slug="draf-1", version_number=1,
                          body=_other_policy_draft(title_, draft_spec)),
                on=initiated.isoformat(),
            )  # fmt: skip

    news = [
        ("2026-10-15", "Draf 2 Rancangan Peraturan E-Government terbit", "komdigi",
         "Draf kedua memuat perubahan berdasarkan masukan publik, termasuk pelindungan data "
         "pribadi dan aksesibilitas. Bandingkan kedua versi pasal demi pasal."),
        ("2026-06-01", "Konsultasi publik Rancangan Peraturan E-Government dibuka", "komdigi",
         "Warga, dunia usaha, dan instansi pemerintah diundang memberi masukan pada Draf 1."),
        ("2026-09-01", "Penjaringan masukan arsitektur E-Government nasional", "kemenpanrb",
         "KemenPAN-RB mengundang masukan awal tentang kerangka arsitektur E-Government."),
    ]  # fmt: skip
    for day, news_title, agency, intro in news:
        _publish(
            news_index,
            NewsPage(title=news_title, slug=f"berita-{day}", date=dt.date.fromisoformat(day),
                     agency=agencies[agency], intro=intro, body=f"<p>{intro}</p>"),
            on=day,
        )  # fmt: skip

    # English translations of the main path, so the language switcher has somewhere to go.
    _translate(
        home, en_locale, title="Rembuk: Public Policy Dialogue", slug="home",
        intro=("Read draft policies, comment clause by clause, and follow how your input is "
               "answered. Open to citizens, businesses and government agencies."),
    )  # fmt: skip
    _translate(policies, en_locale, title="Policies", slug="policies",
               intro="Every policy being drafted, consulted on, adopted or evaluated.")  # fmt: skip
    _translate(news_index, en_locale, title="News", slug="news",
               intro="The latest on public consultations and policies.")  # fmt: skip
    _translate(about, en_locale, title="About E-Government", slug="about",
               intro=("E-Government development is the effort to develop electronically based "
                      "governance in order to improve the quality of public services "
                      "effectively and efficiently."),
               body=[])  # fmt: skip
    _translate(
        egov, en_locale, title="E-Government Development to Improve the Quality of Public Services",
        slug="e-government-development",
        summary=("E-Government development is the effort to develop electronically based "
                 "governance in order to improve the quality of public services effectively and "
                 "efficiently."),
        body="", legal_basis=("Law Number 25 of 2009 on Public Services\n"
                              "Law Number 27 of 2022 on Personal Data Protection"),
        on="2026-02-10",
    )  # fmt: skip
    english_v1 = drafts.with_texts_of(body_v1, drafts.ENGLISH_V1)
    english_title = "Draft Regulation on E-Government Development"
    _translate(v1, en_locale, title=f"{english_title} — Draft 1", slug="draft-1", body=english_v1,
               preamble="<p>Whereas public services must be easy and cheap to access for people "
                        "throughout the country;</p>", on="2026-06-01")  # fmt: skip
    _translate(
        v2, en_locale, title=f"{english_title} — Draft 2", slug="draft-2",
        body=drafts.version_2(english_v1, drafts.V2_TEXTS["en"],
                              data_protection_key=data_protection_key),
        preamble="<p>Whereas public services must be easy and cheap to access for people "
                 "throughout the country;</p>",
        change_summary=("The first goal now covers accessibility for persons with disabilities; a "
                        "clause on personal data protection was added; promoting the website was "
                        "removed from the preparation stage; connecting with other institutions "
                        "moved to the consolidation stage; how each institution assesses its stage now "
                        "comes first; typos corrected."),
        on="2026-10-15",
    )  # fmt: skip


def _ensure_privacy_notice() -> None:
    """The privacy notice is part of every site, also one whose demo pages predate it."""
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if site_settings.privacy_notice_id:
        return
    home = site.root_page.specific
    notice = ContentPage.objects.child_of(home).filter(slug="privasi").first()
    if notice is None:
        notice = _publish(
            home,
            ContentPage(
                title=privacy.INDONESIAN["title"],
                slug="privasi",
                intro=privacy.INDONESIAN["intro"],
                body=privacy.body_blocks(privacy.INDONESIAN),
            ),
        )
        en_locale = Locale.objects.get(language_code="en")
        if home.has_translation(en_locale):
            _translate(
                notice,
                en_locale,
                title=privacy.ENGLISH["title"],
                slug="privacy",
                intro=privacy.ENGLISH["intro"],
                body=privacy.body_blocks(privacy.ENGLISH),
            )
    site_settings.privacy_notice = notice
    site_settings.save()


@transaction.atomic
def load_demo() -> tuple[bool, list[DemoAccount]]:
    """Return whether pages were created now (False when already there) and the demo accounts.

    Pages go through Wagtail's page API; people, consultations, the discussion and the analysis
    through the apps' services, each built once."""
    created = not HomePage.objects.exists()
    if created:
        _build_pages()
    _ensure_privacy_notice()
    accounts = ensure_accounts()
    policy = PolicyPage.objects.get(slug="pengembangan-e-government", locale__language_code="id")
    draft_1, draft_2 = DraftPage.objects.child_of(policy).order_by("version_number")[:2]
    drafter, moderator = user(DRAFTER_EMAIL), user(MODERATOR_EMAIL)
    _closed, current = ensure_demo_consultations(
        policy=policy, draft_1=draft_1, draft_2=draft_2, drafter=drafter, moderator=moderator,
        participants=ensure_participants(),
    )  # fmt: skip
    ensure_discussion(policy=policy)
    ensure_demo_analysis(consultation=current, moderator=moderator, drafter=drafter)
    return created, accounts
