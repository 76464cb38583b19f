# generated from openapi/astravue.openapi.yaml — do not edit (run `make generate`)
"""Generated bases of the ``client.<resource>`` namespaces.

Each method here only restates the spec: its keywords are a request model's fields or the
operation's parameters. The public classes in ``astravue_async/resources/`` subclass these
and add what the spec cannot say.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar, overload

from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._pagination import Page, Paginator
from astravue_async._response import APIResponse
from astravue_async._types import NOT_GIVEN, NotGiven
from astravue_async.resources._base import (
    Resource,
    api_operation,
    as_raw,
    build_body,
    first_page_response,
)

__all__ = [
    "CommentsBase",
    "NotificationsBase",
    "ProjectTasksBase",
    "ProjectsBase",
    "SpacesBase",
    "TasksBase",
    "TimersBase",
]


class SpacesBase(Resource):
    """The generated methods of :class:`~astravue_async.resources.Spaces`."""

    @api_operation(ops.LIST_SPACES)
    def list(
        self,
    ) -> Paginator[models.SpaceDto]:
        """Get all spaces.

        Fetches a list of all spaces for the current tenant.

        Returns:
            A :class:`~astravue_async.Paginator` of :class:`~astravue_async.models.SpaceDto`:
            ``await`` it for the first page, ``async for`` it for every item. All spaces (not
            paged).

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        return self._paginate(
            ops.LIST_SPACES,
            {},
        )

    @api_operation(ops.GET_SPACE)
    async def get(
        self,
        space_id: int,
    ) -> models.SpaceDto:
        """Get space by ID.

        Returns one space by its id.

        Args:
            space_id: Space id.

        Returns:
            The :class:`~astravue_async.models.SpaceDto`. The space.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        result: models.SpaceDto = await self._call(ops.GET_SPACE, {"space_id": space_id})
        return result

    @overload
    async def create(
        self,
        body: models.SpaceRequest,
        /,
    ) -> models.SpaceDto: ...

    @overload
    async def create(
        self,
        /,
        *,
        space_name: str,
        description: str | NotGiven = NOT_GIVEN,
        color: str | NotGiven = NOT_GIVEN,
        is_private: bool | NotGiven = NOT_GIVEN,
    ) -> models.SpaceDto: ...

    @api_operation(ops.CREATE_SPACE)
    async def create(
        self,
        body: models.SpaceRequest | None = None,
        /,
        *,
        space_name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        color: str | NotGiven = NOT_GIVEN,
        is_private: bool | NotGiven = NOT_GIVEN,
    ) -> models.SpaceDto:
        """Create a new space.

        Creates a new space for the current tenant.

        Args:
            body: A ready :class:`~astravue_async.models.SpaceRequest` to send instead of the
                keyword arguments (give one or the other, not both).
            space_name: Space name. At least 1 character. Required (unless ``body`` is given).
            description: Space description. Optional: left out, nothing is sent.
            color: Display colour (hex). Optional: left out, nothing is sent.
            is_private: Whether only invited members can see the space. Optional: left out,
                nothing is sent.

        Returns:
            The :class:`~astravue_async.models.SpaceDto`. The created space.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        request = build_body(
            models.SpaceRequest,
            body,
            {
                "space_name": space_name,
                "description": description,
                "color": color,
                "is_private": is_private,
            },
        )
        result: models.SpaceDto = await self._call(ops.CREATE_SPACE, None, request)
        return result

    @api_operation(ops.UPDATE_SPACE)
    async def update(
        self,
        space_id: int,
        body: models.SpaceUpdateRequest | None = None,
        /,
        *,
        space_name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        color: str | NotGiven = NOT_GIVEN,
        is_private: bool | NotGiven = NOT_GIVEN,
    ) -> models.SpaceDto:
        """Update a space.

        Updates a space's name or settings; omitted fields are left unchanged.

        Args:
            space_id: Space id.
            body: A ready :class:`~astravue_async.models.SpaceUpdateRequest` to send instead of
                the keyword arguments (give one or the other, not both).
            space_name: Space name. At least 1 character. Optional: left out, nothing is sent.
            description: Space description. Optional: left out, nothing is sent. ``None`` sends
                JSON ``null`` (clears the value).
            color: Display colour (hex). Optional: left out, nothing is sent.
            is_private: Whether only invited members can see the space. Optional: left out,
                nothing is sent.

        Returns:
            The :class:`~astravue_async.models.SpaceDto`. The updated space.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        request = build_body(
            models.SpaceUpdateRequest,
            body,
            {
                "space_name": space_name,
                "description": description,
                "color": color,
                "is_private": is_private,
            },
        )
        result: models.SpaceDto = await self._call(
            ops.UPDATE_SPACE, {"space_id": space_id}, request
        )
        return result

    @api_operation(ops.DELETE_SPACE)
    async def delete(
        self,
        space_id: int,
    ) -> None:
        """Delete a space.

        Deletes a space and everything in it (projects, tasks, files, members).

        Args:
            space_id: Space id.

        Returns:
            ``None``.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        # Returned although None here: on the transport behind ``with_raw_response`` the
        # call answers with the APIResponse, which the raw forwarder hands on.
        result: None = await self._call(ops.DELETE_SPACE, {"space_id": space_id})
        return result


