# generated from openapi/astravue.openapi.yaml — do not edit (run `make generate`)

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import attrs

from astravue_async._open_enum import OpenStrEnum
from astravue_async._types import NOT_GIVEN, NotGiven


@attrs.define(kw_only=True)
class ApiSuccessResponseVoid:
    """Success envelope without a payload (data is null); returned by delete operations."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: Any | None = attrs.field(
        default=None,
        metadata={
            "wire": "data",
            "description": "Always null: the operation returns no payload.",
            "unit": None,
            "nullable": True,
        },
    )
    """Always null: the operation returns no payload."""


@attrs.define(kw_only=True)
class AuthorizationCodeTokenRequest:
    """Form body (application/x-www-form-urlencoded) that exchanges an authorization code for tokens (\"Get Access and Refresh Token\")."""

    grant_type: str = attrs.field(
        metadata={
            "wire": "grant_type",
            "description": "Always authorization_code.",
            "unit": None,
            "nullable": False,
        }
    )
    """Always authorization_code."""
    code: str = attrs.field(
        metadata={
            "wire": "code",
            "description": "Authorization code received at redirect_uri (?code=...&state=...).",
            "unit": None,
            "nullable": False,
        }
    )
    """Authorization code received at redirect_uri (?code=...&state=...)."""
    redirect_uri: str = attrs.field(
        metadata={
            "wire": "redirect_uri",
            "description": "Must equal the redirect_uri used in the authorization request.",
            "unit": None,
            "nullable": False,
        }
    )
    """Must equal the redirect_uri used in the authorization request."""
    client_id: str = attrs.field(
        metadata={
            "wire": "client_id",
            "description": "Client id of the API app.",
            "unit": None,
            "nullable": False,
        }
    )
    """Client id of the API app."""
    client_secret: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "client_secret",
            "description": "Client secret of the API app.",
            "unit": None,
            "nullable": False,
        },
    )
    """Client secret of the API app."""


@attrs.define(kw_only=True)
class FieldError:
    """One validation problem on a single request field."""

    field: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "field",
            "description": "Name of the offending request field (dotted path for nested fields).",
            "unit": None,
            "nullable": False,
        },
    )
    """Name of the offending request field (dotted path for nested fields)."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Why the value was rejected.",
            "unit": None,
            "nullable": False,
        },
    )
    """Why the value was rejected."""
    rejected_value: Any | None = attrs.field(
        default=None,
        metadata={
            "wire": "rejectedValue",
            "description": "The value that was rejected, echoed as sent (any JSON type; may be null).",
            "unit": None,
            "nullable": True,
        },
    )
    """The value that was rejected, echoed as sent (any JSON type; may be null)."""


@attrs.define(kw_only=True)
class ManualTimeRequest:
    """Body for logging a manual duration (hours and minutes) with a start time. At least one of hours or minutes must be greater than zero."""

    hours: int | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "hours",
            "ge": 0,
            "description": "Whole hours of the duration.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whole hours of the duration."""
    minutes: int | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "minutes",
            "ge": 0,
            "le": 59,
            "description": "Minutes of the duration (0-59).",
            "unit": None,
            "nullable": False,
        },
    )
    """Minutes of the duration (0-59)."""
    start_time: datetime | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "startTime",
            "description": "When the work started; the server uses the current time if omitted (inferred).",
            "unit": None,
            "nullable": False,
        },
    )
    """When the work started; the server uses the current time if omitted (inferred)."""
    billable: bool | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "billable",
            "description": "Whether the time is billable. Set only when the user says so.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether the time is billable. Set only when the user says so."""
    notes: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "notes",
            "description": "Free-text notes. Set only when the user provides them.",
            "unit": None,
            "nullable": False,
        },
    )
    """Free-text notes. Set only when the user provides them."""


@attrs.define(kw_only=True)
class NotificationDeleteRequestDto:
    """Body for deleting several notifications at once."""

    notification_ids: list[int] = attrs.field(
        metadata={
            "wire": "notificationIds",
            "min_items": 1,
            "description": "Ids of the notifications to delete.",
            "unit": None,
            "nullable": False,
        }
    )
    """Ids of the notifications to delete."""


@attrs.define(kw_only=True)
class NotificationDeleteResponseDto:
    """Result of deleting notifications."""

    deleted_count: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "deletedCount",
            "ge": 0,
            "description": "Number of notifications deleted.",
            "unit": None,
            "nullable": False,
        },
    )
    """Number of notifications deleted."""
    notification_ids: list[int] | None = attrs.field(
        default=None,
        metadata={
            "wire": "notificationIds",
            "description": "Ids that were deleted.",
            "unit": None,
            "nullable": False,
        },
    )
    """Ids that were deleted."""


@attrs.define(kw_only=True)
class NotificationReadRequestDto:
    """Body for marking notifications/mentions as read."""

    notification_ids: list[int] = attrs.field(
        metadata={
            "wire": "notificationIds",
            "min_items": 1,
            "description": "Ids of the notifications to mark as read.",
            "unit": None,
            "nullable": False,
        }
    )
    """Ids of the notifications to mark as read."""


@attrs.define(kw_only=True)
class NotificationReadResponseDto:
    """Result of marking notifications as read."""

    updated_count: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "updatedCount",
            "ge": 0,
            "description": "Number of notifications marked as read.",
            "unit": None,
            "nullable": False,
        },
    )
    """Number of notifications marked as read."""
    notification_ids: list[int] | None = attrs.field(
        default=None,
        metadata={
            "wire": "notificationIds",
            "description": "Ids that are now marked as read.",
            "unit": None,
            "nullable": False,
        },
    )
    """Ids that are now marked as read."""


class NotificationType(OpenStrEnum):
    """Kind of notification: a general notification or an @mention."""

    NOTIFICATION = "NOTIFICATION"
    MENTION = "MENTION"


@attrs.define(kw_only=True)
class OAuthErrorResponse:
    """Token endpoint error response (Keycloak)."""

    error: str = attrs.field(
        metadata={
            "wire": "error",
            "description": "OAuth error code.",
            "unit": None,
            "nullable": False,
        }
    )
    """OAuth error code."""
    error_description: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "error_description",
            "description": "Human-readable explanation.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable explanation."""


@attrs.define(kw_only=True)
class OrgRoleDto:
    """A user's role in the organization."""

    org_role_id: int = attrs.field(
        metadata={
            "wire": "orgRoleId",
            "description": "Organization role id.",
            "unit": None,
            "nullable": False,
        }
    )
    """Organization role id."""
    role_name: str | None = attrs.field(
        default=None,
        metadata={"wire": "roleName", "description": "Role name.", "unit": None, "nullable": False},
    )
    """Role name."""


class ProjectHealth(OpenStrEnum):
    """Health indicator of a project. Values are inferred; clients should tolerate unknown values."""

    ON_TRACK = "ON_TRACK"
    AT_RISK = "AT_RISK"
    OFF_TRACK = "OFF_TRACK"


