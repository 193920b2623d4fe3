"""Demo content for ``manage.py seed_demo``: idempotent, so a second run with the same size adds nothing.

Rows are found again by natural keys (slugs, emails), never by counting, so a rerun tops up what is
missing instead of doubling it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify

from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from .models import Category, Page, Post, Status, Tag
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


def _user(email: str, created: dict[str, int]) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = UserFactory.create(email=email)
        created["users"] += 1
    return user


def _editor(created: dict[str, int]) -> User:
    """An editor is anyone holding the publish permissions; the group only bundles them."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="cms", codename__in=EDITOR_PERMISSIONS)
    )
    editor = _user("editor@example.com", created)
    editor.groups.add(group)
    return editor


def _post_status(index: int) -> str:
    return POST_STATUSES[index % len(POST_STATUSES)]


@transaction.atomic
def seed_cms(*, size: int) -> dict[str, int]:
    """Top the demo content up to ``size`` posts; returns how many rows of each kind were created."""
    created = dict.fromkeys(("users", "categories", "tags", "posts", "pages", "comments"), 0)
    editor = _editor(created)
    authors = [_user(f"author{n}@example.com", created) for n in range(max(1, size // 10))]

    categories = []
    for name in CATEGORIES:
        category, is_new = Category.objects.get_or_create(
            slug=slugify(name), defaults={"name": name}
        )
        categories.append(category)
        created["categories"] += is_new
    tags = []
    for name in TAGS:
        tag, is_new = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        tags.append(tag)
        created["tags"] += is_new

    existing = set(Post.objects.filter(slug__startswith="demo-").values_list("slug", flat=True))
    for index in range(size):
        slug = f"demo-{index + 1}"
        if slug in existing:
            continue
        status = _post_status(index)
        post_factory = (
            PublishedPostFactory if status in (Status.PUBLISHED, Status.ARCHIVED) else PostFactory
        )
        post = post_factory.create(
            slug=slug,
            status=status,
            author=authors[index % len(authors)],
            category=categories[index % len(categories)],
            tags=[tags[index % len(tags)], tags[(index + 2) % len(tags)]],
        )
        created["posts"] += 1
        if post.status == Status.PUBLISHED:
            ApprovedCommentFactory.create(
                post=post, author=authors[(index + 1) % len(authors)], moderated_by=editor
            )
            CommentFactory.create(post=post, author=editor)
            created["comments"] += 2

    pages: dict[str, Page] = {
        page.slug: page for page in Page.objects.filter(slug__in=[p[0] for p in PAGES])
    }
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
        created["pages"] += 1
    return created
