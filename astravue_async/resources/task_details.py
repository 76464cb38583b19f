"""``client.comments``, ``client.subtasks`` and ``client.checklists``: the newer docs sections.

Their paths are inferred in the spec (``x-seed: false``). ``comments.list`` only restates the
spec and is generated; the subtask and checklist lists choose between twin endpoints here, so
personal and project variants are one method, as for the timers.
"""

from __future__ import annotations

from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._generated.resources import CommentsBase
from astravue_async._pagination import Paginator
from astravue_async.resources._base import Resource, api_operation

__all__ = ["Checklists", "Comments", "Subtasks"]


class Comments(CommentsBase):
    """Comments on tasks."""


class Subtasks(Resource):
    """Subtasks of personal and project tasks."""

    @api_operation(ops.LIST_PERSONAL_SUBTASKS, ops.LIST_PROJECT_SUBTASKS)
    def list(
        self, task_id: int, *, space_id: int | None = None, project_id: int | None = None
    ) -> Paginator[models.TaskDto]:
        """Subtasks of a task; give ``space_id`` and ``project_id`` for a project task.

        Args:
            task_id: Id of the parent task.
            space_id: Space of the parent task when it belongs to a project; ``None`` (the
                default) for a personal task. Give it together with ``project_id``.
            project_id: Project of the parent task; ``None`` (the default) for a personal task.
                Give it together with ``space_id``.

        Returns:
            A :class:`~astravue_async.Paginator` of :class:`~astravue_async.models.TaskDto`:
            ``await`` it for the first page, ``async for`` it for every subtask (the API
            returns them all at once).

        Raises:
            TypeError: an id is not an int; nothing is sent.
            ValueError: only one of ``space_id`` and ``project_id`` was given; nothing is sent.
            NotFoundError, PermissionDeniedError, AuthenticationError, RateLimitError,
                InternalServerError: the API refused the call (HTTP 404, 403, 401, 429, 5xx).
            APIConnectionError: The API could not be reached or did not answer in time.
        """
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
        """Checklist of a task, or of one of its subtasks with ``subtask_id``.

        Args:
            task_id: Id of the (parent) task.
            subtask_id: Id of one of its subtasks (the subtask's ``task_id``), to list that
                subtask's checklist; ``None`` (the default) lists the task's own checklist.

        Returns:
            A :class:`~astravue_async.Paginator` of
            :class:`~astravue_async.models.TaskCheckListDto`: ``await`` it for the first
            page, ``async for`` it for every item (the API returns them all at once).

        Raises:
            TypeError: an id is not an int; nothing is sent.
            NotFoundError, PermissionDeniedError, AuthenticationError, RateLimitError,
                InternalServerError: the API refused the call (HTTP 404, 403, 401, 429, 5xx).
            APIConnectionError: The API could not be reached or did not answer in time.
        """
        if subtask_id is None:
            return self._paginate(ops.LIST_PARENT_TASK_CHECKLISTS, {"task_id": task_id})
        return self._paginate(
            ops.LIST_SUBTASK_CHECKLISTS, {"task_id": task_id, "subtask_id": subtask_id}
        )
