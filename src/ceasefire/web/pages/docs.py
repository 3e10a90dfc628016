"""``/docs``: the OpenAPI description rendered on the server (no CDN-hosted Swagger UI, no script)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from ceasefire.web.pages.render import render

router = APIRouter(include_in_schema=False)


class Operation(BaseModel):
    id: str
    method: str
    path: str
    summary: str
    tags: list[str]
    parameters: list[dict[str, Any]]
    body: str | None
    response: str


class ApiDocs(BaseModel):
    title: str
    version: str
    openapi: str
    operations: list[Operation]


def _ref_name(schema: dict[str, Any] | None) -> str:
    if not schema:
        return "—"
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list[{_ref_name(schema.get('items'))}]"
    return str(schema.get("type", "object"))


def api_docs(spec: dict[str, Any]) -> ApiDocs:
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {})
            body_schema = next(iter(body.values()), {}).get("schema") if body else None
            ok = op.get("responses", {}).get("200", {}).get("content", {})
            operations.append(
                Operation(
                    id=op.get("operationId", f"{method}-{path}"),
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    tags=op.get("tags", []),
                    parameters=[
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "description": p.get("description"),
                        }
                        for p in op.get("parameters", [])
                    ],
                    body=_ref_name(body_schema) if body_schema else None,
                    response=_ref_name(next(iter(ok.values()), {}).get("schema") if ok else None),
                )
            )
    info = spec.get("info", {})
    return ApiDocs(
        title=info.get("title", ""),
        version=info.get("version", ""),
        openapi=spec.get("openapi", ""),
        operations=operations,
    )


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    return render(request, "docs.html", api_docs(request.app.openapi()))
