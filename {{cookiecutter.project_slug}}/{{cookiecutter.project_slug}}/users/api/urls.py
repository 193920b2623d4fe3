"""URLs under /api/v1/users/."""

from django.urls import path

from .views import UserDetailView, UserListView, UserMeView, UserStatisticsView

app_name = "users"
urlpatterns = [
    path("", UserListView.as_view(), name="list"),
    path("me/", UserMeView.as_view(), name="me"),
    path("statistics/", UserStatisticsView.as_view(), name="statistics"),
    path("<int:pk>/", UserDetailView.as_view(), name="detail"),
]
