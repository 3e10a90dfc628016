"""``ceasefire agreements list|show|validate|load|template|new``: agreements as data files."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ceasefire.cli.options import DbOption
from ceasefire.errors import AgreementError, InputFileError, UnknownAgreement

if TYPE_CHECKING:
    from ceasefire.agreements.obligations import Obligation
    from ceasefire.agreements.schema import Agreement


class ShowFormat(str, Enum):
    table = "table"
    json = "json"


class TemplateFormat(str, Enum):
    csv = "csv"
    yaml = "yaml"


def _existing_db(db: str | None) -> str | None:
    """The database to read stored agreements from: the one named, or the default file if it exists
    (listing must not create a database as a side effect)."""
    import os

    from ceasefire.config import DEFAULT_DB_FILE, ENV_DB

    if db or os.environ.get(ENV_DB):
        return db
    return DEFAULT_DB_FILE if Path(DEFAULT_DB_FILE).exists() else None


def _resolve(id_or_path: str, db: str | None) -> Agreement:
    from ceasefire.agreements.load import get_agreement

    try:
        return get_agreement(id_or_path)
    except UnknownAgreement:
        url = _existing_db(db)
        if url is None:
            raise
        from ceasefire.store.agreements import load_stored_agreement
        from ceasefire.store.engine import open_db

        with open_db(url).connect() as conn:
            stored = load_stored_agreement(conn, id_or_path)
        if stored is None:
            raise
        return stored


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Agreements as data: list, show, validate, store, and build new ones.")

    @group.command("list")
    def list_(db: DbOption = None) -> None:
        """List the built-in agreements and those stored in the database."""
        from ceasefire.agreements.load import builtin_ids, get_agreement

        table = Table("id", "where", "title", "effective", "provisions")
        for agreement_id in builtin_ids():
            agreement = get_agreement(agreement_id)
            table.add_row(
                agreement.id,
                "builtin",
                agreement.title,
                agreement.effective.isoformat(),
                str(len(agreement.provisions)),
            )
        url = _existing_db(db)
        if url is not None:
            from ceasefire.store.agreements import list_stored_agreements
            from ceasefire.store.engine import open_db

            with open_db(url).connect() as conn:
                for row in list_stored_agreements(conn):
                    effective = row.effective.isoformat() if row.effective else ""
                    table.add_row(row.id, "stored", row.title, effective, str(row.provisions))
        Console().print(table)

    @group.command("show")
    def show(
        agreement: Annotated[str, typer.Argument(help="Agreement id (gaza-2025) or YAML file.")],
        format: Annotated[
            ShowFormat, typer.Option("--format", "-f", help="Output format.")
        ] = ShowFormat.table,
        db: DbOption = None,
    ) -> None:
        """Parties, dates, phases and every obligation with its resolved due date."""
        from ceasefire.agreements.obligations import expand_obligations, obligation_record

        found = _resolve(agreement, db)
        obligations = expand_obligations(found)
        if format is ShowFormat.json:
            payload = {
                "agreement": found.model_dump(mode="json", exclude_none=True),
                "obligations": [obligation_record(item) for item in obligations],
            }
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
            return
        _print_agreement(found, obligations)

    @group.command("validate")
    def validate(
        files: Annotated[list[Path], typer.Argument(help="Agreement YAML files.")],
    ) -> None:
        """Check agreement files: one ok line each, or the error with FILE:LINE: field (exit code 4)."""
        from ceasefire.agreements.load import load_agreement
        from ceasefire.agreements.obligations import expand_obligations

        out = Console(highlight=False, soft_wrap=True)
        err = Console(stderr=True, highlight=False, soft_wrap=True)
        failed = 0
        for path in files:
            try:
                agreement = load_agreement(path)
            except AgreementError as exc:
                failed += 1
                err.print(f"[red]error[/red] {escape(exc.render())}")
                continue
            count = len(expand_obligations(agreement))
            out.print(
                f"ok {path}: {agreement.id}, {len(agreement.provisions)} provisions, {count} obligations"
            )
        if failed:
            # An error (not typer.Exit) so the shell's one error path sets the documented exit code.
            raise AgreementError(f"{failed} of {len(files)} agreement files failed validation")

    @group.command("load")
    def load(
        agreement: Annotated[str, typer.Argument(help="Agreement id (gaza-2025) or YAML file.")],
        db: DbOption = None,
    ) -> None:
        """Validate an agreement and store it (again) in the database."""
        from ceasefire.agreements.load import builtin_path, get_agreement
        from ceasefire.store.agreements import save_agreement
        from ceasefire.store.engine import open_db

        found = get_agreement(agreement)
        source = str(builtin_path(agreement) or Path(agreement).resolve())
        with open_db(db).begin() as conn:
            save_agreement(conn, found, source)
        Console().print(f"stored {found.id} ({len(found.provisions)} provisions)")

    @group.command("template")
    def template(
        format: Annotated[
            TemplateFormat, typer.Option("--format", "-f", help="Template form.")
        ] = TemplateFormat.csv,
        out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    ) -> None:
        """Print a commented template to fill in for `agreements new`."""
        from ceasefire.agreements.template import csv_template, yaml_template

        text = csv_template() if format is TemplateFormat.csv else yaml_template()
        _write(text, out)

    @group.command("new")
    def new(
        source: Annotated[Path, typer.Option("--from", help="Filled-in template (.csv or .yaml).")],
        id: Annotated[
            str | None, typer.Option("--id", help="Agreement id, a slug such as gaza-2025.")
        ] = None,
        title: Annotated[str | None, typer.Option(help="Title.")] = None,
        conflict: Annotated[str | None, typer.Option(help="The conflict (defaults to the title).")] = None,
        effective: Annotated[
            str | None, typer.Option(help="Effective date-time with UTC offset, e.g. 2025-01-19T08:30+02:00.")
        ] = None,
        signed: Annotated[str | None, typer.Option(help="Signing date-time with UTC offset.")] = None,
        timezone: Annotated[str | None, typer.Option(help="IANA time zone, e.g. Asia/Jerusalem.")] = None,
        parties: Annotated[str | None, typer.Option(help="Party actor ids, comma-separated.")] = None,
        mediators: Annotated[str | None, typer.Option(help="Mediator actor ids, comma-separated.")] = None,
        guarantors: Annotated[str | None, typer.Option(help="Guarantor actor ids, comma-separated.")] = None,
        phases: Annotated[
            str | None, typer.Option(help="Phases as ID=FIRST-LAST days, comma-separated.")
        ] = None,
        actors: Annotated[
            Path | None, typer.Option(help="YAML file with an 'actors:' list, for actors the registry lacks.")
        ] = None,
        out: Annotated[
            Path | None, typer.Option("--out", "-o", help="Write the agreement YAML here.")
        ] = None,
    ) -> None:
        """Build and validate a full agreement YAML from a filled-in CSV or YAML template."""
        from ceasefire.actors.registry import read_actor_file
        from ceasefire.agreements.build import Header, agreement_yaml, build_agreement, split_list
        from ceasefire.agreements.load import load_agreement_text

        header = Header(
            id=id,
            title=title,
            conflict=conflict,
            effective=effective,
            signed=signed,
            timezone=timezone,
            parties=split_list(parties),
            mediators=split_list(mediators),
            guarantors=split_list(guarantors),
            phases=split_list(phases),
            actors=read_actor_file(actors) if actors else [],
        )
        agreement = build_agreement(source, header)
        text = agreement_yaml(agreement, source.name)
        load_agreement_text(text, str(out or "<output>"))  # what we write must load back
        _write(text, out)
        if out is not None:
            Console(stderr=True).print(f"wrote {out}: {agreement.id}, {len(agreement.provisions)} provisions")

    app.add_typer(group, name="agreements")


def _write(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputFileError(f"cannot write: {exc.strerror or exc}", where=str(out)) from exc


def _print_agreement(agreement: Agreement, obligations: list[Obligation]) -> None:
    console = Console(highlight=False, soft_wrap=True)
    console.print(f"[bold]{agreement.title}[/bold] ({agreement.id})")
    for role in ("parties", "mediators", "guarantors"):
        if getattr(agreement, role):
            console.print(f"{role}: {', '.join(getattr(agreement, role))}")
    if agreement.signed:
        console.print(f"signed: {agreement.signed.isoformat()}")
    effective = agreement.effective.isoformat()
    console.print(f"effective: {effective} ({agreement.timezone}); day 1 = {agreement.effective_date}")
    if agreement.phases:
        phases = Table("phase", "name", "days", "dates")
        for phase in agreement.phases:
            dates = f"{agreement.day_to_date(phase.start_day)} – {agreement.day_to_date(phase.end_day)}"
            phases.add_row(phase.id, phase.name, f"{phase.start_day}–{phase.end_day}", dates)
        Console(highlight=False).print(phases)
    table = Table("obligation", "action", "who", "due / in force", "quantity", "phase")
    table.columns[0].no_wrap = True
    table.columns[3].no_wrap = True
    for item in obligations:
        action = f"no {item.action}" if item.refrain else item.action
        who = f"{item.obligor or '?'} → {item.beneficiary or '-'}"
        if item.due is not None:
            when = str(item.due)
        else:
            when = f"{item.window_start or '?'} – {item.window_end or 'open'}"
        quantity = f"{item.quantity.value} {item.quantity.unit}" if item.quantity else ""
        if quantity and item.per:
            quantity += f"/{item.per}"
        table.add_row(item.id, action, who, when, quantity, item.phase or "")
    Console(highlight=False).print(table)
    for extension in agreement.extensions:
        named = ", ".join(extension.provisions) or "all windows"
        console.print(f"extended on {extension.date}: {named} → {extension.new_end}")
