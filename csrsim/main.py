"""Entry point of ``csrsim``. Commands live one per module in ``csrsim.commands``.

Errors a user can fix print as one line on stderr (``file:line: message`` when
there is a file) with a non-zero exit; tracebacks only with ``--debug``.
Heavy libraries (scikit-learn, faster-whisper) are imported inside commands so
``csrsim validate`` starts fast.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click
import typer

from csrsim.errors import CLIError

COMMAND_MODULES = (
    "validate",
    "scenarios",
    "init",
    "play",
    "score",
    "calibrate",
    "transcribe",
    "import_cmd",
    "batch",
    "bench",
    "users",
    "privacy",
    "unlock",
    "doctor",
    "lrs",
    "sample",
    "rescore",
    "certify",
)

app = typer.Typer(
    name="csrsim",
    help="CSR Coach: practise customer contacts and score them against a rubric, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"csrsim.commands.{name}").register(app)


_register_commands()


def _fail(message: str, code: int) -> int:
    print(f"csrsim: {message}", file=sys.stderr)
    return code


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (what tests call)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if debug:
        args.remove("--debug")
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    from domain.errors import LoadError, UnknownIdError

    try:
        result = app(args=args, prog_name="csrsim", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show(file=sys.stderr)
        return int(exc.exit_code)
    except click.Abort:
        return _fail("aborted", 130)
    except LoadError as exc:
        if debug:
            raise
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except (CLIError, UnknownIdError) as exc:
        if debug:
            raise
        return _fail(str(exc), getattr(exc, "exit_code", 2))
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as exc:
        if debug:
            raise
        return _fail(f"{type(exc).__name__}: {exc} (run with --debug for the traceback)", 1)
    return int(result) if isinstance(result, int) else 0


def main() -> None:
    sys.exit(run())
