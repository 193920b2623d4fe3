"""Admin for reports: read-only, since the worker writes them."""

from django.contrib import admin
from django.http import HttpRequest

from .models import DailySignupReport


@admin.register(DailySignupReport)
class DailySignupReportAdmin(admin.ModelAdmin):
    list_display = ("day", "signups", "created_at")
    date_hierarchy = "day"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: DailySignupReport | None = None
    ) -> bool:
        return False
