# syntax=docker/dockerfile:1
# The API as an image: the project built as a wheel, installed with its pinned dependencies,
# run as an unprivileged user. `docker compose up --build` runs it beside PostgreSQL.

FROM python:3.11-slim AS build
WORKDIR /src
RUN python -m pip install --no-cache-dir --upgrade pip setuptools wheel
COPY requirements.lock pyproject.toml README.md ./
COPY api api
COPY db db
COPY seed seed
COPY migrations migrations
# Wheels of the project and of every pinned dependency; the runtime stage installs from here
# only, so it resolves exactly the versions of requirements.lock.
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.lock \
    && pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    LOG_JSON=true
RUN useradd --create-home --uid 10001 timeline
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links /wheels libya-ceasefire-timeline
USER timeline
WORKDIR /home/timeline
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('PORT', '8000')}/readyz\", timeout=2)"]
# Migrates, ingests the sample corpus shipped in the wheel, and serves.
CMD ["timeline", "up"]
