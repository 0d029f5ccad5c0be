"""The OpenAPI document tells the truth: every documented operation, fed generated valid and
invalid requests, answers only the statuses, content types and shapes it documents, never a
server error; it rejects what the schema rules out and accepts what it allows.

Schemathesis drives the app in process (ASGI, no network) over a temporary SQLite store with
the demo articles, calling with an editor's API token. Generation is derandomized with a fixed
number of examples per operation, so the run is repeatable and bounded.

A deeper pass, outside the suite, prints its counts instead of failing:
``python tests/web/test_openapi_contract.py 300`` (examples per operation).
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events

from worldbrief.config import Settings
from worldbrief.services import accounts as account_service
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app

EXAMPLES_PER_OPERATION = 25
EDITOR_EMAIL = "editor@example.org"
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
)
# A schema-valid request may still be refused for what JSON Schema cannot say: search syntax
# (400), or the ingest and annotate rules that need the value in context (422: a date out of
# range, a host name no resolver accepts, a span past the end of the text).
ACCEPTED = ["2xx", "400", "401", "403", "404", "409", "429"]
JUDGED_IN_CONTEXT = ("/api/articles", "/api/annotate", "/api/desk/")


@dataclass
class ContractReport:
    cases: int = 0
    server_errors: int = 0
    failures: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str, str], str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"cases {self.cases}, failing checks {sum(self.failures.values())} "
            f"({len(self.failures)} distinct), server errors {self.server_errors}, "
            f"errors {len(self.errors)}"
        ]
        for key, count in sorted(self.failures.items()):
            lines.append(f"{count:5} {' | '.join(key)}\n      {self.examples[key]}")
        lines += [f"error: {error}" for error in self.errors]
        return "\n".join(lines)


@contextmanager
def contract_app(data_dir: Path) -> Iterator[tuple[FastAPI, str]]:
    """The app over a store holding the demo articles, and an editor's API token."""
    platform = open_platform(
        Settings(data_dir=data_dir, payment_webhook_secret="webhook-secret", annotate_workers=1)
    )
    try:
        report = load_demo_if_empty(platform)
        assert report is not None and not report.rejected
        accounts = account_service.accounts_of(platform)
        account_service.create_account(
            accounts, EDITOR_EMAIL, "correct horse battery staple", "editor", actor="cli:test"
        )
        _, token = account_service.create_api_token(
            accounts, EDITOR_EMAIL, "contract", actor="cli:test"
        )
        app = create_app(platform.settings, platform)
        # The lifespan stops the index catch-up thread and the annotate workers afterwards.
        with TestClient(app) as client:
            # Start annotate's worker processes now, so no case waits for a gazetteer to load.
            warm = client.post("/api/annotate", json={"id": "warm", "text": "Aktau, Kazakhstan"})
            assert warm.status_code == 200, warm.text
            yield app, token
    finally:
        platform.close()


def contract_config(token: str, examples: int) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "headers": {"Authorization": f"Bearer {token}"},
            "continue-on-failure": True,
            # Correctness, not speed: a busy machine must not turn a slow answer into a failure.
            "request-timeout": 600,
            "cache": {"enabled": False},
            "generation": {
                "max-examples": examples,
                "deterministic": True,
                "database": "none",
                "no-shrink": True,
            },
            # Sequences of calls are out of scope: each operation is judged on its own.
            "phases": {"stateful": {"enabled": False}},
            "checks": {
                "enabled": False,
                **{name: {"enabled": True} for name in CHECKS},
                "positive_data_acceptance": {"enabled": True, "expected-statuses": ACCEPTED},
            },
            "operations": [
                {
                    "include-path-regex": f"^{prefix}",
                    "checks": {
                        "positive_data_acceptance": {
                            "enabled": True,
                            "expected-statuses": [*ACCEPTED, "422"],
                        }
                    },
                }
                for prefix in JUDGED_IN_CONTEXT
            ],
        }
    )


def run_contract(app: FastAPI, token: str, examples: int) -> ContractReport:
    config = contract_config(token, examples)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
    report = ContractReport()
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            _record(report, event)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            # An exception escaping the app: a client would have had a 500.
            report.server_errors += 1
            report.errors.append(f"{event.label}: {str(event.info)[:600]}")
    return report


def _record(report: ContractReport, event: events.ScenarioFinished) -> None:
    recorder = event.recorder
    for interaction in recorder.interactions.values():
        report.cases += 1
        if interaction.response is not None and interaction.response.status_code >= 500:
            report.server_errors += 1
    for case_id, checks in recorder.checks.items():
        for check in checks:
            if check.failure_info is None:
                continue
            failure = check.failure_info.failure
            key = (recorder.label, check.name, failure.title)
            report.failures[key] += 1
            if key not in report.examples:
                sample = check.failure_info.code_sample
                message = failure.message.replace("\n", " / ")
                report.examples[key] = f"{message[:300]}\n      {sample[:400]} ({case_id})"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, str]]:
    with contract_app(tmp_path_factory.mktemp("contract") / "data") as built:
        yield built


def test_every_operation_answers_as_the_openapi_document_says(site: tuple[FastAPI, str]) -> None:
    report = run_contract(*site, EXAMPLES_PER_OPERATION)
    assert report.cases > 500, report.summary()  # every operation was exercised
    assert not report.failures and not report.server_errors, report.summary()


def test_every_parameter_is_described_and_every_error_is_json(site: tuple[FastAPI, str]) -> None:
    document: dict[str, Any] = TestClient(site[0]).get("/openapi.json").json()
    for route, operations in document["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {route}"
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), f"{where}: {parameter['name']}"
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")):
                    content = answer.get("content", {})
                    assert list(content) == ["application/json"], f"{where} {status}"
    # FastAPI's own 422 shape is not what the API answers; each route declares the real one.
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_an_annotate_body_matches_exactly_one_documented_shape(site: tuple[FastAPI, str]) -> None:
    """The server reads a body with `documents` as a batch; the schema must not also call it a
    single document (JSON Schema's oneOf would then call it invalid)."""
    document = TestClient(site[0]).get("/openapi.json").json()
    body = document["paths"]["/api/annotate"]["post"]["requestBody"]["content"]
    schema = {**body["application/json"]["schema"], "components": document["components"]}
    validator = jsonschema_rs.validator_for(schema)
    assert validator.is_valid({"documents": [], "id": "a", "text": "extra fields are ignored"})
    assert validator.is_valid({"id": "a", "text": "Aktau"})
    assert not validator.is_valid({"id": "a"})


def test_the_reference_page_shows_errors_and_bounds(site: tuple[FastAPI, str]) -> None:
    page = TestClient(site[0]).get("/docs")
    assert page.status_code == 200
    assert "<td><code>400</code></td><td><p>An unknown article type, more than 50 values" in (
        page.text
    )
    assert "Articles per answer. (1 to 100)" in page.text
    assert "(one of relevance, newest, oldest)" in page.text


if __name__ == "__main__":  # the deeper pass; the guard lets annotate's workers start
    with (
        tempfile.TemporaryDirectory() as scratch,
        contract_app(Path(scratch) / "data") as (
            app,
            token,
        ),
    ):
        print(run_contract(app, token, int(sys.argv[1]) if len(sys.argv) > 1 else 300).summary())
