"""Writes to content: each function is one transaction and validates before it saves.

The editorial workflow is the table ``TRANSITIONS``: a move not listed is refused with 409, a
listed move by someone without the role it needs with 403.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from rest_framework import status

from {{ cookiecutter.project_slug }}.core.exceptions import ApplicationError
from {{ cookiecutter.project_slug }}.core.services import model_update
from {{ cookiecutter.project_slug }}.users.models import User

{% if cookiecutter.starter_mode == "solution" -%}
from . import roles
{% endif -%}
from .models import Category, Comment, Entry, Moderation, Page, Post, Status, Tag

OWNER = "owner"
EDITOR = "editor"

# (from, to) -> the roles allowed to make the move.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (Status.DRAFT, Status.REVIEW): frozenset({OWNER}),
    (Status.REVIEW, Status.DRAFT): frozenset({OWNER, EDITOR}),  # withdrawn, or sent back
    (Status.REVIEW, Status.PUBLISHED): frozenset({EDITOR}),
    (Status.PUBLISHED, Status.DRAFT): frozenset({EDITOR}),  # unpublished for a rewrite
    (Status.DRAFT, Status.ARCHIVED): frozenset({OWNER, EDITOR}),
    (Status.PUBLISHED, Status.ARCHIVED): frozenset({OWNER, EDITOR}),
    (Status.ARCHIVED, Status.DRAFT): frozenset({EDITOR}),  # restored
}


def allowed_targets(current: str) -> list[str]:
    return [target for (source, target) in TRANSITIONS if source == current]


def _ensure_editable(entry: Entry) -> None:
    # Only drafts change: what an editor approved is what readers get.
    if entry.status != Status.DRAFT:
        raise ApplicationError(
            f"Only drafts can be edited; this one is {entry.status}. Move it back to draft first.",
            code="not_editable",
            status_code=status.HTTP_409_CONFLICT,
        )


def _tags_named(names: Iterable[str]) -> list[Tag]:
    """The tags with these names, creating the missing ones; slugs decide what counts as equal."""
    tags: dict[str, Tag] = {}
    for name in names:
        slug = slugify(name)
        if slug and slug not in tags:
            tags[slug], _ = Tag.objects.get_or_create(slug=slug, defaults={"name": name.strip()})
    return list(tags.values())


@transaction.atomic
def post_create(
    *,
    author: User,
    title: str,
    category: Category,
    body: str = "",
    excerpt: str = "",
    slug: str = "",
    tags: Iterable[str] = (),
) -> Post:
    """A new draft by ``author``; the slug defaults to the title's."""
    post = Post(
        author=author,
        title=title,
        slug=slug or slugify(title),
        category=category,
        body=body,
        excerpt=excerpt,
    )
    post.full_clean()
    post.save()
    post.tags.set(_tags_named(tags))
    return post


@transaction.atomic
def post_update(*, post: Post, tags: Iterable[str] | None = None, **fields: Any) -> Post:
    """Change a draft's fields (title, slug, body, excerpt, category) and, if given, its tags."""
    _ensure_editable(post)
    model_update(instance=post, data=fields)
    if tags is not None:
        post.tags.set(_tags_named(tags))
    return post


def _ensure_not_own_ancestor(page: Page, parent: Page | None) -> None:
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == page.pk:
            raise ApplicationError(
                "A page cannot sit under itself or one of its own children.",
                code="invalid",
                fields={"parent": ["This page would become its own ancestor."]},
            )
        ancestor = ancestor.parent


@transaction.atomic
def page_create(
    *,
    author: User,
    title: str,
    body: str = "",
    slug: str = "",
    parent: Page | None = None,
) -> Page:
    page = Page(author=author, title=title, slug=slug or slugify(title), body=body, parent=parent)
    page.full_clean()
    page.save()
    return page


@transaction.atomic
def page_update(*, page: Page, **fields: Any) -> Page:
    """Change a draft page's fields (title, slug, body, parent); the tree stays a tree."""
    _ensure_editable(page)
    if "parent" in fields:
        _ensure_not_own_ancestor(page, fields["parent"])
    return model_update(instance=page, data=fields)


@transaction.atomic
def entry_transition[E: Entry](*, entry: E, to: str, actor: User) -> E:
    """Move a page or post through the workflow, if the move exists and the actor holds a role."""
{%- if cookiecutter.starter_mode == "exercises" %}
    raise NotImplementedError(
        "exercise editorial-workflow: lock the row, refuse a move TRANSITIONS does not list (409) "
        "or an actor without the role it needs (403), then save the new status and the first "
        "publication time (EXERCISES.md)"
    )
{%- else %}
    model = type(entry)
    # The row lock makes two editors acting at once take turns instead of both moving it.
    entry = model._default_manager.select_for_update().get(pk=entry.pk)
    needed = TRANSITIONS.get((entry.status, to))
    if needed is None:
        allowed = ", ".join(allowed_targets(entry.status))
        raise ApplicationError(
            f"A {entry.status} {model._meta.verbose_name} cannot move to {to}; allowed: {allowed}.",
            code="invalid_transition",
            status_code=status.HTTP_409_CONFLICT,
        )
    held = {OWNER} if roles.is_owner(actor, entry) else set()
    if roles.is_editor(actor, model):
        held.add(EDITOR)
    if not held & needed:
        raise ApplicationError(
            f"Moving a {model._meta.verbose_name} from {entry.status} to {to} needs the role: "
            f"{' or '.join(sorted(needed))}.",
            code="permission_denied",
            status_code=status.HTTP_403_FORBIDDEN,
        )
    entry.status = to
    if to == Status.PUBLISHED and entry.published_at is None:
        entry.published_at = timezone.now()
    entry.full_clean()
    entry.save(update_fields=["status", "published_at", "updated_at"])
    return entry
{%- endif %}


@transaction.atomic
def comment_create(*, post: Post, author: User, body: str) -> Comment:
    """A pending comment; it shows publicly once a moderator approves it."""
    if post.status != Status.PUBLISHED:
        raise ApplicationError(
            "Comments are open on published posts only.",
            code="comments_closed",
            status_code=status.HTTP_409_CONFLICT,
        )
    comment = Comment(post=post, author=author, body=body)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_moderate(*, comment: Comment, moderator: User, decision: str) -> Comment:
    """Approve or reject a comment; a later decision replaces an earlier one."""
    if decision == Moderation.PENDING:
        raise ApplicationError(
            "A moderation decision is either approved or rejected.",
            fields={"decision": ["Choose approved or rejected."]},
        )
    comment.moderation = decision
    comment.moderated_by = moderator
    comment.moderated_at = timezone.now()
    comment.full_clean()
    comment.save(update_fields=["moderation", "moderated_by", "moderated_at"])
    return comment
