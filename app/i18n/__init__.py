"""The site's three interface languages: which one a reader gets, the gettext catalogs,
names and dates in that language.

Rank 1 in the import order (beside app.text): the query layer, the routes and the
middleware all ask it, and it asks nothing of them.
"""

from app.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES, Lang, is_language, negotiate

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Lang", "is_language", "negotiate"]
