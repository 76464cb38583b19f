"""``client.comments``, ``client.subtasks`` and ``client.checklists``: the newer docs sections.

Their paths are inferred in the spec (``x-seed: false``); the methods mirror the timers'
approach, so personal and project variants are one method.
"""

from __future__ import annotations

from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._pagination import Paginator
from astravue_async.resources._base import Resource, api_operation

__all__ = ["Checklists", "Comments", "Subtasks"]


class Comments(Resource):
    """Comments on tasks."""

    @api_operation(ops.LIST_TASK_COMMENTS)
    def list(self, task_id: int) -> Paginator[models.TaskCommentDto]:
        """Comments of a task, oldest first."""
        return self._paginate(ops.LIST_TASK_COMMENTS, {"task_id": task_id})


class Subtasks(Resource):
    """Subtasks of personal and project tasks."""

    @api_operation(ops.LIST_PERSONAL_SUBTASKS, ops.LIST_PROJECT_SUBTASKS)
    def list(
        self, task_id: int, *, space_id: int | None = None, project_id: int | None = None
    ) -> Paginator[models.TaskDto]:
        """Subtasks of a task; give ``space_id`` and ``project_id`` for a project task."""
        if (space_id is None) != (project_id is None):
            raise ValueError("give both space_id and project_id (project task) or neither")
        if space_id is None:
            return self._paginate(ops.LIST_PERSONAL_SUBTASKS, {"task_id": task_id})
        return self._paginate(
            ops.LIST_PROJECT_SUBTASKS,
            {"space_id": space_id, "project_id": project_id, "task_id": task_id},
        )


class Checklists(Resource):
    """Checklist items of tasks and subtasks."""

    @api_operation(ops.LIST_PARENT_TASK_CHECKLISTS, ops.LIST_SUBTASK_CHECKLISTS)
    def list(
        self, task_id: int, *, subtask_id: int | None = None
    ) -> Paginator[models.TaskCheckListDto]:
        """Checklist of a task, or of one of its subtasks with ``subtask_id``."""
        if subtask_id is None:
            return self._paginate(ops.LIST_PARENT_TASK_CHECKLISTS, {"task_id": task_id})
        return self._paginate(
            ops.LIST_SUBTASK_CHECKLISTS, {"task_id": task_id, "subtask_id": subtask_id}
        )
