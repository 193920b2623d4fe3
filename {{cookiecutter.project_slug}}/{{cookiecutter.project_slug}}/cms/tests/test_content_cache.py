"""The cached content: what anonymous readers see is served from the cache, and every write shows.

Anonymous readers share the published posts and pages, the category and tag lists, one entry
per post and the popular ranking. Signed-in readers may also see drafts, which depend on
ownership and roles, so they always read the database. Each write path is covered: the
workflow API, comments and their moderation, tags from either side, a direct model save or
delete, and the admin.
"""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework import status
from rest_framework.test import APIClient

from ..models import Moderation, Post, Status
from .factories import (
    ApprovedCommentFactory,
    CommentFactory,
    PublishedPageFactory,
    PublishedPostFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db
POSTS = reverse("cms:post-list")
PAGES = reverse("cms:page-list")
POPULAR = reverse("cms:post-popular")
CATEGORIES = reverse("cms:category-list")
TAGS = reverse("cms:tag-list")


def post_page(pk: int) -> str:
    return reverse("cms:post-detail", args=[pk])


@pytest.fixture
def post(author) -> Post:
    return PublishedPostFactory.create(
        author=author, title="Indexes", tags=[TagFactory(name="Databases")]
    )


@pytest.fixture
def reader() -> APIClient:
    return APIClient()


@pytest.fixture
def warm(reader):
    """Read every cached layer once as an anonymous reader, so the next reads are hits."""

    def read(post: Post) -> None:
        for url in (POSTS, PAGES, POPULAR, CATEGORIES, TAGS, post_page(post.pk)):
            assert reader.get(url).status_code == status.HTTP_200_OK

    return read


def titles(client: APIClient, url: str = POSTS) -> set[str]:
    body = client.get(url).json()
    rows = body if isinstance(body, list) else body["results"]
    return {row["title"] for row in rows}


# Served from the cache ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [POSTS, PAGES, POPULAR, CATEGORIES, TAGS],
    ids=["posts", "pages", "popular", "categories", "tags"],
)
def test_an_anonymous_read_repeated_costs_no_query(url, reader, post, django_assert_num_queries):
    PublishedPageFactory()
    first = reader.get(url)

    with django_assert_num_queries(0):
        second = reader.get(url)

    assert second.json() == first.json()


def test_a_published_post_read_twice_anonymously_costs_no_query(
    reader, post, django_assert_num_queries
):
    first = reader.get(post_page(post.pk))

    with django_assert_num_queries(0):
        second = reader.get(post_page(post.pk))

    assert second.json() == first.json()
    assert first.json()["title"] == "Indexes"


def test_signed_in_readers_read_the_database_and_drafts_never_reach_the_cache(
    reader, clients, author, post
):
    draft = PublishedPostFactory(
        author=author, title="Draft", status=Status.DRAFT, published_at=None
    )

    own = clients["author"].get(POSTS)
    assert own["X-Cache"] == "BYPASS"
    assert "Draft" in {row["title"] for row in own.json()["results"]}
    assert clients["author"].get(post_page(draft.pk)).status_code == status.HTTP_200_OK

    assert "Draft" not in titles(reader)
    assert reader.get(post_page(draft.pk)).status_code == status.HTTP_404_NOT_FOUND


def test_popular_posts_rank_by_approved_comments(reader, post):
    quiet = PublishedPostFactory(title="Quiet")
    ApprovedCommentFactory.create_batch(2, post=post)
    CommentFactory.create_batch(3, post=quiet)  # pending: not counted

    ranking = [(row["title"], row["comment_count"]) for row in reader.get(POPULAR).json()]

    assert ranking == [("Indexes", 2), ("Quiet", 0)]


# Invalidated by writes through the API -------------------------------------------------------


def test_publishing_through_the_workflow_shows_on_the_next_anonymous_reads(
    reader, clients, author, post, warm
):
    warm(post)
    draft = clients["author"].post(
        POSTS, {"title": "Fresh", "category": post.category.slug, "body": "x"}
    )
    pk = draft.json()["id"]
    assert "Fresh" not in titles(reader)
    assert reader.get(post_page(pk)).status_code == status.HTTP_404_NOT_FOUND

    transition = reverse("cms:post-transition", args=[pk])
    clients["author"].post(transition, {"status": Status.REVIEW})
    published = clients["editor"].post(transition, {"status": Status.PUBLISHED})

    assert published.status_code == status.HTTP_200_OK
    assert "Fresh" in titles(reader)
    assert "Fresh" in titles(reader, POPULAR)
    assert reader.get(post_page(pk)).status_code == status.HTTP_200_OK


