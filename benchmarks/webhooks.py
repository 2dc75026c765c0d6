"""Webhook burst on loopback: ack latency, throughput, lost/duplicated effects, writes per PR.

    .venv/bin/python -m benchmarks.webhooks --prs 250 --redeliver 100

Sends ``4 × prs`` signed deliveries (opened, synchronize, edited, and a ``/mentor`` comment per
pull request) plus ``redeliver`` repeats of already-sent delivery ids, from a bounded pool of
senders, to ``cohort serve``'s app on 127.0.0.1; the sandbox is GitHub. Then waits (bounded)
for the queue to drain and checks every pull request's effects in the sandbox state.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from cohort.app.running import background
from cohort.app.server import make_app
from cohort.app.store import SQLiteStore
from tests.app.e2e import ORG, SLUG, World, headers, make_world, processor, settings

REPOS = (f"{ORG}/2027-spring-aurora", f"{ORG}/2027-spring-delta")
SENDERS = 16
DRAIN_TIMEOUT = 600.0


def comment_body(world: World, repo: str, pr: dict[str, Any]) -> bytes:
    full = world.client.rest("GET", f"/repos/{repo}")
    issue = {"number": pr["number"], "labels": [], "pull_request": {}}
    payload = {
        "action": "created",
        "issue": issue,
        "repository": full,
        "comment": {"body": "/mentor", "user": pr["user"]},
        "sender": pr["user"],
        "installation": {"id": world.installation},
    }
    return json.dumps(payload).encode()


def deliveries(world: World, prs: int) -> tuple[list[tuple[str, str, bytes]], list[Any]]:
    """Signed-delivery inputs for ``prs`` pull requests spread over two team repositories."""
    out, made = [], []
    for n in range(prs):
        repo = REPOS[n % 2]
        pr = world.open_pull(
            repo, f"b{n}", {f"src/f{n}.js": b"".join(b"line %d\n" % i for i in range(n % 60))}
        )
        made.append((repo, pr))
        for action in ("opened", "synchronize", "edited"):
            out.append((f"{n}-{action}", "pull_request", world.payload(action, repo, pr)))
        out.append((f"{n}-mentor", "issue_comment", comment_body(world, repo, pr)))
    return out, made


def send_all(url: str, items: list[tuple[str, str, bytes]]) -> tuple[list[float], list[int]]:
    """Post every delivery from a bounded pool; returns per-request latency and status."""
    with httpx.Client(
        base_url=url, timeout=30, limits=httpx.Limits(max_connections=SENDERS)
    ) as http:

        def one(item: tuple[str, str, bytes]) -> tuple[float, int]:
            delivery, event, body = item
            t0 = time.perf_counter()
            status = http.post(
                "/webhook", content=body, headers=headers(body, delivery, event)
            ).status_code
            return time.perf_counter() - t0, status

        with ThreadPoolExecutor(SENDERS) as pool:
            results = list(pool.map(one, items))
    return [r[0] for r in results], [r[1] for r in results]


def check_effects(world: World, made: list[Any]) -> dict[str, int]:
    """Lost: a PR without its labels, review request or answer; duplicated: more than one."""
    lost = duplicated = 0
    bot = f"{SLUG}[bot]"
    for repo, pr in made:
        issue = world.org.box.state.repos[repo].issues[pr["number"]]
        asked = world.requested(repo, pr["number"])
        answers = [c for c in issue.comments if c.user == bot]
        want = {"needs-mentor-review", "phase: design", "help-wanted-from-mentor"}
        lost += int(not want <= world.labels(repo, pr["number"]) or not asked or not answers)
        duplicated += int(len(asked) > 1 or len(answers) > 1)
    return {"lost": lost, "duplicated": duplicated}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prs", type=int, default=250)
    parser.add_argument("--redeliver", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    world = make_world()
    items, made = deliveries(world, args.prs)
    items += random.Random(7).sample(items, min(args.redeliver, len(items)))
    store = SQLiteStore()
    proc = processor(world, store)
    writes: list[int] = []

    def handle(event: str, delivery: str, body: bytes) -> None:
        outcome = proc.handle(event, delivery, body)
        if event == "pull_request":
            writes.append(outcome.writes)

    before = world.org.writes()
    with background(make_app(settings(handle, store, count=args.workers))) as url:
        t0 = time.perf_counter()
        latencies, statuses = send_all(url, items)
        acked = time.perf_counter() - t0
        deadline = time.monotonic() + DRAIN_TIMEOUT
        while store.pending() and time.monotonic() < deadline:
            time.sleep(0.05)
        drained = time.perf_counter() - t0
    cut = sorted(latencies)
    report = {
        "deliveries": len(items),
        "accepted_202": statuses.count(202),
        "duplicates_200": statuses.count(200),
        "other": len(statuses) - statuses.count(202) - statuses.count(200),
        "ack_p50_ms": round(statistics.median(cut) * 1000, 2),
        "ack_p99_ms": round(cut[int(len(cut) * 0.99) - 1] * 1000, 2),
        "ack_throughput_per_s": round(len(items) / acked, 1),
        "processed_per_s": round(statuses.count(202) / drained, 1),
        "pending_after_drain": store.pending(),
        "pr_events": len(writes),
        "writes_per_pr_event_max": max(writes, default=0),
        "writes_per_pr_event_mean": round(statistics.fmean(writes), 3) if writes else 0,
        "github_writes_total": world.org.writes() - before,
        **check_effects(world, made),
    }
    store.close()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
