"""Accounts: a custom user who signs in with an email address."""
