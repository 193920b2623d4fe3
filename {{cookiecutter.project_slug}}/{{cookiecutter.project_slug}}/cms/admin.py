"""Admin for content: lists that join what they show, filters on indexed columns, comment inlines.

The post, page and comment lists show four or five columns (a comment's time as its date), so they fit a
1400 px window beside the admin's navigation sidebar and the filter panel; the rest (category, update time,
moderator) is a filter or on the edit page.
"""

import datetime

from django.contrib import admin
from django.utils import timezone

from .models import Category, Comment, Page, Post, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0
    fields = ("author", "body", "moderation", "moderated_by", "moderated_at")
    readonly_fields = ("author", "moderated_by", "moderated_at")
    show_change_link = True


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "author", "published_at")
    list_filter = ("status", "category", "published_at")
    list_select_related = ("category", "author")
    search_fields = ("title", "slug", "author__email")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("author",)
    autocomplete_fields = ("category", "tags")
    readonly_fields = ("created_at", "updated_at")
    inlines = (CommentInline,)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "parent", "author", "status", "published_at")
    list_filter = ("status",)
    list_select_related = ("parent", "author")
    search_fields = ("title", "slug", "author__email")
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("author", "parent")
    readonly_fields = ("created_at", "updated_at")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("post", "author", "moderation", "created_on")
    list_filter = ("moderation",)
    list_select_related = ("post", "author")
    search_fields = ("body", "author__email", "post__title")
    raw_id_fields = ("post", "author", "moderated_by")
    readonly_fields = ("created_at",)

    @admin.display(description="created", ordering="created_at")
    def created_on(self, comment: Comment) -> datetime.date:
        # The date alone: a full timestamp does not wrap and pushes the list past the window.
        return timezone.localdate(comment.created_at)
