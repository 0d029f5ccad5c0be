"""Rows of the membership tables as domain objects."""

from __future__ import annotations

from sqlalchemy.engine import RowMapping

from worldbrief.domain.account import (
    Account,
    ApiToken,
    AuditEvent,
    Plan,
    PlanPeriod,
    Role,
    Subscription,
    SubscriptionSource,
)


def account_of(row: RowMapping) -> Account:
    return Account(
        id=int(row["id"]),
        email=row["email"],
        role=Role(row["role"]),
        disabled=bool(row["disabled"]),
        created_at=row["created_at"],
        last_login_at=row["last_login_at"],
    )


def token_of(row: RowMapping) -> ApiToken:
    return ApiToken(
        id=int(row["id"]),
        account_id=int(row["account_id"]),
        name=row["name"],
        prefix=row["prefix"],
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
        revoked_at=row["revoked_at"],
    )


def plan_of(row: RowMapping) -> Plan:
    return Plan(
        id=row["id"],
        name=row["name"],
        price_cents=int(row["price_cents"]),
        currency=row["currency"],
        period=PlanPeriod(row["period"]),
    )


def subscription_of(row: RowMapping) -> Subscription:
    return Subscription(
        id=int(row["id"]),
        account_id=int(row["account_id"]),
        plan_id=row["plan_id"],
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        source=SubscriptionSource(row["source"]),
        reference=row["reference"],
    )


def event_of(row: RowMapping) -> AuditEvent:
    return AuditEvent(
        seq=int(row["seq"]),
        at=row["at"],
        actor=row["actor"],
        action=row["action"],
        subject=row["subject"],
        detail=row["detail"],
    )
