"""gunicorn's settings for dangvu: `make serve`, or `gunicorn -c gunicorn.conf.py dangvu.wsgi`.

Every value can be changed by environment variable (docs/serving.md). Long work (the superior's
report, statistical forms for a subtree, large imports) runs as background jobs in
`manage.py db_worker`, so no page should come near the timeout."""

import multiprocessing
import os

bind = os.environ.get("DANGVU_BIND", "127.0.0.1:8000")
# Worker processes: two per core and one more, the usual advice for a database-bound application;
# DANGVU_WORKERS overrides.
workers = int(os.environ.get("DANGVU_WORKERS", str(2 * multiprocessing.cpu_count() + 1)))
# Threads per worker (gunicorn's gthread workers when above 1). A request waiting on PostgreSQL
# (a superior's figures for a province) then holds one thread, not a whole process, so an
# office's page is not queued behind it. Django keeps one database connection per thread.
threads = int(os.environ.get("DANGVU_THREADS", "4"))
# A worker silent this many seconds is restarted. With threads a long request no longer silences
# its worker, so what bounds a request is PostgreSQL's statement timeout below.
timeout = int(os.environ.get("DANGVU_WORKER_TIMEOUT", "30"))
# PostgreSQL stops a web request's statement two seconds before gunicorn would stop its worker
# (dangvu/settings.py STATEMENT_TIMEOUT_MS); read by the settings, loaded after this file.
os.environ.setdefault("DANGVU_STATEMENT_TIMEOUT_MS", str(max(timeout - 2, 1) * 1000))
graceful_timeout = 20
keepalive = 5
# Workers are renewed now and then, so that a slow leak never grows without end.
max_requests = int(os.environ.get("DANGVU_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# The proxies whose X-Forwarded-Proto gunicorn believes (the same list dangvu reads
# X-Forwarded-For from, dangvu.ops.clients); without any, only this computer.
forwarded_allow_ips = os.environ.get("DANGVU_TRUSTED_PROXIES", "127.0.0.1,::1")
# One line per request and the errors to stderr (journald or `docker compose logs` keep them).
accesslog = os.environ.get("DANGVU_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("DANGVU_LOG_LEVEL", "warning").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
# Settings and the application are loaded once, before the workers fork (less memory each).
preload_app = True
