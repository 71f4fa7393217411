import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import (
    Agency,
    AgencyLevel,
    AgencyRepresentative,
    RepresentationStatus,
    RoleAssignment,
    StaffRole,
    User,
)


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


class AgencyFactory(factory.django.DjangoModelFactory):
    """A government body; its slug and name are unique."""

    class Meta:
        model = Agency
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kementerian Uji {n}")
    acronym = factory.Sequence(lambda n: f"KU{n}")
    slug = factory.Sequence(lambda n: f"kementerian-uji-{n}")
    level = AgencyLevel.NATIONAL


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    """A drafter or moderator role for one agency."""

    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = StaffRole.MODERATOR


class AgencyRepresentativeFactory(factory.django.DjangoModelFactory):
    """A user who speaks for an agency; pending until an admin verifies the claim."""

    class Meta:
        model = AgencyRepresentative

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    position = "Kepala Bagian Hubungan Masyarakat"
    status = RepresentationStatus.PENDING

    class Params:
        verified = factory.Trait(
            status=RepresentationStatus.VERIFIED, decided_at=factory.LazyFunction(timezone.now)
        )