class ProjectStatus(OpenStrEnum):
    """Lifecycle status of a project. Values are inferred; clients should tolerate unknown values."""

    NOT_STARTED = "NOT_STARTED"
    IN_PROGRESS = "IN_PROGRESS"
    ON_HOLD = "ON_HOLD"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


@attrs.define(kw_only=True)
class ProjectUpdateRequest:
    """Body for updating a project. Every field is optional; omitted fields are unchanged."""

    project_name: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "projectName",
            "min_length": 1,
            "description": "Project name.",
            "unit": None,
            "nullable": False,
        },
    )
    """Project name."""
    description: str | NotGiven | None = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "description",
            "description": "Project description.",
            "unit": None,
            "nullable": True,
        },
    )
    """Project description."""
    status: ProjectStatus | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "status",
            "description": "Project status.",
            "unit": None,
            "nullable": False,
        },
    )
    """Project status."""
    priority: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "priority",
            "description": "Project priority label (values not documented).",
            "unit": None,
            "nullable": False,
        },
    )
    """Project priority label (values not documented)."""
    health: ProjectHealth | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "health",
            "description": "Project health.",
            "unit": None,
            "nullable": False,
        },
    )
    """Project health."""
    start_date: datetime | NotGiven | None = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "startDate",
            "description": "Planned start date.",
            "unit": None,
            "nullable": True,
        },
    )
    """Planned start date."""
    end_date: datetime | NotGiven | None = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "endDate",
            "description": "Planned end date.",
            "unit": None,
            "nullable": True,
        },
    )
    """Planned end date."""
    budget: float | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "budget",
            "ge": 0,
            "description": "Planned budget amount.",
            "unit": None,
            "nullable": False,
        },
    )
    """Planned budget amount."""
    currency: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "currency",
            "description": "ISO 4217 currency code of the budget.",
            "unit": None,
            "nullable": False,
        },
    )
    """ISO 4217 currency code of the budget."""
    member_ids: list[int] | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "memberIds",
            "description": "User ids to add as project members.",
            "unit": None,
            "nullable": False,
        },
    )
    """User ids to add as project members."""


@attrs.define(kw_only=True)
class RefreshTokenRequest:
    """Form body (application/x-www-form-urlencoded) that exchanges a refresh token for new tokens (\"Refresh Access Token\")."""

    grant_type: str = attrs.field(
        metadata={
            "wire": "grant_type",
            "description": "Always refresh_token.",
            "unit": None,
            "nullable": False,
        }
    )
    """Always refresh_token."""
    refresh_token: str = attrs.field(
        metadata={
            "wire": "refresh_token",
            "description": "The refresh token from the last token response.",
            "unit": None,
            "nullable": False,
        }
    )
    """The refresh token from the last token response."""
    client_id: str = attrs.field(
        metadata={
            "wire": "client_id",
            "description": "Client id of the API app.",
            "unit": None,
            "nullable": False,
        }
    )
    """Client id of the API app."""
    client_secret: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "client_secret",
            "description": "Client secret of the API app.",
            "unit": None,
            "nullable": False,
        },
    )
    """Client secret of the API app."""


@attrs.define(kw_only=True)
class SpaceRequest:
    """Body for creating a space."""

    space_name: str = attrs.field(
        metadata={
            "wire": "spaceName",
            "min_length": 1,
            "description": "Space name.",
            "unit": None,
            "nullable": False,
        }
    )
    """Space name."""
    description: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "description",
            "description": "Space description.",
            "unit": None,
            "nullable": False,
        },
    )
    """Space description."""
    color: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "color",
            "description": "Display colour (hex).",
            "unit": None,
            "nullable": False,
        },
    )
    """Display colour (hex)."""
    is_private: bool | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "isPrivate",
            "description": "Whether only invited members can see the space.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether only invited members can see the space."""


@attrs.define(kw_only=True)
class SpaceUpdateRequest:
    """Body for updating a space. Every field is optional; omitted fields are unchanged."""

    space_name: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "spaceName",
            "min_length": 1,
            "description": "Space name.",
            "unit": None,
            "nullable": False,
        },
    )
    """Space name."""
    description: str | NotGiven | None = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "description",
            "description": "Space description.",
            "unit": None,
            "nullable": True,
        },
    )
    """Space description."""
    color: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "color",
            "description": "Display colour (hex).",
            "unit": None,
            "nullable": False,
        },
    )
    """Display colour (hex)."""
    is_private: bool | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "isPrivate",
            "description": "Whether only invited members can see the space.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether only invited members can see the space."""


@attrs.define(kw_only=True)
class TaskCreateRequest:
    """Body for creating a personal or project task."""

    task_title: str = attrs.field(
        metadata={
            "wire": "taskTitle",
            "min_length": 1,
            "description": "Task title.",
            "unit": None,
            "nullable": False,
        }
    )
    """Task title."""
    description: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "description",
            "description": "Task description; @mentions are resolved into descriptionMentionedUserIds.",
            "unit": None,
            "nullable": False,
        },
    )
    """Task description; @mentions are resolved into descriptionMentionedUserIds."""
    owners: list[int] | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "owners",
            "description": "User ids of the task owners.",
            "unit": None,
            "nullable": False,
        },
    )
    """User ids of the task owners."""
    start_date: datetime | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "startDate",
            "description": "Planned start.",
            "unit": None,
            "nullable": False,
        },
    )
    """Planned start."""
    due_date: datetime | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={"wire": "dueDate", "description": "Due date.", "unit": None, "nullable": False},
    )
    """Due date."""
    completion: int | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "completion",
            "ge": 0,
            "le": 100,
            "description": "Completion percentage (0-100; the range is inferred).",
            "unit": None,
            "nullable": False,
        },
    )
    """Completion percentage (0-100; the range is inferred)."""
    status: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "status",
            "description": "Status name (a user-defined label, matches TaskStatusDto.statusName).",
            "unit": None,
            "nullable": False,
        },
    )
    """Status name (a user-defined label, matches TaskStatusDto.statusName)."""
    priority: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "priority",
            "description": "Priority label (a user-defined label, matches TaskPriorityDto.priorityLabel).",
            "unit": None,
            "nullable": False,
        },
    )
    """Priority label (a user-defined label, matches TaskPriorityDto.priorityLabel)."""
    tags: list[str] | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "tags",
            "description": "Free-form tags.",
            "unit": None,
            "nullable": False,
        },
    )
    """Free-form tags."""


