"""API pagination (its own module: DRF imports it while loading its generic views)."""

from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """`?limit=&offset=`, with a ceiling so a huge limit cannot ask for everything at once."""

    default_limit = 50
    max_limit = 500
