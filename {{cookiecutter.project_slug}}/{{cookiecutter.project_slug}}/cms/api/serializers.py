"""Shapes of content in and out of the API: inputs validate, outputs render what selectors load."""

from django.db.models import Model
from rest_framework import serializers

from ..models import Category, Comment, Moderation, Page, Post, Status, Tag


class OutputSerializer[M: Model](serializers.ModelSerializer[M]):
    """A model rendered for reading: every field is read-only, as the API schema shows it."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


class AuthorOutputSerializer(serializers.Serializer):
    """The public face of an author: never the email address."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class CategoryOutputSerializer(OutputSerializer[Category]):
    class Meta:
        model = Category
        fields = ("id", "name", "slug", "description")


class TagOutputSerializer(OutputSerializer[Tag]):
    class Meta:
        model = Tag
        fields = ("id", "name", "slug")


# What a list shows of every entry, in its columns' order: what names it, then where it stands.
ENTRY_NAMING = ("id", "title", "slug")
ENTRY_STANDING = ("status", "published_at", "updated_at", "author")
# What a detail adds to its list's fields.
ENTRY_DETAIL = ("body", "created_at")


class EntryListOutputSerializer(OutputSerializer[Post | Page]):
    """What the post and page lists share: the author's public face."""

    author = AuthorOutputSerializer()


class EntryInputSerializer(serializers.Serializer):
    """A new entry (POST) or the fields to change (PATCH, where every field is optional)."""

    title = serializers.CharField(max_length=200)
    slug = serializers.SlugField(
        max_length=200, required=False, help_text="Defaults to the title's."
    )
    body = serializers.CharField(required=False, allow_blank=True)


class PostListOutputSerializer(EntryListOutputSerializer):
    category = CategoryOutputSerializer()
    tags = serializers.SlugRelatedField[Tag](slug_field="slug", many=True, read_only=True)
    comment_count = serializers.IntegerField(help_text="Approved comments.")

    class Meta:
        model = Post
        fields: tuple[str, ...] = (
            *ENTRY_NAMING,
            "excerpt",
            *ENTRY_STANDING,
            "category",
            "tags",
            "comment_count",
        )


class PostDetailOutputSerializer(PostListOutputSerializer):
    class Meta(PostListOutputSerializer.Meta):
        fields = (*PostListOutputSerializer.Meta.fields, *ENTRY_DETAIL)


class PostInputSerializer(EntryInputSerializer):
    category = serializers.SlugRelatedField(slug_field="slug", queryset=Category.objects.all())
    excerpt = serializers.CharField(max_length=300, required=False, allow_blank=True)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50),
        max_length=10,
        required=False,
        help_text="Tag names; missing tags are created.",
    )


class PageListOutputSerializer(EntryListOutputSerializer):
    class Meta:
        model = Page
        fields: tuple[str, ...] = (*ENTRY_NAMING, "parent", *ENTRY_STANDING)


class PageDetailOutputSerializer(PageListOutputSerializer):
    class Meta(PageListOutputSerializer.Meta):
        fields = (*PageListOutputSerializer.Meta.fields, *ENTRY_DETAIL)


class PageInputSerializer(EntryInputSerializer):
    # DRF's metaclass moves declared fields into _declared_fields, so this never shadows the
    # Field.parent attribute the stubs see.
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Page.objects.all(),
        required=False,
        allow_null=True,
    )


class TransitionInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, help_text="The state to move to.")


class CommentOutputSerializer(OutputSerializer[Comment]):
    author = AuthorOutputSerializer()

    class Meta:
        model = Comment
        fields = ("id", "post", "author", "body", "moderation", "created_at", "moderated_at")


class CommentCreateInputSerializer(serializers.Serializer):
    # Only published posts resolve, so the answer never reveals that a draft exists.
    post = serializers.PrimaryKeyRelatedField(queryset=Post.objects.filter(status=Status.PUBLISHED))
    body = serializers.CharField(max_length=5000)


class CommentModerateInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[Moderation.APPROVED, Moderation.REJECTED],
        help_text="The moderation decision.",
    )
