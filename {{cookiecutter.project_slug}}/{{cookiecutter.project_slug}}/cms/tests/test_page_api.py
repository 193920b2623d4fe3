"""/api/v1/cms/pages/: the page tree, the same workflow as posts, and query counts."""

import pytest
from django.urls import reverse
from rest_framework import status

from {{ cookiecutter.project_slug }}.core.tests.statuses import ANONYMOUS_STATUS

from ..models import Page, Status
from .factories import PageFactory, PublishedPageFactory

pytestmark = pytest.mark.django_db
LIST = reverse("cms:page-list")
LIST_QUERIES = {"anonymous": 2, "author": 4, "editor": 4}  # count, page (+ permissions)


def detail(page) -> str:
    return reverse("cms:page-detail", args=[page.pk])


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def pages(author, other_author):
    about = PublishedPageFactory(author=author, slug="about")
    return {
        "about": about,
        "team": PublishedPageFactory(author=author, parent=about, slug="team"),
        "draft": PageFactory(author=author),
        "other_draft": PageFactory(author=other_author),
    }


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("anonymous", {"about", "team"}),
        ("author", {"about", "team", "draft"}),
        ("other_author", {"about", "team", "other_draft"}),
        ("editor", {"about", "team", "draft", "other_draft"}),
        ("staff", {"about", "team", "draft", "other_draft"}),
    ],
)
def test_each_role_lists_exactly_the_pages_it_may_read(clients, pages, role, visible):
    assert ids(clients[role].get(LIST)) == {pages[name].pk for name in visible}


def test_the_list_filters_the_tree_and_searches_titles(clients, pages):
    client = clients["anonymous"]

    assert ids(client.get(LIST, {"root": "true"})) == {pages["about"].pk}
    assert ids(client.get(LIST, {"parent": pages["about"].pk})) == {pages["team"].pk}
    assert ids(client.get(LIST, {"search": pages["team"].title})) == {pages["team"].pk}


def test_the_list_exports_as_csv(clients, pages):
    response = clients["anonymous"].get(LIST, HTTP_ACCEPT="text/csv")

    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0].startswith("id,title,slug,parent,status")


@pytest.mark.parametrize(
    ("role", "name", "expected"),
    [
        ("anonymous", "team", status.HTTP_200_OK),
        ("anonymous", "draft", status.HTTP_404_NOT_FOUND),
        ("author", "draft", status.HTTP_200_OK),
        ("other_author", "draft", status.HTTP_404_NOT_FOUND),
        ("editor", "draft", status.HTTP_200_OK),
        ("staff", "other_draft", status.HTTP_200_OK),
    ],
)
def test_a_page_reads_only_for_those_who_may_see_it(clients, pages, role, name, expected):
    response = clients[role].get(detail(pages[name]))

    assert response.status_code == expected
    if expected == status.HTTP_200_OK:
        assert response.json()["body"] == pages[name].body


@pytest.mark.parametrize("role", sorted(LIST_QUERIES))
@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_whatever_the_row_count(
    fresh_client, django_assert_num_queries, request, author, role, rows
):
    PublishedPageFactory.create_batch(rows, author=author)
    client = fresh_client(None if role == "anonymous" else request.getfixturevalue(role))

    with django_assert_num_queries(LIST_QUERIES[role]):
        response = client.get(LIST, {"page_size": 100})

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_a_page_detail_costs_one_query_whatever_its_children(
    fresh_client, django_assert_num_queries, rows
):
    page = PublishedPageFactory()
    PublishedPageFactory.create_batch(rows, parent=page)

    with django_assert_num_queries(1):
        response = fresh_client(None).get(detail(page))

    assert response.status_code == status.HTTP_200_OK


def test_an_author_creates_a_child_page_as_a_draft(clients, pages, author):
    response = clients["author"].post(LIST, {"title": "Jobs", "parent": pages["about"].pk})

    assert response.status_code == status.HTTP_201_CREATED
    body = response.json()
    assert (body["status"], body["slug"], body["parent"]) == ("draft", "jobs", pages["about"].pk)
    assert body["author"]["id"] == author.pk


def test_a_sibling_with_the_same_slug_is_a_400(clients, pages):
    response = clients["author"].post(LIST, {"title": "About", "slug": "about"})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert response.json()["error"]["code"] == "invalid"


def test_an_anonymous_reader_cannot_create_a_page(clients):
    assert clients["anonymous"].post(LIST, {"title": "x"}).status_code == ANONYMOUS_STATUS


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ANONYMOUS_STATUS),
        ("author", status.HTTP_200_OK),
        ("other_author", status.HTTP_404_NOT_FOUND),
        ("editor", status.HTTP_403_FORBIDDEN),
        ("staff", status.HTTP_200_OK),
    ],
)
def test_only_the_author_or_staff_edit_a_draft_page(clients, pages, role, expected):
    response = clients[role].patch(detail(pages["draft"]), {"title": "Edited"})

    assert response.status_code == expected


def test_a_page_cannot_move_under_its_own_child(clients, pages, author):
    draft_root = PageFactory(author=author)
    child = PageFactory(author=author, parent=draft_root)

    response = clients["author"].patch(detail(draft_root), {"parent": child.pk})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert "parent" in response.json()["error"]["fields"]


def test_editing_a_published_page_is_a_409(clients, pages):
    response = clients["author"].patch(detail(pages["about"]), {"body": "Changed"})

    assert response.status_code == status.HTTP_409_CONFLICT


def test_delete_archives_a_page_and_keeps_the_row(clients, pages):
    response = clients["author"].delete(detail(pages["team"]))

    assert response.status_code == status.HTTP_204_NO_CONTENT
    assert Page.objects.get(pk=pages["team"].pk).status == Status.ARCHIVED
    assert pages["team"].pk not in ids(clients["anonymous"].get(LIST))


@pytest.mark.parametrize(
    ("role", "target", "expected"),
    [
        ("anonymous", "review", ANONYMOUS_STATUS),
        ("author", "review", status.HTTP_200_OK),
        ("editor", "review", status.HTTP_403_FORBIDDEN),
        ("editor", "published", status.HTTP_409_CONFLICT),
        ("staff", "archived", status.HTTP_200_OK),
    ],
)
def test_page_transitions_follow_the_workflow(clients, pages, role, target, expected):
    url = reverse("cms:page-transition", args=[pages["draft"].pk])

    response = clients[role].post(url, {"status": target})

    assert response.status_code == expected
    if expected == status.HTTP_200_OK:
        assert response.json()["status"] == target


def test_an_editor_publishes_a_page_in_review(clients, pages):
    url = reverse("cms:page-transition", args=[pages["draft"].pk])
    clients["author"].post(url, {"status": "review"})

    response = clients["editor"].post(url, {"status": "published"})

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["published_at"] is not None
