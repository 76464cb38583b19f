"""``client.tasks``: personal tasks (tasks that belong to no project)."""

from __future__ import annotations

import builtins
from datetime import datetime

from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._pagination import Paginator
from astravue_async.resources._base import Resource, api_operation, build_body

__all__ = ["Tasks"]


class Tasks(Resource):
    """The caller's personal tasks."""

    @api_operation(ops.LIST_TASKS)
    def list(
        self,
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
        """Personal tasks matching the filters, page by page.

        ``await`` the result for the first page, ``async for`` it for every task.
        """
        return self._paginate(
            ops.LIST_TASKS,
            {"status": status, "priority": priority, "search": search,
             "due_date_from": due_date_from, "due_date_to": due_date_to,
             "owner_id": owner_id, "sort": sort},
            page_size=page_size,
            limit=limit,
        )  # fmt: skip

    @api_operation(ops.GET_TASK)
    async def get(self, task_id: int) -> models.TaskDto:
        """One personal task.

        :raises NotFoundError: no such task in this organisation.
        """
        result: models.TaskDto = await self._call(ops.GET_TASK, {"task_id": task_id})
        return result

    @api_operation(ops.CREATE_TASK)
    async def create(
        self,
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
        """Create a personal task (``task_title`` required; ``owners`` are user ids)."""
        request = build_body(models.TaskCreateRequest, body, locals())
        result: models.TaskDto = await self._call(ops.CREATE_TASK, body=request)
        return result

    @api_operation(ops.UPDATE_TASK)
    async def update(
        self,
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
        """Change a personal task; fields left as ``None`` are not sent."""
        request = build_body(models.TaskUpdateRequest, body, locals())
        result: models.TaskDto = await self._call(ops.UPDATE_TASK, {"task_id": task_id}, request)
        return result

    @api_operation(ops.DELETE_TASK)
    async def delete(self, task_id: int) -> None:
        """Delete a personal task."""
        await self._call(ops.DELETE_TASK, {"task_id": task_id})
