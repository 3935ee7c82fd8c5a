"""Sign-off that can be trusted: ``keys`` (sign commits with an SSH key) and ``verify``.

Only click is imported here; the modules that do the work are imported when a command runs.
"""

from __future__ import annotations

import click

from selfassess.cli.commands.options import FINDINGS, Options, common
from selfassess.cli.terminal import echo
from selfassess.core.textgate import json_text


@click.command("keys")
@click.option("--no-passphrase", is_flag=True, help="Make the new key without a passphrase (not advised).")
@common
def keys_command(opts: Options, no_passphrase: bool) -> int:
    """Set yourself up to sign commits with an SSH key (your existing one, or a new ed25519 key), and
    print the line a reviewer adds to allowed_signers for you."""
    from selfassess.logic.keys import setup

    result = setup(opts.workspace().root, passphrase=not no_passphrase)
    echo(f"{'Made a new key' if result.created else 'Using your key'}: {result.public_key}")
    for name, value in result.settings:
        echo(f"  git config {name} {value}")
    echo("Commits made here (sync, submit) are now signed. Hand this line to a reviewer to add to")
    echo("allowed_signers (and your e-mail to [access] in selfassess.toml):")
    echo(result.signers_line)
    return 0


@click.command("verify")
@click.option("--from", "from_revision", metavar="REV", default=None, help="Only commits after REV.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common
def verify_command(opts: Options, from_revision: str | None, fmt: str) -> int:
    """Check that each change to a file of the workspace (assessments by their district's leads; reviews,
    settings, frameworks, allowed_signers and anything else by reviewers) was signed by someone allowed
    to make it, as allowed_signers and [access] stood before that commit.

    Findings: path: error: <commit> <what> — <why>. Exit 1 when any, 2 when it cannot run.
    """
    from selfassess.logic.verify import verify

    report = verify(opts.workspace().root, from_revision)
    if fmt == "json":
        echo(json_text(report.to_json()))
    else:
        for finding in report.findings:
            echo(str(finding))
        if not report.findings:
            echo(f"All {report.commits} commit(s) since {report.root_of_trust[:7]} verified.")
    return FINDINGS if report.findings else 0


#: the commands this module adds to ``cli``
COMMANDS = (
    keys_command,
    verify_command,
)
