"""The workflow table, tag handling, the page tree and moderation, straight through the services."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from rest_framework import status

from {{ cookiecutter.project_slug }}.core.exceptions import ApplicationError

from .. import services
from ..models import Moderation, Page, Post, Status, Tag
from .factories import CategoryFactory, CommentFactory, PageFactory, PostFactory

pytestmark = pytest.mark.django_db

ALL_MOVES = [(a, b) for a, b in itertools.permutations(Status.values, 2)]
LISTED = [move for move in ALL_MOVES if move in services.TRANSITIONS]
UNLISTED = [move for move in ALL_MOVES if move not in services.TRANSITIONS]


def _entry(model_factory, source: str, **fields):
    published_at = {"published_at": "2024-01-01T00:00:00Z"} if source != Status.DRAFT else {}
    return model_factory(status=source, **published_at, **fields)


@pytest.mark.parametrize(("source", "target"), LISTED)
@pytest.mark.parametrize("model_factory", [PostFactory, PageFactory])
def test_every_listed_move_succeeds_for_the_role_it_names(
    model_factory, source, target, author, editor
):
    entry = _entry(model_factory, source, author=author)
    actor = author if services.OWNER in services.TRANSITIONS[(source, target)] else editor

    moved = services.entry_transition(entry=entry, to=target, actor=actor)

    assert moved.status == target
    assert type(moved).objects.get(pk=entry.pk).status == target


@pytest.mark.parametrize(("source", "target"), UNLISTED)
def test_every_unlisted_move_is_refused_with_409_even_for_staff(source, target, staff_user):
    post = _entry(PostFactory, source)

    with pytest.raises(ApplicationError) as refused:
        services.entry_transition(entry=post, to=target, actor=staff_user)

    assert refused.value.status_code == status.HTTP_409_CONFLICT
    assert refused.value.code == "invalid_transition"
    assert Post.objects.get(pk=post.pk).status == source


def test_an_author_cannot_publish_their_own_post(author):
    post = _entry(PostFactory, Status.REVIEW, author=author)

    with pytest.raises(ApplicationError) as refused:
        services.entry_transition(entry=post, to=Status.PUBLISHED, actor=author)

    assert refused.value.status_code == status.HTTP_403_FORBIDDEN
    assert "editor" in refused.value.message


def test_an_editor_cannot_submit_someone_elses_draft(editor):
    post = PostFactory()

    with pytest.raises(ApplicationError) as refused:
        services.entry_transition(entry=post, to=Status.REVIEW, actor=editor)

    assert refused.value.code == "permission_denied"


def test_publishing_stamps_the_date_once_and_republishing_keeps_it(author, editor):
    post = _entry(PostFactory, Status.REVIEW, author=author)
    first = services.entry_transition(entry=post, to=Status.PUBLISHED, actor=editor).published_at
    services.entry_transition(entry=post, to=Status.DRAFT, actor=editor)
    services.entry_transition(entry=post, to=Status.REVIEW, actor=author)

    again = services.entry_transition(entry=post, to=Status.PUBLISHED, actor=editor)

    assert first is not None
    assert again.published_at == first


def test_a_new_post_is_a_draft_with_a_slug_from_its_title_and_deduplicated_tags(author):
    Tag.objects.create(name="Django", slug="django")

    post = services.post_create(
        author=author,
        title="Hello, World!",
        category=CategoryFactory(),
        tags=["Django", "django ", "PostgreSQL", "   "],
    )

    assert post.status == Status.DRAFT
    assert post.slug == "hello-world"
    assert sorted(post.tags.values_list("slug", flat=True)) == ["django", "postgresql"]
    assert Tag.objects.count() == 2


def test_a_duplicate_slug_in_a_category_is_a_validation_error_before_the_database_sees_it(author):
    post = PostFactory(slug="taken")

    with pytest.raises(ValidationError):
        services.post_create(author=author, title="x", slug="taken", category=post.category)


def test_updating_a_draft_replaces_its_tags_only_when_given(author):
    post = services.post_create(author=author, title="T", category=CategoryFactory(), tags=["a"])

    services.post_update(post=post, title="New title")
    assert list(post.tags.values_list("slug", flat=True)) == ["a"]

    services.post_update(post=post, tags=["b"])
    assert list(post.tags.values_list("slug", flat=True)) == ["b"]
    assert Post.objects.get(pk=post.pk).title == "New title"


def test_only_drafts_can_be_edited():
    post = _entry(PostFactory, Status.REVIEW)

    with pytest.raises(ApplicationError) as refused:
        services.post_update(post=post, title="Sneaky")

    assert refused.value.code == "not_editable"
    assert refused.value.status_code == status.HTTP_409_CONFLICT


def test_a_page_cannot_move_under_its_own_descendant(author):
    root = services.page_create(author=author, title="Root")
    child = services.page_create(author=author, title="Child", parent=root)
    grandchild = services.page_create(author=author, title="Grandchild", parent=child)

    with pytest.raises(ApplicationError) as refused:
        services.page_update(page=root, parent=grandchild)

    assert "parent" in refused.value.fields
    assert Page.objects.get(pk=root.pk).parent is None


def test_a_page_can_move_to_another_branch(author):
    left, right = PageFactory(author=author), PageFactory(author=author)
    page = PageFactory(author=author, parent=left)

    services.page_update(page=page, parent=right, title="Moved")

    page.refresh_from_db()
    assert (page.parent, page.title) == (right, "Moved")


def test_comments_are_closed_on_posts_that_are_not_published(author):
    with pytest.raises(ApplicationError) as refused:
        services.comment_create(post=PostFactory(), author=author, body="First!")

    assert refused.value.code == "comments_closed"


def test_a_moderation_decision_is_approved_or_rejected_never_pending(editor):
    comment = CommentFactory()

    with pytest.raises(ApplicationError):
        services.comment_moderate(comment=comment, moderator=editor, decision=Moderation.PENDING)

    decided = services.comment_moderate(
        comment=comment, moderator=editor, decision=Moderation.REJECTED
    )
    assert (decided.moderation, decided.moderated_by) == (Moderation.REJECTED, editor)
    assert decided.moderated_at is not None
