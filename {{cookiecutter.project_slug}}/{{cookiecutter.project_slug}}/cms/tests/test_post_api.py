"""/api/v1/cms/posts/: who sees and changes which post, the workflow over HTTP, and query counts."""

import csv
import io

import pytest
from django.urls import reverse
from rest_framework import status

from {{ cookiecutter.project_slug }}.core.tests.statuses import ANONYMOUS_STATUS

from ..models import Post, Status
from .factories import (
    ApprovedCommentFactory,
    CategoryFactory,
    CommentFactory,
    PostFactory,
    PublishedPostFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db
LIST = reverse("cms:post-list")


def detail(post) -> str:
    return reverse("cms:post-detail", args=[post.pk])


def transition(post) -> str:
    return reverse("cms:post-transition", args=[post.pk])


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def posts(author, other_author):
    """One post in every state by the author, plus the other author's draft and published post."""
    return {
        "draft": PostFactory(author=author),
        "review": PostFactory(author=author, status=Status.REVIEW),
        "published": PublishedPostFactory(author=author),
        "archived": PublishedPostFactory(author=author, status=Status.ARCHIVED),
        "other_draft": PostFactory(author=other_author),
        "other_published": PublishedPostFactory(author=other_author),
    }


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("anonymous", {"published", "other_published"}),
        ("author", {"draft", "review", "published", "archived", "other_published"}),
        ("other_author", {"published", "other_draft", "other_published"}),
        ("editor", {"draft", "review", "published", "archived", "other_draft", "other_published"}),
        ("staff", {"draft", "review", "published", "archived", "other_draft", "other_published"}),
    ],
)
def test_each_role_lists_exactly_the_posts_it_may_read(clients, posts, role, visible):
    response = clients[role].get(LIST)

    assert response.status_code == status.HTTP_200_OK
    assert ids(response) == {posts[name].pk for name in visible}


@pytest.mark.parametrize(
    ("role", "name", "expected"),
    [
        ("anonymous", "published", status.HTTP_200_OK),
        ("anonymous", "draft", status.HTTP_404_NOT_FOUND),
        ("author", "draft", status.HTTP_200_OK),
        ("other_author", "draft", status.HTTP_404_NOT_FOUND),
        ("editor", "review", status.HTTP_200_OK),
        ("staff", "other_draft", status.HTTP_200_OK),
    ],
)
def test_a_post_reads_only_for_those_who_may_see_it(clients, posts, role, name, expected):
    response = clients[role].get(detail(posts[name]))

    assert response.status_code == expected
    if expected == status.HTTP_404_NOT_FOUND:  # not 403: a draft's existence stays private
        assert response.json()["error"]["status"] == status.HTTP_404_NOT_FOUND


def test_a_published_post_shows_its_body_author_category_tags_and_approved_comment_count(clients):
    post = PublishedPostFactory(tags=[TagFactory(name="ORM"), TagFactory(name="API")])
    ApprovedCommentFactory(post=post)
    CommentFactory(post=post)  # pending: not counted

    body = clients["anonymous"].get(detail(post)).json()

    assert body["body"] == post.body
    assert body["author"] == {"id": post.author.id, "name": post.author.name}
    assert body["category"]["slug"] == post.category.slug
    assert body["tags"] == ["api", "orm"]
    assert body["comment_count"] == 1


def test_the_list_filters_by_category_tag_author_status_and_date(clients, posts, author):
    news = CategoryFactory(slug="news")
    tagged = PublishedPostFactory(category=news, tags=[TagFactory(slug="orm")])
    old = PublishedPostFactory(published_at="2020-01-01T00:00:00Z")
    client = clients["editor"]

    assert ids(client.get(LIST, {"category": "news"})) == {tagged.pk}
    assert ids(client.get(LIST, {"tag": "orm"})) == {tagged.pk}
    assert ids(client.get(LIST, {"status": "review"})) == {posts["review"].pk}
    assert ids(client.get(LIST, {"author": author.pk, "status": "draft"})) == {posts["draft"].pk}
    assert ids(client.get(LIST, {"published_before": "2021-01-01T00:00:00Z"})) == {old.pk}
    assert old.pk not in ids(client.get(LIST, {"published_after": "2021-01-01T00:00:00Z"}))


