"""Read models returned by the query layer; HTML and JSON views render the same objects."""

from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class ArticleSummary(BaseModel):
    id: str
    slug: str
    title: str
    title_derived: bool
    date: str | None
    date_precision: str
    date_inferred: bool
    language: str
    outlet: str | None
    lead: str


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
