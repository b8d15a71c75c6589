# One image = one immutable archive: the build stage installs the app and bakes the seeds
# into /srv/data; the final stage serves it read-only, with the serving libraries only.
# A new archive is a new image.
# tests/test_container.py runs this file's build and serve commands without an engine.

# Build stage: two virtualenvs from the lock. /opt/loader has what `archive load` needs and
# bakes the seeds into /srv/data; /opt/venv has only what serving needs and is all the final
# stage takes. Exact, hashed versions (requirements/*.txt, exported from uv.lock), installed by
# uv, itself installed by pip from requirements/lock.txt into /opt/tools (not taken either):
# a tenth of pip's CPU, and the two virtualenvs need no pip of their own. Only the serving
# libraries are compiled to bytecode (for every launch); the loader runs once, here.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1 \
    UV_NO_CACHE=1 UV_LINK_MODE=copy
WORKDIR /srv
COPY requirements ./requirements
RUN python -m venv /opt/tools \
    && /opt/tools/bin/pip install --require-hashes --no-deps -r requirements/lock.txt \
    && python -m venv --without-pip /opt/venv \
    && /opt/tools/bin/uv pip install --python /opt/venv/bin/python --require-hashes --no-deps \
        --compile-bytecode -r requirements/build.txt -r requirements/serve.txt \
    && python -m venv --without-pip /opt/loader \
    && /opt/tools/bin/uv pip install --python /opt/loader/bin/python --require-hashes --no-deps \
        -r requirements/build.txt -r requirements/run.txt
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY templates ./templates
COPY static ./static
COPY seeds /build/seeds
# Editable, so templates/, static/ and migrations/ are found beside the package in /srv;
# compiled ahead (bytecode and the gettext catalogs' .mo files), as the final stage cannot
# write them. The serving venv then drops the build tools it no longer needs.
RUN /opt/tools/bin/uv pip install --python /opt/venv/bin/python --no-deps --no-build-isolation -e . \
    && /opt/tools/bin/uv pip install --python /opt/loader/bin/python --no-deps --no-build-isolation -e . \
    && /opt/venv/bin/pybabel -q compile -d /srv/app/locale -D messages \
    && python -m compileall -q /srv/app /srv/migrations \
    && /opt/loader/bin/archive --data-dir /srv/data load -q /build/seeds \
    && /opt/tools/bin/uv pip uninstall --python /opt/venv/bin/python setuptools wheel

# Final stage: no compiler, no pip cache, no seeds; a non-root user who cannot write /srv.
FROM python:3.11-slim-bookworm
RUN groupadd --system --gid 10001 archive \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin archive
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ARCHIVE_DATA_DIR=/srv/data \
    ARCHIVE_WORKERS=2 \
    ARCHIVE_ALLOWED_HOSTS=localhost,127.0.0.1 \
    ARCHIVE_PUBLIC_URL=http://localhost:8000
WORKDIR /srv
COPY --from=build /opt/venv /opt/venv
COPY --from=build /srv /srv
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
CMD ["archive", "serve", "--host", "0.0.0.0", "--port", "8000"]