def test_the_list_searches_titles_and_orders_on_request(clients):
    PublishedPostFactory(title="Zebra indexes")
    PublishedPostFactory(title="Apple indexes")
    PublishedPostFactory(title="Unrelated")

    body = clients["anonymous"].get(LIST, {"search": "indexes", "ordering": "title"}).json()

    assert [row["title"] for row in body["results"]] == ["Apple indexes", "Zebra indexes"]


def test_the_public_feed_is_newest_first(clients):
    older = PublishedPostFactory(published_at="2023-01-01T00:00:00Z")
    newer = PublishedPostFactory(published_at="2024-01-01T00:00:00Z")

    rows = clients["anonymous"].get(LIST).json()["results"]

    assert [row["id"] for row in rows] == [newer.pk, older.pk]


def test_the_list_exports_as_csv(clients):
    PublishedPostFactory(title="=cmd()", tags=[TagFactory(slug="csv")])

    response = clients["anonymous"].get(LIST, {"format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["title"] == "'=cmd()"
    assert "category.slug" in row
    assert "author.name" in row


# Signed-in callers pay two more queries (their own and their groups' permissions): the
# visibility rule asks whether they are editors. A fresh user object per request, as in production.
LIST_QUERIES = {"anonymous": 3, "author": 5, "editor": 5}


@pytest.mark.parametrize("role", sorted(LIST_QUERIES))
@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_whatever_the_row_count(
    fresh_client, django_assert_num_queries, request, author, role, rows
):
    for post in PublishedPostFactory.create_batch(rows, author=author):
        post.tags.set(TagFactory.create_batch(2))
        ApprovedCommentFactory(post=post)
    client = fresh_client(None if role == "anonymous" else request.getfixturevalue(role))

    with django_assert_num_queries(LIST_QUERIES[role]):  # count, page, tags (+ permissions)
        response = client.get(LIST, {"page_size": 100})

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_the_popular_ranking_costs_the_same_queries_whatever_the_row_count(
    fresh_client, django_assert_num_queries, author, rows
):
    for post in PublishedPostFactory.create_batch(rows, author=author):
        post.tags.set(TagFactory.create_batch(2))
        ApprovedCommentFactory(post=post)

    with django_assert_num_queries(2):  # the ten posts with authors and categories, their tags
        response = fresh_client(None).get(reverse("cms:post-popular"))

    assert len(response.json()) == min(rows, 10)


@pytest.mark.parametrize("rows", [5, 50])
def test_a_post_detail_costs_the_same_queries_whatever_its_tags_and_comments(
    fresh_client, django_assert_num_queries, rows
):
    post = PublishedPostFactory(tags=TagFactory.create_batch(rows))
    ApprovedCommentFactory.create_batch(rows, post=post)

    with django_assert_num_queries(2):  # the post (joins, comment count), its tags
        body = fresh_client(None).get(detail(post)).json()

    assert (len(body["tags"]), body["comment_count"]) == (rows, rows)


def test_an_anonymous_reader_cannot_write(clients):
    response = clients["anonymous"].post(LIST, {"title": "x", "category": "y"})

    assert response.status_code == ANONYMOUS_STATUS
    assert response.json()["error"]["code"] == "not_authenticated"


def test_an_author_starts_a_draft_with_tags(clients, author):
    CategoryFactory(slug="databases")
    payload = {"title": "Index me", "category": "databases", "tags": ["SQL", "Indexes"]}

    response = clients["author"].post(LIST, payload)

    assert response.status_code == status.HTTP_201_CREATED
    body = response.json()
    assert (body["status"], body["slug"], body["author"]["id"]) == ("draft", "index-me", author.pk)
    assert body["tags"] == ["indexes", "sql"]
    assert Post.objects.get(pk=body["id"]).author == author


def test_a_duplicate_slug_in_the_same_category_is_a_400_with_the_error_body(clients):
    existing = PostFactory(slug="taken")

    response = clients["author"].post(
        LIST, {"title": "Taken", "category": existing.category.slug, "slug": "taken"}
    )

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert response.json()["error"]["code"] == "invalid"


def test_an_unknown_category_is_a_400_naming_the_field(clients):
    response = clients["author"].post(LIST, {"title": "x", "category": "nope"})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert "category" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ANONYMOUS_STATUS),
        ("author", status.HTTP_200_OK),
        ("other_author", status.HTTP_404_NOT_FOUND),  # another's draft is invisible
        ("editor", status.HTTP_403_FORBIDDEN),  # editors publish; they do not rewrite
        ("staff", status.HTTP_200_OK),
    ],
)
def test_only_the_author_or_staff_edit_a_draft(clients, posts, role, expected):
    response = clients[role].patch(detail(posts["draft"]), {"title": "Edited", "tags": ["x"]})

    assert response.status_code == expected
    edited = Post.objects.get(pk=posts["draft"].pk).title == "Edited"
    assert edited is (expected == status.HTTP_200_OK)


