"""The assessment rules (``rules.yaml``): every window, tolerance, threshold and weight, as data.

Validated at load; a malformed file is a :class:`~ceasefire.errors.LexiconError` naming the field.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ceasefire.errors import LexiconError

RULES_FILE = Path(__file__).parent / "rules.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FusionRules(_Strict):
    window_days: dict[str, int] = Field(default_factory=lambda: {"default": 1})
    undated_lookback_days: int = Field(default=7, ge=0)
    claim_types: list[str] = Field(default_factory=lambda: ["ACCUSE", "DENY"])
    speech_types: list[str] = Field(default_factory=list)

    def window(self, event_type: str) -> int:
        return self.window_days.get(event_type, self.window_days.get("default", 1))


class LedgerRules(_Strict):
    units: list[str] = Field(default_factory=lambda: ["hostage", "prisoner", "body"])
    round_slack_days: int = Field(default=2, ge=0)
    period_slack_days: int = Field(default=7, ge=0)
    total_factor: float = Field(default=1.5, gt=1)


class StatusRules(_Strict):
    grace_days: int = Field(default=1, ge=0)
    window_grace_days: int = Field(default=0, ge=0)
    due_soon_days: int = Field(default=3, ge=0)
    lookahead_days: int = Field(default=10, ge=0)
    late_days: int = Field(default=14, ge=0)
    dispute_memory_days: int = Field(default=7, ge=0)
    challenge_days: int = Field(default=0, ge=0)
    location_aliases: dict[str, list[str]] = Field(default_factory=dict)


class CeasefireRules(_Strict):
    breach_killed: int = Field(default=50, ge=1)
    breach_killed_after_end: int = Field(default=10, ge=1)
    end_objects: list[str] = Field(default_factory=lambda: ["AGREE"])
    end_min_sources: int = Field(default=3, ge=1)
    at_risk_days: int = Field(default=5, ge=0)
    at_risk_types: list[str] = Field(default_factory=lambda: ["THREATEN", "SUSPEND"])
    at_risk_min_sources: int = Field(default=2, ge=1)
    memory_days: int = Field(default=30, ge=0)


class RiskRules(_Strict):
    half_life_days: float = Field(default=3.0, gt=0)
    horizon_days: int = Field(default=14, ge=0)
    weights: dict[str, float] = Field(default_factory=dict)
    object_weights: dict[str, float] = Field(default_factory=dict)
    killed_scale: float = Field(default=200.0, gt=0)
    killed_cap: float = Field(default=0.9, ge=0, le=1)
    relief: dict[str, float] = Field(default_factory=dict)


class AssessRules(_Strict):
    fusion: FusionRules = Field(default_factory=FusionRules)
    ledger: LedgerRules = Field(default_factory=LedgerRules)
    status: StatusRules = Field(default_factory=StatusRules)
    ceasefire: CeasefireRules = Field(default_factory=CeasefireRules)
    risk: RiskRules = Field(default_factory=RiskRules)


def read_rules(path: Path) -> AssessRules:
    """The rules of ``path``; LexiconError with the file and the field on bad data."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"cannot read: {exc.strerror}", where=str(path)) from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"not valid YAML: {exc}", where=str(path)) from exc
    try:
        return AssessRules.model_validate(data or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise LexiconError(f"{field}: {first['msg']}", where=str(path)) from exc


@lru_cache(maxsize=1)
def default_rules() -> AssessRules:
    """The package's ``rules.yaml`` (read once)."""
    return read_rules(RULES_FILE)


def check_all() -> str:
    """Validate the shipped rules; a one-line summary (for ``ceasefire doctor``)."""
    rules = read_rules(RULES_FILE)
    return f"assessment rules ok ({len(rules.risk.weights)} risk weights)"
