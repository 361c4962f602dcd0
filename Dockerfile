# warrantwatch: the Telegram bot with its curated knowledge base.
# Build: docker build -t warrantwatch .
# Run:   docker run -e TELEGRAM_BOT_TOKEN=... -v warrantwatch-data:/data warrantwatch
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    WARRANTWATCH_DB=/data/warrantwatch.sqlite3

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin warrantwatch \
    && mkdir -p /data && chown warrantwatch:warrantwatch /data

WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY knowledge ./knowledge
COPY nlp ./nlp
COPY bot ./bot
RUN pip install ".[telegram]" && warrantwatch knowledge check

USER warrantwatch
VOLUME ["/data"]
ENTRYPOINT ["warrantwatch"]
CMD ["run"]
