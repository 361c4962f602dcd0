# warrantwatch: the Telegram bot with its curated knowledge base.
# Build: docker build -t warrantwatch .
# Run:   docker run -e TELEGRAM_BOT_TOKEN=... -v warrantwatch-data:/data warrantwatch
# Webhook mode: add -e WARRANTWATCH_MODE=webhook -e WARRANTWATCH_WEBHOOK_URL=https://...
#   -e WARRANTWATCH_WEBHOOK_SECRET=... -p 8080:8080 (the webhook and /healthz share the port).
# Polling mode serves /healthz on WARRANTWATCH_HEALTH_PORT (8081) for the HEALTHCHECK below.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    WARRANTWATCH_DB=/data/warrantwatch.sqlite3 \
    WARRANTWATCH_PORT=8080 \
    WARRANTWATCH_HEALTH_PORT=8081

# A numeric, non-root user (orchestrators that check runAsNonRoot need the number).
RUN groupadd --gid 10001 warrantwatch \
    && useradd --no-log-init --create-home --uid 10001 --gid 10001 \
        --shell /usr/sbin/nologin warrantwatch \
    && mkdir -p /data && chown 10001:10001 /data

WORKDIR /app
# The tested versions (constraints.txt) are installed, not whatever is newest today.
COPY pyproject.toml README.md LICENSE constraints.txt ./
COPY knowledge ./knowledge
COPY nlp ./nlp
COPY bot ./bot
RUN pip install -c constraints.txt ".[telegram]" && warrantwatch knowledge check

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080
# GET /healthz on the port of the mode: the webhook's port, or the health port when polling
# (503 once the last successful getUpdates is older than WARRANTWATCH_HEALTH_MAX_AGE).
# No proxy: a container's HTTP_PROXY must not carry a request to 127.0.0.1. No curl in slim.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD python -c "\
import os, urllib.request as r; \
webhook = os.environ.get('WARRANTWATCH_MODE') == 'webhook'; \
name, default = ('WARRANTWATCH_PORT', '8080') if webhook else ('WARRANTWATCH_HEALTH_PORT', '8081'); \
url = f'http://127.0.0.1:{os.environ.get(name) or default}/healthz'; \
r.build_opener(r.ProxyHandler({})).open(url, timeout=4)"
ENTRYPOINT ["warrantwatch"]
CMD ["run"]
