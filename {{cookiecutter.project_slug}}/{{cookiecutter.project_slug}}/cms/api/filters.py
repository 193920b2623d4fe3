"""Query-string filters for content lists; every one is served by an index (see models.py)."""

import django_filters

from {{ cookiecutter.project_slug }}.core.filters import IdFilter, UTCDateTimeFilter

from ..models import Comment, Moderation, Page, Post, Status


class PostFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices)
    category = django_filters.CharFilter(field_name="category__slug", help_text="Category slug.")
    tag = django_filters.CharFilter(field_name="tags__slug", help_text="Tag slug.")
    author = IdFilter(field_name="author_id", help_text="Author id.")
    published_after = UTCDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = UTCDateTimeFilter(field_name="published_at", lookup_expr="lt")

    class Meta:
        model = Post
        fields = ("status", "category", "tag", "author", "published_after", "published_before")


class PageFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices)
    parent = IdFilter(field_name="parent_id", help_text="Parent page id.")
    root = django_filters.BooleanFilter(
        field_name="parent",
        lookup_expr="isnull",
        help_text="true: only top-level pages.",
    )
    author = IdFilter(field_name="author_id", help_text="Author id.")

    class Meta:
        model = Page
        fields = ("status", "parent", "root", "author")


class CommentFilter(django_filters.FilterSet):
    moderation = django_filters.ChoiceFilter(choices=Moderation.choices)
    post = IdFilter(field_name="post_id", help_text="Post id.")

    class Meta:
        model = Comment
        fields = ("moderation", "post")