class ProjectsBase(Resource):
    """The generated methods of :class:`~astravue_async.resources.Projects`."""

    @api_operation(ops.LIST_PROJECTS)
    def list(
        self,
        space_id: int,
        *,
        sort: str | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Paginator[models.ProjectDto]:
        """Get all projects in a space.

        Lists the projects of a space, one page at a time.

        Args:
            space_id: Space id.
            sort: Sort order as `property,direction` (direction asc or desc), e.g.
                `dueDate,desc`. ``None`` (the default) leaves it out of the request.
            page_size: Items per request, 1 to 100 (the server's default is 20).
            limit: Stop after this many items in total; ``None`` walks every page.

        Returns:
            A :class:`~astravue_async.Paginator` of :class:`~astravue_async.models.ProjectDto`:
            ``await`` it for the first page, ``async for`` it for every item. One page of
            projects.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        return self._paginate(
            ops.LIST_PROJECTS,
            {"space_id": space_id, "sort": sort},
            page_size=page_size,
            limit=limit,
        )

    @api_operation(ops.GET_PROJECT)
    async def get(
        self,
        space_id: int,
        project_id: int,
    ) -> models.ProjectDto:
        """Get project details by ID.

        Fetches the details of a specific project.

        Args:
            space_id: Space id.
            project_id: Project id.

        Returns:
            The :class:`~astravue_async.models.ProjectDto`. The project.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        result: models.ProjectDto = await self._call(
            ops.GET_PROJECT, {"space_id": space_id, "project_id": project_id}
        )
        return result

    @overload
    async def create(
        self,
        space_id: int,
        body: models.ProjectRequest,
        /,
    ) -> models.ProjectDto: ...

    @overload
    async def create(
        self,
        space_id: int,
        /,
        *,
        project_name: str,
        description: str | NotGiven = NOT_GIVEN,
        status: models.ProjectStatus | str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        health: models.ProjectHealth | str | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        end_date: datetime | NotGiven = NOT_GIVEN,
        budget: float | NotGiven = NOT_GIVEN,
        currency: str | NotGiven = NOT_GIVEN,
        member_ids: builtins.list[int] | NotGiven = NOT_GIVEN,
    ) -> models.ProjectDto: ...

    @api_operation(ops.CREATE_PROJECT)
    async def create(
        self,
        space_id: int,
        body: models.ProjectRequest | None = None,
        /,
        *,
        project_name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        status: models.ProjectStatus | str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        health: models.ProjectHealth | str | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        end_date: datetime | NotGiven = NOT_GIVEN,
        budget: float | NotGiven = NOT_GIVEN,
        currency: str | NotGiven = NOT_GIVEN,
        member_ids: builtins.list[int] | NotGiven = NOT_GIVEN,
    ) -> models.ProjectDto:
        """Create a new project.

        Creates a new project within a given space.

        Args:
            space_id: Space id.
            body: A ready :class:`~astravue_async.models.ProjectRequest` to send instead of the
                keyword arguments (give one or the other, not both).
            project_name: Project name. At least 1 character. Required (unless ``body`` is
                given).
            description: Project description. Optional: left out, nothing is sent.
            status: Project status. Allowed values: ``NOT_STARTED``, ``IN_PROGRESS``,
                ``ON_HOLD``, ``COMPLETED``, ``CANCELLED`` (a
                :class:`~astravue_async.models.ProjectStatus` or its string; values the SDK does
                not know yet are passed through). Optional: left out, nothing is sent.
            priority: Project priority label (values not documented). Optional: left out,
                nothing is sent.
            health: Project health. Allowed values: ``ON_TRACK``, ``AT_RISK``, ``OFF_TRACK`` (a
                :class:`~astravue_async.models.ProjectHealth` or its string; values the SDK does
                not know yet are passed through). Optional: left out, nothing is sent.
            start_date: Planned start date. A timezone-aware ``datetime`` (naive ones are
                refused). Optional: left out, nothing is sent.
            end_date: Planned end date. A timezone-aware ``datetime`` (naive ones are refused).
                Optional: left out, nothing is sent.
            budget: Planned budget amount. Minimum: 0. Optional: left out, nothing is sent.
            currency: ISO 4217 currency code of the budget. Optional: left out, nothing is sent.
            member_ids: User ids to add as project members. Optional: left out, nothing is sent.

        Returns:
            The :class:`~astravue_async.models.ProjectDto`. The created project.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        request = build_body(
            models.ProjectRequest,
            body,
            {
                "project_name": project_name,
                "description": description,
                "status": status,
                "priority": priority,
                "health": health,
                "start_date": start_date,
                "end_date": end_date,
                "budget": budget,
                "currency": currency,
                "member_ids": member_ids,
            },
        )
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
        project_name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        status: models.ProjectStatus | str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        health: models.ProjectHealth | str | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven | None = NOT_GIVEN,
        end_date: datetime | NotGiven | None = NOT_GIVEN,
        budget: float | NotGiven = NOT_GIVEN,
        currency: str | NotGiven = NOT_GIVEN,
        member_ids: builtins.list[int] | NotGiven = NOT_GIVEN,
    ) -> models.ProjectDto:
        """Update a project.

        Updates a project's name, status, priority, health, dates or budget; omitted fields are
        left unchanged.

        Args:
            space_id: Space id.
            project_id: Project id.
            body: A ready :class:`~astravue_async.models.ProjectUpdateRequest` to send instead
                of the keyword arguments (give one or the other, not both).
            project_name: Project name. At least 1 character. Optional: left out, nothing is
                sent.
            description: Project description. Optional: left out, nothing is sent. ``None``
                sends JSON ``null`` (clears the value).
            status: Project status. Allowed values: ``NOT_STARTED``, ``IN_PROGRESS``,
                ``ON_HOLD``, ``COMPLETED``, ``CANCELLED`` (a
                :class:`~astravue_async.models.ProjectStatus` or its string; values the SDK does
                not know yet are passed through). Optional: left out, nothing is sent.
            priority: Project priority label (values not documented). Optional: left out,
                nothing is sent.
            health: Project health. Allowed values: ``ON_TRACK``, ``AT_RISK``, ``OFF_TRACK`` (a
                :class:`~astravue_async.models.ProjectHealth` or its string; values the SDK does
                not know yet are passed through). Optional: left out, nothing is sent.
            start_date: Planned start date. A timezone-aware ``datetime`` (naive ones are
                refused). Optional: left out, nothing is sent. ``None`` sends JSON ``null``
                (clears the value).
            end_date: Planned end date. A timezone-aware ``datetime`` (naive ones are refused).
                Optional: left out, nothing is sent. ``None`` sends JSON ``null`` (clears the
                value).
            budget: Planned budget amount. Minimum: 0. Optional: left out, nothing is sent.
            currency: ISO 4217 currency code of the budget. Optional: left out, nothing is sent.
            member_ids: User ids to add as project members. Optional: left out, nothing is sent.

        Returns:
            The :class:`~astravue_async.models.ProjectDto`. The updated project.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        request = build_body(
            models.ProjectUpdateRequest,
            body,
            {
                "project_name": project_name,
                "description": description,
                "status": status,
                "priority": priority,
                "health": health,
                "start_date": start_date,
                "end_date": end_date,
                "budget": budget,
                "currency": currency,
                "member_ids": member_ids,
            },
        )
        result: models.ProjectDto = await self._call(
            ops.UPDATE_PROJECT, {"space_id": space_id, "project_id": project_id}, request
        )
        return result

    @api_operation(ops.DELETE_PROJECT)
    async def delete(
        self,
        space_id: int,
        project_id: int,
    ) -> None:
        """Delete a project.

        Deletes a project and its tasks.

        Args:
            space_id: Space id.
            project_id: Project id.

        Returns:
            ``None``.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        # Returned although None here: on the transport behind ``with_raw_response`` the
        # call answers with the APIResponse, which the raw forwarder hands on.
        result: None = await self._call(
            ops.DELETE_PROJECT, {"space_id": space_id, "project_id": project_id}
        )
        return result


class TasksBase(Resource):
    """The generated methods of :class:`~astravue_async.resources.Tasks`."""

    @api_operation(ops.LIST_TASKS)
    def list(
        self,
        *,
        sort: str | None = None,
        status: str | None = None,
        priority: str | None = None,
        search: str | None = None,
        due_date_from: datetime | None = None,
        due_date_to: datetime | None = None,
        owner_id: int | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Paginator[models.TaskDto]:
        """Get all tasks.

        Lists the caller's personal tasks, one page at a time, with optional filters.

        Args:
            sort: Sort order as `property,direction` (direction asc or desc), e.g.
                `dueDate,desc`. ``None`` (the default) leaves it out of the request.
            status: Only tasks whose status name equals this value. ``None`` (the default)
                leaves it out of the request.
            priority: Only tasks whose priority label equals this value. ``None`` (the default)
                leaves it out of the request.
            search: Case-insensitive text search in task title and description. ``None`` (the
                default) leaves it out of the request.
            due_date_from: Only tasks due at or after this instant. A timezone-aware
                ``datetime`` (naive ones are refused). ``None`` (the default) leaves it out of
                the request.
            due_date_to: Only tasks due at or before this instant. A timezone-aware ``datetime``
                (naive ones are refused). ``None`` (the default) leaves it out of the request.
            owner_id: Only tasks owned by this user id. ``None`` (the default) leaves it out of
                the request.
            page_size: Items per request, 1 to 100 (the server's default is 20).
            limit: Stop after this many items in total; ``None`` walks every page.

        Returns:
            A :class:`~astravue_async.Paginator` of :class:`~astravue_async.models.TaskDto`:
            ``await`` it for the first page, ``async for`` it for every item. One page of
            personal tasks.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        return self._paginate(
            ops.LIST_TASKS,
            {
                "sort": sort,
                "status": status,
                "priority": priority,
                "search": search,
                "due_date_from": due_date_from,
                "due_date_to": due_date_to,
                "owner_id": owner_id,
            },
            page_size=page_size,
            limit=limit,
        )

    @api_operation(ops.GET_TASK)
    async def get(
        self,
        task_id: int,
    ) -> models.TaskDto:
        """Get task by ID.

        Returns one personal task by its id.

        Args:
            task_id: Task id.

        Returns:
            The :class:`~astravue_async.models.TaskDto`. The task.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        result: models.TaskDto = await self._call(ops.GET_TASK, {"task_id": task_id})
        return result

    @overload
    async def create(
        self,
        body: models.TaskCreateRequest,
        /,
    ) -> models.TaskDto: ...

    @overload
    async def create(
        self,
        /,
        *,
        task_title: str,
        description: str | NotGiven = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        due_date: datetime | NotGiven = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> models.TaskDto: ...

    @api_operation(ops.CREATE_TASK)
    async def create(
        self,
        body: models.TaskCreateRequest | None = None,
        /,
        *,
        task_title: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        due_date: datetime | NotGiven = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> models.TaskDto:
        """Create a task.

        Create a new task.

        Args:
            body: A ready :class:`~astravue_async.models.TaskCreateRequest` to send instead of
                the keyword arguments (give one or the other, not both).
            task_title: Task title. At least 1 character. Required (unless ``body`` is given).
            description: Task description; @mentions are resolved into
                descriptionMentionedUserIds. Optional: left out, nothing is sent.
            owners: User ids of the task owners. Optional: left out, nothing is sent.
            start_date: Planned start. A timezone-aware ``datetime`` (naive ones are refused).
                Optional: left out, nothing is sent.
            due_date: Due date. A timezone-aware ``datetime`` (naive ones are refused).
                Optional: left out, nothing is sent.
            completion: Completion percentage (0-100; the range is inferred). Allowed range: 0
                to 100. Optional: left out, nothing is sent.
            status: Status name (a user-defined label, matches TaskStatusDto.statusName).
                Optional: left out, nothing is sent.
            priority: Priority label (a user-defined label, matches
                TaskPriorityDto.priorityLabel). Optional: left out, nothing is sent.
            tags: Free-form tags. Optional: left out, nothing is sent.

        Returns:
            The :class:`~astravue_async.models.TaskDto`. The created task.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        request = build_body(
            models.TaskCreateRequest,
            body,
            {
                "task_title": task_title,
                "description": description,
                "owners": owners,
                "start_date": start_date,
                "due_date": due_date,
                "completion": completion,
                "status": status,
                "priority": priority,
                "tags": tags,
            },
        )
        result: models.TaskDto = await self._call(ops.CREATE_TASK, None, request)
        return result

    @api_operation(ops.UPDATE_TASK)
    async def update(
        self,
        task_id: int,
        body: models.TaskUpdateRequest | None = None,
        /,
        *,
        task_title: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven | None = NOT_GIVEN,
        due_date: datetime | NotGiven | None = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> models.TaskDto:
        """Update a task.

        Updates a personal task; omitted fields are left unchanged.

        Args:
            task_id: Task id.
            body: A ready :class:`~astravue_async.models.TaskUpdateRequest` to send instead of
                the keyword arguments (give one or the other, not both).
            task_title: Task title. At least 1 character. Optional: left out, nothing is sent.
            description: Task description; @mentions are resolved into
                descriptionMentionedUserIds. Optional: left out, nothing is sent. ``None`` sends
                JSON ``null`` (clears the value).
            owners: User ids of the task owners. Optional: left out, nothing is sent.
            start_date: Planned start. A timezone-aware ``datetime`` (naive ones are refused).
                Optional: left out, nothing is sent. ``None`` sends JSON ``null`` (clears the
                value).
            due_date: Due date. A timezone-aware ``datetime`` (naive ones are refused).
                Optional: left out, nothing is sent. ``None`` sends JSON ``null`` (clears the
                value).
            completion: Completion percentage (0-100; the range is inferred). Allowed range: 0
                to 100. Optional: left out, nothing is sent.
            status: Status name (a user-defined label, matches TaskStatusDto.statusName).
                Optional: left out, nothing is sent.
            priority: Priority label (a user-defined label, matches
                TaskPriorityDto.priorityLabel). Optional: left out, nothing is sent.
            tags: Free-form tags. Optional: left out, nothing is sent.

        Returns:
            The :class:`~astravue_async.models.TaskDto`. The updated task.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        request = build_body(
            models.TaskUpdateRequest,
            body,
            {
                "task_title": task_title,
                "description": description,
                "owners": owners,
                "start_date": start_date,
                "due_date": due_date,
                "completion": completion,
                "status": status,
                "priority": priority,
                "tags": tags,
            },
        )
        result: models.TaskDto = await self._call(ops.UPDATE_TASK, {"task_id": task_id}, request)
        return result

    @api_operation(ops.DELETE_TASK)
    async def delete(
        self,
        task_id: int,
    ) -> None:
        """Delete a task.

        Deletes a personal task.

        Args:
            task_id: Task id.

        Returns:
            ``None``.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        # Returned although None here: on the transport behind ``with_raw_response`` the
        # call answers with the APIResponse, which the raw forwarder hands on.
        result: None = await self._call(ops.DELETE_TASK, {"task_id": task_id})
        return result


class ProjectTasksBase(Resource):
    """The generated methods of :class:`~astravue_async.resources.ProjectTasks`."""

    @api_operation(ops.LIST_PROJECT_TASKS)
    def list(
        self,
        space_id: int,
        project_id: int,
        *,
        sort: str | None = None,
        status: str | None = None,
        priority: str | None = None,
        search: str | None = None,
        due_date_from: datetime | None = None,
        due_date_to: datetime | None = None,
        owner_id: int | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Paginator[models.TaskDto]:
        """Get all tasks in a project.

        Get all tasks in a project with optional filtering and sorting.

        Args:
            space_id: Space id.
            project_id: Project id.
            sort: Sort order as `property,direction` (direction asc or desc), e.g.
                `dueDate,desc`. ``None`` (the default) leaves it out of the request.
            status: Only tasks whose status name equals this value. ``None`` (the default)
                leaves it out of the request.
            priority: Only tasks whose priority label equals this value. ``None`` (the default)
                leaves it out of the request.
            search: Case-insensitive text search in task title and description. ``None`` (the
                default) leaves it out of the request.
            due_date_from: Only tasks due at or after this instant. A timezone-aware
                ``datetime`` (naive ones are refused). ``None`` (the default) leaves it out of
                the request.
            due_date_to: Only tasks due at or before this instant. A timezone-aware ``datetime``
                (naive ones are refused). ``None`` (the default) leaves it out of the request.
            owner_id: Only tasks owned by this user id. ``None`` (the default) leaves it out of
                the request.
            page_size: Items per request, 1 to 100 (the server's default is 20).
            limit: Stop after this many items in total; ``None`` walks every page.

        Returns:
            A :class:`~astravue_async.Paginator` of :class:`~astravue_async.models.TaskDto`:
            ``await`` it for the first page, ``async for`` it for every item. One page of the
            project's tasks.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        return self._paginate(
            ops.LIST_PROJECT_TASKS,
            {
                "space_id": space_id,
                "project_id": project_id,
                "sort": sort,
                "status": status,
                "priority": priority,
                "search": search,
                "due_date_from": due_date_from,
                "due_date_to": due_date_to,
                "owner_id": owner_id,
            },
            page_size=page_size,
            limit=limit,
        )

    @api_operation(ops.GET_PROJECT_TASK)
    async def get(
        self,
        space_id: int,
        project_id: int,
        task_id: int,
    ) -> models.TaskDto:
        """Get a project task by ID.

        Returns one task of a project by its id.

        Args:
            space_id: Space id.
            project_id: Project id.
            task_id: Task id.

        Returns:
            The :class:`~astravue_async.models.TaskDto`. The task.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        result: models.TaskDto = await self._call(
            ops.GET_PROJECT_TASK,
            {"space_id": space_id, "project_id": project_id, "task_id": task_id},
        )
        return result

    @overload
    async def create(
        self,
        space_id: int,
        project_id: int,
        body: models.TaskCreateRequest,
        /,
    ) -> models.TaskDto: ...

    @overload
    async def create(
        self,
        space_id: int,
        project_id: int,
        /,
        *,
        task_title: str,
        description: str | NotGiven = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        due_date: datetime | NotGiven = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> models.TaskDto: ...

    @api_operation(ops.CREATE_PROJECT_TASK)
    async def create(
        self,
        space_id: int,
        project_id: int,
        body: models.TaskCreateRequest | None = None,
        /,
        *,
        task_title: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        due_date: datetime | NotGiven = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> models.TaskDto:
        """Create a project task.

        Creates a new task in a project.

        Args:
            space_id: Space id.
            project_id: Project id.
            body: A ready :class:`~astravue_async.models.TaskCreateRequest` to send instead of
                the keyword arguments (give one or the other, not both).
            task_title: Task title. At least 1 character. Required (unless ``body`` is given).
            description: Task description; @mentions are resolved into
                descriptionMentionedUserIds. Optional: left out, nothing is sent.
            owners: User ids of the task owners. Optional: left out, nothing is sent.
            start_date: Planned start. A timezone-aware ``datetime`` (naive ones are refused).
                Optional: left out, nothing is sent.
            due_date: Due date. A timezone-aware ``datetime`` (naive ones are refused).
                Optional: left out, nothing is sent.
            completion: Completion percentage (0-100; the range is inferred). Allowed range: 0
                to 100. Optional: left out, nothing is sent.
            status: Status name (a user-defined label, matches TaskStatusDto.statusName).
                Optional: left out, nothing is sent.
            priority: Priority label (a user-defined label, matches
                TaskPriorityDto.priorityLabel). Optional: left out, nothing is sent.
            tags: Free-form tags. Optional: left out, nothing is sent.

        Returns:
            The :class:`~astravue_async.models.TaskDto`. The created task.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        request = build_body(
            models.TaskCreateRequest,
            body,
            {
                "task_title": task_title,
                "description": description,
                "owners": owners,
                "start_date": start_date,
                "due_date": due_date,
                "completion": completion,
                "status": status,
                "priority": priority,
                "tags": tags,
            },
        )
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
        task_title: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven | None = NOT_GIVEN,
        due_date: datetime | NotGiven | None = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> models.TaskDto:
        """Update a project task.

        Updates a task of a project; omitted fields are left unchanged.

        Args:
            space_id: Space id.
            project_id: Project id.
            task_id: Task id.
            body: A ready :class:`~astravue_async.models.TaskUpdateRequest` to send instead of
                the keyword arguments (give one or the other, not both).
            task_title: Task title. At least 1 character. Optional: left out, nothing is sent.
            description: Task description; @mentions are resolved into
                descriptionMentionedUserIds. Optional: left out, nothing is sent. ``None`` sends
                JSON ``null`` (clears the value).
            owners: User ids of the task owners. Optional: left out, nothing is sent.
            start_date: Planned start. A timezone-aware ``datetime`` (naive ones are refused).
                Optional: left out, nothing is sent. ``None`` sends JSON ``null`` (clears the
                value).
            due_date: Due date. A timezone-aware ``datetime`` (naive ones are refused).
                Optional: left out, nothing is sent. ``None`` sends JSON ``null`` (clears the
                value).
            completion: Completion percentage (0-100; the range is inferred). Allowed range: 0
                to 100. Optional: left out, nothing is sent.
            status: Status name (a user-defined label, matches TaskStatusDto.statusName).
                Optional: left out, nothing is sent.
            priority: Priority label (a user-defined label, matches
                TaskPriorityDto.priorityLabel). Optional: left out, nothing is sent.
            tags: Free-form tags. Optional: left out, nothing is sent.

        Returns:
            The :class:`~astravue_async.models.TaskDto`. The updated task.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        request = build_body(
            models.TaskUpdateRequest,
            body,
            {
                "task_title": task_title,
                "description": description,
                "owners": owners,
                "start_date": start_date,
                "due_date": due_date,
                "completion": completion,
                "status": status,
                "priority": priority,
                "tags": tags,
            },
        )
        result: models.TaskDto = await self._call(
            ops.UPDATE_PROJECT_TASK,
            {"space_id": space_id, "project_id": project_id, "task_id": task_id},
            request,
        )
        return result

    @api_operation(ops.DELETE_PROJECT_TASK)
    async def delete(
        self,
        space_id: int,
        project_id: int,
        task_id: int,
    ) -> None:
        """Delete a project task.

        Deletes a task of a project.

        Args:
            space_id: Space id.
            project_id: Project id.
            task_id: Task id.

        Returns:
            ``None``.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        # Returned although None here: on the transport behind ``with_raw_response`` the
        # call answers with the APIResponse, which the raw forwarder hands on.
        result: None = await self._call(
            ops.DELETE_PROJECT_TASK,
            {"space_id": space_id, "project_id": project_id, "task_id": task_id},
        )
        return result


class TimersBase(Resource):
    """The generated methods of :class:`~astravue_async.resources.Timers`."""

    @api_operation(ops.LIST_TASK_TIMERS)
    def list_for_task(
        self,
        task_id: int,
        *,
        user_id: int | None = None,
    ) -> Paginator[models.TimeTrackerDto]:
        """Get timers for a user in a task.

        Lists a user's time entries on a task.

        Args:
            task_id: Task id.
            user_id: User whose timers to return; defaults to the calling user. ``None`` (the
                default) leaves it out of the request.

        Returns:
            A :class:`~astravue_async.Paginator` of
            :class:`~astravue_async.models.TimeTrackerDto`: ``await`` it for the first page,
            ``async for`` it for every item. The time entries (not paged).

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        return self._paginate(
            ops.LIST_TASK_TIMERS,
            {"task_id": task_id, "user_id": user_id},
        )

    @api_operation(ops.LIST_ACTIVE_TIMERS)
    def active(
        self,
        *,
        user_id: int | None = None,
    ) -> Paginator[models.TimerData]:
        """Get active timers for a user.

        Lists a user's running timers (at most one per user).

        Args:
            user_id: User whose timers to return; defaults to the calling user. ``None`` (the
                default) leaves it out of the request.

        Returns:
            A :class:`~astravue_async.Paginator` of :class:`~astravue_async.models.TimerData`:
            ``await`` it for the first page, ``async for`` it for every item. The running timers
            (not paged).

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        return self._paginate(
            ops.LIST_ACTIVE_TIMERS,
            {"user_id": user_id},
        )

    @api_operation(ops.STOP_TIMER)
    async def stop(
        self,
        task_id: int,
        body: models.TimerRequest | None = None,
        /,
        *,
        billable: bool | NotGiven = NOT_GIVEN,
        notes: str | NotGiven = NOT_GIVEN,
    ) -> models.TimeTrackerDto:
        """Stop timer for a task.

        Stops the caller's running timer on a task and saves the entry.

        Args:
            task_id: Task id.
            body: A ready :class:`~astravue_async.models.TimerRequest` to send instead of the
                keyword arguments (give one or the other, not both).
            billable: Whether the time is billable. Set only when the user says so. Optional:
                left out, nothing is sent.
            notes: Free-text notes. Set only when the user provides them. Optional: left out,
                nothing is sent.

        Returns:
            The :class:`~astravue_async.models.TimeTrackerDto`. The stopped time entry.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        request = build_body(models.TimerRequest, body, {"billable": billable, "notes": notes})
        result: models.TimeTrackerDto = await self._call(
            ops.STOP_TIMER, {"task_id": task_id}, request
        )
        return result

    @api_operation(ops.UPDATE_TIMER)
    async def update(
        self,
        time_tracker_id: int,
        body: models.TimerUpdateRequest | None = None,
        /,
        *,
        start_time: datetime | NotGiven = NOT_GIVEN,
        end_time: datetime | NotGiven = NOT_GIVEN,
        duration: timedelta | NotGiven = NOT_GIVEN,
        billable: bool | NotGiven = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
    ) -> models.TimeTrackerDto:
        """Update a timer.

        Edits an existing time entry (times, duration, billable flag or notes).

        Args:
            time_tracker_id: Time entry (timer) id, as in TimeTrackerDto.timeTrackerId.
            body: A ready :class:`~astravue_async.models.TimerUpdateRequest` to send instead of
                the keyword arguments (give one or the other, not both).
            start_time: New start of the interval. A timezone-aware ``datetime`` (naive ones are
                refused). Optional: left out, nothing is sent.
            end_time: New end of the interval. A timezone-aware ``datetime`` (naive ones are
                refused). Optional: left out, nothing is sent.
            duration: New duration in milliseconds (for manual entries). Minimum: 0
                milliseconds. A ``timedelta``, sent as whole milliseconds. Optional: left out,
                nothing is sent.
            billable: Whether the time is billable. Set only when the user says so. Optional:
                left out, nothing is sent.
            notes: Free-text notes. Set only when the user provides them. Optional: left out,
                nothing is sent. ``None`` sends JSON ``null`` (clears the value).

        Returns:
            The :class:`~astravue_async.models.TimeTrackerDto`. The updated time entry.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        request = build_body(
            models.TimerUpdateRequest,
            body,
            {
                "start_time": start_time,
                "end_time": end_time,
                "duration": duration,
                "billable": billable,
                "notes": notes,
            },
        )
        result: models.TimeTrackerDto = await self._call(
            ops.UPDATE_TIMER, {"time_tracker_id": time_tracker_id}, request
        )
        return result

    @api_operation(ops.DELETE_TIMER)
    async def delete(
        self,
        time_tracker_id: int,
    ) -> None:
        """Delete a timer entry.

        Deletes a time entry.

        Args:
            time_tracker_id: Time entry (timer) id, as in TimeTrackerDto.timeTrackerId.

        Returns:
            ``None``.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        # Returned although None here: on the transport behind ``with_raw_response`` the
        # call answers with the APIResponse, which the raw forwarder hands on.
        result: None = await self._call(ops.DELETE_TIMER, {"time_tracker_id": time_tracker_id})
        return result


class NotificationsBase(Resource):
    """The generated methods of :class:`~astravue_async.resources.Notifications`."""

    @api_operation(ops.LIST_NOTIFICATIONS)
    def list(
        self,
        *,
        sort: str | None = None,
        type: models.NotificationType | str | None = None,
        unread_only: bool | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Paginator[models.NotificationDto]:
        """Get all notifications and mentions.

        Lists the caller's notifications and mentions, newest first, one page at a time.

        Args:
            sort: Sort order as `property,direction` (direction asc or desc), e.g.
                `dueDate,desc`. ``None`` (the default) leaves it out of the request.
            type: Only notifications of this kind (omit for both). Allowed values:
                ``NOTIFICATION``, ``MENTION`` (a
                :class:`~astravue_async.models.NotificationType` or its string; values the SDK
                does not know yet are passed through). ``None`` (the default) leaves it out of
                the request.
            unread_only: If true, only unread notifications. ``None`` (the default) leaves it
                out of the request; the server then uses ``False``.
            page_size: Items per request, 1 to 100 (the server's default is 20).
            limit: Stop after this many items in total; ``None`` walks every page.

        Returns:
            A :class:`~astravue_async.Paginator` of
            :class:`~astravue_async.models.NotificationDto`: ``await`` it for the first page,
            ``async for`` it for every item. One page of notifications.

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        return self._paginate(
            ops.LIST_NOTIFICATIONS,
            {"sort": sort, "type": type, "unread_only": unread_only},
            page_size=page_size,
            limit=limit,
        )


class CommentsBase(Resource):
    """The generated methods of :class:`~astravue_async.resources.Comments`."""

    @api_operation(ops.LIST_TASK_COMMENTS)
    def list(
        self,
        task_id: int,
    ) -> Paginator[models.TaskCommentDto]:
        """Get comments for a task.

        Lists the comments on a task, oldest first.

        Args:
            task_id: Task id.

        Returns:
            A :class:`~astravue_async.Paginator` of
            :class:`~astravue_async.models.TaskCommentDto`: ``await`` it for the first page,
            ``async for`` it for every item. The comments (not paged).

        Raises:
            TypeError, ValueError: An argument has the wrong type or breaks a documented
                constraint; nothing is sent.
            BadRequestError: HTTP 400: Bad request: validation failed or the request is
                malformed.
            AuthenticationError: HTTP 401: Unauthorized: the bearer access token is missing,
                invalid or expired.
            PermissionDeniedError: HTTP 403: Forbidden: the user lacks the role or membership
                needed for this action.
            NotFoundError: HTTP 404: Not found: the resource (or the organization in X-Org-Id)
                does not exist.
            RateLimitError: HTTP 429: Too many requests: the rate limit was exceeded; retry
                later.
            InternalServerError: HTTP 500: Internal server error.
            APIConnectionError: The API could not be reached or did not answer in time (after
                the retries).
        """
        return self._paginate(
            ops.LIST_TASK_COMMENTS,
            {"task_id": task_id},
        )


# --------------------------------------------------------------------- with_raw_response

R_co = TypeVar("R_co", covariant=True)


class RawForwarder(Generic[R_co]):
    """What the generated ``with_raw_response`` methods need: the resource they forward to,
    built on a transport whose calls answer with an :class:`~astravue_async.APIResponse`
    (``astravue_async/resources/_raw.py``)."""

    _resource: R_co


SpacesT_co = TypeVar("SpacesT_co", bound=SpacesBase, covariant=True)


class SpacesRawBase(RawForwarder[SpacesT_co]):
    """The generated methods of ``client.with_raw_response.Spaces``: each has the
    signature of :class:`~astravue_async.resources.Spaces`'s and returns the response."""

    def list(
        self,
    ) -> Coroutine[Any, Any, APIResponse[Page[models.SpaceDto]]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.resources.Spaces.list`."""
        return first_page_response(self._resource.list())

    def get(
        self,
        space_id: int,
    ) -> Coroutine[Any, Any, APIResponse[models.SpaceDto]]:
        """``get()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Spaces.get`."""
        return as_raw(self._resource.get(space_id=space_id))

    @overload
    def create(
        self,
        body: models.SpaceRequest,
        /,
    ) -> Coroutine[Any, Any, APIResponse[models.SpaceDto]]: ...

    @overload
    def create(
        self,
        /,
        *,
        space_name: str,
        description: str | NotGiven = NOT_GIVEN,
        color: str | NotGiven = NOT_GIVEN,
        is_private: bool | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.SpaceDto]]: ...

    def create(
        self,
        body: models.SpaceRequest | None = None,
        /,
        *,
        space_name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        color: str | NotGiven = NOT_GIVEN,
        is_private: bool | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.SpaceDto]]:
        """``create()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Spaces.create`."""
        method: Callable[..., Coroutine[Any, Any, models.SpaceDto]] = self._resource.create
        return as_raw(
            method(
                body,
                space_name=space_name,
                description=description,
                color=color,
                is_private=is_private,
            )
        )

    def update(
        self,
        space_id: int,
        body: models.SpaceUpdateRequest | None = None,
        /,
        *,
        space_name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        color: str | NotGiven = NOT_GIVEN,
        is_private: bool | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.SpaceDto]]:
        """``update()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Spaces.update`."""
        return as_raw(
            self._resource.update(
                space_id,
                body,
                space_name=space_name,
                description=description,
                color=color,
                is_private=is_private,
            )
        )

    def delete(
        self,
        space_id: int,
    ) -> Coroutine[Any, Any, APIResponse[None]]:
        """``delete()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Spaces.delete`."""
        return as_raw(self._resource.delete(space_id=space_id))


ProjectsT_co = TypeVar("ProjectsT_co", bound=ProjectsBase, covariant=True)


class ProjectsRawBase(RawForwarder[ProjectsT_co]):
    """The generated methods of ``client.with_raw_response.Projects``: each has the
    signature of :class:`~astravue_async.resources.Projects`'s and returns the response."""

    def list(
        self,
        space_id: int,
        *,
        sort: str | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Coroutine[Any, Any, APIResponse[Page[models.ProjectDto]]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.resources.Projects.list`."""
        return first_page_response(
            self._resource.list(space_id=space_id, sort=sort, page_size=page_size, limit=limit)
        )

    def get(
        self,
        space_id: int,
        project_id: int,
    ) -> Coroutine[Any, Any, APIResponse[models.ProjectDto]]:
        """``get()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Projects.get`."""
        return as_raw(self._resource.get(space_id=space_id, project_id=project_id))

    @overload
    def create(
        self,
        space_id: int,
        body: models.ProjectRequest,
        /,
    ) -> Coroutine[Any, Any, APIResponse[models.ProjectDto]]: ...

    @overload
    def create(
        self,
        space_id: int,
        /,
        *,
        project_name: str,
        description: str | NotGiven = NOT_GIVEN,
        status: models.ProjectStatus | str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        health: models.ProjectHealth | str | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        end_date: datetime | NotGiven = NOT_GIVEN,
        budget: float | NotGiven = NOT_GIVEN,
        currency: str | NotGiven = NOT_GIVEN,
        member_ids: builtins.list[int] | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.ProjectDto]]: ...

    def create(
        self,
        space_id: int,
        body: models.ProjectRequest | None = None,
        /,
        *,
        project_name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        status: models.ProjectStatus | str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        health: models.ProjectHealth | str | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        end_date: datetime | NotGiven = NOT_GIVEN,
        budget: float | NotGiven = NOT_GIVEN,
        currency: str | NotGiven = NOT_GIVEN,
        member_ids: builtins.list[int] | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.ProjectDto]]:
        """``create()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Projects.create`."""
        method: Callable[..., Coroutine[Any, Any, models.ProjectDto]] = self._resource.create
        return as_raw(
            method(
                space_id,
                body,
                project_name=project_name,
                description=description,
                status=status,
                priority=priority,
                health=health,
                start_date=start_date,
                end_date=end_date,
                budget=budget,
                currency=currency,
                member_ids=member_ids,
            )
        )

    def update(
        self,
        space_id: int,
        project_id: int,
        body: models.ProjectUpdateRequest | None = None,
        /,
        *,
        project_name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        status: models.ProjectStatus | str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        health: models.ProjectHealth | str | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven | None = NOT_GIVEN,
        end_date: datetime | NotGiven | None = NOT_GIVEN,
        budget: float | NotGiven = NOT_GIVEN,
        currency: str | NotGiven = NOT_GIVEN,
        member_ids: builtins.list[int] | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.ProjectDto]]:
        """``update()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Projects.update`."""
        return as_raw(
            self._resource.update(
                space_id,
                project_id,
                body,
                project_name=project_name,
                description=description,
                status=status,
                priority=priority,
                health=health,
                start_date=start_date,
                end_date=end_date,
                budget=budget,
                currency=currency,
                member_ids=member_ids,
            )
        )

    def delete(
        self,
        space_id: int,
        project_id: int,
    ) -> Coroutine[Any, Any, APIResponse[None]]:
        """``delete()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Projects.delete`."""
        return as_raw(self._resource.delete(space_id=space_id, project_id=project_id))


TasksT_co = TypeVar("TasksT_co", bound=TasksBase, covariant=True)


class TasksRawBase(RawForwarder[TasksT_co]):
    """The generated methods of ``client.with_raw_response.Tasks``: each has the
    signature of :class:`~astravue_async.resources.Tasks`'s and returns the response."""

    def list(
        self,
        *,
        sort: str | None = None,
        status: str | None = None,
        priority: str | None = None,
        search: str | None = None,
        due_date_from: datetime | None = None,
        due_date_to: datetime | None = None,
        owner_id: int | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Coroutine[Any, Any, APIResponse[Page[models.TaskDto]]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.resources.Tasks.list`."""
        return first_page_response(
            self._resource.list(
                sort=sort,
                status=status,
                priority=priority,
                search=search,
                due_date_from=due_date_from,
                due_date_to=due_date_to,
                owner_id=owner_id,
                page_size=page_size,
                limit=limit,
            )
        )

    def get(
        self,
        task_id: int,
    ) -> Coroutine[Any, Any, APIResponse[models.TaskDto]]:
        """``get()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Tasks.get`."""
        return as_raw(self._resource.get(task_id=task_id))

    @overload
    def create(
        self,
        body: models.TaskCreateRequest,
        /,
    ) -> Coroutine[Any, Any, APIResponse[models.TaskDto]]: ...

    @overload
    def create(
        self,
        /,
        *,
        task_title: str,
        description: str | NotGiven = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        due_date: datetime | NotGiven = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.TaskDto]]: ...

    def create(
        self,
        body: models.TaskCreateRequest | None = None,
        /,
        *,
        task_title: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        due_date: datetime | NotGiven = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.TaskDto]]:
        """``create()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Tasks.create`."""
        method: Callable[..., Coroutine[Any, Any, models.TaskDto]] = self._resource.create
        return as_raw(
            method(
                body,
                task_title=task_title,
                description=description,
                owners=owners,
                start_date=start_date,
                due_date=due_date,
                completion=completion,
                status=status,
                priority=priority,
                tags=tags,
            )
        )

    def update(
        self,
        task_id: int,
        body: models.TaskUpdateRequest | None = None,
        /,
        *,
        task_title: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven | None = NOT_GIVEN,
        due_date: datetime | NotGiven | None = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.TaskDto]]:
        """``update()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Tasks.update`."""
        return as_raw(
            self._resource.update(
                task_id,
                body,
                task_title=task_title,
                description=description,
                owners=owners,
                start_date=start_date,
                due_date=due_date,
                completion=completion,
                status=status,
                priority=priority,
                tags=tags,
            )
        )

    def delete(
        self,
        task_id: int,
    ) -> Coroutine[Any, Any, APIResponse[None]]:
        """``delete()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Tasks.delete`."""
        return as_raw(self._resource.delete(task_id=task_id))


ProjectTasksT_co = TypeVar("ProjectTasksT_co", bound=ProjectTasksBase, covariant=True)


class ProjectTasksRawBase(RawForwarder[ProjectTasksT_co]):
    """The generated methods of ``client.with_raw_response.ProjectTasks``: each has the
    signature of :class:`~astravue_async.resources.ProjectTasks`'s and returns the response."""

    def list(
        self,
        space_id: int,
        project_id: int,
        *,
        sort: str | None = None,
        status: str | None = None,
        priority: str | None = None,
        search: str | None = None,
        due_date_from: datetime | None = None,
        due_date_to: datetime | None = None,
        owner_id: int | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Coroutine[Any, Any, APIResponse[Page[models.TaskDto]]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.resources.ProjectTasks.list`."""
        return first_page_response(
            self._resource.list(
                space_id=space_id,
                project_id=project_id,
                sort=sort,
                status=status,
                priority=priority,
                search=search,
                due_date_from=due_date_from,
                due_date_to=due_date_to,
                owner_id=owner_id,
                page_size=page_size,
                limit=limit,
            )
        )

    def get(
        self,
        space_id: int,
        project_id: int,
        task_id: int,
    ) -> Coroutine[Any, Any, APIResponse[models.TaskDto]]:
        """``get()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.ProjectTasks.get`."""
        return as_raw(self._resource.get(space_id=space_id, project_id=project_id, task_id=task_id))

    @overload
    def create(
        self,
        space_id: int,
        project_id: int,
        body: models.TaskCreateRequest,
        /,
    ) -> Coroutine[Any, Any, APIResponse[models.TaskDto]]: ...

    @overload
    def create(
        self,
        space_id: int,
        project_id: int,
        /,
        *,
        task_title: str,
        description: str | NotGiven = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        due_date: datetime | NotGiven = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.TaskDto]]: ...

    def create(
        self,
        space_id: int,
        project_id: int,
        body: models.TaskCreateRequest | None = None,
        /,
        *,
        task_title: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven = NOT_GIVEN,
        due_date: datetime | NotGiven = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.TaskDto]]:
        """``create()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.ProjectTasks.create`."""
        method: Callable[..., Coroutine[Any, Any, models.TaskDto]] = self._resource.create
        return as_raw(
            method(
                space_id,
                project_id,
                body,
                task_title=task_title,
                description=description,
                owners=owners,
                start_date=start_date,
                due_date=due_date,
                completion=completion,
                status=status,
                priority=priority,
                tags=tags,
            )
        )

    def update(
        self,
        space_id: int,
        project_id: int,
        task_id: int,
        body: models.TaskUpdateRequest | None = None,
        /,
        *,
        task_title: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        owners: builtins.list[int] | NotGiven = NOT_GIVEN,
        start_date: datetime | NotGiven | None = NOT_GIVEN,
        due_date: datetime | NotGiven | None = NOT_GIVEN,
        completion: int | NotGiven = NOT_GIVEN,
        status: str | NotGiven = NOT_GIVEN,
        priority: str | NotGiven = NOT_GIVEN,
        tags: builtins.list[str] | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.TaskDto]]:
        """``update()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.ProjectTasks.update`."""
        return as_raw(
            self._resource.update(
                space_id,
                project_id,
                task_id,
                body,
                task_title=task_title,
                description=description,
                owners=owners,
                start_date=start_date,
                due_date=due_date,
                completion=completion,
                status=status,
                priority=priority,
                tags=tags,
            )
        )

    def delete(
        self,
        space_id: int,
        project_id: int,
        task_id: int,
    ) -> Coroutine[Any, Any, APIResponse[None]]:
        """``delete()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.ProjectTasks.delete`."""
        return as_raw(
            self._resource.delete(space_id=space_id, project_id=project_id, task_id=task_id)
        )


TimersT_co = TypeVar("TimersT_co", bound=TimersBase, covariant=True)


class TimersRawBase(RawForwarder[TimersT_co]):
    """The generated methods of ``client.with_raw_response.Timers``: each has the
    signature of :class:`~astravue_async.resources.Timers`'s and returns the response."""

    def list_for_task(
        self,
        task_id: int,
        *,
        user_id: int | None = None,
    ) -> Coroutine[Any, Any, APIResponse[Page[models.TimeTrackerDto]]]:
        """``list_for_task()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.resources.Timers.list_for_task`."""
        return first_page_response(self._resource.list_for_task(task_id=task_id, user_id=user_id))

    def active(
        self,
        *,
        user_id: int | None = None,
    ) -> Coroutine[Any, Any, APIResponse[Page[models.TimerData]]]:
        """``active()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.resources.Timers.active`."""
        return first_page_response(self._resource.active(user_id=user_id))

    def stop(
        self,
        task_id: int,
        body: models.TimerRequest | None = None,
        /,
        *,
        billable: bool | NotGiven = NOT_GIVEN,
        notes: str | NotGiven = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.TimeTrackerDto]]:
        """``stop()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Timers.stop`."""
        return as_raw(self._resource.stop(task_id, body, billable=billable, notes=notes))

    def update(
        self,
        time_tracker_id: int,
        body: models.TimerUpdateRequest | None = None,
        /,
        *,
        start_time: datetime | NotGiven = NOT_GIVEN,
        end_time: datetime | NotGiven = NOT_GIVEN,
        duration: timedelta | NotGiven = NOT_GIVEN,
        billable: bool | NotGiven = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
    ) -> Coroutine[Any, Any, APIResponse[models.TimeTrackerDto]]:
        """``update()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Timers.update`."""
        return as_raw(
            self._resource.update(
                time_tracker_id,
                body,
                start_time=start_time,
                end_time=end_time,
                duration=duration,
                billable=billable,
                notes=notes,
            )
        )

    def delete(
        self,
        time_tracker_id: int,
    ) -> Coroutine[Any, Any, APIResponse[None]]:
        """``delete()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.resources.Timers.delete`."""
        return as_raw(self._resource.delete(time_tracker_id=time_tracker_id))


NotificationsT_co = TypeVar("NotificationsT_co", bound=NotificationsBase, covariant=True)


class NotificationsRawBase(RawForwarder[NotificationsT_co]):
    """The generated methods of ``client.with_raw_response.Notifications``: each has the
    signature of :class:`~astravue_async.resources.Notifications`'s and returns the response."""

    def list(
        self,
        *,
        sort: str | None = None,
        type: models.NotificationType | str | None = None,
        unread_only: bool | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> Coroutine[Any, Any, APIResponse[Page[models.NotificationDto]]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.resources.Notifications.list`."""
        return first_page_response(
            self._resource.list(
                sort=sort, type=type, unread_only=unread_only, page_size=page_size, limit=limit
            )
        )


CommentsT_co = TypeVar("CommentsT_co", bound=CommentsBase, covariant=True)


class CommentsRawBase(RawForwarder[CommentsT_co]):
    """The generated methods of ``client.with_raw_response.Comments``: each has the
    signature of :class:`~astravue_async.resources.Comments`'s and returns the response."""

    def list(
        self,
        task_id: int,
    ) -> Coroutine[Any, Any, APIResponse[Page[models.TaskCommentDto]]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.resources.Comments.list`."""
        return first_page_response(self._resource.list(task_id=task_id))
