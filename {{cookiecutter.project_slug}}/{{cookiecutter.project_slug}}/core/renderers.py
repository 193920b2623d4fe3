"""DRF's browsable API, with a "Log out" the Content-Security-Policy lets work (no inline handler)."""

from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    # DRF's own "Log out" link submits its form from an onclick attribute, which a script-src of
    # 'self' refuses: the link did nothing. The template posts the same form with a button.
    template = "core/browsable_api.html"
