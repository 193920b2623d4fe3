"""Page-number pagination with a client-chosen page size, capped so no request can ask for everything."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100
