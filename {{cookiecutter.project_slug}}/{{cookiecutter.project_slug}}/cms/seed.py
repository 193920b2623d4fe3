"""Demo content for ``manage.py seed_demo``: idempotent, so a second run with the same size adds nothing.

Rows are found again by natural keys (slugs, emails), never by counting, so a rerun tops up what is
missing instead of doubling it. Posts, their tags and comments are built by the factories and written
with ``bulk_create`` in batches, so 100,000 posts take a batch of inserts each thousand, not a few
queries (and a password hash) each.
"""

import factory.random
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify

from {{ cookiecutter.project_slug }}.core.seeding import Progress, batches, no_progress
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.seed import users_seed

from .counters import recount_approved_comments
from .models import Category, Comment, Page, Post, Status, Tag
from .tests.factories import (
    ApprovedCommentFactory,
    CommentFactory,
    PageFactory,
    PostFactory,
    PublishedPageFactory,
    PublishedPostFactory,
)

EDITORS_GROUP = "Editors"
EDITOR_PERMISSIONS = ("publish_post", "publish_page", "moderate_comment")
CATEGORIES = ("Engineering", "Databases", "Product", "Company news")
TAGS = ("Django", "PostgreSQL", "Performance", "Security", "Testing", "Release")
# (slug, title, parent slug): a small tree, parents first.
PAGES = (
    ("about", "About us", None),
    ("team", "Our team", "about"),
    ("contact", "Contact", None),
    ("privacy", "Privacy policy", None),
)
# Mostly published, with some of every other state so every screen has something to show.
POST_STATUSES = (
    *[Status.PUBLISHED] * 6,
    Status.REVIEW,
    Status.DRAFT,
    Status.PUBLISHED,
    Status.ARCHIVED,
)


def _editor() -> tuple[User, int]:
    """An editor is anyone holding the publish permissions; the group only bundles them."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="cms", codename__in=EDITOR_PERMISSIONS)
    )
    (editor,), created = users_seed(
        emails=["editor@example.com"], what="editors", progress=no_progress
    )
    editor.groups.add(group)
    return editor, created


def _named[M: (Category, Tag)](model: type[M], names: tuple[str, ...]) -> tuple[list[M], int]:
    """The rows called ``names``, created where missing (found again by slug)."""
    rows, created = [], 0
    for name in names:
        row, is_new = model._default_manager.get_or_create(
            slug=slugify(name), defaults={"name": name}
        )
        rows.append(row)
        created += is_new
    return rows, created


def _post(index: int, authors: list[User], categories: list[Category]) -> Post:
    """Demo post number ``index`` (from 0): its slug, state, author and category follow from it."""
    status = POST_STATUSES[index % len(POST_STATUSES)]
    published = status in (Status.PUBLISHED, Status.ARCHIVED)
    return (PublishedPostFactory if published else PostFactory).build(
        slug=f"demo-{index + 1}",
        status=status,
        author=authors[index % len(authors)],
        category=categories[index % len(categories)],
    )


def _posts(
    size: int,
    *,
    authors: list[User],
    editor: User,
    categories: list[Category],
    tags: list[Tag],
    progress: Progress,
) -> tuple[int, int]:
    """Posts demo-1 to demo-``size`` with two tags each, and two comments on each published one."""
    existing = set(Post.objects.filter(slug__startswith="demo-").values_list("slug", flat=True))
    missing = [index for index in range(size) if f"demo-{index + 1}" not in existing]
    comments = 0
    for batch in batches(missing, progress, "posts"):
        with transaction.atomic():
            posts = Post.objects.bulk_create(_post(i, authors, categories) for i in batch)
            Post.tags.through.objects.bulk_create(
                Post.tags.through(post_id=post.pk, tag_id=tags[(index + k) % len(tags)].pk)
                for index, post in zip(batch, posts, strict=True)
                for k in (0, 2)
            )
            published = [
                (index, post)
                for index, post in zip(batch, posts, strict=True)
                if post.status == Status.PUBLISHED
            ]
            written = Comment.objects.bulk_create(
                [
                    *(
                        ApprovedCommentFactory.build(
                            post=post, author=authors[(i + 1) % len(authors)], moderated_by=editor
                        )
                        for i, post in published
                    ),
                    *(CommentFactory.build(post=post, author=editor) for _, post in published),
                ]
            )
            comments += len(written)
            # bulk_create sends no signals: the popular ranking's stored count is set here.
            recount_approved_comments([post.pk for _, post in published])
    return len(missing), comments


def _pages(editor: User) -> int:
    pages = {page.slug: page for page in Page.objects.filter(slug__in=[p[0] for p in PAGES])}
    created = 0
    for slug, title, parent_slug in PAGES:
        if slug in pages:
            continue
        page_factory = PageFactory if slug == "privacy" else PublishedPageFactory
        pages[slug] = page_factory.create(
            slug=slug,
            title=title,
            author=editor,
            parent=pages.get(parent_slug) if parent_slug else None,
        )
        created += 1
    return created


def seed_cms(*, size: int, progress: Progress = no_progress) -> dict[str, int]:
    """Top the demo content up to ``size`` posts; returns how many rows of each kind were created."""
    factory.random.reseed_random("{{ cookiecutter.project_slug }}-cms")  # same words every run
    editor, created_editors = _editor()
    emails = [f"author{n}@example.com" for n in range(max(1, size // 10))]
    authors, created_authors = users_seed(emails=emails, what="authors", progress=progress)
    categories, created_categories = _named(Category, CATEGORIES)
    tags, created_tags = _named(Tag, TAGS)
    created_posts, created_comments = _posts(
        size,
        authors=authors,
        editor=editor,
        categories=categories,
        tags=tags,
        progress=progress,
    )
    return {
        "users": created_editors + created_authors,
        "categories": created_categories,
        "tags": created_tags,
        "posts": created_posts,
        "pages": _pages(editor),
        "comments": created_comments,
    }
