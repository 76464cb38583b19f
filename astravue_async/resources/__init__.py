"""The ``client.<resource>`` namespaces."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Imported on first use (PEP 562): the generated bases import ``resources._base``, so a
# package that imported its namespaces eagerly would be a cycle for whoever reaches
# ``_generated.resources`` first (``astravue_async.sync`` does).
if TYPE_CHECKING:
    from astravue_async.resources.notifications import Notifications
    from astravue_async.resources.project_tasks import ProjectTasks
    from astravue_async.resources.projects import Projects
    from astravue_async.resources.spaces import Spaces
    from astravue_async.resources.task_details import Checklists, Comments, Subtasks
    from astravue_async.resources.tasks import Tasks
    from astravue_async.resources.timers import Timers

__all__ = [
    "Checklists",
    "Comments",
    "Notifications",
    "ProjectTasks",
    "Projects",
    "Spaces",
    "Subtasks",
    "Tasks",
    "Timers",
]

_MODULES: dict[str, str] = {
    "Checklists": "task_details",
    "Comments": "task_details",
    "Notifications": "notifications",
    "ProjectTasks": "project_tasks",
    "Projects": "projects",
    "Spaces": "spaces",
    "Subtasks": "task_details",
    "Tasks": "tasks",
    "Timers": "timers",
}


def __getattr__(name: str) -> Any:
    try:
        module = _MODULES[name]
    except KeyError:
        raise AttributeError(
            f"module 'astravue_async.resources' has no attribute {name!r}"
        ) from None
    value = getattr(importlib.import_module(f"astravue_async.resources.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
