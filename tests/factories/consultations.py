import datetime as dt

import factory
from django.utils import timezone

from consultations.models import (
    Comment,
    CommentStatus,
    Consultation,
    ModerationMode,
    Stance,
)
from tests.factories.accounts import UserFactory
from tests.factories.cms import DraftPageFactory


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A post-moderated consultation on ``draft`` that opened a day ago and is open for ten
    more days. Traits: ``upcoming``, ``closed``, ``in_analysis``, ``responded``;
    ``premoderated``."""

    class Meta:
        model = Consultation

    draft = factory.SubFactory(DraftPageFactory)
    policy = factory.LazyAttribute(lambda c: c.draft.get_parent().specific)
    title = factory.LazyAttribute(lambda c: f"Konsultasi publik Draf {c.draft.version_number}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyAttribute(lambda c: c.opens_at + dt.timedelta(days=11))
    moderation_mode = ModerationMode.POST

    class Params:
        premoderated = factory.Trait(moderation_mode=ModerationMode.PRE)
        upcoming = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
        )
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=40)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10)),
        )
        in_analysis = factory.Trait(
            closed=True,
            analysis_started_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=9)),
        )
        responded = factory.Trait(
            in_analysis=True,
            response_published_at=factory.LazyFunction(timezone.now),
            response_summary="Terima kasih atas semua masukan.",
        )


class CommentFactory(factory.django.DjangoModelFactory):
    """A published comment written straight to the database (for state a test only reads;
    not indexed for search). For behaviour, use ``SubmittedCommentFactory``."""

    class Meta:
        model = Comment

    consultation = factory.SubFactory(ConsultationFactory)
    author = factory.SubFactory(UserFactory)
    clause_key = ""
    body = factory.Faker("sentence", nb_words=12, locale="id_ID")
    stance = Stance.SUPPORT
    respondent_type = factory.LazyAttribute(
        lambda c: c.author.respondent_type if c.author else "individual"
    )
    organisation = factory.LazyAttribute(lambda c: c.author.organisation if c.author else "")
    province = factory.LazyAttribute(lambda c: c.author.province if c.author else "")
    status = CommentStatus.PUBLISHED
    consent_given_at = factory.LazyFunction(timezone.now)


class SubmittedCommentFactory(factory.django.DjangoModelFactory):
    """A comment submitted through ``comment_create``, as from the form: moderation mode,
    notifications and search indexing all apply. Extra keywords go to the service."""

    class Meta:
        model = Comment

    consultation = factory.SubFactory(ConsultationFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Faker("sentence", nb_words=12, locale="id_ID")
    stance = Stance.SUPPORT

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from consultations.services import comment_create

        kwargs.setdefault("consent", True)
        comment, _created = comment_create(**kwargs)
        return comment
