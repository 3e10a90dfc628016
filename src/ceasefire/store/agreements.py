"""Store validated agreements and their provisions, and read them back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from ceasefire.agreements.schema import Agreement
from ceasefire.store.tables import agreements, provisions


@dataclass(frozen=True, slots=True)
class StoredAgreement:
    """One row of the agreements table, without the full data."""

    id: str
    title: str
    effective: datetime | None
    source: str | None
    loaded_at: datetime
    provisions: int


def save_agreement(conn: Connection, agreement: Agreement, source: str | None) -> None:
    """Insert or replace the agreement and its provisions (idempotent: saving twice stores one copy)."""
    data = agreement.model_dump(mode="json", exclude_none=True)
    row: dict[str, Any] = {
        "title": agreement.title,
        "effective": agreement.effective,
        "data": data,
        "source": source,
        "loaded_at": datetime.now(UTC),
    }
    exists = conn.execute(select(agreements.c.id).where(agreements.c.id == agreement.id)).first()
    if exists:
        # Update in place rather than delete+insert, so rows elsewhere that point at it stay valid.
        conn.execute(update(agreements).where(agreements.c.id == agreement.id).values(**row))
    else:
        conn.execute(insert(agreements).values(id=agreement.id, **row))
    conn.execute(delete(provisions).where(provisions.c.agreement_id == agreement.id))
    conn.execute(
        insert(provisions),
        [
            {
                "agreement_id": agreement.id,
                "provision_id": provision.id,
                "action": provision.action,
                "obligor": provision.obligor,
                "beneficiary": provision.beneficiary,
                "phase": provision.phase,
                "data": provision.model_dump(mode="json", exclude_none=True),
            }
            for provision in agreement.provisions
        ],
    )


def load_stored_agreement(conn: Connection, agreement_id: str) -> Agreement | None:
    """The stored agreement, validated again; None when there is none with that id."""
    row = conn.execute(select(agreements.c.data).where(agreements.c.id == agreement_id)).first()
    if row is None:
        return None
    return Agreement.model_validate(row.data)


def list_stored_agreements(conn: Connection) -> list[StoredAgreement]:
    """Every stored agreement with its provision count, by id."""
    counts = dict(
        conn.execute(
            select(provisions.c.agreement_id, func.count(provisions.c.id)).group_by(provisions.c.agreement_id)
        ).all()
    )
    rows = conn.execute(
        select(
            agreements.c.id,
            agreements.c.title,
            agreements.c.effective,
            agreements.c.source,
            agreements.c.loaded_at,
        ).order_by(agreements.c.id)
    )
    return [
        StoredAgreement(
            id=row.id,
            title=row.title,
            effective=row.effective,
            source=row.source,
            loaded_at=row.loaded_at,
            provisions=counts.get(row.id, 0),
        )
        for row in rows
    ]


def delete_stored_agreement(conn: Connection, agreement_id: str) -> bool:
    """Remove an agreement and its provisions; False when there was none."""
    conn.execute(delete(provisions).where(provisions.c.agreement_id == agreement_id))
    result = conn.execute(delete(agreements).where(agreements.c.id == agreement_id))
    return bool(result.rowcount)
