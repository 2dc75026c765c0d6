"""Structured logs for ``cohort serve``: one JSON object per line, the delivery id on each."""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import time
from collections.abc import Iterator

HANDLER_NAME = "cohort-serve"
DELIVERY: contextvars.ContextVar[str] = contextvars.ContextVar("cohort_delivery", default="")


@contextlib.contextmanager
def delivery_context(delivery: str) -> Iterator[None]:
    """Every log line inside names ``delivery``."""
    token = DELIVERY.set(delivery)
    try:
        yield
    finally:
        DELIVERY.reset(token)


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "delivery", "message"[, "error"]}`` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "delivery": getattr(record, "delivery", "") or DELIVERY.get(),
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[1] is not None:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure(fmt: str = "json", level: int = logging.INFO) -> None:
    """Send cohort's and uvicorn's logs to stderr as JSON lines (or plain text)."""
    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name(HANDLER_NAME)
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers if h.get_name() != HANDLER_NAME] + [handler]
    root.setLevel(level)
    # one line per GitHub request is noise at INFO; their failures still show as cohort's own
    logging.getLogger("httpx").setLevel(max(level, logging.WARNING))
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