@attrs.define(kw_only=True)
class TaskUpdateRequest:
    """Body for updating a task. Every field is optional; omitted fields are left unchanged."""

    task_title: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "taskTitle",
            "min_length": 1,
            "description": "Task title.",
            "unit": None,
            "nullable": False,
        },
    )
    """Task title."""
    description: str | NotGiven | None = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "description",
            "description": "Task description; @mentions are resolved into descriptionMentionedUserIds.",
            "unit": None,
            "nullable": True,
        },
    )
    """Task description; @mentions are resolved into descriptionMentionedUserIds."""
    owners: list[int] | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "owners",
            "description": "User ids of the task owners.",
            "unit": None,
            "nullable": False,
        },
    )
    """User ids of the task owners."""
    start_date: datetime | NotGiven | None = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "startDate",
            "description": "Planned start.",
            "unit": None,
            "nullable": True,
        },
    )
    """Planned start."""
    due_date: datetime | NotGiven | None = attrs.field(
        default=NOT_GIVEN,
        metadata={"wire": "dueDate", "description": "Due date.", "unit": None, "nullable": True},
    )
    """Due date."""
    completion: int | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "completion",
            "ge": 0,
            "le": 100,
            "description": "Completion percentage (0-100; the range is inferred).",
            "unit": None,
            "nullable": False,
        },
    )
    """Completion percentage (0-100; the range is inferred)."""
    status: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "status",
            "description": "Status name (a user-defined label, matches TaskStatusDto.statusName).",
            "unit": None,
            "nullable": False,
        },
    )
    """Status name (a user-defined label, matches TaskStatusDto.statusName)."""
    priority: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "priority",
            "description": "Priority label (a user-defined label, matches TaskPriorityDto.priorityLabel).",
            "unit": None,
            "nullable": False,
        },
    )
    """Priority label (a user-defined label, matches TaskPriorityDto.priorityLabel)."""
    tags: list[str] | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "tags",
            "description": "Free-form tags.",
            "unit": None,
            "nullable": False,
        },
    )
    """Free-form tags."""


class TimeEntryType(OpenStrEnum):
    """How a time entry was recorded: a live timer, a start/end range, or a manual duration."""

    TIMER = "TIMER"
    RANGE = "RANGE"
    MANUAL = "MANUAL"


@attrs.define(kw_only=True)
class TimeRangeRequest:
    """Body for logging a time entry from a start and an end timestamp."""

    start_time: datetime = attrs.field(
        metadata={
            "wire": "startTime",
            "description": "Start of the interval.",
            "unit": None,
            "nullable": False,
        }
    )
    """Start of the interval."""
    end_time: datetime = attrs.field(
        metadata={
            "wire": "endTime",
            "description": "End of the interval; must be after startTime.",
            "unit": None,
            "nullable": False,
        }
    )
    """End of the interval; must be after startTime."""
    billable: bool | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "billable",
            "description": "Whether the time is billable. Set only when the user says so.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether the time is billable. Set only when the user says so."""
    notes: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "notes",
            "description": "Free-text notes. Set only when the user provides them.",
            "unit": None,
            "nullable": False,
        },
    )
    """Free-text notes. Set only when the user provides them."""


@attrs.define(kw_only=True)
class TimerData:
    """Snapshot of a running timer."""

    time_tracker_id: int = attrs.field(
        metadata={
            "wire": "timeTrackerId",
            "description": "Id of the running time entry.",
            "unit": None,
            "nullable": False,
        }
    )
    """Id of the running time entry."""
    task_id: int = attrs.field(
        metadata={
            "wire": "taskId",
            "description": "Task the timer runs on.",
            "unit": None,
            "nullable": False,
        }
    )
    """Task the timer runs on."""
    task_title: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "taskTitle",
            "description": "Title of that task.",
            "unit": None,
            "nullable": False,
        },
    )
    """Title of that task."""
    project_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "projectId",
            "description": "Project of the task; null for personal tasks.",
            "unit": None,
            "nullable": True,
        },
    )
    """Project of the task; null for personal tasks."""
    space_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "spaceId",
            "description": "Space of the task; null for personal tasks.",
            "unit": None,
            "nullable": True,
        },
    )
    """Space of the task; null for personal tasks."""
    user_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "userId",
            "description": "User running the timer.",
            "unit": None,
            "nullable": False,
        },
    )
    """User running the timer."""
    start_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "startTime",
            "description": "When the timer was started.",
            "unit": None,
            "nullable": False,
        },
    )
    """When the timer was started."""
    duration: timedelta | None = attrs.field(
        default=None,
        metadata={
            "wire": "duration",
            "description": "Elapsed time so far, in milliseconds.",
            "unit": "milliseconds",
            "nullable": False,
        },
    )
    """Elapsed time so far, in milliseconds. In Python a datetime.timedelta; the wire carries whole milliseconds."""
    billable: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "billable",
            "description": "Whether the time will be billable.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether the time will be billable."""
    notes: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "notes",
            "description": "Free-text notes.",
            "unit": None,
            "nullable": True,
        },
    )
    """Free-text notes."""


@attrs.define(kw_only=True)
class TimerRequest:
    """Optional settings when starting or stopping a timer."""

    billable: bool | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "billable",
            "description": "Whether the time is billable. Set only when the user says so.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether the time is billable. Set only when the user says so."""
    notes: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "notes",
            "description": "Free-text notes. Set only when the user provides them.",
            "unit": None,
            "nullable": False,
        },
    )
    """Free-text notes. Set only when the user provides them."""


@attrs.define(kw_only=True)
class TimerUpdateRequest:
    """Body for editing an existing time entry. Every field is optional."""

    start_time: datetime | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "startTime",
            "description": "New start of the interval.",
            "unit": None,
            "nullable": False,
        },
    )
    """New start of the interval."""
    end_time: datetime | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "endTime",
            "description": "New end of the interval.",
            "unit": None,
            "nullable": False,
        },
    )
    """New end of the interval."""
    duration: timedelta | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "duration",
            "ge": 0,
            "description": "New duration in milliseconds (for manual entries).",
            "unit": "milliseconds",
            "nullable": False,
        },
    )
    """New duration in milliseconds (for manual entries). In Python a datetime.timedelta; the wire carries whole milliseconds."""
    billable: bool | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "billable",
            "description": "Whether the time is billable. Set only when the user says so.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether the time is billable. Set only when the user says so."""
    notes: str | NotGiven | None = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "notes",
            "description": "Free-text notes. Set only when the user provides them.",
            "unit": None,
            "nullable": True,
        },
    )
    """Free-text notes. Set only when the user provides them."""


