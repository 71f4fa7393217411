"""factory_boy factories, one module per app; tests/conftest.py registers them as fixtures."""

from tests.factories.accounts import (
    AgencyFactory,
    AgencyRepresentativeFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.factories.cms import (
    DocumentFactory,
    DraftPageFactory,
    HomePageFactory,
    PolicyIndexPageFactory,
    PolicyMilestoneFactory,
    PolicyPageFactory,
    TopicFactory,
)
from tests.factories.consultations import (
    CommentFactory,
    ConsultationFactory,
    SubmittedCommentFactory,
)
from tests.factories.forums import PostFactory, ThreadFactory
from tests.factories.search import CodeFactory

__all__ = [
    "DocumentFactory",
    "AgencyFactory",
    "AgencyRepresentativeFactory",
    "CodeFactory",
    "CommentFactory",
    "ConsultationFactory",
    "DraftPageFactory",
    "HomePageFactory",
    "PolicyIndexPageFactory",
    "PolicyMilestoneFactory",
    "PolicyPageFactory",
    "PostFactory",
    "RoleAssignmentFactory",
    "SubmittedCommentFactory",
    "ThreadFactory",
    "TopicFactory",
    "UserFactory",
]
