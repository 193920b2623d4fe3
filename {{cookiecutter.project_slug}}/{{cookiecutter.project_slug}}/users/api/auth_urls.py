"""URLs under /api/v1/auth/: registration plus the sign-in flow of the chosen authentication."""

from django.urls import path

from .auth_{{ cookiecutter.api_auth }} import urlpatterns as sign_in_urlpatterns
from .views import UserRegisterView

app_name = "auth"
urlpatterns = [
    path("register/", UserRegisterView.as_view(), name="register"),
    *sign_in_urlpatterns,
]
