"""Reads of content: each selector applies who-sees-what and owns its joins and prefetches."""

from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from . import roles
from .counters import approved_comment_count
from .models import Category, Comment, Moderation, Page, Post, Status, Tag

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class PostAnnotations(TypedDict):
        """What ``_posts`` adds to each post: django-stubs checks ``order_by`` names against it."""

        comment_count: int


# Every state but published: usually a small share of the posts, found through the indexes
# that start with status.
UNPUBLISHED = tuple(status for status in Status if status != Status.PUBLISHED)


def _visible(queryset: QuerySet[Any], *, viewer: Any) -> QuerySet[Any]:
    """Readers see published entries; authors also their own; editors and staff everything."""
    if viewer.is_staff or roles.is_editor(viewer, queryset.model):
        return queryset
    if not viewer.is_authenticated:
        return queryset.filter(status=Status.PUBLISHED)
    return queryset.filter(Q(status=Status.PUBLISHED) | Q(author=viewer))


def _posts(*, viewer: Any) -> "QuerySet[WithAnnotations[Post, PostAnnotations]]":
    queryset = (
        Post.objects.select_related("author", "category")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .annotate(comment_count=approved_comment_count())
    )
    return _visible(queryset, viewer=viewer)


def post_list(*, viewer: Any) -> QuerySet[Post]:
    """Posts the viewer may read, newest publication first; bodies stay in the database."""
    return _posts(viewer=viewer).defer("body").order_by("-published_at", "-id")


def popular_posts(*, limit: int = 10) -> QuerySet[Post]:
    """The published posts with the most approved comments, newest first among equals."""
    public = _posts(viewer=AnonymousUser()).defer("body")
    # The stored count, not the annotation: cms_post_popular_idx serves this order, so the ten
    # rows are read from the index whatever the number of posts (cms/counters.py keeps it).
    return public.order_by("-approved_comments", "-published_at", "-id")[:limit]


def post_detail(*, viewer: Any) -> QuerySet[Post]:
    """Posts the viewer may read, whole, for lookups by id."""
    return _posts(viewer=viewer)


def page_list(*, viewer: Any) -> QuerySet[Page]:
    """Pages the viewer may read, by title; bodies stay in the database."""
    return page_detail(viewer=viewer).defer("body").order_by("title", "id")


def page_detail(*, viewer: Any) -> QuerySet[Page]:
    return _visible(Page.objects.select_related("author"), viewer=viewer)


def comment_list(*, viewer: Any) -> QuerySet[Comment]:
    """Approved comments on published posts; their own comments for authors; all for moderators."""
    queryset = Comment.objects.select_related("author").order_by("created_at", "id")
    if roles.is_moderator(viewer):
        return queryset
    # "On a published post" said as "on no unpublished post" (every comment has a post): the
    # page's count() then reads the comments and the unpublished posts (an anti-join) instead of
    # joining every published post.
    unpublished = Post.objects.filter(pk=OuterRef("post_id"), status__in=UNPUBLISHED)
    public = Q(moderation=Moderation.APPROVED) & ~Q(Exists(unpublished))
    if not viewer.is_authenticated:
        return queryset.filter(public)
    return queryset.filter(public | Q(author=viewer))


def category_list() -> QuerySet[Category]:
    return Category.objects.order_by("name")


def tag_list() -> QuerySet[Tag]:
    return Tag.objects.order_by("name")