def test_another_author_cannot_edit_a_published_post_they_can_read(clients, posts):
    response = clients["other_author"].patch(detail(posts["published"]), {"title": "Mine now"})

    assert response.status_code == status.HTTP_403_FORBIDDEN
    assert response.json()["error"]["code"] == "permission_denied"


def test_editing_a_published_post_is_a_409_that_says_what_to_do(clients, posts):
    response = clients["author"].patch(detail(posts["published"]), {"title": "Changed"})

    assert response.status_code == status.HTTP_409_CONFLICT
    error = response.json()["error"]
    assert error["code"] == "not_editable"
    assert "back to draft" in error["message"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ANONYMOUS_STATUS),
        ("other_author", status.HTTP_403_FORBIDDEN),
        ("editor", status.HTTP_403_FORBIDDEN),
        ("author", status.HTTP_204_NO_CONTENT),
        ("staff", status.HTTP_204_NO_CONTENT),
    ],
)
def test_delete_archives_the_post_for_its_author_or_staff(clients, posts, role, expected):
    post = posts["published"]

    response = clients[role].delete(detail(post))

    assert response.status_code == expected
    post.refresh_from_db()  # the row stays either way
    archived = post.status == Status.ARCHIVED
    assert archived is (expected == status.HTTP_204_NO_CONTENT)


def test_an_archived_post_disappears_from_the_public_feed(clients, posts):
    clients["author"].delete(detail(posts["published"]))

    assert posts["published"].pk not in ids(clients["anonymous"].get(LIST))


def test_a_post_in_review_cannot_be_deleted_before_it_is_withdrawn(clients, posts):
    response = clients["author"].delete(detail(posts["review"]))

    assert response.status_code == status.HTTP_409_CONFLICT
    assert response.json()["error"]["code"] == "invalid_transition"


def test_the_whole_workflow_over_http(clients, posts):
    post = posts["draft"]

    submitted = clients["author"].post(transition(post), {"status": "review"})
    refused = clients["author"].post(transition(post), {"status": "published"})
    published = clients["editor"].post(transition(post), {"status": "published"})

    assert submitted.status_code == status.HTTP_200_OK
    assert submitted.json()["status"] == "review"
    assert refused.status_code == status.HTTP_403_FORBIDDEN
    assert refused.json()["error"]["code"] == "permission_denied"
    assert published.status_code == status.HTTP_200_OK
    assert published.json()["published_at"] is not None
    assert post.pk in ids(clients["anonymous"].get(LIST))


def test_a_move_outside_the_workflow_is_a_409_listing_the_allowed_moves(clients, posts):
    response = clients["editor"].post(transition(posts["draft"]), {"status": "published"})

    assert response.status_code == status.HTTP_409_CONFLICT
    assert response.json()["error"] == {
        "status": 409,
        "code": "invalid_transition",
        "message": "A draft post cannot move to published; allowed: review, archived.",
        "fields": {},
    }


@pytest.mark.parametrize(
    ("role", "name", "target", "expected"),
    [
        ("anonymous", "published", "archived", ANONYMOUS_STATUS),
        ("other_author", "draft", "review", status.HTTP_404_NOT_FOUND),
        ("other_author", "published", "archived", status.HTTP_403_FORBIDDEN),
        ("editor", "published", "archived", status.HTTP_200_OK),
        ("staff", "review", "published", status.HTTP_200_OK),
        ("author", "draft", "bogus", status.HTTP_400_BAD_REQUEST),
    ],
)
def test_transitions_check_the_role_of_every_caller(clients, posts, role, name, target, expected):
    response = clients[role].post(transition(posts[name]), {"status": target})

    assert response.status_code == expected
    assert (response.status_code == status.HTTP_200_OK) is (response.json().get("status") == target)
