"""Rescoring with a saved rubric version: originals kept, versions side by side, shift per criterion and person."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from csrsim.main import run
from domain.config import Settings
from domain.loader import Library
from services import rescoring
from storage import AuthoredRepo, Database, UserInfo, open_database
from tests.conftest import SCENARIOS_DIR

DEFAULT = (SCENARIOS_DIR / "rubrics" / "default.yaml").read_text(encoding="utf-8")
CURRENT = int(re.search(r"^version: (\d+)$", DEFAULT, flags=re.M).group(1))  # type: ignore[union-attr]
NEXT = CURRENT + 1
# the next version: the same criteria with a much lower pass mark
V2 = DEFAULT.replace(f"version: {CURRENT}", f"version: {NEXT}").replace("pass_mark: 80", "pass_mark: 10")


def _save_v2(db: Database, trainer: UserInfo) -> None:
    AuthoredRepo(db).save(trainer, kind="rubric", doc_id="default", yaml_text=V2)


def test_resolve(db: Database, library: Library, users: dict[str, UserInfo]) -> None:
    assert rescoring.resolve_rubric(library, db, f"default@{CURRENT}") is library.rubrics["default"]
    with pytest.raises(rescoring.RubricRefError, match=f"version {NEXT}"):
        rescoring.resolve_rubric(library, db, f"default@{NEXT}")
    _save_v2(db, users["trainer"])
    assert rescoring.resolve_rubric(library, db, f"default@{NEXT}").pass_mark == 10
    with pytest.raises(rescoring.RubricRefError, match="number"):
        rescoring.resolve_rubric(library, db, "default@two")


def test_rescore_keeps_both_and_reports_shift(
    db: Database,
    library: Library,
    users: dict[str, UserInfo],
    practise: Callable[..., int],
    real_call: Callable[..., int],
) -> None:
    _save_v2(db, users["trainer"])
    p = practise(users["trainee"], "billing-double-charge", seed=1, overall=70)
    c = real_call(users["trainee2"], scores={"empathy": 30.0, "accuracy": 40.0})
    report = rescoring.rescore(db, library, rescoring.resolve_rubric(library, db, f"default@{NEXT}"))
    assert report.rescored == 2 and report.rubric == f"default@{NEXT}"
    assert {r["person"] for r in report.person_rows()} == {"trainee", "trainee2"}
    rows = {r["criterion"]: r for r in report.criterion_rows()}
    assert rows["empathy"]["n"] == 2 and rows["empathy"]["before"] == 50.0  # (70 + 30) / 2 from the stored cards
    assert set(report.flips["fail->pass"]) <= {p, c}
    for card_id in (p, c):
        versions = rescoring.versions(db, card_id)
        assert [v["rubric"] for v in versions] == ["default@1", f"default@{NEXT}"] and versions[0]["original"]
    again = rescoring.rescore(
        db, library, rescoring.resolve_rubric(library, db, f"default@{NEXT}")
    )  # replaces, never doubles
    assert again.rescored == 2 and len(rescoring.versions(db, p)) == 2
    assert rescoring.versions(db, p)[0]["overall"] == 70  # the original is untouched


def test_cli(
    settings: Settings,
    db: Database,
    users: dict[str, UserInfo],
    practise: Callable[..., int],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    practise(users["trainee"], "billing-double-charge", seed=1, overall=70)
    _save_v2(db, users["trainer"])
    assert run(["rescore", "--rubric", f"default@{NEXT}", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rescored"] == 1 and data["people"][0]["person"] == "trainee"
    assert run(["rescore", "--rubric", f"default@{NEXT}"]) == 0
    assert "per criterion" in capsys.readouterr().out
    assert run(["rescore", "--rubric", "default@97"]) == 1
    assert "no rubric 'default' at version 97" in capsys.readouterr().err
    check = open_database(settings.sqlalchemy_url)
    assert check.url == db.url
    check.dispose()
