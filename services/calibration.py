"""Calibration: how far the scorer agrees with human reviewers (``csrsim calibrate``), per criterion.

The statistics live in :mod:`scoring.calibration`; this is the door the command line uses, so the CLI reaches
scoring the same way everywhere (through services).
"""

from __future__ import annotations

from scoring.calibration import CalibrationError, HumanScore, agreement, read_human_scores

__all__ = ["CalibrationError", "HumanScore", "agreement", "read_human_scores"]
