"""A page of results, whether the list was cut by the database or in Python."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class Page:
    items: Sequence
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate_list(items: list, page: int, per_page: int) -> Page:
    page = max(1, page)
    start = (page - 1) * per_page
    return Page(items[start:start + per_page], page, per_page, len(items))


def page_arg(request) -> int:
    try:
        return max(1, int(request.args.get("page", 1)))
    except (TypeError, ValueError):
        return 1
