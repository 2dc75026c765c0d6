"""Webhook burst on loopback against N ``cohort serve`` processes, one SIGKILLed mid-burst.

    .venv/bin/python -m benchmarks.webhooks --instances 3 --store postgresql --prs 205

Sends ``10 × prs`` signed deliveries (opened, edited, seven pushes and a ``/mentor`` comment
per pull request: few open pull requests, since the sandbox lists them all on every event) plus
10 % redeliveries of already-sent ids, from 16 senders, round-robin to the instances (a sender
that cannot connect goes to the next instance, as a load balancer would).
While the burst runs, 200 slow connections stall on the first instance, and one instance is
killed with SIGKILL at 40 % and restarted. GitHub is the sandbox, served on loopback. After
the queue drains (bounded), every pull request's effects are checked in the sandbox: lost = a
label, review request or ``/mentor`` answer missing; duplicated = two review requests or two
bot answers. Then a smaller burst (``--baseline-prs``) goes to one instance on SQLite (no
kill) for comparison: processing, not intake, bounds how long a run takes.
PostgreSQL is Debian's, started in a temp dir (``tests/app/pg.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.served import served
from cohort.app.assemble import open_store
from cohort.app.store import Store
from tests.app.e2e import ORG, SLUG, World, headers, keys, make_world
from tests.app.pg import fresh_database, postgres_server

REPOS = tuple(f"{ORG}/2027-spring-{t}" for t in ("aurora", "borealis", "cirrus", "delta"))
SENDERS = 16
SLOW = 200
DRAIN_TIMEOUT = 900.0
KILL_AT = 0.4
# per pull request, besides one ``/mentor`` comment: few open PRs, many deliveries
ACTIONS = ("opened", "edited", *["synchronize"] * 7)
Item = tuple[str, str, bytes]


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


def deliveries(world: World, prs: int, tag: str) -> tuple[list[Item], list[Any]]:
    """Signed-delivery inputs for ``prs`` pull requests spread over the team repositories."""
    out, made = [], []
    for n in range(prs):
        repo = REPOS[n % len(REPOS)]
        pr = world.open_pull(
            repo, f"{tag}{n}", {f"src/{tag}{n}.js": b"".join(b"l %d\n" % i for i in range(n % 60))}
        )
        made.append((repo, pr))
        for k, action in enumerate(ACTIONS):
            out.append((f"{tag}{n}-{k}-{action}", "pull_request", world.payload(action, repo, pr)))
        out.append((f"{tag}{n}-mentor", "issue_comment", comment_body(world, repo, pr)))
    return out, made


def review_posts(world: World) -> dict[tuple[str, int], int]:
    """Successful ``POST …/requested_reviewers`` per pull request (only the App sends them)."""
    out: dict[tuple[str, int], int] = {}
    for r in world.org.box.log:
        parts = r.path.split("?")[0].strip("/").split("/")
        if r.method == "POST" and r.status < 300 and parts[-1:] == ["requested_reviewers"]:
            key = (f"{parts[-5]}/{parts[-4]}", int(parts[-2]))
            out[key] = out.get(key, 0) + 1
    return out


def check_effects(world: World, made: list[Any]) -> dict[str, int]:
    """Lost: a PR without its labels, a reviewer or its answer; duplicated: the App asking for a
    review twice, or answering ``/mentor`` twice (GitHub's own code-owner requests aside)."""
    lost = duplicated = 0
    bot = f"{SLUG}[bot]"
    posts = review_posts(world)
    for repo, pr in made:
        issue = world.org.box.state.repos[repo].issues[pr["number"]]
        asked = world.requested(repo, pr["number"])
        answers = [c for c in issue.comments if c.user == bot]
        want = {"needs-mentor-review", "phase: design", "help-wanted-from-mentor"}
        lost += int(not want <= world.labels(repo, pr["number"]) or not asked or not answers)
        duplicated += int(posts.get((repo, pr["number"]), 0) > 1 or len(answers) > 1)
    return {"lost": lost, "duplicated": duplicated}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Instance:
    """One ``cohort serve`` process (benchmarks.webhook_instance) and how to restart it."""

    argv: list[str]
    port: int
    log: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(self.argv, stdout=log, stderr=log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"instance on {self.port} did not start; see {self.log}")

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


@contextlib.contextmanager
def instances(
    count: int, store: str, api_url: str, wall: float, workdir: Path
) -> Iterator[list[Instance]]:
    key = workdir / "app.pem"
    key.write_text(keys()[0])
    started: list[Instance] = []
    try:
        for n in range(count):
            port = free_port()
            argv = [
                sys.executable, "-m", "benchmarks.webhook_instance", "--port", str(port),
                "--store", store, "--api-url", api_url, "--key-file", str(key),
                "--wall", repr(wall),
            ]  # fmt: skip
            started.append(Instance(argv, port, workdir / f"instance-{n}.log"))
            started[-1].start()
        yield started
    finally:
        for instance in started:
            instance.stop()


@dataclass
class Burst:
    """Send everything round-robin; reroute on connection failure; optionally kill one."""

    targets: list[Instance]
    kill: bool
    latencies: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    rerouted: int = 0
    killed_at: int = -1
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _sent: int = 0

    def run(self, items: list[Item]) -> float:
        clients = [
            httpx.Client(base_url=t.url, timeout=30, limits=httpx.Limits(max_connections=SENDERS))
            for t in self.targets
        ]
        kill_after = int(len(items) * KILL_AT) if self.kill else -1
        t0 = time.perf_counter()
        with ThreadPoolExecutor(SENDERS) as pool:
            for _ in pool.map(lambda ix: self.one(clients, ix, kill_after), enumerate(items)):
                pass
        elapsed = time.perf_counter() - t0
        for client in clients:
            client.close()
        return elapsed

    def one(self, clients: list[httpx.Client], indexed: tuple[int, Item], kill_after: int) -> None:
        n, (delivery, event, body) = indexed
        with self._lock:
            self._sent += 1
            if self._sent == kill_after:
                self.killed_at = n
                threading.Thread(target=self.kill_and_restart, daemon=True).start()
        t0 = time.perf_counter()
        for attempt in range(len(clients) * 4):
            client = clients[(n + attempt) % len(clients)]
            try:
                status = client.post(
                    "/webhook", content=body, headers=headers(body, delivery, event)
                ).status_code
                break
            except httpx.TransportError:
                with self._lock:
                    self.rerouted += 1
                time.sleep(0.02)
        else:
            status = 0
        with self._lock:
            self.latencies.append(time.perf_counter() - t0)
            self.statuses.append(status)

    def kill_and_restart(self) -> None:
        victim = self.targets[-1]
        victim.kill()
        time.sleep(1.0)
        victim.start()


def slow_connections(url: str, count: int) -> list[socket.socket]:
    host, port = url.removeprefix("http://").split(":")
    out = []
    for _ in range(count):
        sock = socket.create_connection((host, int(port)), timeout=5)
        sock.sendall(b"POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 9000\r\n\r\n{")
        out.append(sock)
    return out


def ack_beside_slow(url: str) -> tuple[float, int]:
    """Ack time of one delivery sent while ``SLOW`` connections stall on the same instance."""
    body = b'{"zen": "beside slow connections"}'
    t0 = time.perf_counter()
    status = httpx.post(
        f"{url}/webhook", content=body, headers=headers(body, f"beside-{time.time()}", "ping")
    ).status_code
    return time.perf_counter() - t0, status


def store_bytes(store: Store, spec: str) -> int:
    """What the store occupies on disk after the burst (table + indexes, or file + WAL)."""
    if spec.startswith("postgresql"):
        import psycopg

        with psycopg.connect(spec) as conn:
            row = conn.execute("SELECT pg_total_relation_size('cohort_deliveries')").fetchone()
        return int(row[0]) if row else 0
    path = Path(spec)
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def scenario(
    world: World,
    api_url: str,
    store_spec: str,
    count: int,
    prs: int,
    kill: bool,
    tag: str,
    keep_logs: Path | None = None,
) -> dict[str, Any]:
    items, made = deliveries(world, prs, tag)
    items += random.Random(7).sample(items, len(items) // 10)
    random.Random(11).shuffle(items)
    store = open_store(store_spec)
    writes_before = world.org.writes()
    with tempfile.TemporaryDirectory(prefix="cohort-bench-") as tmp:
        wall = world.org.clock.wall()
        with instances(count, store_spec, api_url, wall, Path(tmp)) as running:
            slow = slow_connections(running[0].url, SLOW)
            beside = ack_beside_slow(running[0].url)
            burst = Burst(running, kill)
            acked = burst.run(items)
            t_end = time.perf_counter()
            deadline = time.monotonic() + DRAIN_TIMEOUT
            while store.pending() and time.monotonic() < deadline:
                time.sleep(0.2)
            drained = time.perf_counter() - t_end + acked
            for sock in slow:
                sock.close()
        failed = len(store.deliveries(status="failed", limit=100_000))
        size = store_bytes(store, store_spec)
        logs = sum(len(p.read_text().splitlines()) for p in Path(tmp).glob("*.log"))
        if keep_logs is not None:
            keep_logs.mkdir(parents=True, exist_ok=True)
            for p in Path(tmp).glob("*.log"):
                (keep_logs / f"{tag}-{p.name}").write_bytes(p.read_bytes())
    pending = store.pending()
    store.close()
    writes = world.org.writes() - writes_before
    cut = sorted(burst.latencies)
    return {
        "instances": count,
        "store": "postgresql" if store_spec.startswith("postgresql") else "sqlite",
        "deliveries": len(items),
        "accepted_202": burst.statuses.count(202),
        "duplicates_200": burst.statuses.count(200),
        "other": len(items) - burst.statuses.count(202) - burst.statuses.count(200),
        "killed_one_at_delivery": burst.killed_at,
        "rerouted_after_connect_error": burst.rerouted,
        "ack_p50_ms": round(statistics.median(cut) * 1000, 1),
        "ack_p99_ms": round(cut[int(len(cut) * 0.99) - 1] * 1000, 1),
        "ack_max_ms": round(cut[-1] * 1000, 1),
        "ack_beside_200_slow_ms": round(beside[0] * 1000, 1),
        "ack_beside_200_slow_status": beside[1],
        "acks_per_s": round(len(items) / acked, 1),
        "processed_per_s": round(burst.statuses.count(202) / drained, 1),
        "drain_s": round(drained, 1),
        "pending_after_drain": pending,
        "drained": pending == 0,
        "failed_dead_letters": failed,
        "store_bytes_after": size,
        "github_writes": writes,
        "writes_per_202": round(writes / max(burst.statuses.count(202), 1), 2),
        "log_lines": logs,
        **check_effects(world, made),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=3)
    parser.add_argument("--store", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--prs", type=int, default=205, help="10 deliveries each, +10 %%")
    parser.add_argument(
        "--baseline-prs", type=int, default=60, help="pull requests for the 1 × SQLite run"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip 1 × SQLite")
    parser.add_argument("--logs", type=Path, default=None, help="keep the instances' logs here")
    args = parser.parse_args()
    world = make_world()
    report: dict[str, Any] = {}
    with served(world.org.box) as api_url:
        if args.store == "postgresql":
            with postgres_server() as server:
                dsn = fresh_database(server, "bench")
                report["shared"] = scenario(
                    world, api_url, dsn, args.instances, args.prs, True, "p", args.logs
                )
        else:
            with tempfile.TemporaryDirectory() as tmp:
                report["shared"] = scenario(
                    world, api_url, f"{tmp}/app.db", args.instances, args.prs, True, "p", args.logs
                )
        if not args.no_baseline:
            with tempfile.TemporaryDirectory() as tmp:
                prs = args.baseline_prs
                report["single_sqlite"] = scenario(
                    world, api_url, f"{tmp}/app.db", 1, prs, False, "s", args.logs
                )
    rows = sorted({k for r in report.values() for k in r}, key=list(report["shared"]).index)
    print(f"{'':32}" + "".join(f"{name:>16}" for name in report))
    for key in rows:
        print(f"{key:32}" + "".join(f"{r.get(key, '')!s:>16}" for r in report.values()))
    print(json.dumps(report), file=sys.stderr if os.environ.get("QUIET_JSON") else sys.stdout)


if __name__ == "__main__":
    main()
