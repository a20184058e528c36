"""Pages of the API's lists: 50 a page, counted as far as ``core.paging`` counts the pages' lists.

``count`` is exact while a list is at most 1,000 long (or reaches no further than the page asked
for); beyond that it is the number counted and ``count_capped`` is true: more results exist, and
``next`` leads to them.
"""

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kimitsu.core.paging import CappedPaginator


class CappedPageNumberPagination(PageNumberPagination):
    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "count_capped": self.page.paginator.capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count"]["description"] = (
            "Number of results; a lower bound when count_capped is true."
        )
        answer["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "True when the list is longer than the results counted (over 1,000).",
        }
        answer["required"] = [*answer.get("required", []), "count_capped"]
        return answer
