"""``client.project_tasks``: tasks inside a project.

Every method only restates the spec, so all of them are generated: see
``astravue_async/_generated/resources.py`` (``make generate`` rewrites it from the spec).
"""

from __future__ import annotations

from astravue_async._generated.resources import ProjectTasksBase

__all__ = ["ProjectTasks"]


class ProjectTasks(ProjectTasksBase):
    """Tasks of a project (addressed by space, project and task id)."""
