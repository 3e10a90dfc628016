"""Assessment: stories from events, links to obligations, status as of a day, the exchange ledger,
claims, deadlines, the risk index and the timeline (see docs/assessment.md)."""

from __future__ import annotations

from ceasefire.assess.claims import Claim, list_claims
from ceasefire.assess.deadlines import DueItem, Ultimatum, due_next, ultimatums
from ceasefire.assess.fuse import fuse_events
from ceasefire.assess.ledger import Ledger, build_ledger
from ceasefire.assess.link import Link, link_stories
from ceasefire.assess.risk import RiskDay, risk_series
from ceasefire.assess.rules import AssessRules, default_rules
from ceasefire.assess.status import ObligationStatus, StatusReport, assess_status
from ceasefire.assess.story import Story, StoryEvent, Variant
from ceasefire.assess.timeline import TimelineEntry, timeline

__all__ = [
    "AssessRules",
    "Claim",
    "DueItem",
    "Ledger",
    "Link",
    "ObligationStatus",
    "RiskDay",
    "StatusReport",
    "Story",
    "StoryEvent",
    "TimelineEntry",
    "Ultimatum",
    "Variant",
    "assess_status",
    "build_ledger",
    "default_rules",
    "due_next",
    "fuse_events",
    "link_stories",
    "list_claims",
    "risk_series",
    "timeline",
    "ultimatums",
]
