"""Page objects' links under the reader's language prefix, for the HTML face.

The query layer gives every item its language-neutral path (`/articles/abc`), which the
JSON API hands out as it is; a page in Kazakh links to `/kk/articles/abc` instead, so a
reader who chose a language keeps it from link to link (an unprefixed path would send
them back to their browser's language).
"""

from typing import Any, TypeVar

from pydantic import BaseModel

from app.i18n import Lang
from app.i18n.paths import localized

T = TypeVar("T")


def _is_link(field: str) -> bool:
    return field == "url" or field.endswith("_url")


def with_language(value: T, lang: Lang) -> T:
    """A copy of a page object (model, list or dict of them) whose `url` and `*_url`
    fields are under the language's prefix; objects without links are returned as they are."""
    return _walk(value, lang)  # type: ignore[no-any-return]


def _walk(value: Any, lang: Lang) -> Any:
    if isinstance(value, BaseModel):
        changes: dict[str, Any] = {}
        for name in type(value).model_fields:
            item = getattr(value, name)
            if _is_link(name) and isinstance(item, str):
                new = localized(item, lang)
            elif isinstance(item, BaseModel | list | dict):
                new = _walk(item, lang)
            else:
                continue
            if new is not item:
                changes[name] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, list):
        items = [_walk(v, lang) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        walked = {k: _walk(v, lang) for k, v in value.items()}
        return walked if any(walked[k] is not value[k] for k in value) else value
    return value
