"""Imported by the service's fork server (app/service/workers.py): loads, once, what every
extraction needs, so each worker forked from it starts warm."""

from app.batch.worker import warm

warm()
