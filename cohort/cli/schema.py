"""``cohort schema``: print the JSON Schema of cohort.yml, or its markdown reference."""

from __future__ import annotations

import click


@click.command("schema")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "markdown"]),
    default="json",
    show_default=True,
    help="JSON Schema, or the markdown reference.",
)
def schema_command(output_format: str) -> None:
    """Print the JSON Schema of cohort.yml (editors use it to check as you type)."""
    from cohort.config.schema import reference_markdown, schema_json

    click.echo(schema_json() if output_format == "json" else reference_markdown(), nl=False)
