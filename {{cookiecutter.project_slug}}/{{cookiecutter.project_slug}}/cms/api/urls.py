"""URLs under /api/v1/cms/."""

from django.urls import path

from . import views

app_name = "cms"
urlpatterns = [
    path("categories/", views.CategoryListView.as_view(), name="category-list"),
    path("tags/", views.TagListView.as_view(), name="tag-list"),
    path("posts/", views.PostListView.as_view(), name="post-list"),
    path("posts/popular/", views.PopularPostListView.as_view(), name="post-popular"),
    path("posts/<int:pk>/", views.PostDetailView.as_view(), name="post-detail"),
    path("posts/<int:pk>/transition/", views.PostTransitionView.as_view(), name="post-transition"),
    path("pages/", views.PageListView.as_view(), name="page-list"),
    path("pages/<int:pk>/", views.PageDetailView.as_view(), name="page-detail"),
    path("pages/<int:pk>/transition/", views.PageTransitionView.as_view(), name="page-transition"),
    path("comments/", views.CommentListView.as_view(), name="comment-list"),
    path("comments/<int:pk>/", views.CommentDetailView.as_view(), name="comment-detail"),
    path(
        "comments/<int:pk>/moderate/",
        views.CommentModerateView.as_view(),
        name="comment-moderate",
    ),
]