@attrs.define(kw_only=True)
class TokenResponse:
    """Token endpoint success response (Keycloak)."""

    access_token: str = attrs.field(
        metadata={
            "wire": "access_token",
            "description": "Bearer access token (JWT); send as `Authorization: Bearer <access_token>`.",
            "unit": None,
            "nullable": False,
        }
    )
    """Bearer access token (JWT); send as `Authorization: Bearer <access_token>`."""
    token_type: str = attrs.field(
        metadata={
            "wire": "token_type",
            "description": "Token type; always Bearer.",
            "unit": None,
            "nullable": False,
        }
    )
    """Token type; always Bearer."""
    expires_in: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "expires_in",
            "description": "Access-token lifetime in seconds.",
            "unit": None,
            "nullable": False,
        },
    )
    """Access-token lifetime in seconds."""
    refresh_token: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "refresh_token",
            "description": "Refresh token.",
            "unit": None,
            "nullable": False,
        },
    )
    """Refresh token."""
    refresh_expires_in: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "refresh_expires_in",
            "description": "Refresh-token lifetime in seconds (0 for offline tokens).",
            "unit": None,
            "nullable": False,
        },
    )
    """Refresh-token lifetime in seconds (0 for offline tokens)."""
    scope: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "scope",
            "description": "Granted scopes, space-separated.",
            "unit": None,
            "nullable": False,
        },
    )
    """Granted scopes, space-separated."""
    id_token: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "id_token",
            "description": "OpenID Connect ID token (present when scope includes openid).",
            "unit": None,
            "nullable": False,
        },
    )
    """OpenID Connect ID token (present when scope includes openid)."""
    session_state: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "session_state",
            "description": "Keycloak session id.",
            "unit": None,
            "nullable": False,
        },
    )
    """Keycloak session id."""
    not_before_policy: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "not-before-policy",
            "description": "Keycloak not-before policy timestamp (epoch seconds).",
            "unit": None,
            "nullable": False,
        },
    )
    """Keycloak not-before policy timestamp (epoch seconds)."""


@attrs.define(kw_only=True)
class UserDto:
    """A user, as embedded in other objects (createdBy, modifiedBy, owners, ...)."""

    user_id: int = attrs.field(
        metadata={"wire": "userId", "description": "User id.", "unit": None, "nullable": False}
    )
    """User id."""
    first_name: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "firstName",
            "description": "Given name.",
            "unit": None,
            "nullable": False,
        },
    )
    """Given name."""
    last_name: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "lastName",
            "description": "Family name.",
            "unit": None,
            "nullable": False,
        },
    )
    """Family name."""
    email: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "email",
            "description": "E-mail address.",
            "unit": None,
            "nullable": False,
        },
    )
    """E-mail address."""
    profile_pic_url: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "profilePicURL",
            "description": "URL of the profile picture.",
            "unit": None,
            "nullable": False,
        },
    )
    """URL of the profile picture."""
    profile_pic_name: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "profilePicName",
            "description": "File name of the profile picture.",
            "unit": None,
            "nullable": False,
        },
    )
    """File name of the profile picture."""
    profile_pic_color: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "profilePicColor",
            "description": "Avatar background colour (hex).",
            "unit": None,
            "nullable": False,
        },
    )
    """Avatar background colour (hex)."""
    provider: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "provider",
            "description": "Identity provider the account signs in with.",
            "unit": None,
            "nullable": False,
        },
    )
    """Identity provider the account signs in with."""
    new_user: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "newUser",
            "description": "Whether the account is newly created.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether the account is newly created."""
    is_tour_completed: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "isTourCompleted",
            "description": "Whether the user finished the product tour.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether the user finished the product tour."""
    about: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "about",
            "description": "Free-text profile description.",
            "unit": None,
            "nullable": False,
        },
    )
    """Free-text profile description."""
    update_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "updateTime",
            "description": "Last profile update.",
            "unit": None,
            "nullable": False,
        },
    )
    """Last profile update."""
    expiry_date: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "expiryDate",
            "description": "Account/invitation expiry date.",
            "unit": None,
            "nullable": False,
        },
    )
    """Account/invitation expiry date."""
    status: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "status",
            "description": "Account status (values not documented).",
            "unit": None,
            "nullable": False,
        },
    )
    """Account status (values not documented)."""
    role: OrgRoleDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "role",
            "description": "Organization role of the user.",
            "unit": None,
            "nullable": False,
        },
    )
    """Organization role of the user."""


@attrs.define(kw_only=True)
class ApiError:
    """Error envelope returned with every 4xx/5xx status."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always false for an error.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always false for an error."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable error message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable error message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code.",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code."""
    errors: list[FieldError] | None = attrs.field(
        default=None,
        metadata={
            "wire": "errors",
            "description": "Per-field validation errors; empty unless the request failed validation.",
            "unit": None,
            "nullable": False,
        },
    )
    """Per-field validation errors; empty unless the request failed validation."""
    timestamp: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "timestamp",
            "description": "When the error occurred (UTC).",
            "unit": None,
            "nullable": False,
        },
    )
    """When the error occurred (UTC)."""
    path: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "path",
            "description": "Request path that produced the error.",
            "unit": None,
            "nullable": False,
        },
    )
    """Request path that produced the error."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListTimerData:
    """Success envelope carrying a list of running timers."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[TimerData] | None = attrs.field(
        default=None,
        metadata={
            "wire": "data",
            "description": "The running timers.",
            "unit": None,
            "nullable": False,
        },
    )
    """The running timers."""


@attrs.define(kw_only=True)
class ApiSuccessResponseNotificationDeleteResponseDto:
    """Success envelope carrying the delete result."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: NotificationDeleteResponseDto | None = attrs.field(
        default=None,
        metadata={"wire": "data", "description": "The result.", "unit": None, "nullable": False},
    )
    """The result."""


@attrs.define(kw_only=True)
class ApiSuccessResponseNotificationReadResponseDto:
    """Success envelope carrying the mark-as-read result."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: NotificationReadResponseDto | None = attrs.field(
        default=None,
        metadata={"wire": "data", "description": "The result.", "unit": None, "nullable": False},
    )
    """The result."""


@attrs.define(kw_only=True)
class NotificationDto:
    """A notification or @mention for the calling user."""

    notification_id: int = attrs.field(
        metadata={
            "wire": "notificationId",
            "description": "Notification id.",
            "unit": None,
            "nullable": False,
        }
    )
    """Notification id."""
    tenant_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "tenantId",
            "description": "Organization (tenant) id.",
            "unit": None,
            "nullable": False,
        },
    )
    """Organization (tenant) id."""
    type: NotificationType | None = attrs.field(
        default=None,
        metadata={
            "wire": "type",
            "description": "Notification or mention.",
            "unit": None,
            "nullable": False,
        },
    )
    """Notification or mention."""
    title: str | None = attrs.field(
        default=None,
        metadata={"wire": "title", "description": "Short title.", "unit": None, "nullable": False},
    )
    """Short title."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Notification text.",
            "unit": None,
            "nullable": False,
        },
    )
    """Notification text."""
    is_read: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "isRead",
            "description": "Whether the notification has been read.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether the notification has been read."""
    task_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "taskId",
            "description": "Related task, if any.",
            "unit": None,
            "nullable": True,
        },
    )
    """Related task, if any."""
    project_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "projectId",
            "description": "Related project, if any.",
            "unit": None,
            "nullable": True,
        },
    )
    """Related project, if any."""
    space_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "spaceId",
            "description": "Related space, if any.",
            "unit": None,
            "nullable": True,
        },
    )
    """Related space, if any."""
    triggered_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "triggeredBy",
            "description": "User whose action produced the notification.",
            "unit": None,
            "nullable": False,
        },
    )
    """User whose action produced the notification."""
    create_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "createTime",
            "description": "When the notification was created.",
            "unit": None,
            "nullable": False,
        },
    )
    """When the notification was created."""


