"""The reports admin: staff read reports, nobody edits them."""

import pytest
from django.urls import reverse
from rest_framework import status

from ..services import daily_signup_report_build

pytestmark = pytest.mark.django_db


def test_staff_see_reports_but_cannot_add_or_change_them(client, staff_user):
    report, _ = daily_signup_report_build(day=staff_user.date_joined.date())
    client.force_login(staff_user)

    listing = client.get(reverse("admin:reports_dailysignupreport_changelist"))
    adding = client.get(reverse("admin:reports_dailysignupreport_add"))
    editing = client.post(
        reverse("admin:reports_dailysignupreport_change", args=(report.pk,)), {"signups": 99}
    )

    assert listing.status_code == status.HTTP_200_OK
    assert str(report.day.year) in listing.content.decode()
    assert adding.status_code == status.HTTP_403_FORBIDDEN
    assert editing.status_code == status.HTTP_403_FORBIDDEN
    report.refresh_from_db()
    assert report.signups == 1
