"""Every request and response model and enum of the Astravue API: import them from here.

``from astravue_async.models import TaskDto`` is the supported import path; the classes are
generated from the OpenAPI spec (``openapi/astravue.openapi.yaml`` with
``openapi/overrides.yaml``) into a private module that may move.

What the types say:

* **Response models** (``TaskDto``, ``TimeTrackerDto`` ...): the fields every object carries
  (ids, titles and names; a time entry's task and duration) are plain attributes; a response
  without one is a :class:`~astravue_async.ResponseDecodeError` naming its JSON path. Every
  other field is ``T | None``, ``None`` when the API left it out or sent ``null``.
* **Request models** (``TaskUpdateRequest`` ...): an optional field defaults to
  :data:`~astravue_async.NOT_GIVEN` and is then left out of the body, so the server keeps its
  value. ``None`` sends JSON ``null`` and clears the value, where the spec allows it (the type
  says ``| None``, e.g. ``TaskUpdateRequest.due_date``); elsewhere ``None`` is a ``TypeError``
  before anything is sent. Lists are cleared with ``[]``.
* **Durations** (``TimeTrackerDto.duration``, ``TimerData.duration``, ``TaskDto.total_time``,
  ``TimerUpdateRequest.duration``) are :class:`datetime.timedelta`; the API's wire unit,
  milliseconds, is converted both ways. Sending a duration finer than a millisecond, or a
  negative one where the spec forbids it, is a ``ValueError`` naming the field.
* **Date-times** are timezone-aware :class:`datetime.datetime`; naive ones are refused.
* **Enums** are open: a value the spec does not know decodes to a member that keeps the raw
  string (``.is_known`` is false) instead of failing.

Each field's metadata (``attrs.fields(TaskDto).task_title.metadata``) carries its JSON name
(``"wire"``), the spec's ``"description"``, ``"unit"`` (``"milliseconds"`` for durations, else
``None``), ``"nullable"`` and the spec's constraints (``"min_length"``, ``"ge"`` ...).
"""

from astravue_async._generated.models import (
    ApiError,
    ApiSuccessResponseListSpaceDto,
    ApiSuccessResponseListTaskCheckListDto,
    ApiSuccessResponseListTaskCommentDto,
    ApiSuccessResponseListTaskDto,
    ApiSuccessResponseListTimerData,
    ApiSuccessResponseListTimeTrackerDto,
    ApiSuccessResponseNotificationDeleteResponseDto,
    ApiSuccessResponseNotificationListResponse,
    ApiSuccessResponseNotificationReadResponseDto,
    ApiSuccessResponseProjectDto,
    ApiSuccessResponseProjectListResponse,
    ApiSuccessResponseSpaceDto,
    ApiSuccessResponseTaskDto,
    ApiSuccessResponseTaskListResponse,
    ApiSuccessResponseTimeTrackerDto,
    ApiSuccessResponseVoid,
    AuthorizationCodeTokenRequest,
    FieldError,
    ManualTimeRequest,
    NotificationDeleteRequestDto,
    NotificationDeleteResponseDto,
    NotificationDto,
    NotificationListResponse,
    NotificationReadRequestDto,
    NotificationReadResponseDto,
    NotificationType,
    OAuthErrorResponse,
    OrgRoleDto,
    ProjectDto,
    ProjectHealth,
    ProjectListResponse,
    ProjectRequest,
    ProjectStatus,
    ProjectUpdateRequest,
    RefreshTokenRequest,
    SpaceDto,
    SpaceRequest,
    SpaceUpdateRequest,
    TaskCheckListDto,
    TaskCommentDto,
    TaskCreateRequest,
    TaskDto,
    TaskListResponse,
    TaskPriorityDto,
    TaskStatusDto,
    TaskUpdateRequest,
    TimeEntryType,
    TimeRangeRequest,
    TimerData,
    TimerRequest,
    TimerUpdateRequest,
    TimeTrackerDto,
    TokenResponse,
    UserDto,
)

__all__ = [
    "ApiError",
    "ApiSuccessResponseListSpaceDto",
    "ApiSuccessResponseListTaskCheckListDto",
    "ApiSuccessResponseListTaskCommentDto",
    "ApiSuccessResponseListTaskDto",
    "ApiSuccessResponseListTimeTrackerDto",
    "ApiSuccessResponseListTimerData",
    "ApiSuccessResponseNotificationDeleteResponseDto",
    "ApiSuccessResponseNotificationListResponse",
    "ApiSuccessResponseNotificationReadResponseDto",
    "ApiSuccessResponseProjectDto",
    "ApiSuccessResponseProjectListResponse",
    "ApiSuccessResponseSpaceDto",
    "ApiSuccessResponseTaskDto",
    "ApiSuccessResponseTaskListResponse",
    "ApiSuccessResponseTimeTrackerDto",
    "ApiSuccessResponseVoid",
    "AuthorizationCodeTokenRequest",
    "FieldError",
    "ManualTimeRequest",
    "NotificationDeleteRequestDto",
    "NotificationDeleteResponseDto",
    "NotificationDto",
    "NotificationListResponse",
    "NotificationReadRequestDto",
    "NotificationReadResponseDto",
    "NotificationType",
    "OAuthErrorResponse",
    "OrgRoleDto",
    "ProjectDto",
    "ProjectHealth",
    "ProjectListResponse",
    "ProjectRequest",
    "ProjectStatus",
    "ProjectUpdateRequest",
    "RefreshTokenRequest",
    "SpaceDto",
    "SpaceRequest",
    "SpaceUpdateRequest",
    "TaskCheckListDto",
    "TaskCommentDto",
    "TaskCreateRequest",
    "TaskDto",
    "TaskListResponse",
    "TaskPriorityDto",
    "TaskStatusDto",
    "TaskUpdateRequest",
    "TimeEntryType",
    "TimeRangeRequest",
    "TimeTrackerDto",
    "TimerData",
    "TimerRequest",
    "TimerUpdateRequest",
    "TokenResponse",
    "UserDto",
]
