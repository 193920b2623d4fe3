"""Reports computed in the background; each is keyed so that computing it again changes nothing."""

from django.db import models


class DailySignupReport(models.Model):
    """How many accounts were created on one day (in the project's time zone): one row per day."""

    day = models.DateField()
    signups = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-day",)
        constraints = (
            # The idempotency key: a redelivered or repeated task finds the row and stops.
            models.UniqueConstraint(fields=("day",), name="reports_dailysignupreport_day_unique"),
        )

    def __str__(self) -> str:
        return f"{self.day}: {self.signups} signups"
