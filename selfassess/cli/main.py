"""The command line's wiring: the group, its commands (each in ``selfassess.cli.commands``), and ``main``.

Exit status (SPEC §5): 0 success; 1 findings (validate/submit errors, an unreadable file in a combined
view); 2 the command could not run (usage, ids, missing files or revisions, no workspace).
Textual is imported only by the commands that open a screen.
"""

from __future__ import annotations

import sys
from typing import IO, Any, cast

import click

from selfassess.cli import streams
from selfassess.cli.commands import (
    check,
    diff,
    docs,
    importing,
    recommendations,
    report,
    screens,
    setup,
    summary,
    sync,
    trust,
)
from selfassess.cli.commands.options import COMMON, Options, open_tui
from selfassess.cli.terminal import GatedStream, echo
from selfassess.core.errors import SelfAssessError


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="selfassess", prog_name="selfassess")
@COMMON[0]
@COMMON[1]
@COMMON[2]
@click.pass_context
def cli(ctx: click.Context, workspace_path: str | None, as_of: str | None, as_name: str | None) -> Any:
    """Quarterly child protection inspection self-assessment, kept as TOML files in git.

    With no command, opens the home screen: each district's recent periods, status and completion.
    """
    ctx.obj = Options(workspace_path, as_of, as_name)
    if ctx.invoked_subcommand is None:
        opts = ctx.obj
        opts.today()
        return open_tui(opts, "home")
    return None


#: every command (``--help`` lists them by name)
COMMANDS = (
    setup.init,
    setup.demo,
    check.validate,
    check.submit,
    summary.summary,
    recommendations.recommendations,
    screens.fill,
    screens.review,
    diff.diff_command,
    diff.history_command,
    diff.textconv_command,
    diff.git_setup_command,
    report.report_command,
    importing.import_command,
    *sync.COMMANDS,
    *trust.COMMANDS,
    docs.docs_command,
)
for _command in COMMANDS:
    cli.add_command(_command)


# -- entry point ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the command line; every user mistake is one line on stderr and an exit status, no traceback.

    The console script enters through ``launch.main``, which runs git's drivers (``textconv``,
    ``merge-driver``) before this module, and so click, is imported.
    """
    streams.prepare()  # any character, whatever the console's code page (Windows)
    try:
        code = cli.main(args=argv, prog_name="selfassess", standalone_mode=False)
    except click.exceptions.Exit as stop:
        code = stop.exit_code
    except click.ClickException as error:  # its message can quote an argument: through the gate
        error.show(file=cast(IO[str], GatedStream(sys.stderr)))  # a duck-typed text stream
        code = error.exit_code
    except click.Abort:
        echo("Aborted.", err=True)
        code = 1
    except SelfAssessError as error:
        echo(f"selfassess: {error}", err=True)
        code = error.exit_code
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = 0
    except OSError as error:  # a folder that cannot be made, a full disk, a permission: one line
        where = f"{error.filename}: " if error.filename else ""
        echo(f"selfassess: {where}{error.strerror or error}", err=True)
        code = 2
    sys.exit(code if isinstance(code, int) else 0)
