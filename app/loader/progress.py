"""What a load tells a progress display as it goes: which stage it is in, how many items
that stage has when it knows, and each item done. The loader knows nothing of terminals;
the CLI shows these as a bar (tqdm) with the rate and the time left."""

from typing import Protocol

# The stages, in order; the first two count files, the others are steps of one build.
READING = "reading"
PARSING = "parsing"
STORING = "storing"
INDEXING = "indexing"
ARRAYS = "search arrays"


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None) -> None:
        """A new stage starts, with `total` items if it counts them."""

    def advance(self, count: int = 1) -> None:
        """`count` more items of the current stage are done."""


class Silent:
    """No display: what a load reports to when nobody watches."""

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass
