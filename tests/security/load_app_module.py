"""``scripts/load_app.py`` is a script, not a package module: load it once for the tests that use its helpers."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from domain.config import PROJECT_ROOT


def load_app_module() -> ModuleType:
    if "load_app" in sys.modules:
        return sys.modules["load_app"]
    spec = importlib.util.spec_from_file_location("load_app", PROJECT_ROOT / "scripts" / "load_app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_app"] = module
    spec.loader.exec_module(module)
    return module
