"""/api/v1/cms/comments/: posting, moderation, who sees what, and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework import status

from {{ cookiecutter.project_slug }}.core.tests.statuses import ANONYMOUS_STATUS

from ..models import Comment, Moderation, Status
from .factories import ApprovedCommentFactory, CommentFactory, PostFactory, PublishedPostFactory

pytestmark = pytest.mark.django_db
LIST = reverse("cms:comment-list")
LIST_QUERIES = {"anonymous": 2, "author": 4, "editor": 4}  # count, page (+ permissions)


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def comments(author, other_author):
    post = PublishedPostFactory()
    return {
        "approved": ApprovedCommentFactory(post=post, author=other_author),
        "own_pending": CommentFactory(post=post, author=author),
        "other_pending": CommentFactory(post=post, author=other_author),
        "on_archived": ApprovedCommentFactory(
            post=PublishedPostFactory(status=Status.ARCHIVED), author=author
        ),
    }


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("anonymous", {"approved"}),
        ("author", {"approved", "own_pending", "on_archived"}),
        ("other_author", {"approved", "other_pending"}),
        ("editor", {"approved", "own_pending", "other_pending", "on_archived"}),
        ("staff", {"approved", "own_pending", "other_pending", "on_archived"}),
    ],
)
def test_each_role_lists_exactly_the_comments_it_may_read(clients, comments, role, visible):
    assert ids(clients[role].get(LIST)) == {comments[name].pk for name in visible}


@pytest.mark.parametrize("state", [state for state in Status if state != Status.PUBLISHED])
def test_approved_comments_show_only_under_published_posts(clients, state):
    shown = ApprovedCommentFactory(post=PublishedPostFactory())
    ApprovedCommentFactory(post=PublishedPostFactory(status=state))

    response = clients["anonymous"].get(LIST)

    assert ids(response) == {shown.pk}
    assert response.json()["count"] == 1


def test_the_public_count_reads_the_comments_without_joining_the_posts(clients, comments):
    with CaptureQueriesContext(connection) as captured:
        clients["anonymous"].get(LIST)

    count = next(query["sql"] for query in captured if "COUNT(*)" in query["sql"])
    assert "JOIN" not in count


def test_moderators_filter_the_queue_and_anyone_filters_by_post(clients, comments):
    queue = clients["editor"].get(LIST, {"moderation": "pending"})
    thread = clients["anonymous"].get(LIST, {"post": comments["approved"].post_id})

    assert ids(queue) == {comments["own_pending"].pk, comments["other_pending"].pk}
    assert ids(thread) == {comments["approved"].pk}


def test_the_list_exports_as_csv_and_never_shows_emails(clients, comments):
    response = clients["anonymous"].get(LIST, {"format": "csv"})

    text = response.content.decode()
    assert text.splitlines()[0] == (
        "id,post,author.id,author.name,body,moderation,created_at,moderated_at"
    )
    assert "@" not in text


@pytest.mark.parametrize("role", sorted(LIST_QUERIES))
@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_whatever_the_row_count(
    fresh_client, django_assert_num_queries, request, role, rows
):
    ApprovedCommentFactory.create_batch(rows, post=PublishedPostFactory())
    client = fresh_client(None if role == "anonymous" else request.getfixturevalue(role))

    with django_assert_num_queries(LIST_QUERIES[role]):
        response = client.get(LIST, {"page_size": 100})

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_a_comment_detail_costs_one_query_whatever_the_thread_length(
    fresh_client, django_assert_num_queries, rows
):
    comment = ApprovedCommentFactory()
    ApprovedCommentFactory.create_batch(rows, post=comment.post)

    with django_assert_num_queries(1):
        response = fresh_client(None).get(reverse("cms:comment-detail", args=[comment.pk]))

    assert response.json()["id"] == comment.pk


@pytest.mark.parametrize(
    ("role", "name", "expected"),
    [
        ("anonymous", "approved", status.HTTP_200_OK),
        ("anonymous", "own_pending", status.HTTP_404_NOT_FOUND),
        ("author", "own_pending", status.HTTP_200_OK),
        ("other_author", "own_pending", status.HTTP_404_NOT_FOUND),
        ("editor", "other_pending", status.HTTP_200_OK),
    ],
)
def test_a_comment_reads_only_for_those_who_may_see_it(clients, comments, role, name, expected):
    url = reverse("cms:comment-detail", args=[comments[name].pk])

    assert clients[role].get(url).status_code == expected


def test_a_signed_in_reader_comments_and_waits_for_moderation(clients, author):
    post = PublishedPostFactory()

    response = clients["author"].post(LIST, {"post": post.pk, "body": "Nice read."})

    assert response.status_code == status.HTTP_201_CREATED
    body = response.json()
    assert (body["moderation"], body["author"]["id"]) == ("pending", author.pk)
    assert body["id"] not in ids(clients["anonymous"].get(LIST))


def test_an_anonymous_reader_cannot_comment(clients):
    response = clients["anonymous"].post(LIST, {"post": PublishedPostFactory().pk, "body": "Hi"})

    assert response.status_code == ANONYMOUS_STATUS


def test_a_draft_cannot_be_commented_on_nor_found_through_the_error(clients):
    draft = PostFactory()

    response = clients["author"].post(LIST, {"post": draft.pk, "body": "Early!"})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert "post" in response.json()["error"]["fields"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ANONYMOUS_STATUS),
        ("author", status.HTTP_403_FORBIDDEN),
        ("other_author", status.HTTP_403_FORBIDDEN),
        ("editor", status.HTTP_200_OK),
        ("staff", status.HTTP_200_OK),
    ],
)
def test_only_moderators_decide_on_a_comment(clients, comments, role, expected):
    comment = comments["other_pending"]
    url = reverse("cms:comment-moderate", args=[comment.pk])

    response = clients[role].post(url, {"decision": "approved"})

    assert response.status_code == expected
    comment.refresh_from_db()
    assert (comment.moderation == Moderation.APPROVED) is (expected == status.HTTP_200_OK)


def test_an_approved_comment_shows_publicly_with_its_decision_date(clients, comments):
    comment = comments["other_pending"]
    url = reverse("cms:comment-moderate", args=[comment.pk])

    body = clients["editor"].post(url, {"decision": "approved"}).json()

    assert body["moderated_at"] is not None
    assert comment.pk in ids(clients["anonymous"].get(LIST))


def test_a_decision_must_be_approved_or_rejected(clients, comments):
    url = reverse("cms:comment-moderate", args=[comments["other_pending"].pk])

    response = clients["editor"].post(url, {"decision": "pending"})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert "decision" in response.json()["error"]["fields"]
