"""Assignments: scenarios a trainer gives a trainee or a whole team, done when the trainee is scored on it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select, update

from storage.access import STAFF, own_assignments, require_role
from storage.db import Database
from storage.errors import StorageError
from storage.models import Assignment, User
from storage.types import AssignmentRecord, UserInfo
from storage.users import team_name


class AssignmentRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def assign(self, viewer: UserInfo, *, trainee_id: int, scenario_id: str, due_date: date | None = None) -> int:
        require_role(viewer, *STAFF)
        with self.db.transaction() as s:
            trainee = s.get(User, trainee_id)
            if trainee is None or trainee.role != "trainee":
                raise StorageError("scenarios can only be assigned to trainees")
            row = Assignment(
                trainee_id=trainee_id, scenario_id=scenario_id, assigned_by_id=viewer.id, due_date=due_date
            )
            s.add(row)
            s.flush()
            return row.id

    def assign_team(self, viewer: UserInfo, *, team: str, scenario_id: str, due_date: date | None = None) -> int:
        """Assign to every active trainee of ``team`` at once; returns how many new assignments were made.

        A trainee who already has this scenario open is skipped, so assigning a team twice does not double up.
        """
        require_role(viewer, *STAFF)
        name = team_name(team)
        if name is None:
            raise StorageError("no team given")
        with self.db.transaction() as s:
            members = list(
                s.scalars(select(User.id).where(User.team == name, User.role == "trainee", User.active.is_(True)))
            )
            if not members:
                raise StorageError(f"team {name!r} has no trainees")
            already = set(
                s.scalars(
                    select(Assignment.trainee_id).where(
                        Assignment.trainee_id.in_(members),
                        Assignment.scenario_id == scenario_id,
                        Assignment.done.is_(False),
                    )
                )
            )
            fresh = [m for m in members if m not in already]
            s.add_all(
                Assignment(trainee_id=m, scenario_id=scenario_id, assigned_by_id=viewer.id, due_date=due_date)
                for m in fresh
            )
            return len(fresh)

    def list(
        self, viewer: UserInfo, *, trainee_id: int | None = None, open_only: bool = False
    ) -> list[AssignmentRecord]:
        """A trainee sees only their own assignments whatever ``trainee_id`` says."""
        trainee_id = own_assignments(viewer, trainee_id)
        with self.db.transaction() as s:
            trainee = User.__table__.alias("trainee")
            by = User.__table__.alias("by")
            q = (
                select(Assignment, trainee.c.username, by.c.username)
                .join(trainee, trainee.c.id == Assignment.trainee_id)
                .outerjoin(by, by.c.id == Assignment.assigned_by_id)
                .order_by(Assignment.created_at.desc(), Assignment.id.desc())
            )
            if trainee_id is not None:
                q = q.where(Assignment.trainee_id == trainee_id)
            if open_only:
                q = q.where(Assignment.done.is_(False))
            return [
                AssignmentRecord(
                    id=a.id,
                    trainee_id=a.trainee_id,
                    trainee=t,
                    scenario_id=a.scenario_id,
                    assigned_by=b or "",
                    created_at=a.created_at,
                    done=a.done,
                    due_date=a.due_date,
                )
                for a, t, b in s.execute(q)
            ]

    def unassign(self, viewer: UserInfo, *, assignment_id: int) -> None:
        """Withdraw an open assignment (staff only); a done one stays as the record of what was practised."""
        require_role(viewer, *STAFF)
        with self.db.transaction() as s:
            row = s.get(Assignment, assignment_id)
            if row is None:
                raise StorageError(f"no assignment #{assignment_id}")
            if row.done:
                raise StorageError(f"assignment #{assignment_id} is already done and stays on record")
            s.execute(delete(Assignment).where(Assignment.id == assignment_id))

    def complete(self, viewer: UserInfo, *, scenario_id: str) -> None:
        with self.db.transaction() as s:
            s.execute(
                update(Assignment)
                .where(
                    Assignment.trainee_id == viewer.id,
                    Assignment.scenario_id == scenario_id,
                    Assignment.done.is_(False),
                )
                .values(done=True)
            )
