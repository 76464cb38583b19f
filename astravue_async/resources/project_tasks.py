"""``client.project_tasks``: tasks inside a project."""

from __future__ import annotations

import builtins
from datetime import datetime

from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._pagination import Paginator
from astravue_async.resources._base import Resource, api_operation, build_body

__all__ = ["ProjectTasks"]


class ProjectTasks(Resource):
    """Tasks of a project (addressed by space, project and task id)."""

    @api_operation(ops.LIST_PROJECT_TASKS)
    def list(
        self,
        space_id: int,
        project_id: int,
        *,
        status: str | None = None,
        priority: str | None = None,
        search: str | None = None,
        due_date_from: datetime | None = None,
        due_date_to: datetime | None = None,
        owner_id: int | None = None,
        sort: str | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Paginator[models.TaskDto]:
        """Tasks of a project matching the filters, page by page."""
        return self._paginate(
            ops.LIST_PROJECT_TASKS,
            {"space_id": space_id, "project_id": project_id, "status": status,
             "priority": priority, "search": search, "due_date_from": due_date_from,
             "due_date_to": due_date_to, "owner_id": owner_id, "sort": sort},
            page_size=page_size,
            limit=limit,
        )  # fmt: skip

    @api_operation(ops.GET_PROJECT_TASK)
    async def get(self, space_id: int, project_id: int, task_id: int) -> models.TaskDto:
        """One project task.

        :raises NotFoundError: no such task in this project.
        """
        result: models.TaskDto = await self._call(
            ops.GET_PROJECT_TASK,
            {"space_id": space_id, "project_id": project_id, "task_id": task_id},
        )
        return result

    @api_operation(ops.CREATE_PROJECT_TASK)
    async def create(
        self,
        space_id: int,
        project_id: int,
        body: models.TaskCreateRequest | None = None,
        /,
        *,
        task_title: str | None = None,
        description: str | None = None,
        owners: builtins.list[int] | None = None,
        start_date: datetime | None = None,
        due_date: datetime | None = None,
        completion: int | None = None,
        status: str | None = None,
        priority: str | None = None,
        tags: builtins.list[str] | None = None,
    ) -> models.TaskDto:
        """Create a task in a project (``task_title`` required)."""
        request = build_body(models.TaskCreateRequest, body, locals())
        result: models.TaskDto = await self._call(
            ops.CREATE_PROJECT_TASK, {"space_id": space_id, "project_id": project_id}, request
        )
        return result

    @api_operation(ops.UPDATE_PROJECT_TASK)
    async def update(
        self,
        space_id: int,
        project_id: int,
        task_id: int,
        body: models.TaskUpdateRequest | None = None,
        /,
        *,
        task_title: str | None = None,
        description: str | None = None,
        owners: builtins.list[int] | None = None,
        start_date: datetime | None = None,
        due_date: datetime | None = None,
        completion: int | None = None,
        status: str | None = None,
        priority: str | None = None,
        tags: builtins.list[str] | None = None,
    ) -> models.TaskDto:
        """Change a project task; fields left as ``None`` are not sent."""
        request = build_body(models.TaskUpdateRequest, body, locals())
        result: models.TaskDto = await self._call(
            ops.UPDATE_PROJECT_TASK,
            {"space_id": space_id, "project_id": project_id, "task_id": task_id},
            request,
        )
        return result

    @api_operation(ops.DELETE_PROJECT_TASK)
    async def delete(self, space_id: int, project_id: int, task_id: int) -> None:
        """Delete a project task."""
        await self._call(
            ops.DELETE_PROJECT_TASK,
            {"space_id": space_id, "project_id": project_id, "task_id": task_id},
        )
