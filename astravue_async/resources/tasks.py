"""``client.tasks``: personal tasks (tasks that belong to no project).

Every method only restates the spec, so all of them are generated: see
``astravue_async/_generated/resources.py`` (``make generate`` rewrites it from the spec).
"""

from __future__ import annotations

from astravue_async._generated.resources import TasksBase

__all__ = ["Tasks"]


class Tasks(TasksBase):
    """The caller's personal tasks (tasks that belong to no project)."""
