"""Content through GraphQL: what each reader sees, writing drafts, and the editorial workflow's roles."""

import pytest
from rest_framework.test import APIClient

from {{ cookiecutter.project_slug }}.core.tests.graphql_client import error_codes, execute

from ..models import Post, Status
from .factories import (
    ApprovedCommentFactory,
    CategoryFactory,
    PageFactory,
    PostFactory,
    PublishedPageFactory,
    PublishedPostFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

POSTS = """
query Posts($filter: PostFilterInput, $limit: Int) {
  posts(filter: $filter, limit: $limit) {
    totalCount
    results {
      id title status commentCount
      author { id name email }
      category { slug }
      tags { slug }
    }
  }
}
"""
POST = "query One($id: ID!) { post(id: $id) { id title body } }"
PAGES = """
query Pages($filter: PageFilterInput) {
  pages(filter: $filter) { totalCount results { id status parentId author { name } } }
}
"""
CREATE = """
mutation Create($input: CreatePostInput!) {
  createPost(input: $input) {
    post { id slug status tags { slug } category { slug } }
    errors { field code messages }
  }
}
"""
TRANSITION = """
mutation Move($input: TransitionPostInput!) {
  transitionPost(input: $input) { post { status } errors { field code messages } }
}
"""


def _as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_anonymous_readers_see_published_posts_without_author_emails(api_client):
    post = PublishedPostFactory(tags=[TagFactory(name="Django")])
    ApprovedCommentFactory(post=post)
    PostFactory()  # a draft

    page = execute(api_client, POSTS)["data"]["posts"]

    assert page["totalCount"] == 1
    row = page["results"][0]
    assert row["id"] == str(post.pk)
    assert row["commentCount"] == 1
    assert row["tags"] == [{"slug": "django"}]
    assert row["author"]["email"] is None


def test_authors_also_see_their_own_drafts_and_staff_see_every_email(author, staff_user):
    PostFactory(author=author)
    PublishedPostFactory()

    own = execute(_as(author), POSTS)["data"]["posts"]
    everything = execute(_as(staff_user), POSTS)["data"]["posts"]

    assert own["totalCount"] == 2
    assert everything["totalCount"] == 2
    assert all(row["author"]["email"] for row in everything["results"])


def test_posts_filter_like_the_rest_endpoint(api_client):
    news = CategoryFactory(name="News")
    PublishedPostFactory(category=news)
    PublishedPostFactory()

    page = execute(api_client, POSTS, {"filter": {"category": "news"}})["data"]["posts"]

    assert page["totalCount"] == 1
    assert page["results"][0]["category"] == {"slug": "news"}


def test_one_post_has_its_body_and_a_draft_is_null_to_strangers(api_client, author):
    published = PublishedPostFactory(body="Hello")
    draft = PostFactory(author=author)

    shown = execute(api_client, POST, {"id": str(published.pk)})["data"]["post"]
    hidden = execute(api_client, POST, {"id": str(draft.pk)})["data"]["post"]
    own = execute(_as(author), POST, {"id": str(draft.pk)})["data"]["post"]

    assert shown["body"] == "Hello"
    assert hidden is None
    assert own["id"] == str(draft.pk)


def test_pages_show_published_ones_to_readers_and_filter_by_parent(api_client):
    root = PublishedPageFactory()
    child = PublishedPageFactory(parent=root)
    PageFactory()

    everything = execute(api_client, PAGES)["data"]["pages"]
    children = execute(api_client, PAGES, {"filter": {"parent": str(root.pk)}})["data"]["pages"]

    assert everything["totalCount"] == 2
    assert children["results"] == [
        {
            "id": str(child.pk),
            "status": "published",
            "parentId": str(root.pk),
            "author": {"name": child.author.name},
        }
    ]


def test_categories_and_tags_are_public(api_client):
    CategoryFactory(name="News")
    TagFactory(name="Django")

    body = execute(api_client, "{ categories { slug } tags { slug } }")

    assert body["data"] == {"categories": [{"slug": "news"}], "tags": [{"slug": "django"}]}


def test_authors_create_drafts_through_the_service(author):
    CategoryFactory(name="News")
    data = {"title": "Hello World", "category": "news", "tags": ["Django", "GraphQL"]}

    payload = execute(_as(author), CREATE, {"input": data})["data"]["createPost"]

    assert payload["errors"] == []
    assert payload["post"]["slug"] == "hello-world"
    assert payload["post"]["status"] == "draft"
    assert payload["post"]["tags"] == [{"slug": "django"}, {"slug": "graphql"}]
    assert Post.objects.get().author == author


def test_creating_a_post_answers_field_errors_in_one_shape(author):
    data = {"title": "x" * 201, "category": "missing"}

    payload = execute(_as(author), CREATE, {"input": data})["data"]["createPost"]

    assert payload["post"] is None
    assert sorted(error["field"] for error in payload["errors"]) == ["category", "title"]
    assert not Post.objects.exists()


def test_anonymous_callers_cannot_create_posts(api_client):
    body = execute(api_client, CREATE, {"input": {"title": "Spam", "category": "news"}})

    assert error_codes(body) == ["not_authenticated"]


def test_publishing_needs_the_editor_role(author, editor):
    post = PostFactory(author=author, status=Status.REVIEW)
    move = {"input": {"id": str(post.pk), "status": "published"}}

    by_author = execute(_as(author), TRANSITION, move)["data"]["transitionPost"]
    by_editor = execute(_as(editor), TRANSITION, move)["data"]["transitionPost"]

    assert by_author["post"] is None
    assert by_author["errors"][0]["code"] == "permission_denied"
    assert by_editor == {"post": {"status": "published"}, "errors": []}


def test_a_post_the_caller_cannot_see_cannot_be_moved(other_author):
    post = PostFactory()

    payload = execute(
        _as(other_author), TRANSITION, {"input": {"id": str(post.pk), "status": "review"}}
    )["data"]["transitionPost"]

    assert payload["errors"] == [
        {"field": "id", "code": "not_found", "messages": ["No such post."]}
    ]


def test_an_unknown_status_is_a_field_error(author):
    post = PostFactory(author=author)

    payload = execute(_as(author), TRANSITION, {"input": {"id": str(post.pk), "status": "lost"}})[
        "data"
    ]["transitionPost"]

    assert payload["errors"][0]["field"] == "status"


@pytest.mark.parametrize("rows", [5, 50])
def test_a_page_of_posts_with_authors_categories_and_tags_costs_three_queries(
    api_client, django_assert_num_queries, rows
):
    tags = TagFactory.create_batch(2)
    for _ in range(rows):
        PublishedPostFactory(tags=tags)

    with django_assert_num_queries(3):  # count, posts with authors and categories, tags
        page = execute(api_client, POSTS, {"limit": 100})["data"]["posts"]

    assert len(page["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_a_page_of_pages_with_authors_costs_two_queries(
    api_client, django_assert_num_queries, rows
):
    PublishedPageFactory.create_batch(rows)

    with django_assert_num_queries(2):  # count, pages with authors
        page = execute(api_client, PAGES)["data"]["pages"]

    assert page["totalCount"] == rows
    assert len(page["results"]) == min(rows, 20)
