# syntax=docker/dockerfile:1
#
# Moral Graph Platform: one image for the web app, the Celery workers and flower.
#
#   docker build -t moral-graph-platform .                       # CPU torch
#   docker build -t moral-graph-platform-gpu \
#       --build-arg TORCH_INDEX_URL=https://download.pytorch.org/whl/cu128 .
#
# Build args:
#   TORCH_VERSION        torch release to install (default 2.13.0)
#   TORCH_INDEX_URL      wheel index for torch: the CPU index by default, a CUDA
#                        index for the gpu-worker image (set in docker-compose.yml)
#   EXTRA_PIP_PACKAGES   extra packages for one image only, e.g. "flower" for the
#                        monitoring image; empty by default
#
# The project is installed in editable mode from /app: `frontend/` (templates and
# static files) lives beside the packages, not inside them, so the code must keep
# the repository layout. The editable finder maps only the packages mgplatform,
# moralgraph and alignment_jobs; `platform/` is never put on sys.path.

FROM python:3.11-slim

ARG TORCH_VERSION=2.13.0
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ARG EXTRA_PIP_PACKAGES=""

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=mgplatform.settings \
    ARTIFACT_ROOT=/app/var/artifacts \
    MEDIA_ROOT=/app/var/media \
    STATIC_ROOT=/app/var/static

RUN python -m venv "$VIRTUAL_ENV" \
    && useradd --system --create-home --uid 10001 --user-group app

WORKDIR /app

# 1. torch (the largest layer; changes only with the build args).
RUN pip install "torch==${TORCH_VERSION}" --index-url "${TORCH_INDEX_URL}"

# 2. The project's dependencies, read from pyproject.toml: cached until it changes.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt \
    && if [ -n "${EXTRA_PIP_PACKAGES}" ]; then pip install ${EXTRA_PIP_PACKAGES}; fi

# 3. The code (see .dockerignore), then the project itself without re-resolving deps.
COPY . .
RUN pip install --no-deps -e . \
    && chmod 0755 docker/entrypoint.sh \
    && mkdir -p "$ARTIFACT_ROOT" "$MEDIA_ROOT" "$STATIC_ROOT" \
    && chown -R app:app /app/var

USER app

EXPOSE 8000

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "-c", "python:mgplatform.gunicorn_conf", "mgplatform.wsgi:application", "--bind", "0.0.0.0:8000"]
