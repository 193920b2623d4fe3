"""Management commands shared by every app."""
