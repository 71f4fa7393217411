"""What consultations tells the apps above it, which it never imports.

`comments_changed` is sent by the services inside the transaction that changes the comments,
with ``comment_ids``; receivers that write (the search outbox) commit or roll back with the
change, and an exception in one rolls the change back (sent with ``send``, never ``send_robust``).
"""

from django.dispatch import Signal

comments_changed = Signal()


def announce_comments_changed(comment_ids) -> None:
    """Tell the apps above that these comments changed (created, edited, moderated, supported,
    flagged, anonymised, coded, grouped); call inside the transaction that changes them."""
    ids = sorted(set(comment_ids))
    if ids:
        comments_changed.send(sender=None, comment_ids=ids)
