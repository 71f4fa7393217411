import factory

from forums.models import Post, Thread
from tests.factories.accounts import UserFactory


class ThreadFactory(factory.django.DjangoModelFactory):
    """A discussion thread on its own (pass ``policy`` or ``consultation`` to attach it)."""

    class Meta:
        model = Thread

    title = factory.Sequence(lambda n: f"Diskusi uji {n}")
    created_by = factory.SubFactory(UserFactory)


class PostFactory(factory.django.DjangoModelFactory):
    """A post made through ``post_create``: numbered, recorded as an event, broadcast."""

    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Faker("sentence", nb_words=10, locale="id_ID")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from forums.services import post_create

        kwargs.setdefault("rate_limit", False)
        return post_create(**kwargs)
