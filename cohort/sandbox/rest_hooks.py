"""REST: an App's webhook deliveries and redelivery attempts (App JWT), as on GitHub."""

from __future__ import annotations

from cohort.sandbox import webhooks
from cohort.sandbox.state import App, Delivery
from cohort.sandbox.wire import Ctx, Request, Response, not_found, op


def _app(req: Request) -> App:
    assert req.principal.app is not None
    return req.principal.app


def _mine(ctx: Ctx, req: Request) -> list[Delivery]:
    app = _app(req)
    return [d for d in ctx.state.deliveries if d.app_id == app.app_id]


def _one(ctx: Ctx, req: Request) -> Delivery:
    number = int(req.params["delivery_id"])
    found = next((d for d in _mine(ctx, req) if d.id == number), None)
    if found is None:
        raise not_found()
    return found


@op("apps/list-webhook-deliveries")
def list_deliveries(ctx: Ctx, req: Request) -> Response:
    """Newest first, ``per_page`` at most 100, ``cursor`` the id to continue after."""
    items = sorted(_mine(ctx, req), key=lambda d: d.id, reverse=True)
    cursor = req.query.get("cursor")
    if cursor:
        items = [d for d in items if d.id < int(cursor)]
    size = max(1, min(100, int(req.query.get("per_page", "30") or 30)))
    page, rest = items[:size], items[size:]
    headers = {}
    if rest:
        url = f"{req.base_url}{req.path}?per_page={size}&cursor={page[-1].id}"
        headers["link"] = f'<{url}>; rel="next"'
    return Response(200, [webhooks.delivery_body(d, full=False) for d in page], headers)


@op("apps/get-webhook-delivery")
def get_delivery(ctx: Ctx, req: Request) -> Response:
    return Response(200, webhooks.delivery_body(_one(ctx, req), full=True))


@op("apps/redeliver-webhook-delivery")
def redeliver(ctx: Ctx, req: Request) -> Response:
    """202 Accepted: a new attempt is queued, delivered by the server like any other."""
    webhooks.redeliver(ctx.state, _one(ctx, req), ctx.now)
    return Response(202, {})
