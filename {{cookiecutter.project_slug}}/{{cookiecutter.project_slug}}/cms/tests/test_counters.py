"""Each post's stored count of approved comments follows every write of its comments."""

import pytest

from ..counters import recount_approved_comments
from ..models import Comment, Moderation, Post
from ..services import comment_moderate
from .factories import ApprovedCommentFactory, CommentFactory, PublishedPostFactory

pytestmark = pytest.mark.django_db


def stored(post: Post) -> int:
    return Post.objects.values_list("approved_comments", flat=True).get(pk=post.pk)


def test_only_approved_comments_count(staff_user):
    post = PublishedPostFactory()
    ApprovedCommentFactory.create_batch(2, post=post)
    pending = CommentFactory(post=post)

    assert stored(post) == 2

    comment_moderate(comment=pending, moderator=staff_user, decision=Moderation.APPROVED)
    assert stored(post) == 3

    comment_moderate(comment=pending, moderator=staff_user, decision=Moderation.REJECTED)
    assert stored(post) == 2


def test_a_deleted_comment_leaves_the_count():
    post = PublishedPostFactory()
    comment = ApprovedCommentFactory(post=post)

    comment.delete()

    assert stored(post) == 0


def test_a_comment_moved_to_another_post_counts_there_only():
    first, second = PublishedPostFactory.create_batch(2)
    comment = ApprovedCommentFactory(post=first)

    comment.post = second
    comment.save()

    assert (stored(first), stored(second)) == (0, 1)


def test_a_recount_repairs_rows_written_without_signals():
    post = PublishedPostFactory()
    Comment.objects.bulk_create(
        ApprovedCommentFactory.build_batch(3, post=post, author=post.author)
    )
    assert stored(post) == 0

    recount_approved_comments()

    assert stored(post) == 3
