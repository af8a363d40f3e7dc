"""A page of results, whether the list was cut by the database or in Python."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from portal.core.db import db
from portal.core.numbers import int_arg


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


def paginate_select(stmt, *order_by, page: int, per_page: int) -> Page:
    """One page of an ORM select: counts the rows, orders and cuts; a page past the end gives the last page."""
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    page = min(max(page, 1), max(1, math.ceil(total / per_page)))
    items = db.session.scalars(stmt.order_by(*order_by).limit(per_page).offset((page - 1) * per_page))
    return Page(list(items), page, per_page, total)


def paginate_list(items: list, page: int, per_page: int) -> Page:
    page = max(1, page)
    start = (page - 1) * per_page
    return Page(items[start:start + per_page], page, per_page, len(items))


def page_arg(request) -> int:
    """?page=: malformed, below 1 or beyond any page (portal.core.numbers): the first page."""
    return int_arg(request.args, "page", 1, low=1)
