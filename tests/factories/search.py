import factory

from search.models import Code
from tests.factories.accounts import UserFactory
from tests.factories.consultations import ConsultationFactory


class CodeFactory(factory.django.DjangoModelFactory):
    """A code of a consultation's codebook."""

    class Meta:
        model = Code

    consultation = factory.SubFactory(ConsultationFactory)
    label = factory.Sequence(lambda n: f"Tema {n}")
    created_by = factory.SubFactory(UserFactory)
