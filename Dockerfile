FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PYTHON_DOWNLOADS=never
# A production image: it needs SECRET_KEY and ALLOWED_HOSTS; without REDIS_URL it keeps
# sessions in the database and caches no account (several gunicorn workers).
ENV DEBUG=0
RUN apt-get update && apt-get install -y --no-install-recommends \
      gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir uv && uv pip install --system --no-cache -r requirements.lock
COPY . .
RUN export SECRET_KEY=build-only && python manage.py collectstatic --noinput -v 0 \
    && python manage.py compilemessages --ignore=.venv -v 0 \
    && useradd --create-home crosslearn && mkdir -p var && chown -R crosslearn var
USER crosslearn
EXPOSE 8000
CMD ["gunicorn", "crosslearn.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
