"""The beat schedule of the reports app, installed by ReportsConfig after every migrate."""

from {{ cookiecutter.project_slug }}.core.periodic import PeriodicTaskSpec

SCHEDULES = (
    PeriodicTaskSpec(
        name="Daily signup report",
        task="{{ cookiecutter.project_slug }}.reports.tasks.build_daily_signup_report",
        # Shortly after midnight in the project's time zone, when yesterday is complete.
        minute="15",
        hour="0",
    ),
)
