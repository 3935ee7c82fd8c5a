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
    from selfassess.logic.trustroot import CONFIG, record_if_unset

    root = opts.workspace().root
    result = setup(root, passphrase=not no_passphrase)
    echo(f"{'Made a new key' if result.created else 'Using your key'}: {result.public_key}")
    for name, value in result.settings:
        echo(f"  git config {name} {value}")
    trusted = record_if_unset(root)
    if trusted is not None:
        echo(f"  git config {CONFIG} {trusted}  (the root of trust verify starts from)")
    echo("Commits made here (sync, submit) are now signed. Hand this line to a reviewer to add to")
    echo("allowed_signers (and your e-mail to [access] in selfassess.toml):")
    echo(result.signers_line)
    return 0


@click.command("verify")
@click.option(
    "--from",
    "from_revision",
    metavar="REV",
    default=None,
    help="Only report commits after REV (an unambiguous ancestor of HEAD).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common
def verify_command(opts: Options, from_revision: str | None, fmt: str) -> int:
    """Check that each change to a file of the workspace (assessments by their district's leads; reviews,
    settings, frameworks, allowed_signers and anything else by reviewers) was signed by someone allowed
    to make it, walking the commits in topological order from the root of trust (git config
    selfassess.trustRoot, pinned by the first keys or verify). A change to allowed_signers or [access]
    counts only when a reviewer signs it; a file verifies when the commit that introduced its content
    does. --format json gives each file's origin {commit, signer}.

    Findings: path: error: <commit> <what> — <why>. Exit 1 when any, 2 when it cannot run.
    """
    from selfassess.logic.verify import verify

    report = verify(opts.workspace().root, from_revision, record_root=True)
    root = f"the root of trust {report.root_of_trust[:7]}"
    if fmt == "json":
        echo(json_text(report.to_json()))
    else:
        for finding in report.findings:
            echo(str(finding))
        if report.findings:
            echo(f"{len(report.findings)} finding(s) in {report.commits} commit(s) since {root}.", err=True)
        elif report.commits == 0:
            echo(
                f"Nothing checked since {from_revision or root}: no commit after it changes the workspace "
                f"({root})."
            )
        elif from_revision is not None:
            echo(f"All {report.commits} commit(s) since {from_revision} verified ({root}).")
        else:
            echo(f"All {report.commits} commit(s) since {root} verified.")
    return FINDINGS if report.findings else 0


#: the commands this module adds to ``cli``
COMMANDS = (
    keys_command,
    verify_command,
)