def test_unpublishing_hides_the_post_from_every_cached_read(reader, clients, post, warm):
    warm(post)

    response = clients["editor"].post(
        reverse("cms:post-transition", args=[post.pk]), {"status": Status.DRAFT}
    )

    assert response.status_code == status.HTTP_200_OK
    assert "Indexes" not in titles(reader)
    assert "Indexes" not in titles(reader, POPULAR)
    assert reader.get(post_page(post.pk)).status_code == status.HTTP_404_NOT_FOUND


def test_an_approved_comment_shows_in_the_count_of_the_post_and_the_ranking(
    reader, clients, post, warm
):
    warm(post)
    comment = clients["other_author"].post(
        reverse("cms:comment-list"), {"post": post.pk, "body": "Helpful."}
    )
    assert comment.status_code == status.HTTP_201_CREATED

    moderated = clients["editor"].post(
        reverse("cms:comment-moderate", args=[comment.json()["id"]]),
        {"decision": Moderation.APPROVED},
    )

    assert moderated.status_code == status.HTTP_200_OK
    assert reader.get(post_page(post.pk)).json()["comment_count"] == 1
    assert reader.get(POPULAR).json()[0]["comment_count"] == 1
    assert reader.get(POSTS).json()["results"][0]["comment_count"] == 1


# Invalidated by direct model writes ---------------------------------------------------------


def test_tags_added_or_removed_from_either_side_show_on_the_post_page(reader, post, warm):
    extra = TagFactory(name="Performance")  # before warming: creating a tag invalidates by itself
    warm(post)

    post.tags.add(extra)  # outside any transaction: m2m_changed on the post's side
    assert reader.get(post_page(post.pk)).json()["tags"] == ["databases", "performance"]

    extra.posts.remove(post)  # the tag's side
    assert reader.get(post_page(post.pk)).json()["tags"] == ["databases"]


def test_a_tag_or_author_renamed_in_code_shows_on_the_post_page(reader, author, post, warm):
    warm(post)

    tag = post.tags.get()
    tag.slug = "sql"
    tag.save()
    author.name = "Ada Renamed"
    author.save()

    page = reader.get(post_page(post.pk)).json()
    assert page["tags"] == ["sql"]
    assert page["author"]["name"] == "Ada Renamed"
    assert reader.get(POSTS).json()["results"][0]["author"]["name"] == "Ada Renamed"
    assert "sql" in {row["slug"] for row in reader.get(TAGS).json()["results"]}


def test_a_comment_deleted_in_code_leaves_the_count(reader, post, warm):
    comment = ApprovedCommentFactory(post=post)
    warm(post)

    comment.delete()

    assert reader.get(post_page(post.pk)).json()["comment_count"] == 0


def test_a_post_deleted_in_code_is_gone_from_the_next_reads(reader, post, warm):
    pk = post.pk
    warm(post)

    post.delete()

    assert "Indexes" not in titles(reader)
    assert reader.get(POPULAR).json() == []
    assert reader.get(post_page(pk)).status_code == status.HTTP_404_NOT_FOUND


# Invalidated by the admin -------------------------------------------------------------------


def test_a_category_renamed_in_the_admin_shows_on_the_next_reads(reader, staff_user, post, warm):
    warm(post)
    admin_site = Client()
    admin_site.force_login(staff_user)
    category = post.category

    response = admin_site.post(
        reverse("admin:cms_category_change", args=[category.pk]),
        {"name": "Renamed in admin", "slug": category.slug, "description": category.description},
    )

    assert response.status_code == status.HTTP_302_FOUND, response.content
    assert reader.get(post_page(post.pk)).json()["category"]["name"] == "Renamed in admin"
    assert "Renamed in admin" in {row["name"] for row in reader.get(CATEGORIES).json()["results"]}
