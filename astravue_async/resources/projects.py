"""``client.projects``: projects inside a space."""

from __future__ import annotations

import builtins
from datetime import datetime

from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._pagination import Paginator
from astravue_async.resources._base import Resource, api_operation, build_body

__all__ = ["Projects"]


class Projects(Resource):
    """Projects of a space."""

    @api_operation(ops.LIST_PROJECTS)
    def list(
        self,
        space_id: int,
        *,
        sort: str | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Paginator[models.ProjectDto]:
        """Projects of a space, page by page (``sort`` is ``property,asc|desc``)."""
        return self._paginate(
            ops.LIST_PROJECTS,
            {"space_id": space_id, "sort": sort},
            page_size=page_size,
            limit=limit,
        )

    @api_operation(ops.GET_PROJECT)
    async def get(self, space_id: int, project_id: int) -> models.ProjectDto:
        """One project.

        :raises NotFoundError: no such project in this space.
        """
        result: models.ProjectDto = await self._call(
            ops.GET_PROJECT, {"space_id": space_id, "project_id": project_id}
        )
        return result

    @api_operation(ops.CREATE_PROJECT)
    async def create(
        self,
        space_id: int,
        body: models.ProjectRequest | None = None,
        /,
        *,
        project_name: str | None = None,
        description: str | None = None,
        status: models.ProjectStatus | str | None = None,
        priority: str | None = None,
        health: models.ProjectHealth | str | None = None,
        start_date: datetime | None = None,
        end_date: datetime | None = None,
        budget: float | None = None,
        currency: str | None = None,
        member_ids: builtins.list[int] | None = None,
    ) -> models.ProjectDto:
        """Create a project in a space (``project_name`` required)."""
        request = build_body(models.ProjectRequest, body, locals())
        result: models.ProjectDto = await self._call(
            ops.CREATE_PROJECT, {"space_id": space_id}, request
        )
        return result

    @api_operation(ops.UPDATE_PROJECT)
    async def update(
        self,
        space_id: int,
        project_id: int,
        body: models.ProjectUpdateRequest | None = None,
        /,
        *,
        project_name: str | None = None,
        description: str | None = None,
        status: models.ProjectStatus | str | None = None,
        priority: str | None = None,
        health: models.ProjectHealth | str | None = None,
        start_date: datetime | None = None,
        end_date: datetime | None = None,
        budget: float | None = None,
        currency: str | None = None,
        member_ids: builtins.list[int] | None = None,
    ) -> models.ProjectDto:
        """Change a project; fields left as ``None`` are not sent and stay as they are."""
        request = build_body(models.ProjectUpdateRequest, body, locals())
        result: models.ProjectDto = await self._call(
            ops.UPDATE_PROJECT, {"space_id": space_id, "project_id": project_id}, request
        )
        return result

    @api_operation(ops.DELETE_PROJECT)
    async def delete(self, space_id: int, project_id: int) -> None:
        """Delete a project."""
        await self._call(ops.DELETE_PROJECT, {"space_id": space_id, "project_id": project_id})
