# dangvu's production image: gunicorn (gunicorn.conf.py) serving the application and its static
# files (WhiteNoise); the same image runs the job worker. compose.yaml puts PostgreSQL beside it.
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DANGVU_VAR_DIR=/var/lib/dangvu \
    DANGVU_STATIC_MANIFEST=1 DANGVU_BIND=0.0.0.0:8000
WORKDIR /app
COPY pyproject.toml README.md ./
COPY dangvu ./dangvu
COPY templates ./templates
COPY static ./static
COPY manage.py gunicorn.conf.py ./
# Editable: settings find templates/ and static/ beside the package, in /app.
RUN pip install --no-cache-dir -e . && useradd --system --home /var/lib/dangvu dangvu \
    && mkdir -p /var/lib/dangvu && chown dangvu /var/lib/dangvu
USER dangvu
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput -v0 && python manage.py collectstatic --noinput -v0 && exec gunicorn -c gunicorn.conf.py dangvu.wsgi"]
