# Build stage: install the app into a virtualenv and bake the seed archive.
FROM python:3.11-slim AS build
WORKDIR /srv
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY templates ./templates
COPY static ./static
COPY seeds ./seeds
# Editable, so templates/, static/ and migrations/ are found beside the package in /srv.
RUN pip install --no-cache-dir -e . && archive --data-dir /srv/data load seeds

# Final stage: no compilers, non-root, the archive read-only.
FROM python:3.11-slim
RUN useradd --system --uid 10001 archive
WORKDIR /srv
ENV PATH=/opt/venv/bin:$PATH ARCHIVE_DATA_DIR=/srv/data ARCHIVE_HOST=0.0.0.0
COPY --from=build /opt/venv /opt/venv
COPY --from=build /srv /srv
USER archive
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["archive", "serve", "--host", "0.0.0.0", "--port", "8000"]
