"""Content tables: categories, tags, pages, posts and comments, with integrity kept in the database.

Design notes (read with docs/cms.md):

- Authors are users. ``author`` uses ``on_delete=PROTECT``: deleting an account that wrote content
  fails loudly, so an admin deactivates the account (``is_active=False``) or reassigns its content
  instead of losing published pages.
- Removal is *archival*, not soft delete. An archived entry is a state of the workflow: editors see
  it, readers do not, its slug stays taken (old links never point at new content) and its comments
  keep their foreign keys. A soft-delete flag hidden behind a filtering default manager would leak
  into the admin, related lookups and unique checks; an explicit status does not.
- Categories are flat: a post has one category and the API filters by it. A tree (adjacency list
  or materialised path) pays only when readers browse nested sections; pages already form a tree.
- Every filter and ordering the API offers has an index; ``Meta.ordering`` is set only where the
  index serves it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Status(models.TextChoices):
    """The editorial workflow; the allowed moves live in ``services.TRANSITIONS``."""

    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Moderation(models.TextChoices):
    """Where a comment stands with the moderators."""

    PENDING = "pending", "Pending moderation"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Category(models.Model):
    """A flat section of the blog; every post belongs to exactly one."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "categories"
        ordering = ("name",)  # served by the unique index on name

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A free-form label; posts and tags meet in Django's implicit many-to-many table."""

    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ("name",)  # served by the unique index on name

    def __str__(self) -> str:
        return self.name


class Entry(models.Model):
    """What pages and posts share: an author, a slug, a body and a place in the workflow."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cms_%(class)ss",
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Set on the first publication and kept afterwards: the date readers saw first.
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


def _entry_constraints(prefix: str) -> list[models.BaseConstraint]:
    """Checks both entry tables carry, named after the table so the names stay unique."""
    return [
        models.CheckConstraint(
            condition=Q(status__in=Status.values),
            name=f"{prefix}_status_valid",
        ),
        models.CheckConstraint(
            condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
            name=f"{prefix}_published_has_date",
        ),
    ]


class Page(Entry):
    """A standing page (About, Contact) in a tree: the slug is unique among its siblings."""

    # PROTECT: removing a parent must not silently take its subtree with it. No index of its own:
    # the unique (parent, slug) index starts with parent and serves every lookup by parent.
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        db_index=False,
    )

    class Meta:
        permissions = (("publish_page", "Can publish, return and archive pages"),)
        constraints = [
            *_entry_constraints("cms_page"),
            models.UniqueConstraint(
                fields=("parent", "slug"), name="cms_page_slug_unique_per_parent"
            ),
            # NULLs are distinct in a unique index, so root pages need their own partial index.
            models.UniqueConstraint(
                fields=("slug",),
                condition=Q(parent__isnull=True),
                name="cms_page_slug_unique_at_root",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="cms_page_not_own_parent"),
        ]
        indexes = [
            models.Index(fields=("status", "-published_at"), name="cms_page_status_pub_idx"),
            models.Index(fields=("published_at",), name="cms_page_published_at_idx"),
            models.Index(fields=("title",), name="cms_page_title_idx"),
        ]


class Post(Entry):
    """A dated article in one category, with tags and comments; the slug is unique per category."""

    # PROTECT: a category with posts cannot vanish; move the posts first. The unique
    # (category, slug) index starts with category, so the column needs no index of its own.
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="posts",
        db_index=False,
    )
    excerpt = models.CharField(max_length=300, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    # Kept by every write of a comment (cms/counters.py), so the popular ranking reads an index
    # instead of counting the comments of every published post.
    approved_comments = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        permissions = (("publish_post", "Can publish, return and archive posts"),)
        constraints = [
            *_entry_constraints("cms_post"),
            models.UniqueConstraint(
                fields=("category", "slug"),
                name="cms_post_slug_unique_per_category",
            ),
        ]
        indexes = [
            # The public feed: WHERE status = 'published' ORDER BY published_at DESC.
            models.Index(fields=("status", "-published_at"), name="cms_post_status_pub_idx"),
            models.Index(fields=("published_at",), name="cms_post_published_at_idx"),
            models.Index(fields=("title",), name="cms_post_title_idx"),
            # The popular ranking: WHERE status = 'published'
            # ORDER BY approved_comments DESC, published_at DESC, id DESC LIMIT 10.
            models.Index(
                fields=("status", "-approved_comments", "-published_at", "-id"),
                name="cms_post_popular_idx",
            ),
        ]


class Comment(models.Model):
    """A reader's comment on a post; it shows publicly only once a moderator approves it."""

    # CASCADE: a comment means nothing without its post (posts are archived, rarely deleted).
    # The thread index below starts with post, so the column needs no index of its own.
    post = models.ForeignKey(
        Post,
        on_delete=models.CASCADE,
        related_name="comments",
        db_index=False,
    )
    # CASCADE: closing an account takes the person's own words with it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cms_comments",
    )
    body = models.TextField(max_length=5000)
    moderation = models.CharField(
        max_length=16,
        choices=Moderation.choices,
        default=Moderation.PENDING,
    )
    # SET_NULL: the moderation decision outlives the moderator's account.
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        permissions = (("moderate_comment", "Can approve or reject comments"),)
        constraints = [
            models.CheckConstraint(
                condition=Q(moderation__in=Moderation.values),
                name="cms_comment_moderation_valid",
            ),
            # A decision has a date, and a pending comment has none.
            models.CheckConstraint(
                condition=Q(moderation=Moderation.PENDING, moderated_at__isnull=True)
                | (~Q(moderation=Moderation.PENDING) & Q(moderated_at__isnull=False)),
                name="cms_comment_moderated_has_date",
            ),
        ]
        indexes = [
            # The thread under a post: WHERE post_id = ? AND moderation = 'approved' ORDER BY created_at.
            models.Index(
                fields=("post", "moderation", "created_at"), name="cms_comment_thread_idx"
            ),
            # The moderation queue: WHERE moderation = 'pending' ORDER BY created_at.
            models.Index(fields=("moderation", "created_at"), name="cms_comment_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.post_id}"
