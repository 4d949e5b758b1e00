"""Files: uploads are limited and checked by content; no name a user controls reaches the file system raw.

Every name field is tried with ``../``, absolute paths, NUL bytes and very long names: session ids (they
become recording folders), upload file names (they become transcript ids), and ids in authored YAML.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from domain.config import PROJECT_ROOT, Settings
from domain.loader import parse_document
from importers import TranscriptImportError, read_bytes
from services import uploads
from speech.errors import InvalidSessionIdError
from speech.trainee import recording_path
from storage.models import PracticeSession, Scorecard

MB = 1024 * 1024
HOSTILE_NAMES = [
    "../../../../etc/passwd",
    "..",
    ".",
    "/etc/passwd",
    "/tmp/x",
    "C:\\Windows\\system32",
    "..\\..\\boot.ini",
    "a\x00b",
    "a/b",
    "a b",
    "",
    "x" * 300,
    "ünïcode",
]


# --- upload limits and type checks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "limit_field"),
    [
        ("call.txt", "text", "max_text_upload_mb"),
        ("call.json", "text", "max_text_upload_mb"),
        ("call.wav", "audio", "max_audio_upload_mb"),
        ("call.mp3", "audio", "max_audio_upload_mb"),
    ],
)
def test_upload_size_limits(settings: Settings, name: str, kind: str, limit_field: str) -> None:
    limit = getattr(settings, limit_field)
    assert limit == {"max_text_upload_mb": 20, "max_audio_upload_mb": 200}[limit_field]  # the documented defaults
    assert uploads.check(name, limit * MB, settings) == kind
    with pytest.raises(uploads.UploadRejected, match=f"limit for {kind} files is {limit} MB"):
        uploads.check(name, limit * MB + 1, settings)
    with pytest.raises(uploads.UploadRejected, match="empty"):
        uploads.check(name, 0, settings)


def test_upload_limits_follow_the_environment(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSR_MAX_TEXT_UPLOAD_MB", "1")
    small = Settings()
    with pytest.raises(uploads.UploadRejected, match="1 MB"):
        uploads.import_upload(b"Agent: hi\n" * (MB // 10 + 1), filename="big.txt", settings=small)


@pytest.mark.parametrize("name", ["evil.exe", "evil.py", "evil.pkl", "evil.html", "noext", "evil.txt.sh", "evil.yaml"])
def test_upload_types_outside_the_list_are_refused(settings: Settings, name: str) -> None:
    with pytest.raises(uploads.UploadRejected, match="not accepted"):
        uploads.check(name, 100, settings)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("call.wav", b"hello, this is plain text pretending to be audio"),
        ("notes.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4),
        ("call.json", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ("call.csv", b"PK\x03\x04" + bytes(range(256)) * 2),
        ("call.srt", bytes(range(256)) * 8),
    ],
)
def test_uploads_are_checked_by_content_not_name(settings: Settings, name: str, data: bytes) -> None:
    with pytest.raises(TranscriptImportError) as info:
        uploads.import_upload(data, filename=name, settings=settings)
    assert name in str(info.value)  # one readable sentence naming the file


# --- names that could become paths ----------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [*HOSTILE_NAMES, "x" * 129, "a.b", "-"[:0]])
def test_session_ids_never_escape_the_recordings_folder(settings: Settings, bad: str) -> None:
    with pytest.raises(InvalidSessionIdError):
        recording_path(settings.recordings_dir, session_id=bad, turn_index=0)


@pytest.mark.parametrize("turn", [-1, True, 1.5, "0", "../0"])
def test_turn_index_must_be_a_plain_number(settings: Settings, turn: object) -> None:
    with pytest.raises(ValueError):
        recording_path(settings.recordings_dir, session_id="abc", turn_index=turn)  # type: ignore[arg-type]


def test_recording_names_are_generated(settings: Settings) -> None:
    path = recording_path(settings.recordings_dir, session_id="practice-x-1234abcd", turn_index=3)
    assert path == settings.recordings_dir / "practice-x-1234abcd" / "turn-3.wav"


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_upload_file_names_never_touch_the_file_system(tmp_path: Path, name: str) -> None:
    """The name only labels the transcript: nothing is read from or written to the path it spells."""
    before = set(tmp_path.rglob("*"))
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        transcripts = read_bytes(b"Agent: hello\nCustomer: hi there\n", filename=f"{name}.txt")
    except TranscriptImportError:
        transcripts = []
    finally:
        os.chdir(cwd)
    assert set(tmp_path.rglob("*")) == before
    for t in transcripts:
        assert "/" not in t.id and "\\" not in t.id and "\x00" not in t.id and ".." not in t.id


def test_read_bytes_never_reads_the_path_in_the_name() -> None:
    secret = PROJECT_ROOT / "pyproject.toml"
    transcripts = read_bytes(b"Agent: hello\n", filename=str(secret))
    assert all("csr" not in t.model_dump_json().lower() or "hello" in t.model_dump_json() for t in transcripts)
    assert "[project]" not in "".join(t.model_dump_json() for t in transcripts)


@pytest.mark.parametrize("bad", [b for b in HOSTILE_NAMES if b != "x" * 300] + ["UPPER", "a:b", "a;b", "$(id)"])
def test_ids_in_yaml_are_validated(bad: str) -> None:
    quoted = '"' + bad.replace("\\", "\\\\").replace('"', '\\"').replace("\x00", "\\0") + '"'
    doc = parse_document(f"version: 1\nkind: policy\nid: {quoted}\ntitle: t\nrules: []\n", source="p.yaml")
    assert doc.model is None
    assert any("id" in str(p) for p in doc.problems), doc.problems


def test_long_ids_in_yaml_are_rejected() -> None:
    text = (PROJECT_ROOT / "scenarios/scenarios/billing-double-charge.yaml").read_text(encoding="utf-8")
    assert parse_document(text, source="s.yaml").model is not None
    long_id = "billing-" + "x" * 60
    doc = parse_document(re.sub(r"(?m)^id: .*$", f"id: {long_id}", text, count=1), source="s.yaml")
    assert doc.model is None, "a 68-character scenario id was accepted"


def _length(column: object) -> int:
    length = getattr(getattr(column, "type", None), "length", None)
    assert isinstance(length, int)
    return length


def test_simulator_session_ids_fit_the_database_column(library: object) -> None:
    from domain.loader import Library
    from simulator import Session, make_engine

    assert isinstance(library, Library)
    for scenario in library.scenarios.values():
        sid = Session.start(scenario, engine=make_engine("scripted"), seed=1).id
        assert len(sid) <= _length(PracticeSession.__table__.c.id)
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,128}", sid)


def test_transcript_ids_from_long_file_names_fit_the_database() -> None:
    transcripts = read_bytes(b"Agent: hello\n", filename="x" * 300 + ".txt")
    assert all(len(t.id) <= _length(Scorecard.__table__.c.transcript_id) for t in transcripts)


# --- safe YAML, no pickle -------------------------------------------------------------------------------------------

PYTHON_TAGS = [
    "!!python/object:os.system",
    "!!python/object/apply:os.system",
    "!!python/object/new:subprocess.Popen",
    "!!python/name:os.system",
    "!!python/module:os",
]


@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_python_tags_construct_nothing(tag: str, tmp_path: Path) -> None:
    """Whatever the tag, parsing never imports or calls anything (the marker file is never created)."""
    marker = tmp_path / "pwned"
    text = f"version: 1\nkind: policy\nid: p\ntitle: {tag} ['touch {marker}']\nrules: []\n"
    doc = parse_document(text, source="p.yaml")
    assert not marker.exists()
    assert doc.model is None and doc.problems


@pytest.mark.parametrize("tag", PYTHON_TAGS[:1])
def test_python_tags_are_reported(tag: str) -> None:
    policy = (PROJECT_ROOT / "scenarios/policies/closing.yaml").read_text(encoding="utf-8")
    doc = parse_document(f"--- {tag}\n{policy}", source="p.yaml")
    assert doc.model is None
    assert any("tag" in p.message.lower() for p in doc.problems), doc.problems


_CODE_DIRS = (
    "domain",
    "simulator",
    "scoring",
    "speech",
    "importers",
    "storage",
    "batch",
    "ui",
    "app_pages",
    "csrsim",
    "scripts",
    "bench",
)
_FORBIDDEN = re.compile(
    r"^\s*(import|from)\s+(pickle|cPickle|dill|joblib|cloudpickle|marshal|shelve)\b"
    r"|\b(pickle|joblib|dill|cloudpickle|marshal)\.(loads?|Unpickler)\b"
    r"|\byaml\.(unsafe_load|load)\s*\("
    r"|typ\s*=\s*[\"']unsafe[\"']"
    r"|\btorch\.load\s*\(",
    re.MULTILINE,
)


def _sources() -> list[Path]:
    files = [PROJECT_ROOT / "app.py"]
    for d in _CODE_DIRS:
        files.extend(sorted((PROJECT_ROOT / d).rglob("*.py")))
    return [f for f in files if f.is_file()]


def test_no_pickle_joblib_or_unsafe_yaml_in_the_source_tree() -> None:
    sources = _sources()
    assert len(sources) > 50  # the walk really covers the code
    hits = [
        f"{f.relative_to(PROJECT_ROOT)}:{f.read_text(encoding='utf-8')[: m.start()].count(chr(10)) + 1}: {m.group(0)}"
        for f in sources
        for m in _FORBIDDEN.finditer(f.read_text(encoding="utf-8"))
    ]
    assert hits == []


def test_the_forbidden_pattern_catches_what_it_should() -> None:
    for line in (
        "import pickle",
        "from joblib import load",
        "x = pickle.loads(b)",
        "yaml.load(f)",
        "YAML(typ='unsafe')",
    ):
        assert _FORBIDDEN.search(line), line
    for line in ("# we never pickle", "yaml_text = 1", "YAML(typ='rt')", "loads = json.loads(x)"):
        assert not _FORBIDDEN.search(line), line
