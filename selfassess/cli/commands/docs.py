"""``selfassess docs``: where the guide is (it travels with the program)."""

from __future__ import annotations

import click

from selfassess.cli.terminal import echo


@click.command("docs")
def docs_command() -> int:
    """Where the guide is: its pages (Markdown, readable as they are) and how to read it as a site.

    The guide has a section for each role (district lead, ACC and inspection lead, force IT, framework
    authors) and a reference (every command, the file formats, exit codes, the threat model)."""
    from selfassess.formats.bundled import guide_folder

    folder = guide_folder()
    if folder is None:
        echo("selfassess docs: the guide was not installed with this copy of selfassess", err=True)
        return 2
    echo(f"The guide: {folder / 'index.md'}")
    echo(f"  district leads: {folder / 'lead' / 'index.md'}")
    echo(f"  the ACC and inspection lead: {folder / 'acc' / 'index.md'}")
    echo(f"  force IT: {folder / 'it' / 'index.md'}")
    echo(f"  framework authors: {folder / 'framework' / 'index.md'}")
    echo(f"  reference: {folder / 'reference' / 'index.md'}")
    echo("As a website, from a copy of the repository: pip install '.[docs]' && mkdocs serve")
    return 0
