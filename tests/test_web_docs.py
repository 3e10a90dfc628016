"""docs/server.md names every API route and every dashboard page the app serves."""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "server.md"


def test_every_route_is_documented(tmp_path: Path) -> None:
    from ceasefire.web.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 'docs.db'}", secret="docs-test-secret")
    text = DOC.read_text(encoding="utf-8")
    missing = []
    for path, methods in app.openapi()["paths"].items():
        for method in methods:
            if path.startswith("/api") and f"`{method.upper()} {path}`" not in text:
                missing.append(f"{method.upper()} {path}")
            elif not path.startswith("/api") and f"`{path}`" not in text:
                missing.append(path)
    app.state.engine.dispose()
    assert not missing, f"add these to docs/server.md: {missing}"
