"""``/api/me``: who the caller is (handy for scripts checking their token)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from ceasefire.store.users import User
from ceasefire.web.deps import reader
from ceasefire.web.models import UserOut

router = APIRouter(tags=["users"])


@router.get("/me", response_model=UserOut, summary="The calling user")
def me(user: User = Depends(reader)) -> UserOut:
    return UserOut(name=user.name, role=user.role, active=user.active)
