"""Groups, page permissions and the editorial workflow: drafting → legal review → publication.

Policy editors write and submit; legal reviewers approve, which publishes. Both reach the admin.
"""

import swapper
from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editor kebijakan"
LEGAL_REVIEWERS = "Peninjau hukum"
WORKFLOW = "Penyusunan → tinjauan hukum → terbit"
TASK = "Tinjauan hukum"


def forwards(apps, schema_editor):
    for label in ("wagtailcore", "wagtaildocs", "wagtailadmin", "cms"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)

    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model(swapper.get_model_name("wagtailcore", "Page"))
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore.Collection")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    def perm(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    root = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    access_admin = perm("wagtailadmin", "access_admin")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    reviewers, _ = Group.objects.get_or_create(name=LEGAL_REVIEWERS)
    page_permissions = {
        editors: ["add_page", "change_page", "lock_page", "unlock_page"],
        reviewers: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    }
    for group, codenames in page_permissions.items():
        group.permissions.add(access_admin)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=perm("wagtailcore", codename)
            )
        for codename in ("add_document", "change_document", "choose_document"):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=perm("wagtaildocs", codename)
            )
    for model in ("agency", "topic"):
        for action in ("add", "change", "view"):
            editors.permissions.add(perm("cms", f"{action}_{model}"))

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([reviewers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def create_english_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunPython(create_english_locale, migrations.RunPython.noop),
    ]
