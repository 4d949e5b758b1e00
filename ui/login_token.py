"""Signed, expiring login tokens for the cookie that keeps a trainee logged in across a refresh.

itsdangerous (the Pallets library Flask's sessions use) signs ``{user id, user name, nonce}`` with
HMAC-SHA1 over a key derived from the app's secret and a salt, and ``loads(max_age=...)`` rejects a
token older than the session lifetime, so expiry needs no server state. The secret is
``CSR_SECRET_KEY`` or, if unset, a random key created once in the data directory (mode 0600), so a
restart keeps everyone logged in and two installs never accept each other's cookies. Logging out
revokes the token's nonce in this process as well as deleting the cookie. No Streamlit here.
"""

from __future__ import annotations

import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

SALT = "csr-coach-login-v1"
SECRET_FILE = "login_secret.key"

_revoked: set[str] = set()
_lock = threading.Lock()


@dataclass(frozen=True)
class LoginClaim:
    """Who a valid token says is logged in, and since when (epoch seconds)."""

    user_id: int
    username: str
    nonce: str
    issued_at: float


def secret_key(data_dir: Path) -> str:
    """``CSR_SECRET_KEY``, else the install's own random key (created on first use, readable by its owner only)."""
    if env := os.environ.get("CSR_SECRET_KEY"):
        return env
    path = data_dir / SECRET_FILE
    with _lock:
        if not path.exists():
            data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(48))
        return path.read_text().strip()


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT)


def issue(*, secret: str, user_id: int, username: str) -> str:
    """A new token for this user (a fresh nonce, so one logout revokes only its own login)."""
    return _serializer(secret).dumps({"uid": user_id, "u": username, "n": secrets.token_urlsafe(12)})


def verify(token: str, *, secret: str, max_age_seconds: int) -> LoginClaim | None:
    """The claim of a genuine, unexpired, unrevoked token; None for anything else (never raises)."""
    if not token or len(token) > 4096:
        return None
    try:
        payload, signed_at = _serializer(secret).loads(token, max_age=max_age_seconds, return_timestamp=True)
    except BadSignature:  # also SignatureExpired and malformed payloads
        return None
    if not isinstance(payload, dict):
        return None
    uid, name, nonce = payload.get("uid"), payload.get("u"), payload.get("n")
    if not isinstance(uid, int) or not isinstance(name, str) or not isinstance(nonce, str):
        return None
    with _lock:
        if nonce in _revoked:
            return None
    return LoginClaim(user_id=uid, username=name, nonce=nonce, issued_at=signed_at.timestamp())


def revoke(token: str, *, secret: str) -> None:
    """Refuse this token from now on in this process (logout), even if a copy of the cookie survives."""
    try:
        payload = _serializer(secret).loads(token)
    except BadSignature:
        return
    if isinstance(payload, dict) and isinstance(payload.get("n"), str):
        with _lock:
            _revoked.add(payload["n"])