@attrs.define(kw_only=True)
class NotificationListResponse:
    """One page of notifications (Spring-style page object)."""

    content: list[NotificationDto] | None = attrs.field(
        default=None,
        metadata={
            "wire": "content",
            "description": "The notifications on this page.",
            "unit": None,
            "nullable": False,
        },
    )
    """The notifications on this page."""
    page: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "page",
            "ge": 0,
            "description": "Zero-based index of this page.",
            "unit": None,
            "nullable": False,
        },
    )
    """Zero-based index of this page."""
    size: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "size",
            "ge": 1,
            "description": "Requested page size.",
            "unit": None,
            "nullable": False,
        },
    )
    """Requested page size."""
    total_elements: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "totalElements",
            "description": "Total number of items across all pages.",
            "unit": None,
            "nullable": False,
        },
    )
    """Total number of items across all pages."""
    total_pages: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "totalPages",
            "ge": 0,
            "description": "Total number of pages.",
            "unit": None,
            "nullable": False,
        },
    )
    """Total number of pages."""
    last: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "last",
            "description": "True when this is the last page.",
            "unit": None,
            "nullable": False,
        },
    )
    """True when this is the last page."""


@attrs.define(kw_only=True)
class ProjectDto:
    """A project inside a space."""

    project_id: int = attrs.field(
        metadata={
            "wire": "projectId",
            "description": "Project id.",
            "unit": None,
            "nullable": False,
        }
    )
    """Project id."""
    project_name: str = attrs.field(
        metadata={
            "wire": "projectName",
            "min_length": 1,
            "description": "Project name.",
            "unit": None,
            "nullable": False,
        }
    )
    """Project name."""
    tenant_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "tenantId",
            "description": "Organization (tenant) id.",
            "unit": None,
            "nullable": False,
        },
    )
    """Organization (tenant) id."""
    space_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "spaceId",
            "description": "Space the project belongs to.",
            "unit": None,
            "nullable": False,
        },
    )
    """Space the project belongs to."""
    description: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "description",
            "description": "Project description.",
            "unit": None,
            "nullable": True,
        },
    )
    """Project description."""
    status: ProjectStatus | None = attrs.field(
        default=None,
        metadata={
            "wire": "status",
            "description": "Project status.",
            "unit": None,
            "nullable": False,
        },
    )
    """Project status."""
    priority: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "priority",
            "description": "Project priority label (values not documented).",
            "unit": None,
            "nullable": False,
        },
    )
    """Project priority label (values not documented)."""
    health: ProjectHealth | None = attrs.field(
        default=None,
        metadata={
            "wire": "health",
            "description": "Project health.",
            "unit": None,
            "nullable": False,
        },
    )
    """Project health."""
    start_date: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "startDate",
            "description": "Planned start date.",
            "unit": None,
            "nullable": True,
        },
    )
    """Planned start date."""
    end_date: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "endDate",
            "description": "Planned end date.",
            "unit": None,
            "nullable": True,
        },
    )
    """Planned end date."""
    budget: float | None = attrs.field(
        default=None,
        metadata={
            "wire": "budget",
            "ge": 0,
            "description": "Planned budget amount.",
            "unit": None,
            "nullable": False,
        },
    )
    """Planned budget amount."""
    currency: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "currency",
            "description": "ISO 4217 currency code of the budget.",
            "unit": None,
            "nullable": False,
        },
    )
    """ISO 4217 currency code of the budget."""
    members: list[UserDto] | None = attrs.field(
        default=None,
        metadata={
            "wire": "members",
            "description": "Project members.",
            "unit": None,
            "nullable": False,
        },
    )
    """Project members."""
    created_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "createdBy",
            "description": "User who created the project.",
            "unit": None,
            "nullable": False,
        },
    )
    """User who created the project."""
    modified_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "modifiedBy",
            "description": "User who last modified the project.",
            "unit": None,
            "nullable": False,
        },
    )
    """User who last modified the project."""
    create_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "createTime",
            "description": "Creation time.",
            "unit": None,
            "nullable": False,
        },
    )
    """Creation time."""
    update_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "updateTime",
            "description": "Last modification time.",
            "unit": None,
            "nullable": False,
        },
    )
    """Last modification time."""


@attrs.define(kw_only=True)
class ProjectListResponse:
    """One page of projects (Spring-style page object)."""

    content: list[ProjectDto] | None = attrs.field(
        default=None,
        metadata={
            "wire": "content",
            "description": "The projects on this page.",
            "unit": None,
            "nullable": False,
        },
    )
    """The projects on this page."""
    page: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "page",
            "ge": 0,
            "description": "Zero-based index of this page.",
            "unit": None,
            "nullable": False,
        },
    )
    """Zero-based index of this page."""
    size: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "size",
            "ge": 1,
            "description": "Requested page size.",
            "unit": None,
            "nullable": False,
        },
    )
    """Requested page size."""
    total_elements: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "totalElements",
            "description": "Total number of items across all pages.",
            "unit": None,
            "nullable": False,
        },
    )
    """Total number of items across all pages."""
    total_pages: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "totalPages",
            "ge": 0,
            "description": "Total number of pages.",
            "unit": None,
            "nullable": False,
        },
    )
    """Total number of pages."""
    last: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "last",
            "description": "True when this is the last page.",
            "unit": None,
            "nullable": False,
        },
    )
    """True when this is the last page."""


@attrs.define(kw_only=True)
class ProjectRequest:
    """Body for creating a project."""

    project_name: str = attrs.field(
        metadata={
            "wire": "projectName",
            "min_length": 1,
            "description": "Project name.",
            "unit": None,
            "nullable": False,
        }
    )
    """Project name."""
    description: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "description",
            "description": "Project description.",
            "unit": None,
            "nullable": False,
        },
    )
    """Project description."""
    status: ProjectStatus | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "status",
            "description": "Project status.",
            "unit": None,
            "nullable": False,
        },
    )
    """Project status."""
    priority: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "priority",
            "description": "Project priority label (values not documented).",
            "unit": None,
            "nullable": False,
        },
    )
    """Project priority label (values not documented)."""
    health: ProjectHealth | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "health",
            "description": "Project health.",
            "unit": None,
            "nullable": False,
        },
    )
    """Project health."""
    start_date: datetime | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "startDate",
            "description": "Planned start date.",
            "unit": None,
            "nullable": False,
        },
    )
    """Planned start date."""
    end_date: datetime | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "endDate",
            "description": "Planned end date.",
            "unit": None,
            "nullable": False,
        },
    )
    """Planned end date."""
    budget: float | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "budget",
            "ge": 0,
            "description": "Planned budget amount.",
            "unit": None,
            "nullable": False,
        },
    )
    """Planned budget amount."""
    currency: str | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "currency",
            "description": "ISO 4217 currency code of the budget.",
            "unit": None,
            "nullable": False,
        },
    )
    """ISO 4217 currency code of the budget."""
    member_ids: list[int] | NotGiven = attrs.field(
        default=NOT_GIVEN,
        metadata={
            "wire": "memberIds",
            "description": "User ids to add as project members.",
            "unit": None,
            "nullable": False,
        },
    )
    """User ids to add as project members."""


