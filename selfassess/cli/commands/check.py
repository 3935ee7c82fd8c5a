"""``selfassess validate`` and ``selfassess submit``: findings as ``path:line: severity: message``."""

from __future__ import annotations

from typing import Any

import click

from selfassess.cli.commands.options import FINDINGS, Options, common
from selfassess.cli.terminal import echo, echo_lines


def _print_findings(findings: list[Any], strict: bool) -> int:
    from selfassess.logic.checks import ERROR

    shown = [f.strict() if strict else f for f in findings]
    if shown:  # one write: each line through the gate as ``echo`` would print it, without a flush each
        echo_lines(str(finding) for finding in shown)
    errors = sum(1 for f in shown if f.severity == ERROR)
    warnings = len(shown) - errors
    if shown:
        echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    return FINDINGS if errors else 0


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (personal data, stale, overdue, sample contradictions) as errors.",
)
@common
def validate(opts: Options, paths: tuple[str, ...], strict: bool) -> int:
    """Check settings, frameworks, assessments and reviews (default: the whole workspace).

    Prints path:line: error|warning: message; exit 1 when anything is an error.
    """
    from selfassess.core.errors import SettingsError
    from selfassess.logic.checks import ERROR, Finding
    from selfassess.logic.validate import validate_paths, validate_workspace

    try:
        workspace = opts.workspace()
    except SettingsError as error:
        return _print_findings([Finding(error.path or "", error.line, ERROR, error.message)], strict)
    day = opts.today()
    findings = validate_paths(workspace, paths, day) if paths else validate_workspace(workspace, day)
    code = _print_findings(findings, strict)
    if not findings:
        echo("No problems found.")
    return code


@click.command()
@click.argument("district")
@click.argument("period")
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (personal data, stale, overdue, sample contradictions) as errors.",
)
@click.option("--no-commit", is_flag=True, help="Do not commit the submitted file (in a git repository).")
@common
def submit(opts: Options, district: str, period: str, strict: bool, no_commit: bool) -> int:
    """Check DISTRICT's PERIOD is complete and mark it submitted (and commit it, in a git repository)."""
    from selfassess.logic.submit import commit_submitted, submit_assessment
    from selfassess.workspace.gitsetup import register_quietly

    register_quietly(opts.workspace().root)
    findings, done = submit_assessment(opts.workspace(), district, period, opts.today(), opts.who(), strict)
    code = _print_findings(findings, strict)
    if done:
        echo(f"{district} {period} submitted.")
        if not no_commit:
            note, failed = commit_submitted(opts.workspace(), district, period)
            if note:
                echo(note, err=failed)
    else:
        echo(f"{district} {period} not submitted: fix the errors above first.", err=True)
    return code
