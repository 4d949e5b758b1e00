"""The authored library: scenarios, policies and rubrics saved in the app, one new revision row per save."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from storage.access import AUTHORS, require_role
from storage.db import Database
from storage.errors import StorageError
from storage.models import AuthoredDocument, User
from storage.types import AuthoredDoc, UserInfo

AUTHORED_KINDS = ("scenario", "policy", "rubric")


def _authored(row: AuthoredDocument, author: str | None) -> AuthoredDoc:
    return AuthoredDoc(
        id=row.id,
        kind=row.kind,
        doc_id=row.doc_id,
        revision=row.revision,
        yaml_text=row.yaml_text,
        author=author,
        created_at=row.created_at,
    )


class AuthoredRepo:
    """Scenarios, policies and rubrics edited in the app: every save is a new revision row."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, viewer: UserInfo, *, kind: str, doc_id: str, yaml_text: str) -> AuthoredDoc:
        require_role(viewer, *AUTHORS)
        if kind not in AUTHORED_KINDS:
            raise StorageError(f"unknown kind {kind!r}")
        for _attempt in range(3):
            try:
                with self.db.transaction() as s:
                    latest = s.scalar(
                        select(func.max(AuthoredDocument.revision)).where(
                            AuthoredDocument.kind == kind, AuthoredDocument.doc_id == doc_id
                        )
                    )
                    row = AuthoredDocument(
                        kind=kind,
                        doc_id=doc_id,
                        revision=(latest or 0) + 1,
                        yaml_text=yaml_text,
                        author_id=viewer.id,
                    )
                    s.add(row)
                    s.flush()
                    return _authored(row, viewer.username)
            except IntegrityError:
                continue  # another author saved the same revision number at the same moment: take the next
        raise StorageError(f"could not save {kind} {doc_id!r}: too many concurrent saves, try again")

    def latest_all(self) -> list[AuthoredDoc]:
        with self.db.transaction() as s:
            newest = (
                select(AuthoredDocument.kind, AuthoredDocument.doc_id, func.max(AuthoredDocument.revision).label("rev"))
                .group_by(AuthoredDocument.kind, AuthoredDocument.doc_id)
                .subquery()
            )
            q = (
                select(AuthoredDocument, User.username)
                .join(
                    newest,
                    (AuthoredDocument.kind == newest.c.kind)
                    & (AuthoredDocument.doc_id == newest.c.doc_id)
                    & (AuthoredDocument.revision == newest.c.rev),
                )
                .outerjoin(User, User.id == AuthoredDocument.author_id)
                .order_by(AuthoredDocument.kind, AuthoredDocument.doc_id)
            )
            return [_authored(row, name) for row, name in s.execute(q)]

    def history(self, *, kind: str, doc_id: str) -> list[AuthoredDoc]:
        with self.db.transaction() as s:
            q = (
                select(AuthoredDocument, User.username)
                .outerjoin(User, User.id == AuthoredDocument.author_id)
                .where(AuthoredDocument.kind == kind, AuthoredDocument.doc_id == doc_id)
                .order_by(AuthoredDocument.revision.desc())
            )
            return [_authored(row, name) for row, name in s.execute(q)]

    def latest_revision(self, *, kind: str, doc_id: str) -> int | None:
        with self.db.transaction() as s:
            return s.scalar(
                select(func.max(AuthoredDocument.revision)).where(
                    AuthoredDocument.kind == kind, AuthoredDocument.doc_id == doc_id
                )
            )

    def generation(self) -> int:
        """Changes whenever anything is saved: the cache key of the effective library."""
        with self.db.transaction() as s:
            return int(s.scalar(select(func.max(AuthoredDocument.id))) or 0)
