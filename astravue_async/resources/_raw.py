"""``client.with_raw_response``: every resource and verb, answering with the response.

Each namespace wraps a resource of its own, built on :class:`_RawTransport`, whose calls
return the transport's :class:`~astravue_async.APIResponse` instead of the decoded data. The
resource methods themselves run unchanged (argument checks, request models, the personal or
project endpoint), so a raw call sends exactly what the normal call sends, and the transport
decodes the answer before returning: errors, retries and token refreshes are the normal
call's. The normal resources never pay for any of this.

Methods that only restate the spec are generated (``_generated/resources.py``,
``*RawBase``); the hand-written resource methods are declared here with :func:`raw_method`,
whose types are derived from the method it forwards to.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, overload

from astravue_async._descriptors import Operation
from astravue_async._generated.resources import (
    CommentsRawBase,
    NotificationsRawBase,
    ProjectsRawBase,
    ProjectTasksRawBase,
    RawForwarder,
    SpacesRawBase,
    TasksRawBase,
    TimersRawBase,
)
from astravue_async._pagination import Page, Paginator
from astravue_async._response import APIResponse
from astravue_async.resources._base import first_page_response
from astravue_async.resources.notifications import Notifications
from astravue_async.resources.project_tasks import ProjectTasks
from astravue_async.resources.projects import Projects
from astravue_async.resources.spaces import Spaces
from astravue_async.resources.task_details import Checklists, Comments, Subtasks
from astravue_async.resources.tasks import Tasks
from astravue_async.resources.timers import Timers

if TYPE_CHECKING:
    from astravue_async._transport import RequestOptions, Transport
    from astravue_async.client import AstravueClient

__all__ = [
    "ChecklistsWithRawResponse",
    "CommentsWithRawResponse",
    "NotificationsWithRawResponse",
    "ProjectTasksWithRawResponse",
    "ProjectsWithRawResponse",
    "SpacesWithRawResponse",
    "SubtasksWithRawResponse",
    "TasksWithRawResponse",
    "TimersWithRawResponse",
    "WithRawResponse",
    "raw_method",
]

P = ParamSpec("P")
T = TypeVar("T")
R_co = TypeVar("R_co", covariant=True)


class _RawTransport:
    """Stands in for the transport in the resources of ``with_raw_response``."""

    __slots__ = ("_transport",)

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def call(
        self,
        operation: Operation,
        arguments: Mapping[str, Any] | None = None,
        body: Any = None,
        *,
        options: RequestOptions | None = None,
    ) -> Coroutine[Any, Any, APIResponse[Any]]:
        return self._transport.call_raw(operation, arguments, body, options=options)


class _RawResource(RawForwarder[R_co]):
    """Base of the ``client.with_raw_response.<resource>`` namespaces."""

    def __init__(self, resource: R_co) -> None:
        self._resource = resource

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._resource!r}>"


@overload
def raw_method(
    method: Callable[Concatenate[Any, P], Paginator[T]],
) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, APIResponse[Page[T]]]]: ...


@overload
def raw_method(
    method: Callable[Concatenate[Any, P], Coroutine[Any, Any, T]],
) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, APIResponse[T]]]: ...


def raw_method(method: Callable[..., Any]) -> Callable[..., Any]:
    """Declare the raw twin of a hand-written resource method (types derived from it).

    The twin takes the method's arguments and returns a coroutine of the
    :class:`APIResponse` (for a list method: of its first page, see
    :func:`~astravue_async.resources._base.first_page_response`).
    """
    name = method.__name__

    @functools.wraps(method)
    def forward(self: _RawResource[Any], *args: Any, **kwargs: Any) -> Any:
        result = getattr(self._resource, name)(*args, **kwargs)
        if isinstance(result, Paginator):
            return first_page_response(result)
        return result

    return forward


class SpacesWithRawResponse(SpacesRawBase[Spaces], _RawResource[Spaces]):
    """``client.with_raw_response.spaces``."""


class ProjectsWithRawResponse(ProjectsRawBase[Projects], _RawResource[Projects]):
    """``client.with_raw_response.projects``."""


class TasksWithRawResponse(TasksRawBase[Tasks], _RawResource[Tasks]):
    """``client.with_raw_response.tasks``."""


class ProjectTasksWithRawResponse(ProjectTasksRawBase[ProjectTasks], _RawResource[ProjectTasks]):
    """``client.with_raw_response.project_tasks``."""


class TimersWithRawResponse(TimersRawBase[Timers], _RawResource[Timers]):
    """``client.with_raw_response.timers``."""

    start = raw_method(Timers.start)
    add_range = raw_method(Timers.add_range)
    add_manual = raw_method(Timers.add_manual)


class NotificationsWithRawResponse(
    NotificationsRawBase[Notifications], _RawResource[Notifications]
):
    """``client.with_raw_response.notifications``."""

    mark_read = raw_method(Notifications.mark_read)
    delete = raw_method(Notifications.delete)


class CommentsWithRawResponse(CommentsRawBase[Comments], _RawResource[Comments]):
    """``client.with_raw_response.comments``."""


class SubtasksWithRawResponse(_RawResource[Subtasks]):
    """``client.with_raw_response.subtasks``."""

    list = raw_method(Subtasks.list)


class ChecklistsWithRawResponse(_RawResource[Checklists]):
    """``client.with_raw_response.checklists``."""

    list = raw_method(Checklists.list)


class WithRawResponse:
    """``client.with_raw_response``: the client's resources and verbs, each returning an
    :class:`~astravue_async.APIResponse` (see
    :attr:`AstravueClient.with_raw_response <astravue_async.AstravueClient.with_raw_response>`).
    """

    def __init__(self, client: AstravueClient) -> None:
        self._client = client
        transport = client._transport
        options = client._options
        raw = _RawTransport(transport)
        # The resources' annotations name the transport; this one only has what they use.
        via: Any = raw
        self.spaces = SpacesWithRawResponse(Spaces(via, options))
        self.projects = ProjectsWithRawResponse(Projects(via, options))
        self.tasks = TasksWithRawResponse(Tasks(via, options))
        self.project_tasks = ProjectTasksWithRawResponse(ProjectTasks(via, options))
        self.timers = TimersWithRawResponse(Timers(via, options))
        self.notifications = NotificationsWithRawResponse(Notifications(via, options))
        self.comments = CommentsWithRawResponse(Comments(via, options))
        self.subtasks = SubtasksWithRawResponse(Subtasks(via, options))
        self.checklists = ChecklistsWithRawResponse(Checklists(via, options))

    def __repr__(self) -> str:
        return f"<with_raw_response of {self._client!r}>"

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> APIResponse[Any]:
        """:meth:`AstravueClient.request <astravue_async.AstravueClient.request>`, returning
        the response: ``.parse()`` is the envelope's ``data`` as plain JSON.

        Args:
            method: ``GET``, ``POST``, ``PUT``, ``PATCH`` or ``DELETE``.
            path: relative to the base URL, starting with ``/``.
            params: query parameters (None values are left out).
            json: the request body: a model or JSON-shaped data.
            idempotent: whether repeating the request is safe (default: by the method).

        Returns:
            The response (``operation_id`` ``"request"``, ``url_template`` None).

        Raises:
            APIStatusError: the API answered with an error (its subclass by status).
            APIConnectionError: the request could not be delivered or answered in time.
            TypeError, ValueError: an argument is invalid (nothing is sent).
        """
        from astravue_async.client import _prepare_request

        client = self._client
        prepared = _prepare_request(method, path, params=params, json=json, idempotent=idempotent)
        return await client._transport.send_raw(prepared, Any, options=client._options)
