"""Dashboard pages: server-rendered HTML, each with a JSON twin (``/events`` and ``/events.json``)."""

from fastapi import APIRouter

from ceasefire.web.pages import browse, dashboard, docs, login, review

router = APIRouter()
for _module in (login, dashboard, browse, review, docs):
    router.include_router(_module.router)
