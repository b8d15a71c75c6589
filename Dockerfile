# One image = one immutable archive: the build stage installs the app and bakes the seeds
# into /srv/data; the final stage serves it read-only. A new archive is a new image.
# tests/test_container.py runs this file's build and serve commands without an engine.

# Build stage: a virtualenv with the app, and the archive loaded from the seeds.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /srv
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY templates ./templates
COPY static ./static
COPY seeds /build/seeds
# Wheels where they exist: the slim image has no compiler, and the two sdists (docopt,
# feedgen) are pure Python. Editable, so templates/, static/ and migrations/ are found
# beside the package in /srv; compiled ahead, as the final stage cannot write __pycache__.
RUN pip install --prefer-binary -e . \
    && python -m compileall -q /srv/app /srv/migrations \
    && archive --data-dir /srv/data load -q /build/seeds

# Final stage: no compiler, no pip cache, no seeds; a non-root user who cannot write /srv.
FROM python:3.11-slim-bookworm
RUN groupadd --system --gid 10001 archive \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin archive
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ARCHIVE_DATA_DIR=/srv/data \
    ARCHIVE_WORKERS=2
WORKDIR /srv
COPY --from=build /opt/venv /opt/venv
COPY --from=build /srv /srv
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
CMD ["archive", "serve", "--host", "0.0.0.0", "--port", "8000"]
