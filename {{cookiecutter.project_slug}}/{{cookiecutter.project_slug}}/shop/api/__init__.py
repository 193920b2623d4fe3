"""REST endpoints under /api/v1/shop/."""
