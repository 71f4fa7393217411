"""Events stored before each post's events carried its current state: take the text and the
name out of every stored event of a post that is hidden, deleted or whose author's account was
erased, so the public catch-up never replays them (later changes rewrite events as they go)."""

from django.db import migrations

BATCH = 1000


def scrub(apps, schema_editor):
    Post = apps.get_model("forums", "Post")
    ThreadEvent = apps.get_model("forums", "ThreadEvent")
    from django.db.models import Q

    hidden = set(Post.objects.filter(Q(hidden=True) | Q(deleted=True)).values_list("pk", flat=True))
    nameless = set(Post.objects.filter(author__isnull=True).values_list("pk", flat=True))
    events = ThreadEvent.objects.filter(post_id__in=hidden | nameless).exclude(kind="post.reacted")
    changed = []
    for event in events.iterator(chunk_size=BATCH):
        payload = dict(event.payload)
        if event.post_id in hidden:
            payload.update(body="", author="", html={})
        if event.post_id in nameless:
            payload.update(author="", html={})
        if payload != event.payload:
            event.payload = payload
            changed.append(event)
        if len(changed) >= BATCH:
            ThreadEvent.objects.bulk_update(changed, ["payload"])
            changed = []
    ThreadEvent.objects.bulk_update(changed, ["payload"])


class Migration(migrations.Migration):
    dependencies = [("forums", "0002_post_moderation_log")]
    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
