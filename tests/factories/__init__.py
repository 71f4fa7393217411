import factory
from allauth.account.models import EmailAddress

from accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    """A participant with a verified email address, as after completing sign-up."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"peserta{n}@example.id")
    display_name = factory.Faker("name", locale="id_ID")
    password = factory.django.Password("kata-sandi-rahasia-123")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)
