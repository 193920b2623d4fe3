"""The CMS's endpoints and rows for api_bench.py: every list, as the caller who reads it."""

from typing import Any

from bench_endpoints import Endpoint

TAGS_PER_POST = 2
# Distinct rows the cold reads of a detail go through: more than a run of load reads.
COLD_ROWS = 20_000


def lists() -> list[Endpoint]:
    return [
        Endpoint("posts", "public", "/api/v1/cms/posts/", cached=True),
        Endpoint("pages", "public", "/api/v1/cms/pages/", cached=True),
        Endpoint("comments", "public", "/api/v1/cms/comments/"),
        Endpoint("categories", "public", "/api/v1/cms/categories/", cached=True),
        Endpoint("tags", "public", "/api/v1/cms/tags/", cached=True),
        Endpoint(
            "popular posts",
            "public",
            "/api/v1/cms/posts/popular/",
            cached=True,
            uncache=drop_popular_posts,
        ),
    ]


def drop_popular_posts() -> None:
    """The ranking is one cached value whatever the query string: drop it."""
    from {{ cookiecutter.project_slug }}.cms.api.views import POPULAR_POSTS
    from {{ cookiecutter.project_slug }}.core.caching import invalidate

    invalidate(*POPULAR_POSTS.scopes)


def main_lists() -> list[Endpoint]:
    """The lists the load tool drives at every row count: posts."""
    return lists()[:1]


def details(people: dict[str, Any]) -> list[Endpoint]:
    """The detail the load tool drives, cold through many rows and warm on one."""
    from {{ cookiecutter.project_slug }}.cms.models import Post

    paths = tuple(
        f"/api/v1/cms/posts/{pk}/"
        for pk in Post.objects.order_by("id").values_list("pk", flat=True)[:COLD_ROWS]
    )
    detail = Endpoint("post detail", "public", paths[0], cached=True, cold_paths=paths)
    return [detail]


def grow(start: int, stop: int, people: dict[str, Any]) -> None:
    """Add rows ``start`` to ``stop - 1`` to every list, published and approved: the public's."""
    from datetime import timedelta

    from django.utils import timezone

    from {{ cookiecutter.project_slug }}.cms.counters import recount_approved_comments
    from {{ cookiecutter.project_slug }}.cms.models import (
        Category,
        Comment,
        Moderation,
        Page,
        Post,
        Status,
        Tag,
    )

    author = people["staff"]
    # One second apart, newest last, as a blog's posts are: no two share a publication time.
    start_time = timezone.now() - timedelta(days=30)
    numbers = range(start, stop)
    categories = Category.objects.bulk_create(
        Category(name=f"Bench category {n}", slug=f"bench-category-{n}") for n in numbers
    )
    tags = Tag.objects.bulk_create(
        Tag(name=f"Bench tag {n}", slug=f"bench-tag-{n}") for n in numbers
    )
    posts = Post.objects.bulk_create(
        Post(
            author=author,
            category=category,
            title=f"Bench post {n}",
            slug=f"bench-post-{n}",
            excerpt="A post of the API benchmark.",
            body="Body text. " * 50,
            status=Status.PUBLISHED,
            published_at=start_time + timedelta(seconds=n),
        )
        for n, category in zip(numbers, categories, strict=True)
    )
    Post.tags.through.objects.bulk_create(
        Post.tags.through(post_id=post.pk, tag_id=tags[(index + offset) % len(tags)].pk)
        for index, post in enumerate(posts)
        for offset in range(min(TAGS_PER_POST, len(tags)))
    )
    Page.objects.bulk_create(
        Page(
            author=author,
            title=f"Bench page {n}",
            slug=f"bench-page-{n}",
            body="Body text. " * 50,
            status=Status.PUBLISHED,
            published_at=start_time + timedelta(seconds=n),
        )
        for n in numbers
    )
    Comment.objects.bulk_create(
        Comment(
            post=posts[index % len(posts)],
            author=people["customer"],
            body="A comment of the API benchmark.",
            moderation=Moderation.APPROVED,
            moderated_at=start_time,
        )
        for index in range(len(posts))
    )
    # bulk_create sends no signal: the posts' approved-comment counts are set as a data load does.
    recount_approved_comments(post.pk for post in posts)
