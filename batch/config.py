"""What every worker needs to score a file, small and picklable so it travels to processes and Dask workers."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.transcript import Channel
from importers import ImportOptions


@dataclass(frozen=True)
class BatchConfig:
    rubric: str = "default"  # id in the library or a path to a rubric YAML
    scenario: str | None = None
    scenarios_dir: str | None = None  # None: Settings.scenarios_dir on the worker
    import_options: ImportOptions = field(default_factory=ImportOptions)
    follow_symlinks: bool = False  # read links that leave the input folder (csrsim batch --follow-symlinks)
    channel: Channel | None = None  # overrides each file's channel (csrsim batch --channel)
