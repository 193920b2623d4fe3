"""`manage.py erd` and the other shared commands."""
