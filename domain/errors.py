"""Errors that name the file and line a person has to fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an authored file, printable as ``file:line: message``."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


class LoadError(Exception):
    """Raised when an authored file (or a set of them) does not validate. Holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownIdError(LookupError):
    """A scenario, rubric or policy id that is not in the library."""

    def __init__(self, kind: str, ident: str, known: list[str]) -> None:
        self.kind, self.ident, self.known = kind, ident, known
        hint = f"; known: {', '.join(sorted(known))}" if known else ""
        super().__init__(f"unknown {kind} {ident!r}{hint}")


def display_path(path: Path) -> str:
    """Relative to the working directory when possible: shorter messages a person can click."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
