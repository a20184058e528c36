"""Pages of long lists, counted only as far as they must be.

An exact count of a long, filtered list reads every row that matches (with need-to-know and a
search, 8–10 ms at 20,000 register entries, and growing with the register); nobody reads more
than the first pages of such a list. ``CappedPaginator`` counts up to ``COUNT_CAP`` rows, or
to the end of the page asked for if that is further: a list longer than that says 「1,000件以上」
and its pages go on as far as they reach. A shorter list is counted exactly, as before.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000
MAX_PAGE = 10**9  # a page number beyond any list, so that a huge one cannot overflow the LIMIT


class CappedPaginator(Paginator):
    """A Paginator whose ``count`` stops at ``cap`` (or at the end of the page asked for).

    ``capped`` is True when it stopped there: then more rows exist than ``count`` says, and
    ``num_pages`` includes the page that holds the first of them, so that the page asked for
    always has a next page.
    """

    def __init__(self, object_list, per_page, *args, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cap = COUNT_CAP if cap is None else cap
        self.capped = False
        self._wanted = 1

    def validate_number(self, number):
        if "count" not in self.__dict__:
            try:
                self._wanted = min(max(int(number), 1), MAX_PAGE)
            except (TypeError, ValueError):
                self._wanted = 1
        return super().validate_number(number)

    @cached_property
    def count(self) -> int:
        limit = max(self.cap, self._wanted * self.per_page) + 1
        rows = self.object_list
        if hasattr(rows, "query"):  # a queryset: the order does not change a count
            found = rows.order_by()[:limit].count()
        else:
            found = len(rows[:limit])
        self.capped = found == limit
        return found - 1 if self.capped else found

    @cached_property
    def num_pages(self) -> int:
        if self.count and self.capped:
            return self.count // self.per_page + 1
        return super().num_pages