@attrs.define(kw_only=True)
class SpaceDto:
    """A space: the top-level container for projects."""

    space_id: int = attrs.field(
        metadata={"wire": "spaceId", "description": "Space id.", "unit": None, "nullable": False}
    )
    """Space id."""
    space_name: str = attrs.field(
        metadata={
            "wire": "spaceName",
            "min_length": 1,
            "description": "Space name.",
            "unit": None,
            "nullable": False,
        }
    )
    """Space name."""
    tenant_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "tenantId",
            "description": "Organization (tenant) id.",
            "unit": None,
            "nullable": False,
        },
    )
    """Organization (tenant) id."""
    description: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "description",
            "description": "Space description.",
            "unit": None,
            "nullable": True,
        },
    )
    """Space description."""
    color: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "color",
            "description": "Display colour (hex).",
            "unit": None,
            "nullable": False,
        },
    )
    """Display colour (hex)."""
    is_private: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "isPrivate",
            "description": "Whether only invited members can see the space.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether only invited members can see the space."""
    created_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "createdBy",
            "description": "User who created the space (becomes Space Admin).",
            "unit": None,
            "nullable": False,
        },
    )
    """User who created the space (becomes Space Admin)."""
    create_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "createTime",
            "description": "Creation time.",
            "unit": None,
            "nullable": False,
        },
    )
    """Creation time."""
    update_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "updateTime",
            "description": "Last modification time.",
            "unit": None,
            "nullable": False,
        },
    )
    """Last modification time."""


@attrs.define(kw_only=True)
class TaskCheckListDto:
    """A checklist item on a task or subtask."""

    task_check_list_id: int = attrs.field(
        metadata={
            "wire": "taskCheckListId",
            "description": "Checklist item id.",
            "unit": None,
            "nullable": False,
        }
    )
    """Checklist item id."""
    check_list_title: str = attrs.field(
        metadata={
            "wire": "checkListTitle",
            "description": "Text of the checklist item.",
            "unit": None,
            "nullable": False,
        }
    )
    """Text of the checklist item."""
    tenant_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "tenantId",
            "description": "Organization (tenant) id.",
            "unit": None,
            "nullable": False,
        },
    )
    """Organization (tenant) id."""
    task_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "taskId",
            "description": "Task or subtask the item belongs to.",
            "unit": None,
            "nullable": False,
        },
    )
    """Task or subtask the item belongs to."""
    is_completed: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "isCompleted",
            "description": "Whether the item is checked off.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether the item is checked off."""
    position: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "position",
            "ge": 0,
            "description": "Display order (1-based).",
            "unit": None,
            "nullable": False,
        },
    )
    """Display order (1-based)."""
    created_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "createdBy",
            "description": "User who created the item.",
            "unit": None,
            "nullable": False,
        },
    )
    """User who created the item."""
    create_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "createTime",
            "description": "Creation time.",
            "unit": None,
            "nullable": False,
        },
    )
    """Creation time."""
    update_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "updateTime",
            "description": "Last modification time.",
            "unit": None,
            "nullable": False,
        },
    )
    """Last modification time."""


@attrs.define(kw_only=True)
class TaskCommentDto:
    """A comment on a task."""

    task_comment_id: int = attrs.field(
        metadata={
            "wire": "taskCommentId",
            "description": "Comment id.",
            "unit": None,
            "nullable": False,
        }
    )
    """Comment id."""
    tenant_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "tenantId",
            "description": "Organization (tenant) id.",
            "unit": None,
            "nullable": False,
        },
    )
    """Organization (tenant) id."""
    task_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "taskId",
            "description": "Task the comment belongs to.",
            "unit": None,
            "nullable": False,
        },
    )
    """Task the comment belongs to."""
    comment: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "comment",
            "description": "Comment text (may contain @mentions).",
            "unit": None,
            "nullable": False,
        },
    )
    """Comment text (may contain @mentions)."""
    mentioned_user_ids: list[int] | None = attrs.field(
        default=None,
        metadata={
            "wire": "mentionedUserIds",
            "description": "Ids of users mentioned in the comment.",
            "unit": None,
            "nullable": False,
        },
    )
    """Ids of users mentioned in the comment."""
    created_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "createdBy",
            "description": "Author of the comment.",
            "unit": None,
            "nullable": False,
        },
    )
    """Author of the comment."""
    create_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "createTime",
            "description": "When the comment was posted.",
            "unit": None,
            "nullable": False,
        },
    )
    """When the comment was posted."""
    update_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "updateTime",
            "description": "When the comment was last edited.",
            "unit": None,
            "nullable": False,
        },
    )
    """When the comment was last edited."""


@attrs.define(kw_only=True)
class TaskPriorityDto:
    """A user-defined task priority label."""

    task_priority_id: int = attrs.field(
        metadata={
            "wire": "taskPriorityId",
            "description": "Priority id.",
            "unit": None,
            "nullable": False,
        }
    )
    """Priority id."""
    priority_label: str = attrs.field(
        metadata={
            "wire": "priorityLabel",
            "description": "Label shown to users; this is what requests send as `priority`.",
            "unit": None,
            "nullable": False,
        }
    )
    """Label shown to users; this is what requests send as `priority`."""
    tenant_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "tenantId",
            "description": "Organization (tenant) id.",
            "unit": None,
            "nullable": False,
        },
    )
    """Organization (tenant) id."""
    color: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "color",
            "description": "Display colour (hex).",
            "unit": None,
            "nullable": False,
        },
    )
    """Display colour (hex)."""
    created_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "createdBy",
            "description": "User who created the priority.",
            "unit": None,
            "nullable": False,
        },
    )
    """User who created the priority."""
    modified_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "modifiedBy",
            "description": "User who last modified the priority.",
            "unit": None,
            "nullable": False,
        },
    )
    """User who last modified the priority."""
    default: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "default",
            "description": "Whether this is the default priority for new tasks.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether this is the default priority for new tasks."""
    primary: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "primary",
            "description": "Whether this is a primary (built-in) priority.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether this is a primary (built-in) priority."""


