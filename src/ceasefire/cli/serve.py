"""``ceasefire serve``: the REST API and dashboard on uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from ceasefire.cli.options import DbOption


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
        db: DbOption = None,
        workers: Annotated[int, typer.Option(help="Worker processes (PostgreSQL for more than one).")] = 1,
        https: Annotated[
            bool, typer.Option("--https-cookies", help="Mark session cookies Secure (behind a TLS proxy).")
        ] = False,
        log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    ) -> None:
        """Serve the REST API (/api, OpenAPI at /docs) and the dashboard. Set CEASEFIRE_SECRET so that
        sessions survive restarts and are shared by workers; add users with `ceasefire users add`."""
        import os

        import uvicorn

        from ceasefire.config import database_url
        from ceasefire.store.engine import open_db

        url = database_url(db)
        open_db(url)  # migrate (and fail with a clear error) before the server starts
        os.environ["CEASEFIRE_DB"] = url
        if https:
            os.environ["CEASEFIRE_HTTPS_COOKIES"] = "1"
        if workers > 1 and not os.environ.get("CEASEFIRE_SECRET"):
            typer.echo("error: set CEASEFIRE_SECRET to run several workers (they must share it)", err=True)
            raise typer.Exit(2)
        uvicorn.run(
            "ceasefire.web.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            proxy_headers=True,
        )
