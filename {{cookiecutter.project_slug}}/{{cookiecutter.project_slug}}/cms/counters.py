"""Each post's count of approved comments, kept in step with every write of a comment.

The popular ranking orders published posts by this column through an index, so its cost does not
grow with the number of posts. Every save or delete of a comment, through the API, the admin or a
shell, sets its post's count again from the comments (one UPDATE, exact whatever ran before);
``bulk_create()``, ``QuerySet.update()`` and raw SQL send no signal: call
``recount_approved_comments()`` after them, as a data load does.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import Comment, Moderation, Post


def approved_comment_count() -> Coalesce:
    """A post's approved comments, counted from the comments table (0 when it has none).

    A correlated subquery instead of Count() over a join: filters that join tags cannot multiply
    it, and the outer query needs no GROUP BY.
    """
    counts = (
        Comment.objects.filter(post=OuterRef("pk"), moderation=Moderation.APPROVED)
        .order_by()
        .values("post")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def recount_approved_comments(post_ids: Iterable[int] | None = None) -> None:
    """Set the approved-comment count of these posts (of every post when ``None``)."""
    posts = Post.objects.all() if post_ids is None else Post.objects.filter(pk__in=post_ids)
    posts.update(approved_comments=approved_comment_count())


def remember_post(sender: type[Comment], instance: Comment, **kwargs: Any) -> None:
    """Before a full save of a stored comment: the post it had, in case the admin moved it."""
    fields = kwargs.get("update_fields")
    if instance.pk is None or (fields is not None and "post" not in fields):
        return
    before = Comment.objects.filter(pk=instance.pk).values_list("post_id", flat=True).first()
    # Carried to comment_written on the instance itself: Comment declares no such attribute.
    instance._post_before = before  # type: ignore[attr-defined]


def comment_written(sender: type[Comment], instance: Comment, **kwargs: Any) -> None:
    """After a comment's save or delete: recount its post (and the one it left, if moved)."""
    before: int | None = getattr(instance, "_post_before", None)
    recount_approved_comments({instance.post_id} | ({before} if before else set()))
