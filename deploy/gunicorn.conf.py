"""gunicorn settings for the app servers (see docs/deploy.md). Everything that
differs between machines comes from the environment."""

import gc
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = 120  # whole-year workbooks take a while at city scale
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker) -> None:
    """What the worker loaded (Django, the apps, their modules) lives as long as it does. Frozen, it
    is out of the collector's way: a full collection walked some 110,000 such objects, about 80 ms
    every few dozen requests at city scale."""
    gc.freeze()
