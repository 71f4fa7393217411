"""The demo is built through the apps' services, as real data is: demo code never writes a row of
the consultations, forums, search or accounts apps itself.

The import-linter contract in pyproject.toml keeps demo from importing those model modules; it sees
import edges only, not a model reached through a relation or ``get_user_model()`` nor an instance
saved directly. This test sees every write: it rebuilds the demo's people, consultations,
discussion and analysis and traces each INSERT, UPDATE and DELETE on those apps' tables back to
the innermost project code that issued it, which must not be in demo/.
"""

import io
import re
import traceback
from collections import Counter
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from accounts.models import Agency
from cms.models import PolicyPage
from consultations.models import Comment, Consultation
from forums.models import Post, Thread

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


@pytest.fixture
def demo_policy():
    return PolicyPage.objects.get(slug="pengembangan-e-government", locale__language_code="id")


ROOT = Path(settings.BASE_DIR)
DEMO = ROOT / "demo"
TESTS = ROOT / "tests"
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def domain_tables() -> set[str]:
    """Tables of the apps whose data must come from services (Agency is a snippet, kept in the
    admin like pages); allauth's email addresses count as accounts' data."""
    tables = {
        model._meta.db_table
        for app in apps.get_app_configs()
        if app.name in ("accounts", "consultations", "forums", "search")
        for model in app.get_models(include_auto_created=True)
    }
    return (tables - {Agency._meta.db_table}) | {EmailAddress._meta.db_table}


def innermost_project_frame():
    for frame in reversed(traceback.extract_stack()):
        path = Path(frame.filename)
        if (
            path.is_relative_to(ROOT)
            and not path.is_relative_to(TESTS)
            and not {".venv", "site-packages"} & set(path.parts)
        ):
            return frame
    return None


class WriteTracer:
    """A database execute wrapper that notes domain writes, and those made by demo code."""

    def __init__(self):
        self.tables = domain_tables()
        self.writes = Counter()
        self.from_demo = []

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and match[1] in self.tables:
            self.writes[match[1]] += 1
            frame = innermost_project_frame()
            if frame is not None and Path(frame.filename).is_relative_to(DEMO):
                self.from_demo.append(f"{frame.filename}:{frame.lineno}: {sql[:90]}")
        return execute(sql, params, many, context)


def demo_content(policy) -> dict:
    """What the demo shows, in counts that a rebuild must reproduce exactly."""
    comments = Comment.objects.filter(consultation__policy=policy)
    return {
        "comments": Counter(
            comments.values_list(
                "consultation__title", "status", "channel", "stance", "parent__body",
                "author__email", "support_count",
            )
        ),
        "decisions": Counter(comments.values_list("decisions__action", "decisions__reason")),
        "codings": Counter(comments.values_list("codings__code__label")),
        "campaigns": Counter(
            Consultation.objects.filter(policy=policy).values_list("title", "campaigns__size")
        ),
        "phases": sorted(c.phase.key for c in Consultation.objects.filter(policy=policy)),
        "posts": list(
            Post.objects.filter(thread__policy=policy)
            .order_by("seq")
            .values_list("thread__title", "thread__pinned", "author__email", "official")
        ),
        "people": sorted(
            get_user_model()
            .objects.filter(email__endswith="@rembuk.example")
            .values_list(
                "email", "is_superuser", "groups__name", "role_assignments__role",
                "agency_representations__status", "respondent_type", "organisation",
                "emailaddress__verified",
            ),
            key=repr,
        ),
    }  # fmt: skip


@pytest.fixture
def demo_domain_data_removed(demo_policy):
    """The demo's pages stay; its people, consultations and discussion are removed."""
    before = demo_content(demo_policy)
    Consultation.objects.filter(policy=demo_policy).delete()
    Thread.objects.filter(policy=demo_policy).delete()
    get_user_model().objects.filter(email__endswith="@rembuk.example").delete()
    assert not demo_content(demo_policy)["comments"]
    return before


def test_demo_data_is_written_by_services_alone_and_comes_out_the_same(
    demo_policy, demo_domain_data_removed
):
    tracer = WriteTracer()
    with connection.execute_wrapper(tracer):
        call_command("load_demo", force=True, stdout=io.StringIO())

    assert tracer.from_demo == []
    for table in (
        "consultations_comment",
        "consultations_moderationdecision",
        "forums_post",
        "rembuk_search_commentcode",
        "accounts_roleassignment",
        "account_emailaddress",
    ):
        assert tracer.writes[table], f"nothing written to {table}: is the tracer tracing?"
    assert demo_content(demo_policy) == demo_domain_data_removed


def test_the_tracer_catches_a_write_made_by_demo_code(demo_policy):
    tracer = WriteTracer()
    direct_write = compile(
        "Comment.objects.filter(pk=comment_id).update(body='diubah langsung')",
        str(DEMO / "written_directly.py"),
        "exec",
    )
    comment = Comment.objects.filter(consultation__policy=demo_policy).first()
    names = {"Comment": Comment, "comment_id": comment.pk}
    with connection.execute_wrapper(tracer):
        exec(direct_write, names)  # noqa: S102 - a fixed statement, compiled as if in demo/

    assert len(tracer.from_demo) == 1
    assert "written_directly.py:1" in tracer.from_demo[0]