@attrs.define(kw_only=True)
class TaskStatusDto:
    """A user-defined task status."""

    task_status_id: int = attrs.field(
        metadata={
            "wire": "taskStatusId",
            "description": "Status id.",
            "unit": None,
            "nullable": False,
        }
    )
    """Status id."""
    status_name: str = attrs.field(
        metadata={
            "wire": "statusName",
            "description": "Name shown to users; this is what requests send as `status`.",
            "unit": None,
            "nullable": False,
        }
    )
    """Name shown to users; this is what requests send as `status`."""
    tenant_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "tenantId",
            "description": "Organization (tenant) id.",
            "unit": None,
            "nullable": False,
        },
    )
    """Organization (tenant) id."""
    color: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "color",
            "description": "Display colour (hex).",
            "unit": None,
            "nullable": False,
        },
    )
    """Display colour (hex)."""
    status_category: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "statusCategory",
            "description": "Category the status belongs to (values not documented; treat as opaque).",
            "unit": None,
            "nullable": False,
        },
    )
    """Category the status belongs to (values not documented; treat as opaque)."""
    project_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "projectId",
            "description": "Project the status is defined for; null for organization-wide statuses.",
            "unit": None,
            "nullable": True,
        },
    )
    """Project the status is defined for; null for organization-wide statuses."""
    space_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "spaceId",
            "description": "Space the status is defined for; null for organization-wide statuses.",
            "unit": None,
            "nullable": True,
        },
    )
    """Space the status is defined for; null for organization-wide statuses."""
    created_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "createdBy",
            "description": "User who created the status.",
            "unit": None,
            "nullable": False,
        },
    )
    """User who created the status."""
    modified_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "modifiedBy",
            "description": "User who last modified the status.",
            "unit": None,
            "nullable": False,
        },
    )
    """User who last modified the status."""
    default: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "default",
            "description": "Whether this is the default status for new tasks.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether this is the default status for new tasks."""


@attrs.define(kw_only=True)
class TimeTrackerDto:
    """A time entry on a task (running timer, range entry or manual entry)."""

    time_tracker_id: int = attrs.field(
        metadata={
            "wire": "timeTrackerId",
            "description": "Time entry id.",
            "unit": None,
            "nullable": False,
        }
    )
    """Time entry id."""
    task_id: int = attrs.field(
        metadata={
            "wire": "taskId",
            "description": "Task the time was tracked on.",
            "unit": None,
            "nullable": False,
        }
    )
    """Task the time was tracked on."""
    tenant_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "tenantId",
            "description": "Organization (tenant) id.",
            "unit": None,
            "nullable": False,
        },
    )
    """Organization (tenant) id."""
    project_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "projectId",
            "description": "Project of the task; null for personal tasks.",
            "unit": None,
            "nullable": True,
        },
    )
    """Project of the task; null for personal tasks."""
    user: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "user",
            "description": "User who tracked the time.",
            "unit": None,
            "nullable": False,
        },
    )
    """User who tracked the time."""
    entry_type: TimeEntryType | None = attrs.field(
        default=None,
        metadata={
            "wire": "entryType",
            "description": "How the entry was recorded.",
            "unit": None,
            "nullable": False,
        },
    )
    """How the entry was recorded."""
    start_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "startTime",
            "description": "Start of the tracked interval.",
            "unit": None,
            "nullable": False,
        },
    )
    """Start of the tracked interval."""
    end_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "endTime",
            "description": "End of the tracked interval; null while the timer is running.",
            "unit": None,
            "nullable": True,
        },
    )
    """End of the tracked interval; null while the timer is running."""
    duration: timedelta | None = attrs.field(
        default=None,
        metadata={
            "wire": "duration",
            "description": "Tracked duration in milliseconds (0 while running).",
            "unit": "milliseconds",
            "nullable": False,
        },
    )
    """Tracked duration in milliseconds (0 while running). In Python a datetime.timedelta; the wire carries whole milliseconds."""
    running: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "running",
            "description": "True while the timer is running. Only one timer runs per user at a time.",
            "unit": None,
            "nullable": False,
        },
    )
    """True while the timer is running. Only one timer runs per user at a time."""
    billable: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "billable",
            "description": "Whether the time is billable.",
            "unit": None,
            "nullable": False,
        },
    )
    """Whether the time is billable."""
    notes: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "notes",
            "description": "Free-text notes.",
            "unit": None,
            "nullable": True,
        },
    )
    """Free-text notes."""
    create_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "createTime",
            "description": "Creation time.",
            "unit": None,
            "nullable": False,
        },
    )
    """Creation time."""
    update_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "updateTime",
            "description": "Last modification time.",
            "unit": None,
            "nullable": False,
        },
    )
    """Last modification time."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListSpaceDto:
    """Success envelope carrying a list of spaces."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[SpaceDto] | None = attrs.field(
        default=None,
        metadata={"wire": "data", "description": "All spaces.", "unit": None, "nullable": False},
    )
    """All spaces."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListTaskCheckListDto:
    """Success envelope carrying a list of checklist items."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[TaskCheckListDto] | None = attrs.field(
        default=None,
        metadata={
            "wire": "data",
            "description": "The checklist items.",
            "unit": None,
            "nullable": False,
        },
    )
    """The checklist items."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListTaskCommentDto:
    """Success envelope carrying a list of task comments."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[TaskCommentDto] | None = attrs.field(
        default=None,
        metadata={
            "wire": "data",
            "description": "The comments, oldest first.",
            "unit": None,
            "nullable": False,
        },
    )
    """The comments, oldest first."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListTimeTrackerDto:
    """Success envelope carrying a list of time entries."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[TimeTrackerDto] | None = attrs.field(
        default=None,
        metadata={
            "wire": "data",
            "description": "The time entries.",
            "unit": None,
            "nullable": False,
        },
    )
    """The time entries."""


@attrs.define(kw_only=True)
class ApiSuccessResponseNotificationListResponse:
    """Success envelope carrying one page of notifications."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: NotificationListResponse | None = attrs.field(
        default=None,
        metadata={
            "wire": "data",
            "description": "One page of notifications.",
            "unit": None,
            "nullable": False,
        },
    )
    """One page of notifications."""


@attrs.define(kw_only=True)
class ApiSuccessResponseProjectDto:
    """Success envelope carrying one project."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: ProjectDto | None = attrs.field(
        default=None,
        metadata={"wire": "data", "description": "The project.", "unit": None, "nullable": False},
    )
    """The project."""


@attrs.define(kw_only=True)
class ApiSuccessResponseProjectListResponse:
    """Success envelope carrying one page of projects."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: ProjectListResponse | None = attrs.field(
        default=None,
        metadata={
            "wire": "data",
            "description": "One page of projects.",
            "unit": None,
            "nullable": False,
        },
    )
    """One page of projects."""


@attrs.define(kw_only=True)
class ApiSuccessResponseSpaceDto:
    """Success envelope carrying one space."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: SpaceDto | None = attrs.field(
        default=None,
        metadata={"wire": "data", "description": "The space.", "unit": None, "nullable": False},
    )
    """The space."""


