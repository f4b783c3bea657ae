#!/bin/sh
# Entrypoint of every app container (migrate, web, worker, gpu-worker, flower).
#
# Settings come from the environment (see docker-compose.yml). Optional start-up
# steps are switched on per service:
#   COLLECTSTATIC_ON_START=1  run `collectstatic` before the command (web only)
# Migrations run once, in the one-shot `migrate` service, not here.
set -eu

# Named volumes are mounted over these; make sure the paths exist either way.
mkdir -p "${ARTIFACT_ROOT:-/app/var/artifacts}" "${MEDIA_ROOT:-/app/var/media}" \
         "${STATIC_ROOT:-/app/var/static}"

if [ "${COLLECTSTATIC_ON_START:-0}" = "1" ]; then
    django-admin collectstatic --noinput --verbosity 1
fi

exec "$@"
