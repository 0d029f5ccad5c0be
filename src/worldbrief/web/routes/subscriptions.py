"""`POST /api/subscriptions/events`: a payment provider grants or renews a membership.

Payments stay with the provider; its webhook tells us who paid for which plan and until when.
The body is signed with HMAC-SHA256 under `WORLDBRIEF_PAYMENT_WEBHOOK_SECRET`, sent as
`X-Worldbrief-Signature: sha256=<hex>`; the same `reference` sent again updates, never doubles.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError

from worldbrief.domain.errors import AccountNotFoundError, PlanNotFoundError
from worldbrief.membership.errors import MembershipInputError
from worldbrief.services.accounts import StoreSubscriptionProvider, accounts_of
from worldbrief.web.api_errors import error_responses
from worldbrief.web.deps import PlatformDep

router = APIRouter(prefix="/api/subscriptions", tags=["subscriptions"])
MAX_BODY_BYTES = 16_384


class SubscriptionEvent(BaseModel):
    reference: str = Field(min_length=1, max_length=200, description="The provider's id")
    email: str = Field(min_length=3, max_length=320, description="The member's account e-mail.")
    plan: str = Field(
        min_length=1, max_length=100, description="A plan id (`worldbrief plans add`)."
    )
    starts_at: datetime = Field(description="When the membership starts; ISO 8601.")
    ends_at: datetime = Field(description="When it ends (exclusive); ISO 8601.")


class SubscriptionRecorded(BaseModel):
    reference: str
    email: str
    plan: str
    ends_at: datetime


@router.post(
    "/events",
    response_model=SubscriptionRecorded,
    summary="Payment provider webhook",
    # The body is read raw (its signature covers the exact bytes), so it is declared here.
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": SubscriptionEvent.model_json_schema()}},
        }
    },
    responses=error_responses(
        (401, "The signature is missing or does not match the body."),
        (404, "The webhook is off on this site (no `WORLDBRIEF_PAYMENT_WEBHOOK_SECRET`)."),
        (413, f"The body is larger than {MAX_BODY_BYTES:,} bytes."),
        (422, "The event is not valid JSON of this shape, or names an unknown account or plan."),
    ),
)
async def subscription_event(
    request: Request,
    platform: PlatformDep,
    signature: Annotated[
        str | None,
        Header(
            alias="X-Worldbrief-Signature",
            description="`sha256=` and the hex HMAC-SHA256 of the body under the shared secret.",
        ),
    ] = None,
) -> SubscriptionRecorded:
    secret = platform.settings.payment_webhook_secret
    if not secret:
        raise HTTPException(404, "the payment webhook is not enabled on this site")
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise HTTPException(413, f"the event is larger than {MAX_BODY_BYTES} bytes")
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not signature or not hmac.compare_digest(signature.encode(), expected.encode()):
        raise HTTPException(401, "missing or invalid X-Worldbrief-Signature")
    try:
        event = SubscriptionEvent.model_validate_json(body)
    except ValidationError as error:
        problems = [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False)]
        raise RequestValidationError(problems) from None
    provider = StoreSubscriptionProvider(accounts_of(platform), "webhook")
    try:
        granted = provider.grant(
            event.email, event.plan, event.starts_at, event.ends_at, event.reference
        )
    except AccountNotFoundError:
        raise HTTPException(422, "email: no account has that address") from None
    except PlanNotFoundError:
        raise HTTPException(422, "plan: there is no such plan") from None
    except MembershipInputError as error:  # its messages name the field, not the value
        raise HTTPException(422, str(error)) from None
    return SubscriptionRecorded(
        reference=event.reference, email=event.email, plan=event.plan, ends_at=granted.ends_at
    )