@attrs.define(kw_only=True)
class ApiSuccessResponseTimeTrackerDto:
    """Success envelope carrying one time entry."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: TimeTrackerDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "data",
            "description": "The time entry.",
            "unit": None,
            "nullable": False,
        },
    )
    """The time entry."""


@attrs.define(kw_only=True)
class TaskDto:
    """A task (personal task, project task or subtask)."""

    task_id: int = attrs.field(
        metadata={"wire": "taskId", "description": "Task id.", "unit": None, "nullable": False}
    )
    """Task id."""
    task_title: str = attrs.field(
        metadata={
            "wire": "taskTitle",
            "description": "Task title.",
            "unit": None,
            "nullable": False,
        }
    )
    """Task title."""
    tenant_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "tenantId",
            "description": "Organization (tenant) id.",
            "unit": None,
            "nullable": False,
        },
    )
    """Organization (tenant) id."""
    description: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "description",
            "description": "Task description (may contain @mentions).",
            "unit": None,
            "nullable": True,
        },
    )
    """Task description (may contain @mentions)."""
    description_mentioned_user_ids: list[int] | None = attrs.field(
        default=None,
        metadata={
            "wire": "descriptionMentionedUserIds",
            "description": "Ids of users mentioned in the description.",
            "unit": None,
            "nullable": False,
        },
    )
    """Ids of users mentioned in the description."""
    start_date: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "startDate",
            "description": "Planned start.",
            "unit": None,
            "nullable": True,
        },
    )
    """Planned start."""
    due_date: datetime | None = attrs.field(
        default=None,
        metadata={"wire": "dueDate", "description": "Due date.", "unit": None, "nullable": True},
    )
    """Due date."""
    completion: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "completion",
            "ge": 0,
            "le": 100,
            "description": "Completion percentage (0-100; the range is inferred).",
            "unit": None,
            "nullable": False,
        },
    )
    """Completion percentage (0-100; the range is inferred)."""
    priority: TaskPriorityDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "priority",
            "description": "Priority of the task.",
            "unit": None,
            "nullable": False,
        },
    )
    """Priority of the task."""
    status: TaskStatusDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "status",
            "description": "Status of the task.",
            "unit": None,
            "nullable": False,
        },
    )
    """Status of the task."""
    owners: list[UserDto] | None = attrs.field(
        default=None,
        metadata={
            "wire": "owners",
            "description": "Users who own (are assigned to) the task.",
            "unit": None,
            "nullable": False,
        },
    )
    """Users who own (are assigned to) the task."""
    tags: list[str] | None = attrs.field(
        default=None,
        metadata={
            "wire": "tags",
            "description": "Free-form tags.",
            "unit": None,
            "nullable": False,
        },
    )
    """Free-form tags."""
    space_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "spaceId",
            "description": "Space of a project task; null for personal tasks.",
            "unit": None,
            "nullable": True,
        },
    )
    """Space of a project task; null for personal tasks."""
    project_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "projectId",
            "description": "Project of a project task; null for personal tasks.",
            "unit": None,
            "nullable": True,
        },
    )
    """Project of a project task; null for personal tasks."""
    parent_task_id: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "parentTaskId",
            "description": "Parent task id when this task is a subtask; null otherwise.",
            "unit": None,
            "nullable": True,
        },
    )
    """Parent task id when this task is a subtask; null otherwise."""
    total_time: timedelta | None = attrs.field(
        default=None,
        metadata={
            "wire": "totalTime",
            "description": "Total tracked time on the task, in milliseconds.",
            "unit": "milliseconds",
            "nullable": False,
        },
    )
    """Total tracked time on the task, in milliseconds. In Python a datetime.timedelta; the wire carries whole milliseconds."""
    created_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "createdBy",
            "description": "User who created the task.",
            "unit": None,
            "nullable": False,
        },
    )
    """User who created the task."""
    modified_by: UserDto | None = attrs.field(
        default=None,
        metadata={
            "wire": "modifiedBy",
            "description": "User who last modified the task.",
            "unit": None,
            "nullable": False,
        },
    )
    """User who last modified the task."""
    create_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "createTime",
            "description": "Creation time.",
            "unit": None,
            "nullable": False,
        },
    )
    """Creation time."""
    update_time: datetime | None = attrs.field(
        default=None,
        metadata={
            "wire": "updateTime",
            "description": "Last modification time.",
            "unit": None,
            "nullable": False,
        },
    )
    """Last modification time."""


@attrs.define(kw_only=True)
class TaskListResponse:
    """One page of tasks (Spring-style page object)."""

    content: list[TaskDto] | None = attrs.field(
        default=None,
        metadata={
            "wire": "content",
            "description": "The tasks on this page.",
            "unit": None,
            "nullable": False,
        },
    )
    """The tasks on this page."""
    page: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "page",
            "ge": 0,
            "description": "Zero-based index of this page.",
            "unit": None,
            "nullable": False,
        },
    )
    """Zero-based index of this page."""
    size: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "size",
            "ge": 1,
            "description": "Requested page size.",
            "unit": None,
            "nullable": False,
        },
    )
    """Requested page size."""
    total_elements: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "totalElements",
            "description": "Total number of items across all pages.",
            "unit": None,
            "nullable": False,
        },
    )
    """Total number of items across all pages."""
    total_pages: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "totalPages",
            "ge": 0,
            "description": "Total number of pages.",
            "unit": None,
            "nullable": False,
        },
    )
    """Total number of pages."""
    last: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "last",
            "description": "True when this is the last page.",
            "unit": None,
            "nullable": False,
        },
    )
    """True when this is the last page."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListTaskDto:
    """Success envelope carrying a list of tasks (used for subtasks)."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[TaskDto] | None = attrs.field(
        default=None,
        metadata={
            "wire": "data",
            "description": "The tasks (subtasks).",
            "unit": None,
            "nullable": False,
        },
    )
    """The tasks (subtasks)."""


@attrs.define(kw_only=True)
class ApiSuccessResponseTaskDto:
    """Success envelope carrying one task."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: TaskDto | None = attrs.field(
        default=None,
        metadata={"wire": "data", "description": "The task.", "unit": None, "nullable": False},
    )
    """The task."""


@attrs.define(kw_only=True)
class ApiSuccessResponseTaskListResponse:
    """Success envelope carrying one page of tasks."""

    success: bool | None = attrs.field(
        default=None,
        metadata={
            "wire": "success",
            "description": "Always true for a successful call.",
            "unit": None,
            "nullable": False,
        },
    )
    """Always true for a successful call."""
    message: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "message",
            "description": "Human-readable result message.",
            "unit": None,
            "nullable": False,
        },
    )
    """Human-readable result message."""
    code: int | None = attrs.field(
        default=None,
        metadata={
            "wire": "code",
            "description": "Mirrors the HTTP status code (200 in the docs' example, also for creates).",
            "unit": None,
            "nullable": False,
        },
    )
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: TaskListResponse | None = attrs.field(
        default=None,
        metadata={
            "wire": "data",
            "description": "One page of tasks.",
            "unit": None,
            "nullable": False,
        },
    )
    """One page of tasks."""
