"""`worldbrief users`, `plans` and `tokens` as an admin runs them in a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from worldbrief.cli.main import app
from worldbrief.config import Settings
from worldbrief.services.accounts import opened_accounts, viewer_for_token

runner = CliRunner()
PASSWORD = "correct horse battery staple"
WIDE = {"COLUMNS": "200"}


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORLDBRIEF_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin, env=WIDE)
    return result.exit_code, result.output


def test_an_admin_sets_up_a_member(data_dir: Path) -> None:
    assert run("users", "add", "Ann@Example.org", "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    assert run("plans", "add", "monthly", "Monthly", "--price", "9.00", "--currency", "USD",
               "--period", "month")[0] == 0  # fmt: skip
    plans = run("plans", "list")[1]
    assert "monthly" in plans and "9.00 USD" in plans

    code, out = run("users", "grant", "ann@example.org", "--plan", "monthly", "--days", "30")
    assert code == 0 and "until" in out
    code, listing = run("users", "list")
    assert code == 0
    row = next(line for line in listing.splitlines() if "ann@example.org" in line)
    assert "registered" in row and "member" in row and "active" in row and "UTC" in row

    code, out = run("users", "set-role", "ann@example.org", "editor")
    assert code == 0 and "editor" in out
    assert run("users", "disable", "ann@example.org")[0] == 0
    row = next(line for line in run("users", "list")[1].splitlines() if "ann@example.org" in line)
    assert "disabled" in row and "reader" in row

    audit = run("users", "audit", "ann@example.org")[1]
    for action in ("account.created", "subscription.granted", "account.role_changed",
                   "account.disabled"):  # fmt: skip
        assert action in audit
    assert PASSWORD not in audit


def test_tokens_are_printed_once_listed_without_secret_and_revoked(data_dir: Path) -> None:
    run("users", "add", "bob@example.org", "--role", "analyst", "--password-stdin", stdin=PASSWORD)
    result = runner.invoke(app, ["tokens", "create", "bob@example.org", "--name", "ci"])
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip().splitlines()[-1]
    assert secret.startswith("wb_")
    with opened_accounts(Settings()) as accounts:
        viewer = viewer_for_token(accounts, secret)
    assert viewer is not None and viewer.email == "bob@example.org"

    code, listing = run("tokens", "list", "bob@example.org")
    assert code == 0 and "ci" in listing and "active" in listing
    # The random part may itself hold underscores (URL-safe base64): all after the second one.
    random_part = secret.split("_", 2)[2]
    assert secret not in listing and random_part not in listing

    assert run("tokens", "revoke", "1")[0] == 0
    assert "revoked" in run("tokens", "list", "bob@example.org")[1]
    with opened_accounts(Settings()) as accounts:
        assert viewer_for_token(accounts, secret) is None


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (("users", "add", "x@example.org", "--password-stdin"), "short", 2, "at least 12"),
        (("users", "add", "x@example.org", "--role", "boss", "--password-stdin"), PASSWORD, 2,
         "allowed roles: registered, analyst, editor, admin"),
        (("users", "add", "not-an-email", "--password-stdin"), PASSWORD, 2, "invalid email"),
        (("users", "add", "x@example.org"), "", 2, "--password-stdin"),
        (("users", "set-role", "nobody@example.org", "editor"), None, 1, "no account"),
        (("users", "set-role", "nobody@example.org", "member"), None, 2, "subscription"),
        (("users", "disable", "nobody@example.org"), None, 1, "nobody@example.org"),
        (("users", "grant", "nobody@example.org", "--plan", "monthly", "--days", "3"), None, 1,
         "no account"),
        (("plans", "add", "monthly", "Monthly", "--price", "nine"), None, 2, "invalid price"),
        (("tokens", "create", "nobody@example.org"), None, 1, "no account"),
        (("tokens", "list", "nobody@example.org"), None, 1, "no account"),
        (("tokens", "revoke", "42"), None, 1, "no API token with id 42"),
    ],
)  # fmt: skip
def test_errors_name_the_problem_and_exit_with_its_code(
    data_dir: Path, args: tuple[str, ...], stdin: str | None, code: int, message: str
) -> None:
    exit_code, output = run(*args, stdin=stdin)
    assert exit_code == code, output
    assert message in " ".join(output.split())


def test_adding_an_email_twice_is_refused(data_dir: Path) -> None:
    assert run("users", "add", "ann@example.org", "--password-stdin", stdin=PASSWORD)[0] == 0
    code, output = run("users", "add", "ANN@example.org", "--password-stdin", stdin=PASSWORD)
    assert code == 1 and "already exists" in output
