# generated from openapi/astravue.openapi.yaml — do not edit (run `make generate`)
"""Generated bases of the :class:`~astravue_async.sync.AstravueSyncClient` namespaces.

The blocking twins of ``resources.py``, rendered from the same template data: each method
has exactly the async method's signature (overloads included) and docs, returns what the
coroutine returns (a ``SyncPaginator`` instead of a ``Paginator``) and hands every argument on
to the async method. The public classes in ``astravue_async/sync.py`` subclass these together
with the machinery that runs the calls on the client's loop thread (``_SyncResource``), which
provides ``_resource``, ``_run`` and ``_page``.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._generated.resources import (
    CommentsBase,
    CommentsRawBase,
    NotificationsBase,
    NotificationsRawBase,
    ProjectsBase,
    ProjectsRawBase,
    ProjectTasksBase,
    ProjectTasksRawBase,
    SpacesBase,
    SpacesRawBase,
    TasksBase,
    TasksRawBase,
    TimersBase,
    TimersRawBase,
)
from astravue_async._pagination import Page, Paginator
from astravue_async._response import APIResponse
from astravue_async._types import NOT_GIVEN, NotGiven
from astravue_async.resources._base import api_operation

if TYPE_CHECKING:
    # Annotations only: astravue_async.sync imports this module to subclass its classes.
    from astravue_async.sync import SyncPaginator

__all__ = [
    "SyncCommentsBase",
    "SyncForwarder",
    "SyncNotificationsBase",
    "SyncProjectTasksBase",
    "SyncProjectsBase",
    "SyncSpacesBase",
    "SyncTasksBase",
    "SyncTimersBase",
]

T = TypeVar("T")
# Covariant: a namespace wrapping a ``Tasks`` also wraps a ``TasksBase``, so the sync twin of a
# method inherited from a generated base still binds to the concrete class.
R_co = TypeVar("R_co", covariant=True)


class SyncForwarder(Generic[R_co]):
    """What the generated methods need from the sync machinery (``astravue_async.sync``)."""

    _resource: R_co

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run ``coro`` on the client's loop and return its result (or raise its error)."""
        raise NotImplementedError

    def _page(self, paginator: Paginator[T]) -> SyncPaginator[T]:
        """The blocking twin of ``paginator``."""
        raise NotImplementedError


SpacesT_co = TypeVar("SpacesT_co", bound=SpacesBase, covariant=True)


