"""``client.spaces``: top-level containers for projects."""

from __future__ import annotations

from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._pagination import Paginator
from astravue_async.resources._base import Resource, api_operation, build_body

__all__ = ["Spaces"]


class Spaces(Resource):
    """Spaces of the organisation."""

    @api_operation(ops.LIST_SPACES)
    def list(self) -> Paginator[models.SpaceDto]:
        """All spaces (one page: the API returns them all at once)."""
        return self._paginate(ops.LIST_SPACES)

    @api_operation(ops.GET_SPACE)
    async def get(self, space_id: int) -> models.SpaceDto:
        """One space.

        :raises NotFoundError: no such space in this organisation.
        """
        result: models.SpaceDto = await self._call(ops.GET_SPACE, {"space_id": space_id})
        return result

    @api_operation(ops.CREATE_SPACE)
    async def create(
        self,
        body: models.SpaceRequest | None = None,
        /,
        *,
        space_name: str | None = None,
        description: str | None = None,
        color: str | None = None,
        is_private: bool | None = None,
    ) -> models.SpaceDto:
        """Create a space from keyword arguments (``space_name`` required) or a
        :class:`~astravue_async.models.SpaceRequest`."""
        request = build_body(models.SpaceRequest, body, locals())
        result: models.SpaceDto = await self._call(ops.CREATE_SPACE, body=request)
        return result

    @api_operation(ops.UPDATE_SPACE)
    async def update(
        self,
        space_id: int,
        body: models.SpaceUpdateRequest | None = None,
        /,
        *,
        space_name: str | None = None,
        description: str | None = None,
        color: str | None = None,
        is_private: bool | None = None,
    ) -> models.SpaceDto:
        """Change a space; fields left as ``None`` are not sent and stay as they are."""
        request = build_body(models.SpaceUpdateRequest, body, locals())
        result: models.SpaceDto = await self._call(
            ops.UPDATE_SPACE, {"space_id": space_id}, request
        )
        return result

    @api_operation(ops.DELETE_SPACE)
    async def delete(self, space_id: int) -> None:
        """Delete a space."""
        await self._call(ops.DELETE_SPACE, {"space_id": space_id})
