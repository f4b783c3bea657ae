"""API pagination (its own module: DRF imports it while loading its generic views)."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

from .numbers import parse_id

# Other APIs' names for the same thing: refused with a pointer, never silently ignored.
FOREIGN_PARAMETERS = {"page_size": "limit", "per_page": "limit", "page": "offset"}


class Pagination(LimitOffsetPagination):
    """`?limit=&offset=`: whole numbers; a limit above the ceiling (500) is served as 500, so a
    huge limit cannot ask for everything at once. Anything else is a 400 naming the parameter."""

    default_limit = 50
    max_limit = 500

    def paginate_queryset(self, queryset, request, view=None):
        for name, ours in FOREIGN_PARAMETERS.items():
            if name in request.query_params:
                raise ValidationError(
                    {name: f"This API pages with limit and offset: use {ours}= instead."}
                )
        return super().paginate_queryset(queryset, request, view)

    def get_limit(self, request):
        if self.limit_query_param not in request.query_params:
            return self.default_limit
        limit = _whole(request, self.limit_query_param, minimum=1)
        return min(limit, self.max_limit)

    def get_offset(self, request):
        if self.offset_query_param not in request.query_params:
            return 0
        return _whole(request, self.offset_query_param, minimum=0)


def _whole(request, name: str, *, minimum: int) -> int:
    text = request.query_params[name].strip()
    if parse_id(text) is None or int(text) < minimum:
        raise ValidationError({name: f"{name} must be a whole number ≥ {minimum}."})
    return int(text)
