"""A reader's notifications page through their alerts newest first, from every watchlist of
theirs and no one else's, by a keyset of alert ids, on each store."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from worldbrief.domain.account import Role
from worldbrief.store import AccountStore, ArticleStore
from worldbrief.store.alert_tables import alerts, watchlists
from worldbrief.store.notification_store import NotificationStore

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def _watchlists(store: ArticleStore, account_id: int, names: list[str]) -> list[int]:
    rows = [
        {"account_id": account_id, "name": name, "criteria": {"countries": ["KZ"]},
         "email_mode": "off", "created_at": NOW, "updated_at": NOW, "created_seq": 0}
        for name in names
    ]  # fmt: skip
    with store.engine.begin() as conn:
        conn.execute(sa.insert(watchlists), rows)
        found = sa.select(watchlists.c.id).where(watchlists.c.account_id == account_id)
        return sorted(conn.execute(found).scalars())


def _alert(watchlist_id: int, n: int) -> dict[str, object]:
    return {"watchlist_id": watchlist_id, "kind": "article", "item_id": f"a{n}",
            "article_id": f"a{n}", "reasons": [["country", "KZ"]], "seq": n, "created_at": NOW,
            "email_state": "off", "webhook_state": "off", "webhook_attempts": 0}  # fmt: skip


def test_pages_go_through_every_watchlist_newest_first(store: ArticleStore) -> None:
    accounts = AccountStore.alongside(store)
    ana = accounts.create_account("ana@example.org", "x", Role.REGISTERED, actor="t", now=NOW)
    bo = accounts.create_account("bo@example.org", "x", Role.REGISTERED, actor="t", now=NOW)
    mine = _watchlists(store, ana.id, ["Kazakhstan", "Protests", "Quiet"])
    (theirs,) = _watchlists(store, bo.id, ["Theirs"])
    # Interleaved: most go to the first watchlist, some to the second, the third gets none.
    order = [mine[0], theirs, mine[0], mine[1], mine[0], theirs, mine[0], mine[0], mine[1]] * 3
    with store.engine.begin() as conn:
        conn.execute(sa.insert(alerts), [_alert(w, n) for n, w in enumerate(order)])
        rows = conn.execute(
            sa.select(alerts.c.id, alerts.c.watchlist_id)
            .where(alerts.c.watchlist_id.in_(mine))
            .order_by(alerts.c.id.desc())
        )
        expected = [(int(i), int(w)) for i, w in rows]
    notifications = NotificationStore.alongside(store)
    names = {mine[0]: "Kazakhstan", mine[1]: "Protests"}

    seen: list[tuple[int, int]] = []
    before = None
    while page := notifications.newest(ana.id, 4, before):
        assert len(page) <= 4
        assert all(name == names[alert.watchlist_id] for alert, name in page)
        seen += [(alert.id, alert.watchlist_id) for alert, _ in page]
        before = page[-1][0].id
    assert seen == expected and len(seen) == 21

    assert [a.id for a, _ in notifications.newest(ana.id, 100)] == [i for i, _ in expected]
    assert notifications.newest(ana.id, 5, expected[-1][0]) == []
    stranger = accounts.create_account("cy@example.org", "x", Role.REGISTERED, actor="t", now=NOW)
    assert notifications.newest(stranger.id, 5) == []