class SyncSpacesBase(SyncForwarder[SpacesT_co]):
    """The generated methods of :class:`~astravue_async.sync.SyncSpaces`."""

    @api_operation(ops.LIST_SPACES)
    def list(
        self,
    ) -> SyncPaginator[models.SpaceDto]:
        """Get all spaces.

        Fetches a list of all spaces for the current tenant.

        Returns:
            A :class:`~astravue_async.sync.SyncPaginator` of
            :class:`~astravue_async.models.SpaceDto`: ``for`` it for every item (pages are
            fetched as needed), ``.first_page()`` for the first page. All spaces (not paged).

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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._page(self._resource.list())

    @api_operation(ops.GET_SPACE)
    def get(
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(self._resource.get(space_id=space_id))

    @overload
    def create(
        self,
        body: models.SpaceRequest,
        /,
    ) -> models.SpaceDto: ...

    @overload
    def create(
        self,
        /,
        *,
        space_name: str,
        description: str | NotGiven = NOT_GIVEN,
        color: str | NotGiven = NOT_GIVEN,
        is_private: bool | NotGiven = NOT_GIVEN,
    ) -> models.SpaceDto: ...

    @api_operation(ops.CREATE_SPACE)
    def create(
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        # The implementation's signature (body or keywords, each optional) is hidden behind
        # the async overloads, which this one repeats: the arguments were checked against them.
        method: Callable[..., Coroutine[Any, Any, models.SpaceDto]] = self._resource.create
        return self._run(
            method(
                body,
                space_name=space_name,
                description=description,
                color=color,
                is_private=is_private,
            )
        )

    @api_operation(ops.UPDATE_SPACE)
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(
            self._resource.update(
                space_id,
                body,
                space_name=space_name,
                description=description,
                color=color,
                is_private=is_private,
            )
        )

    @api_operation(ops.DELETE_SPACE)
    def delete(
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(self._resource.delete(space_id=space_id))


ProjectsT_co = TypeVar("ProjectsT_co", bound=ProjectsBase, covariant=True)


class SyncProjectsBase(SyncForwarder[ProjectsT_co]):
    """The generated methods of :class:`~astravue_async.sync.SyncProjects`."""

    @api_operation(ops.LIST_PROJECTS)
    def list(
        self,
        space_id: int,
        *,
        sort: str | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> SyncPaginator[models.ProjectDto]:
        """Get all projects in a space.

        Lists the projects of a space, one page at a time.

        Args:
            space_id: Space id.
            sort: Sort order as `property,direction` (direction asc or desc), e.g.
                `dueDate,desc`. ``None`` (the default) leaves it out of the request.
            page_size: Items per request, 1 to 100 (the server's default is 20).
            limit: Stop after this many items in total; ``None`` walks every page.

        Returns:
            A :class:`~astravue_async.sync.SyncPaginator` of
            :class:`~astravue_async.models.ProjectDto`: ``for`` it for every item (pages are
            fetched as needed), ``.first_page()`` for the first page. One page of projects.

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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._page(
            self._resource.list(space_id=space_id, sort=sort, page_size=page_size, limit=limit)
        )

    @api_operation(ops.GET_PROJECT)
    def get(
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(self._resource.get(space_id=space_id, project_id=project_id))

    @overload
    def create(
        self,
        space_id: int,
        body: models.ProjectRequest,
        /,
    ) -> models.ProjectDto: ...

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
    ) -> models.ProjectDto: ...

    @api_operation(ops.CREATE_PROJECT)
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        # The implementation's signature (body or keywords, each optional) is hidden behind
        # the async overloads, which this one repeats: the arguments were checked against them.
        method: Callable[..., Coroutine[Any, Any, models.ProjectDto]] = self._resource.create
        return self._run(
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

    @api_operation(ops.UPDATE_PROJECT)
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(
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

    @api_operation(ops.DELETE_PROJECT)
    def delete(
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(self._resource.delete(space_id=space_id, project_id=project_id))


TasksT_co = TypeVar("TasksT_co", bound=TasksBase, covariant=True)


class SyncTasksBase(SyncForwarder[TasksT_co]):
    """The generated methods of :class:`~astravue_async.sync.SyncTasks`."""

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
    ) -> SyncPaginator[models.TaskDto]:
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
            A :class:`~astravue_async.sync.SyncPaginator` of
            :class:`~astravue_async.models.TaskDto`: ``for`` it for every item (pages are
            fetched as needed), ``.first_page()`` for the first page. One page of personal
            tasks.

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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._page(
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

    @api_operation(ops.GET_TASK)
    def get(
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(self._resource.get(task_id=task_id))

    @overload
    def create(
        self,
        body: models.TaskCreateRequest,
        /,
    ) -> models.TaskDto: ...

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
    ) -> models.TaskDto: ...

    @api_operation(ops.CREATE_TASK)
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        # The implementation's signature (body or keywords, each optional) is hidden behind
        # the async overloads, which this one repeats: the arguments were checked against them.
        method: Callable[..., Coroutine[Any, Any, models.TaskDto]] = self._resource.create
        return self._run(
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

    @api_operation(ops.UPDATE_TASK)
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(
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

    @api_operation(ops.DELETE_TASK)
    def delete(
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(self._resource.delete(task_id=task_id))


ProjectTasksT_co = TypeVar("ProjectTasksT_co", bound=ProjectTasksBase, covariant=True)


class SyncProjectTasksBase(SyncForwarder[ProjectTasksT_co]):
    """The generated methods of :class:`~astravue_async.sync.SyncProjectTasks`."""

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
    ) -> SyncPaginator[models.TaskDto]:
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
            A :class:`~astravue_async.sync.SyncPaginator` of
            :class:`~astravue_async.models.TaskDto`: ``for`` it for every item (pages are
            fetched as needed), ``.first_page()`` for the first page. One page of the project's
            tasks.

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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._page(
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

    @api_operation(ops.GET_PROJECT_TASK)
    def get(
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(
            self._resource.get(space_id=space_id, project_id=project_id, task_id=task_id)
        )

    @overload
    def create(
        self,
        space_id: int,
        project_id: int,
        body: models.TaskCreateRequest,
        /,
    ) -> models.TaskDto: ...

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
    ) -> models.TaskDto: ...

    @api_operation(ops.CREATE_PROJECT_TASK)
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        # The implementation's signature (body or keywords, each optional) is hidden behind
        # the async overloads, which this one repeats: the arguments were checked against them.
        method: Callable[..., Coroutine[Any, Any, models.TaskDto]] = self._resource.create
        return self._run(
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

    @api_operation(ops.UPDATE_PROJECT_TASK)
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(
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

    @api_operation(ops.DELETE_PROJECT_TASK)
    def delete(
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(
            self._resource.delete(space_id=space_id, project_id=project_id, task_id=task_id)
        )


TimersT_co = TypeVar("TimersT_co", bound=TimersBase, covariant=True)


class SyncTimersBase(SyncForwarder[TimersT_co]):
    """The generated methods of :class:`~astravue_async.sync.SyncTimers`."""

    @api_operation(ops.LIST_TASK_TIMERS)
    def list_for_task(
        self,
        task_id: int,
        *,
        user_id: int | None = None,
    ) -> SyncPaginator[models.TimeTrackerDto]:
        """Get timers for a user in a task.

        Lists a user's time entries on a task.

        Args:
            task_id: Task id.
            user_id: User whose timers to return; defaults to the calling user. ``None`` (the
                default) leaves it out of the request.

        Returns:
            A :class:`~astravue_async.sync.SyncPaginator` of
            :class:`~astravue_async.models.TimeTrackerDto`: ``for`` it for every item (pages are
            fetched as needed), ``.first_page()`` for the first page. The time entries (not
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._page(self._resource.list_for_task(task_id=task_id, user_id=user_id))

    @api_operation(ops.LIST_ACTIVE_TIMERS)
    def active(
        self,
        *,
        user_id: int | None = None,
    ) -> SyncPaginator[models.TimerData]:
        """Get active timers for a user.

        Lists a user's running timers (at most one per user).

        Args:
            user_id: User whose timers to return; defaults to the calling user. ``None`` (the
                default) leaves it out of the request.

        Returns:
            A :class:`~astravue_async.sync.SyncPaginator` of
            :class:`~astravue_async.models.TimerData`: ``for`` it for every item (pages are
            fetched as needed), ``.first_page()`` for the first page. The running timers (not
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._page(self._resource.active(user_id=user_id))

    @api_operation(ops.STOP_TIMER)
    def stop(
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(self._resource.stop(task_id, body, billable=billable, notes=notes))

    @api_operation(ops.UPDATE_TIMER)
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(
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

    @api_operation(ops.DELETE_TIMER)
    def delete(
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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._run(self._resource.delete(time_tracker_id=time_tracker_id))


NotificationsT_co = TypeVar("NotificationsT_co", bound=NotificationsBase, covariant=True)


class SyncNotificationsBase(SyncForwarder[NotificationsT_co]):
    """The generated methods of :class:`~astravue_async.sync.SyncNotifications`."""

    @api_operation(ops.LIST_NOTIFICATIONS)
    def list(
        self,
        *,
        sort: str | None = None,
        type: models.NotificationType | str | None = None,
        unread_only: bool | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> SyncPaginator[models.NotificationDto]:
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
            A :class:`~astravue_async.sync.SyncPaginator` of
            :class:`~astravue_async.models.NotificationDto`: ``for`` it for every item (pages
            are fetched as needed), ``.first_page()`` for the first page. One page of
            notifications.

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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._page(
            self._resource.list(
                sort=sort, type=type, unread_only=unread_only, page_size=page_size, limit=limit
            )
        )


CommentsT_co = TypeVar("CommentsT_co", bound=CommentsBase, covariant=True)


class SyncCommentsBase(SyncForwarder[CommentsT_co]):
    """The generated methods of :class:`~astravue_async.sync.SyncComments`."""

    @api_operation(ops.LIST_TASK_COMMENTS)
    def list(
        self,
        task_id: int,
    ) -> SyncPaginator[models.TaskCommentDto]:
        """Get comments for a task.

        Lists the comments on a task, oldest first.

        Args:
            task_id: Task id.

        Returns:
            A :class:`~astravue_async.sync.SyncPaginator` of
            :class:`~astravue_async.models.TaskCommentDto`: ``for`` it for every item (pages are
            fetched as needed), ``.first_page()`` for the first page. The comments (not paged).

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
            RuntimeError: The client has been closed, or this was called from a thread running
                an asyncio event loop (use ``AstravueClient`` there); nothing is sent.
        """
        return self._page(self._resource.list(task_id=task_id))


# --------------------------------------------------------------------- with_raw_response


RawSpacesT_co = TypeVar("RawSpacesT_co", bound=SpacesRawBase[Any], covariant=True)


class SyncSpacesRawBase(SyncForwarder[RawSpacesT_co]):
    """The generated methods of the sync client's ``with_raw_response.Spaces``."""

    def list(
        self,
    ) -> APIResponse[Page[models.SpaceDto]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.sync.SyncSpaces.list`."""
        return self._run(self._resource.list())

    def get(
        self,
        space_id: int,
    ) -> APIResponse[models.SpaceDto]:
        """``get()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncSpaces.get`."""
        return self._run(self._resource.get(space_id=space_id))

    @overload
    def create(
        self,
        body: models.SpaceRequest,
        /,
    ) -> APIResponse[models.SpaceDto]: ...

    @overload
    def create(
        self,
        /,
        *,
        space_name: str,
        description: str | NotGiven = NOT_GIVEN,
        color: str | NotGiven = NOT_GIVEN,
        is_private: bool | NotGiven = NOT_GIVEN,
    ) -> APIResponse[models.SpaceDto]: ...

    def create(
        self,
        body: models.SpaceRequest | None = None,
        /,
        *,
        space_name: str | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        color: str | NotGiven = NOT_GIVEN,
        is_private: bool | NotGiven = NOT_GIVEN,
    ) -> APIResponse[models.SpaceDto]:
        """``create()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncSpaces.create`."""
        method: Callable[..., Coroutine[Any, Any, APIResponse[models.SpaceDto]]] = (
            self._resource.create
        )
        return self._run(
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
    ) -> APIResponse[models.SpaceDto]:
        """``update()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncSpaces.update`."""
        return self._run(
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
    ) -> APIResponse[None]:
        """``delete()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncSpaces.delete`."""
        return self._run(self._resource.delete(space_id=space_id))


RawProjectsT_co = TypeVar("RawProjectsT_co", bound=ProjectsRawBase[Any], covariant=True)


class SyncProjectsRawBase(SyncForwarder[RawProjectsT_co]):
    """The generated methods of the sync client's ``with_raw_response.Projects``."""

    def list(
        self,
        space_id: int,
        *,
        sort: str | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> APIResponse[Page[models.ProjectDto]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.sync.SyncProjects.list`."""
        return self._run(
            self._resource.list(space_id=space_id, sort=sort, page_size=page_size, limit=limit)
        )

    def get(
        self,
        space_id: int,
        project_id: int,
    ) -> APIResponse[models.ProjectDto]:
        """``get()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncProjects.get`."""
        return self._run(self._resource.get(space_id=space_id, project_id=project_id))

    @overload
    def create(
        self,
        space_id: int,
        body: models.ProjectRequest,
        /,
    ) -> APIResponse[models.ProjectDto]: ...

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
    ) -> APIResponse[models.ProjectDto]: ...

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
    ) -> APIResponse[models.ProjectDto]:
        """``create()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncProjects.create`."""
        method: Callable[..., Coroutine[Any, Any, APIResponse[models.ProjectDto]]] = (
            self._resource.create
        )
        return self._run(
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
    ) -> APIResponse[models.ProjectDto]:
        """``update()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncProjects.update`."""
        return self._run(
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
    ) -> APIResponse[None]:
        """``delete()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncProjects.delete`."""
        return self._run(self._resource.delete(space_id=space_id, project_id=project_id))


RawTasksT_co = TypeVar("RawTasksT_co", bound=TasksRawBase[Any], covariant=True)


class SyncTasksRawBase(SyncForwarder[RawTasksT_co]):
    """The generated methods of the sync client's ``with_raw_response.Tasks``."""

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
    ) -> APIResponse[Page[models.TaskDto]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.sync.SyncTasks.list`."""
        return self._run(
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
    ) -> APIResponse[models.TaskDto]:
        """``get()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncTasks.get`."""
        return self._run(self._resource.get(task_id=task_id))

    @overload
    def create(
        self,
        body: models.TaskCreateRequest,
        /,
    ) -> APIResponse[models.TaskDto]: ...

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
    ) -> APIResponse[models.TaskDto]: ...

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
    ) -> APIResponse[models.TaskDto]:
        """``create()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncTasks.create`."""
        method: Callable[..., Coroutine[Any, Any, APIResponse[models.TaskDto]]] = (
            self._resource.create
        )
        return self._run(
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
    ) -> APIResponse[models.TaskDto]:
        """``update()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncTasks.update`."""
        return self._run(
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
    ) -> APIResponse[None]:
        """``delete()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncTasks.delete`."""
        return self._run(self._resource.delete(task_id=task_id))


RawProjectTasksT_co = TypeVar("RawProjectTasksT_co", bound=ProjectTasksRawBase[Any], covariant=True)


class SyncProjectTasksRawBase(SyncForwarder[RawProjectTasksT_co]):
    """The generated methods of the sync client's ``with_raw_response.ProjectTasks``."""

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
    ) -> APIResponse[Page[models.TaskDto]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.sync.SyncProjectTasks.list`."""
        return self._run(
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
    ) -> APIResponse[models.TaskDto]:
        """``get()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncProjectTasks.get`."""
        return self._run(
            self._resource.get(space_id=space_id, project_id=project_id, task_id=task_id)
        )

    @overload
    def create(
        self,
        space_id: int,
        project_id: int,
        body: models.TaskCreateRequest,
        /,
    ) -> APIResponse[models.TaskDto]: ...

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
    ) -> APIResponse[models.TaskDto]: ...

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
    ) -> APIResponse[models.TaskDto]:
        """``create()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncProjectTasks.create`."""
        method: Callable[..., Coroutine[Any, Any, APIResponse[models.TaskDto]]] = (
            self._resource.create
        )
        return self._run(
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
    ) -> APIResponse[models.TaskDto]:
        """``update()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncProjectTasks.update`."""
        return self._run(
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
    ) -> APIResponse[None]:
        """``delete()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncProjectTasks.delete`."""
        return self._run(
            self._resource.delete(space_id=space_id, project_id=project_id, task_id=task_id)
        )


RawTimersT_co = TypeVar("RawTimersT_co", bound=TimersRawBase[Any], covariant=True)


class SyncTimersRawBase(SyncForwarder[RawTimersT_co]):
    """The generated methods of the sync client's ``with_raw_response.Timers``."""

    def list_for_task(
        self,
        task_id: int,
        *,
        user_id: int | None = None,
    ) -> APIResponse[Page[models.TimeTrackerDto]]:
        """``list_for_task()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.sync.SyncTimers.list_for_task`."""
        return self._run(self._resource.list_for_task(task_id=task_id, user_id=user_id))

    def active(
        self,
        *,
        user_id: int | None = None,
    ) -> APIResponse[Page[models.TimerData]]:
        """``active()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.sync.SyncTimers.active`."""
        return self._run(self._resource.active(user_id=user_id))

    def stop(
        self,
        task_id: int,
        body: models.TimerRequest | None = None,
        /,
        *,
        billable: bool | NotGiven = NOT_GIVEN,
        notes: str | NotGiven = NOT_GIVEN,
    ) -> APIResponse[models.TimeTrackerDto]:
        """``stop()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncTimers.stop`."""
        return self._run(self._resource.stop(task_id, body, billable=billable, notes=notes))

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
    ) -> APIResponse[models.TimeTrackerDto]:
        """``update()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncTimers.update`."""
        return self._run(
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
    ) -> APIResponse[None]:
        """``delete()``'s response: ``.parse()`` is what it returns. Arguments as for
        :meth:`~astravue_async.sync.SyncTimers.delete`."""
        return self._run(self._resource.delete(time_tracker_id=time_tracker_id))


RawNotificationsT_co = TypeVar(
    "RawNotificationsT_co", bound=NotificationsRawBase[Any], covariant=True
)


class SyncNotificationsRawBase(SyncForwarder[RawNotificationsT_co]):
    """The generated methods of the sync client's ``with_raw_response.Notifications``."""

    def list(
        self,
        *,
        sort: str | None = None,
        type: models.NotificationType | str | None = None,
        unread_only: bool | None = None,
        page_size: int | None = None,
        limit: int | None = None,
    ) -> APIResponse[Page[models.NotificationDto]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.sync.SyncNotifications.list`."""
        return self._run(
            self._resource.list(
                sort=sort, type=type, unread_only=unread_only, page_size=page_size, limit=limit
            )
        )


RawCommentsT_co = TypeVar("RawCommentsT_co", bound=CommentsRawBase[Any], covariant=True)


class SyncCommentsRawBase(SyncForwarder[RawCommentsT_co]):
    """The generated methods of the sync client's ``with_raw_response.Comments``."""

    def list(
        self,
        task_id: int,
    ) -> APIResponse[Page[models.TaskCommentDto]]:
        """``list()``'s first page as a response: ``.parse()`` is that
        :class:`~astravue_async.Page`. Arguments as for
        :meth:`~astravue_async.sync.SyncComments.list`."""
        return self._run(self._resource.list(task_id=task_id))
