"""What a load says: one line per file and a summary, and the command's exit code."""

from dataclasses import dataclass, field
from pathlib import Path

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_FATAL = 2
EXIT_LOCKED = 3


@dataclass
class FileOutcome:
    file: str
    status: str  # loaded | updated | unchanged | duplicate | failed | removed
    reason: str = ""
    article_id: str | None = None
    path: str = ""
    size: int | None = None
    mtime_ns: int | None = None
    fingerprint: str = ""


@dataclass
class LoadReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    build: Path | None = None
    published: bool = False
    upgraded: bool = False
    fatal: str | None = None
    # Another load held the archive: nothing was tried (exit 3, not 2).
    locked: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def exit_code(self) -> int:
        if self.locked:
            return EXIT_LOCKED
        if self.fatal:
            return EXIT_FATAL
        return EXIT_SOME_FAILED if self.count("failed") else EXIT_OK

    def summary(self) -> str:
        counts = ", ".join(
            f"{self.count(s)} {s}" for s in ("loaded", "updated", "unchanged", "duplicate", "failed")
        )
        if self.fatal:
            return f"load failed: {self.fatal}"
        tail = (
            f"published build {self.build.name}"
            if self.published and self.build
            else "nothing changed; archive kept as it was"
        )
        if self.count("removed"):
            counts += f", {self.count('removed')} removed"
        if self.upgraded:
            tail += " (archive schema upgraded)"
        return f"{counts}; {tail}"
