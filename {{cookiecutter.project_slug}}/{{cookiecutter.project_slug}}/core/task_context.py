"""Celery tasks on log lines: the task's id and name, and the id of the request that queued it.

config/celery.py connects these to Celery's signals. The request id travels in a message header,
so the lines a worker logs for a task join up with the lines of the request that queued it.
"""

from contextvars import Token
from typing import Any

from celery import Task

from . import request_context

REQUEST_ID_MESSAGE_HEADER = "request_id"

# Task id -> the tokens that restore what was bound before the task started: an eager task runs
# inside a request or another task, whose context must come back unchanged.
_bound: dict[str, list[Token[str]]] = {}


def add_request_id_header(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    """before_task_publish: a task queued while a request (or a task) runs carries its request id."""
    current = request_context.request_id.get()
    if headers is not None and current != "-":
        headers.setdefault(REQUEST_ID_MESSAGE_HEADER, current)


def bind_task(task_id: str, task: Task, **kwargs: Any) -> None:
    """task_prerun: every line the task logs names it, and the request that queued it."""
    # An eager task has no message: it keeps the id of the request it runs in.
    queued_by = task.request.get(REQUEST_ID_MESSAGE_HEADER) or request_context.request_id.get()
    _bound[task_id] = [
        request_context.task_id.set(task_id),
        request_context.task_name.set(task.name),
        request_context.request_id.set(queued_by),
    ]


def unbind_task(task_id: str, **kwargs: Any) -> None:
    """task_postrun: put back what was bound before the task (a dash in a worker)."""
    for token in reversed(_bound.pop(task_id, [])):
        token.var.reset(token)
