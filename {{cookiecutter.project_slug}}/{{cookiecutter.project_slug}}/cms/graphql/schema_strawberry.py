"""Content in GraphQL (strawberry): posts and pages as each reader may see them, writing and publishing.

Who sees what is decided by the REST selectors; who may move an entry through the workflow by
the services. Lists cost a fixed number of queries: the selectors join authors and categories
and prefetch tags.
"""

import datetime

import strawberry
import strawberry_django
from strawberry import auto

from {{ cookiecutter.project_slug }}.core.graphql.errors import not_found, perform
from {{ cookiecutter.project_slug }}.core.graphql.mutations_strawberry import Payload
from {{ cookiecutter.project_slug }}.core.graphql.pagination import get_or_none
from {{ cookiecutter.project_slug }}.core.graphql.types_strawberry import (
    IsAuthenticated,
    current_user,
    page_field,
)
from {{ cookiecutter.project_slug }}.users.graphql.schema_strawberry import UserType

from .. import selectors, services
from ..api.filters import PageFilter, PostFilter
from ..api.serializers import PostInputSerializer, TransitionInputSerializer
from ..models import Category, Post, Tag
from ..models import Page as PageModel


@strawberry_django.type(Category, name="Category")
class CategoryType:
    id: auto
    name: auto
    slug: auto
    description: auto


@strawberry_django.type(Tag, name="Tag")
class TagType:
    id: auto
    name: auto
    slug: auto


@strawberry_django.type(Post, name="Post", description="A post as lists show it (no body).")
class PostType:
    id: auto
    title: auto
    slug: auto
    excerpt: auto
    status: str
    published_at: auto
    author: UserType
    category: CategoryType

    @strawberry.field
    def tags(self, root: Post) -> list[TagType]:
        # Prefetched by the selector: no query per post. Tag rows, which strawberry_django
        # renders as TagType: mypy sees only the rows.
        return root.tags.all()  # type: ignore[return-value]

    @strawberry.field(description="Approved comments.")
    def comment_count(self, root: Post) -> int:
        # An annotation the selectors add (Count), not a model field.
        return root.comment_count  # type: ignore[attr-defined]


@strawberry_django.type(Post, name="PostDetail", description="One post, whole.")
class PostDetailType(PostType):
    body: auto


@strawberry_django.type(PageModel, name="Page")
class PageType:
    id: auto
    title: auto
    slug: auto
    status: str
    published_at: auto
    author: UserType

    @strawberry.field(description="The parent page's id; null at the top of the tree.")
    def parent_id(self, root: PageModel) -> strawberry.ID | None:
        return None if root.parent_id is None else strawberry.ID(str(root.parent_id))


@strawberry.input(description="The REST post list's filters; category and tag are slugs.")
class PostFilterInput:
    status: str | None = None
    category: str | None = None
    tag: str | None = None
    author: strawberry.ID | None = None
    published_after: datetime.datetime | None = None
    published_before: datetime.datetime | None = None


@strawberry.input(description="The REST page list's filters.")
class PageFilterInput:
    status: str | None = None
    parent: strawberry.ID | None = None
    root: bool | None = None
    author: strawberry.ID | None = None


@strawberry.input(description="A new draft; the slug defaults to the title's, category is a slug.")
class CreatePostInput:
    title: str
    category: str
    slug: str | None = None
    excerpt: str | None = None
    body: str | None = None
    tags: list[str] | None = None


@strawberry.input(description="Move a post: draft, review, published or archived.")
class TransitionPostInput:
    id: strawberry.ID
    status: str


@strawberry.type
class PostPayload(Payload):
    post: PostDetailType | None = None


def _as_detail(info: strawberry.Info, post: Post) -> Post:
    """The post as ``post`` shows it."""
    return selectors.post_detail(viewer=current_user(info)).get(pk=post.pk)


@strawberry.type
class Query:
    posts = page_field(
        PostType,
        PostFilterInput,
        PostFilter,
        lambda info: selectors.post_list(viewer=current_user(info)),
        description="Posts you may read, newest publication first.",
    )

    @strawberry.field(description="One post with its body, or null if you may not read it.")
    def post(self, info: strawberry.Info, id: strawberry.ID) -> PostDetailType | None:
        return get_or_none(selectors.post_detail(viewer=current_user(info)), id)

    pages = page_field(
        PageType,
        PageFilterInput,
        PageFilter,
        lambda info: selectors.page_list(viewer=current_user(info)),
        description="Pages you may read, by title.",
    )

    @strawberry.field(description="Every category, by name.")
    def categories(self) -> list[CategoryType]:
        # Rows, rendered as CategoryType by strawberry_django.
        return selectors.category_list()  # type: ignore[return-value]

    @strawberry.field(description="Every tag, by name.")
    def tags(self) -> list[TagType]:
        # Rows, rendered as TagType by strawberry_django.
        return selectors.tag_list()  # type: ignore[return-value]


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=[IsAuthenticated], description="Write a new draft.")
    def create_post(self, info: strawberry.Info, input: CreatePostInput) -> PostPayload:
        author = current_user(info)
        return PostPayload.answer(
            perform(
                PostInputSerializer,
                vars(input),
                lambda valid: _as_detail(info, services.post_create(author=author, **valid)),
            )
        )

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Move a post through the workflow; publishing needs the editor role.",
    )
    def transition_post(self, info: strawberry.Info, input: TransitionPostInput) -> PostPayload:
        actor = current_user(info)
        post = get_or_none(selectors.post_detail(viewer=actor), input.id)
        if post is None:
            return PostPayload.answer(not_found("post"))
        return PostPayload.answer(
            perform(
                TransitionInputSerializer,
                {"status": input.status},
                lambda valid: _as_detail(
                    info, services.entry_transition(entry=post, to=valid["status"], actor=actor)
                ),
            )
        )
