"""Plans and the subscriptions of accounts to them."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from worldbrief.domain.account import Plan, Subscription, SubscriptionSource
from worldbrief.store.account_errors import PlanExistsError, PlanNotFoundError
from worldbrief.store.account_rows import plan_of, subscription_of
from worldbrief.store.schema import plans, subscriptions


def insert_plan(conn: Connection, plan: Plan, now: datetime) -> Plan:
    if find_plan(conn, plan.id) is not None:
        raise PlanExistsError(f"a plan with id {plan.id!r} already exists")
    conn.execute(
        sa.insert(plans).values(
            id=plan.id, name=plan.name, price_cents=plan.price_cents, currency=plan.currency,
            period=plan.period.value, created_at=now,
        )
    )  # fmt: skip
    return plan


def find_plan(conn: Connection, plan_id: str) -> Plan | None:
    row = conn.execute(sa.select(plans).where(plans.c.id == plan_id)).mappings().first()
    return plan_of(row) if row else None


def require_plan(conn: Connection, plan_id: str) -> Plan:
    plan = find_plan(conn, plan_id)
    if plan is None:
        known = ", ".join(p.id for p in list_plans(conn)) or "none yet"
        raise PlanNotFoundError(f"no plan with id {plan_id!r} (plans: {known})")
    return plan


def list_plans(conn: Connection) -> list[Plan]:
    return [plan_of(row) for row in conn.execute(sa.select(plans).order_by(plans.c.id)).mappings()]


def save_subscription(
    conn: Connection,
    *,
    account_id: int,
    plan_id: str,
    starts_at: datetime,
    ends_at: datetime,
    source: SubscriptionSource,
    reference: str | None,
    now: datetime,
) -> Subscription:
    """Insert a subscription, or update the one with the same ``reference``."""
    values = {
        "account_id": account_id, "plan_id": plan_id, "starts_at": starts_at,
        "ends_at": ends_at, "source": source.value,
    }  # fmt: skip
    existing = None
    if reference is not None:
        existing = conn.execute(
            sa.select(subscriptions.c.id).where(subscriptions.c.reference == reference)
        ).scalar()
    if existing is None:
        inserted = conn.execute(
            sa.insert(subscriptions)
            .values(**values, reference=reference, created_at=now)
            .returning(subscriptions.c.id)
        ).scalar_one()
        return _require_subscription(conn, int(inserted))
    conn.execute(sa.update(subscriptions).where(subscriptions.c.id == existing).values(**values))
    return _require_subscription(conn, int(existing))


def subscriptions_of(conn: Connection, account_id: int) -> list[Subscription]:
    query = (
        sa.select(subscriptions)
        .where(subscriptions.c.account_id == account_id)
        .order_by(subscriptions.c.starts_at, subscriptions.c.id)
    )
    return [subscription_of(row) for row in conn.execute(query).mappings()]


def subscriptions_by_account(conn: Connection) -> dict[int, list[Subscription]]:
    query = sa.select(subscriptions).order_by(subscriptions.c.starts_at, subscriptions.c.id)
    grouped: dict[int, list[Subscription]] = defaultdict(list)
    for row in conn.execute(query).mappings():
        subscription = subscription_of(row)
        grouped[subscription.account_id].append(subscription)
    return dict(grouped)


def _require_subscription(conn: Connection, subscription_id: int) -> Subscription:
    query = sa.select(subscriptions).where(subscriptions.c.id == subscription_id)
    return subscription_of(conn.execute(query).mappings().one())
