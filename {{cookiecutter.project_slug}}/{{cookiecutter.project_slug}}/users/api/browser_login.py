"""The browsable API's Log in / Log out pages, under the same sign-in limits as the API's sign-in.

DRF's own ``rest_framework.urls`` would offer a password form with no limit at all; these views are the
same Django views and template, with the per-IP and per-account throttles checked before a password is.
"""

import hashlib

from django.contrib.auth.views import LoginView, LogoutView
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from rest_framework import status
from rest_framework.throttling import SimpleRateThrottle

from {{ cookiecutter.project_slug }}.core.exceptions import error_body

from .throttling import SignInIPThrottle


class BrowserSignInAccountThrottle(SimpleRateThrottle):
    """The per-account limit, keyed on the form's ``username`` field (the email address)."""

    scope = "sign_in_account"

    def get_cache_key(self, request: HttpRequest, view: object) -> str | None:
        email = request.POST.get("username", "").strip().lower()
        if not email:
            return None
        return self.cache_format % {
            "scope": self.scope,
            "ident": hashlib.sha256(email.encode()).hexdigest(),
        }


class BrowserLoginView(LoginView):
    template_name = "rest_framework/login.html"

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        for throttle in (SignInIPThrottle(), BrowserSignInAccountThrottle()):
            # A Django view and request where DRF's throttles expect DRF's: they read only the
            # client address, the form and the cache.
            if not throttle.allow_request(request, self):  # type: ignore[arg-type]
                wait = throttle.wait()
                body = error_body(
                    status_code=status.HTTP_429_TOO_MANY_REQUESTS,
                    code="throttled",
                    message="Too many sign-in attempts; try again later.",
                )
                response = JsonResponse(body, status=status.HTTP_429_TOO_MANY_REQUESTS)
                if wait is not None:
                    response["Retry-After"] = str(int(wait) + 1)
                return response
        return super().post(request, *args, **kwargs)


# Named like DRF's own URLs ("rest_framework:login"), so the browsable API shows the links.
app_name = "rest_framework"
urlpatterns = [
    path("login/", BrowserLoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
]
