# generated from openapi/astravue.openapi.yaml — do not edit (run `make generate`)

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from astravue_async._open_enum import OpenStrEnum


@attrs.define(kw_only=True)
class ApiSuccessResponseVoid:
    """Success envelope without a payload (data is null); returned by delete operations."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: Any | None = attrs.field(default=None, metadata={"wire": "data"})
    """Always null: the operation returns no payload."""


@attrs.define(kw_only=True)
class AuthorizationCodeTokenRequest:
    """Form body (application/x-www-form-urlencoded) that exchanges an authorization code for tokens (\"Get Access and Refresh Token\")."""

    grant_type: str = attrs.field(metadata={"wire": "grant_type"})
    """Always authorization_code."""
    code: str = attrs.field(metadata={"wire": "code"})
    """Authorization code received at redirect_uri (?code=...&state=...)."""
    redirect_uri: str = attrs.field(metadata={"wire": "redirect_uri"})
    """Must equal the redirect_uri used in the authorization request."""
    client_id: str = attrs.field(metadata={"wire": "client_id"})
    """Client id of the API app."""
    client_secret: str | None = attrs.field(default=None, metadata={"wire": "client_secret"})
    """Client secret of the API app."""


@attrs.define(kw_only=True)
class FieldError:
    """One validation problem on a single request field."""

    field: str | None = attrs.field(default=None, metadata={"wire": "field"})
    """Name of the offending request field (dotted path for nested fields)."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Why the value was rejected."""
    rejected_value: Any | None = attrs.field(default=None, metadata={"wire": "rejectedValue"})
    """The value that was rejected, echoed as sent (any JSON type; may be null)."""


@attrs.define(kw_only=True)
class ManualTimeRequest:
    """Body for logging a manual duration (hours and minutes) with a start time. At least one of hours or minutes must be greater than zero."""

    hours: int | None = attrs.field(default=None, metadata={"wire": "hours", "ge": 0})
    """Whole hours of the duration."""
    minutes: int | None = attrs.field(default=None, metadata={"wire": "minutes", "ge": 0, "le": 59})
    """Minutes of the duration (0-59)."""
    start_time: datetime | None = attrs.field(default=None, metadata={"wire": "startTime"})
    """When the work started; the server uses the current time if omitted (inferred)."""
    billable: bool | None = attrs.field(default=None, metadata={"wire": "billable"})
    """Whether the time is billable. Set only when the user says so."""
    notes: str | None = attrs.field(default=None, metadata={"wire": "notes"})
    """Free-text notes. Set only when the user provides them."""


@attrs.define(kw_only=True)
class NotificationDeleteRequestDto:
    """Body for deleting several notifications at once."""

    notification_ids: list[int] = attrs.field(metadata={"wire": "notificationIds", "min_items": 1})
    """Ids of the notifications to delete."""


@attrs.define(kw_only=True)
class NotificationDeleteResponseDto:
    """Result of deleting notifications."""

    deleted_count: int | None = attrs.field(
        default=None, metadata={"wire": "deletedCount", "ge": 0}
    )
    """Number of notifications deleted."""
    notification_ids: list[int] | None = attrs.field(
        default=None, metadata={"wire": "notificationIds"}
    )
    """Ids that were deleted."""


@attrs.define(kw_only=True)
class NotificationReadRequestDto:
    """Body for marking notifications/mentions as read."""

    notification_ids: list[int] = attrs.field(metadata={"wire": "notificationIds", "min_items": 1})
    """Ids of the notifications to mark as read."""


@attrs.define(kw_only=True)
class NotificationReadResponseDto:
    """Result of marking notifications as read."""

    updated_count: int | None = attrs.field(
        default=None, metadata={"wire": "updatedCount", "ge": 0}
    )
    """Number of notifications marked as read."""
    notification_ids: list[int] | None = attrs.field(
        default=None, metadata={"wire": "notificationIds"}
    )
    """Ids that are now marked as read."""


class NotificationType(OpenStrEnum):
    """Kind of notification: a general notification or an @mention."""

    NOTIFICATION = "NOTIFICATION"
    MENTION = "MENTION"


@attrs.define(kw_only=True)
class OAuthErrorResponse:
    """Token endpoint error response (Keycloak)."""

    error: str = attrs.field(metadata={"wire": "error"})
    """OAuth error code."""
    error_description: str | None = attrs.field(
        default=None, metadata={"wire": "error_description"}
    )
    """Human-readable explanation."""


@attrs.define(kw_only=True)
class OrgRoleDto:
    """A user's role in the organization."""

    org_role_id: int = attrs.field(metadata={"wire": "orgRoleId"})
    """Organization role id."""
    role_name: str | None = attrs.field(default=None, metadata={"wire": "roleName"})
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

    project_name: str | None = attrs.field(
        default=None, metadata={"wire": "projectName", "min_length": 1}
    )
    """Project name."""
    description: str | None = attrs.field(default=None, metadata={"wire": "description"})
    """Project description."""
    status: ProjectStatus | None = attrs.field(default=None, metadata={"wire": "status"})
    """Project status."""
    priority: str | None = attrs.field(default=None, metadata={"wire": "priority"})
    """Project priority label (values not documented)."""
    health: ProjectHealth | None = attrs.field(default=None, metadata={"wire": "health"})
    """Project health."""
    start_date: datetime | None = attrs.field(default=None, metadata={"wire": "startDate"})
    """Planned start date."""
    end_date: datetime | None = attrs.field(default=None, metadata={"wire": "endDate"})
    """Planned end date."""
    budget: float | None = attrs.field(default=None, metadata={"wire": "budget", "ge": 0})
    """Planned budget amount."""
    currency: str | None = attrs.field(default=None, metadata={"wire": "currency"})
    """ISO 4217 currency code of the budget."""
    member_ids: list[int] | None = attrs.field(default=None, metadata={"wire": "memberIds"})
    """User ids to add as project members."""


@attrs.define(kw_only=True)
class RefreshTokenRequest:
    """Form body (application/x-www-form-urlencoded) that exchanges a refresh token for new tokens (\"Refresh Access Token\")."""

    grant_type: str = attrs.field(metadata={"wire": "grant_type"})
    """Always refresh_token."""
    refresh_token: str = attrs.field(metadata={"wire": "refresh_token"})
    """The refresh token from the last token response."""
    client_id: str = attrs.field(metadata={"wire": "client_id"})
    """Client id of the API app."""
    client_secret: str | None = attrs.field(default=None, metadata={"wire": "client_secret"})
    """Client secret of the API app."""


@attrs.define(kw_only=True)
class SpaceRequest:
    """Body for creating a space."""

    space_name: str = attrs.field(metadata={"wire": "spaceName", "min_length": 1})
    """Space name."""
    description: str | None = attrs.field(default=None, metadata={"wire": "description"})
    """Space description."""
    color: str | None = attrs.field(default=None, metadata={"wire": "color"})
    """Display colour (hex)."""
    is_private: bool | None = attrs.field(default=None, metadata={"wire": "isPrivate"})
    """Whether only invited members can see the space."""


@attrs.define(kw_only=True)
class SpaceUpdateRequest:
    """Body for updating a space. Every field is optional; omitted fields are unchanged."""

    space_name: str | None = attrs.field(
        default=None, metadata={"wire": "spaceName", "min_length": 1}
    )
    """Space name."""
    description: str | None = attrs.field(default=None, metadata={"wire": "description"})
    """Space description."""
    color: str | None = attrs.field(default=None, metadata={"wire": "color"})
    """Display colour (hex)."""
    is_private: bool | None = attrs.field(default=None, metadata={"wire": "isPrivate"})
    """Whether only invited members can see the space."""


@attrs.define(kw_only=True)
class TaskCreateRequest:
    """Body for creating a personal or project task."""

    task_title: str = attrs.field(metadata={"wire": "taskTitle", "min_length": 1})
    """Task title."""
    description: str | None = attrs.field(default=None, metadata={"wire": "description"})
    """Task description; @mentions are resolved into descriptionMentionedUserIds."""
    owners: list[int] | None = attrs.field(default=None, metadata={"wire": "owners"})
    """User ids of the task owners."""
    start_date: datetime | None = attrs.field(default=None, metadata={"wire": "startDate"})
    """Planned start."""
    due_date: datetime | None = attrs.field(default=None, metadata={"wire": "dueDate"})
    """Due date."""
    completion: int | None = attrs.field(
        default=None, metadata={"wire": "completion", "ge": 0, "le": 100}
    )
    """Completion percentage (0-100; the range is inferred)."""
    status: str | None = attrs.field(default=None, metadata={"wire": "status"})
    """Status name (a user-defined label, matches TaskStatusDto.statusName)."""
    priority: str | None = attrs.field(default=None, metadata={"wire": "priority"})
    """Priority label (a user-defined label, matches TaskPriorityDto.priorityLabel)."""
    tags: list[str] | None = attrs.field(default=None, metadata={"wire": "tags"})
    """Free-form tags."""


@attrs.define(kw_only=True)
class TaskUpdateRequest:
    """Body for updating a task. Every field is optional; omitted fields are left unchanged."""

    task_title: str | None = attrs.field(
        default=None, metadata={"wire": "taskTitle", "min_length": 1}
    )
    """Task title."""
    description: str | None = attrs.field(default=None, metadata={"wire": "description"})
    """Task description; @mentions are resolved into descriptionMentionedUserIds."""
    owners: list[int] | None = attrs.field(default=None, metadata={"wire": "owners"})
    """User ids of the task owners."""
    start_date: datetime | None = attrs.field(default=None, metadata={"wire": "startDate"})
    """Planned start."""
    due_date: datetime | None = attrs.field(default=None, metadata={"wire": "dueDate"})
    """Due date."""
    completion: int | None = attrs.field(
        default=None, metadata={"wire": "completion", "ge": 0, "le": 100}
    )
    """Completion percentage (0-100; the range is inferred)."""
    status: str | None = attrs.field(default=None, metadata={"wire": "status"})
    """Status name (a user-defined label, matches TaskStatusDto.statusName)."""
    priority: str | None = attrs.field(default=None, metadata={"wire": "priority"})
    """Priority label (a user-defined label, matches TaskPriorityDto.priorityLabel)."""
    tags: list[str] | None = attrs.field(default=None, metadata={"wire": "tags"})
    """Free-form tags."""


class TimeEntryType(OpenStrEnum):
    """How a time entry was recorded: a live timer, a start/end range, or a manual duration."""

    TIMER = "TIMER"
    RANGE = "RANGE"
    MANUAL = "MANUAL"


@attrs.define(kw_only=True)
class TimeRangeRequest:
    """Body for logging a time entry from a start and an end timestamp."""

    start_time: datetime = attrs.field(metadata={"wire": "startTime"})
    """Start of the interval."""
    end_time: datetime = attrs.field(metadata={"wire": "endTime"})
    """End of the interval; must be after startTime."""
    billable: bool | None = attrs.field(default=None, metadata={"wire": "billable"})
    """Whether the time is billable. Set only when the user says so."""
    notes: str | None = attrs.field(default=None, metadata={"wire": "notes"})
    """Free-text notes. Set only when the user provides them."""


@attrs.define(kw_only=True)
class TimerData:
    """Snapshot of a running timer."""

    time_tracker_id: int = attrs.field(metadata={"wire": "timeTrackerId"})
    """Id of the running time entry."""
    task_id: int | None = attrs.field(default=None, metadata={"wire": "taskId"})
    """Task the timer runs on."""
    task_title: str | None = attrs.field(default=None, metadata={"wire": "taskTitle"})
    """Title of that task."""
    project_id: int | None = attrs.field(default=None, metadata={"wire": "projectId"})
    """Project of the task; null for personal tasks."""
    space_id: int | None = attrs.field(default=None, metadata={"wire": "spaceId"})
    """Space of the task; null for personal tasks."""
    user_id: int | None = attrs.field(default=None, metadata={"wire": "userId"})
    """User running the timer."""
    start_time: datetime | None = attrs.field(default=None, metadata={"wire": "startTime"})
    """When the timer was started."""
    duration: int | None = attrs.field(default=None, metadata={"wire": "duration"})
    """Elapsed time so far, in milliseconds."""
    billable: bool | None = attrs.field(default=None, metadata={"wire": "billable"})
    """Whether the time will be billable."""
    notes: str | None = attrs.field(default=None, metadata={"wire": "notes"})
    """Free-text notes."""


@attrs.define(kw_only=True)
class TimerRequest:
    """Optional settings when starting or stopping a timer."""

    billable: bool | None = attrs.field(default=None, metadata={"wire": "billable"})
    """Whether the time is billable. Set only when the user says so."""
    notes: str | None = attrs.field(default=None, metadata={"wire": "notes"})
    """Free-text notes. Set only when the user provides them."""


@attrs.define(kw_only=True)
class TimerUpdateRequest:
    """Body for editing an existing time entry. Every field is optional."""

    start_time: datetime | None = attrs.field(default=None, metadata={"wire": "startTime"})
    """New start of the interval."""
    end_time: datetime | None = attrs.field(default=None, metadata={"wire": "endTime"})
    """New end of the interval."""
    duration: int | None = attrs.field(default=None, metadata={"wire": "duration"})
    """New duration in milliseconds (for manual entries)."""
    billable: bool | None = attrs.field(default=None, metadata={"wire": "billable"})
    """Whether the time is billable. Set only when the user says so."""
    notes: str | None = attrs.field(default=None, metadata={"wire": "notes"})
    """Free-text notes. Set only when the user provides them."""


@attrs.define(kw_only=True)
class TokenResponse:
    """Token endpoint success response (Keycloak)."""

    access_token: str = attrs.field(metadata={"wire": "access_token"})
    """Bearer access token (JWT); send as `Authorization: Bearer <access_token>`."""
    token_type: str = attrs.field(metadata={"wire": "token_type"})
    """Token type; always Bearer."""
    expires_in: int | None = attrs.field(default=None, metadata={"wire": "expires_in"})
    """Access-token lifetime in seconds."""
    refresh_token: str | None = attrs.field(default=None, metadata={"wire": "refresh_token"})
    """Refresh token."""
    refresh_expires_in: int | None = attrs.field(
        default=None, metadata={"wire": "refresh_expires_in"}
    )
    """Refresh-token lifetime in seconds (0 for offline tokens)."""
    scope: str | None = attrs.field(default=None, metadata={"wire": "scope"})
    """Granted scopes, space-separated."""
    id_token: str | None = attrs.field(default=None, metadata={"wire": "id_token"})
    """OpenID Connect ID token (present when scope includes openid)."""
    session_state: str | None = attrs.field(default=None, metadata={"wire": "session_state"})
    """Keycloak session id."""
    not_before_policy: int | None = attrs.field(
        default=None, metadata={"wire": "not-before-policy"}
    )
    """Keycloak not-before policy timestamp (epoch seconds)."""


@attrs.define(kw_only=True)
class UserDto:
    """A user, as embedded in other objects (createdBy, modifiedBy, owners, ...)."""

    user_id: int = attrs.field(metadata={"wire": "userId"})
    """User id."""
    first_name: str | None = attrs.field(default=None, metadata={"wire": "firstName"})
    last_name: str | None = attrs.field(default=None, metadata={"wire": "lastName"})
    email: str | None = attrs.field(default=None, metadata={"wire": "email"})
    """E-mail address."""
    profile_pic_url: str | None = attrs.field(default=None, metadata={"wire": "profilePicURL"})
    """URL of the profile picture."""
    profile_pic_name: str | None = attrs.field(default=None, metadata={"wire": "profilePicName"})
    """File name of the profile picture."""
    profile_pic_color: str | None = attrs.field(default=None, metadata={"wire": "profilePicColor"})
    """Avatar background colour (hex)."""
    provider: str | None = attrs.field(default=None, metadata={"wire": "provider"})
    """Identity provider the account signs in with."""
    new_user: bool | None = attrs.field(default=None, metadata={"wire": "newUser"})
    """Whether the account is newly created."""
    is_tour_completed: bool | None = attrs.field(default=None, metadata={"wire": "isTourCompleted"})
    """Whether the user finished the product tour."""
    about: str | None = attrs.field(default=None, metadata={"wire": "about"})
    """Free-text profile description."""
    update_time: datetime | None = attrs.field(default=None, metadata={"wire": "updateTime"})
    """Last profile update."""
    expiry_date: datetime | None = attrs.field(default=None, metadata={"wire": "expiryDate"})
    """Account/invitation expiry date."""
    status: str | None = attrs.field(default=None, metadata={"wire": "status"})
    """Account status (values not documented)."""
    role: OrgRoleDto | None = attrs.field(default=None, metadata={"wire": "role"})
    """Organization role of the user."""


@attrs.define(kw_only=True)
class ApiError:
    """Error envelope returned with every 4xx/5xx status."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always false for an error."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable error message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code."""
    errors: list[FieldError] | None = attrs.field(default=None, metadata={"wire": "errors"})
    """Per-field validation errors; empty unless the request failed validation."""
    timestamp: datetime | None = attrs.field(default=None, metadata={"wire": "timestamp"})
    """When the error occurred (UTC)."""
    path: str | None = attrs.field(default=None, metadata={"wire": "path"})
    """Request path that produced the error."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListTimerData:
    """Success envelope carrying a list of running timers."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[TimerData] | None = attrs.field(default=None, metadata={"wire": "data"})
    """The running timers."""


@attrs.define(kw_only=True)
class ApiSuccessResponseNotificationDeleteResponseDto:
    """Success envelope carrying the delete result."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: NotificationDeleteResponseDto | None = attrs.field(
        default=None, metadata={"wire": "data"}
    )
    """The result."""


@attrs.define(kw_only=True)
class ApiSuccessResponseNotificationReadResponseDto:
    """Success envelope carrying the mark-as-read result."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: NotificationReadResponseDto | None = attrs.field(default=None, metadata={"wire": "data"})
    """The result."""


@attrs.define(kw_only=True)
class NotificationDto:
    """A notification or @mention for the calling user."""

    notification_id: int = attrs.field(metadata={"wire": "notificationId"})
    """Notification id."""
    tenant_id: int | None = attrs.field(default=None, metadata={"wire": "tenantId"})
    """Organization (tenant) id."""
    type: NotificationType | None = attrs.field(default=None, metadata={"wire": "type"})
    """Notification or mention."""
    title: str | None = attrs.field(default=None, metadata={"wire": "title"})
    """Short title."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Notification text."""
    is_read: bool | None = attrs.field(default=None, metadata={"wire": "isRead"})
    """Whether the notification has been read."""
    task_id: int | None = attrs.field(default=None, metadata={"wire": "taskId"})
    """Related task, if any."""
    project_id: int | None = attrs.field(default=None, metadata={"wire": "projectId"})
    """Related project, if any."""
    space_id: int | None = attrs.field(default=None, metadata={"wire": "spaceId"})
    """Related space, if any."""
    triggered_by: UserDto | None = attrs.field(default=None, metadata={"wire": "triggeredBy"})
    """User whose action produced the notification."""
    create_time: datetime | None = attrs.field(default=None, metadata={"wire": "createTime"})
    """When the notification was created."""


@attrs.define(kw_only=True)
class NotificationListResponse:
    """One page of notifications (Spring-style page object)."""

    content: list[NotificationDto] | None = attrs.field(default=None, metadata={"wire": "content"})
    """The notifications on this page."""
    page: int | None = attrs.field(default=None, metadata={"wire": "page", "ge": 0})
    """Zero-based index of this page."""
    size: int | None = attrs.field(default=None, metadata={"wire": "size", "ge": 1})
    """Requested page size."""
    total_elements: int | None = attrs.field(default=None, metadata={"wire": "totalElements"})
    """Total number of items across all pages."""
    total_pages: int | None = attrs.field(default=None, metadata={"wire": "totalPages", "ge": 0})
    """Total number of pages."""
    last: bool | None = attrs.field(default=None, metadata={"wire": "last"})
    """True when this is the last page."""


@attrs.define(kw_only=True)
class ProjectDto:
    """A project inside a space."""

    project_id: int = attrs.field(metadata={"wire": "projectId"})
    """Project id."""
    tenant_id: int | None = attrs.field(default=None, metadata={"wire": "tenantId"})
    """Organization (tenant) id."""
    space_id: int | None = attrs.field(default=None, metadata={"wire": "spaceId"})
    """Space the project belongs to."""
    project_name: str | None = attrs.field(
        default=None, metadata={"wire": "projectName", "min_length": 1}
    )
    """Project name."""
    description: str | None = attrs.field(default=None, metadata={"wire": "description"})
    """Project description."""
    status: ProjectStatus | None = attrs.field(default=None, metadata={"wire": "status"})
    """Project status."""
    priority: str | None = attrs.field(default=None, metadata={"wire": "priority"})
    """Project priority label (values not documented)."""
    health: ProjectHealth | None = attrs.field(default=None, metadata={"wire": "health"})
    """Project health."""
    start_date: datetime | None = attrs.field(default=None, metadata={"wire": "startDate"})
    """Planned start date."""
    end_date: datetime | None = attrs.field(default=None, metadata={"wire": "endDate"})
    """Planned end date."""
    budget: float | None = attrs.field(default=None, metadata={"wire": "budget", "ge": 0})
    """Planned budget amount."""
    currency: str | None = attrs.field(default=None, metadata={"wire": "currency"})
    """ISO 4217 currency code of the budget."""
    members: list[UserDto] | None = attrs.field(default=None, metadata={"wire": "members"})
    """Project members."""
    created_by: UserDto | None = attrs.field(default=None, metadata={"wire": "createdBy"})
    """User who created the project."""
    modified_by: UserDto | None = attrs.field(default=None, metadata={"wire": "modifiedBy"})
    """User who last modified the project."""
    create_time: datetime | None = attrs.field(default=None, metadata={"wire": "createTime"})
    """Creation time."""
    update_time: datetime | None = attrs.field(default=None, metadata={"wire": "updateTime"})
    """Last modification time."""


@attrs.define(kw_only=True)
class ProjectListResponse:
    """One page of projects (Spring-style page object)."""

    content: list[ProjectDto] | None = attrs.field(default=None, metadata={"wire": "content"})
    """The projects on this page."""
    page: int | None = attrs.field(default=None, metadata={"wire": "page", "ge": 0})
    """Zero-based index of this page."""
    size: int | None = attrs.field(default=None, metadata={"wire": "size", "ge": 1})
    """Requested page size."""
    total_elements: int | None = attrs.field(default=None, metadata={"wire": "totalElements"})
    """Total number of items across all pages."""
    total_pages: int | None = attrs.field(default=None, metadata={"wire": "totalPages", "ge": 0})
    """Total number of pages."""
    last: bool | None = attrs.field(default=None, metadata={"wire": "last"})
    """True when this is the last page."""


@attrs.define(kw_only=True)
class ProjectRequest:
    """Body for creating a project."""

    project_name: str = attrs.field(metadata={"wire": "projectName", "min_length": 1})
    """Project name."""
    description: str | None = attrs.field(default=None, metadata={"wire": "description"})
    """Project description."""
    status: ProjectStatus | None = attrs.field(default=None, metadata={"wire": "status"})
    """Project status."""
    priority: str | None = attrs.field(default=None, metadata={"wire": "priority"})
    """Project priority label (values not documented)."""
    health: ProjectHealth | None = attrs.field(default=None, metadata={"wire": "health"})
    """Project health."""
    start_date: datetime | None = attrs.field(default=None, metadata={"wire": "startDate"})
    """Planned start date."""
    end_date: datetime | None = attrs.field(default=None, metadata={"wire": "endDate"})
    """Planned end date."""
    budget: float | None = attrs.field(default=None, metadata={"wire": "budget", "ge": 0})
    """Planned budget amount."""
    currency: str | None = attrs.field(default=None, metadata={"wire": "currency"})
    """ISO 4217 currency code of the budget."""
    member_ids: list[int] | None = attrs.field(default=None, metadata={"wire": "memberIds"})
    """User ids to add as project members."""


@attrs.define(kw_only=True)
class SpaceDto:
    """A space: the top-level container for projects."""

    space_id: int = attrs.field(metadata={"wire": "spaceId"})
    """Space id."""
    tenant_id: int | None = attrs.field(default=None, metadata={"wire": "tenantId"})
    """Organization (tenant) id."""
    space_name: str | None = attrs.field(
        default=None, metadata={"wire": "spaceName", "min_length": 1}
    )
    """Space name."""
    description: str | None = attrs.field(default=None, metadata={"wire": "description"})
    """Space description."""
    color: str | None = attrs.field(default=None, metadata={"wire": "color"})
    """Display colour (hex)."""
    is_private: bool | None = attrs.field(default=None, metadata={"wire": "isPrivate"})
    """Whether only invited members can see the space."""
    created_by: UserDto | None = attrs.field(default=None, metadata={"wire": "createdBy"})
    """User who created the space (becomes Space Admin)."""
    create_time: datetime | None = attrs.field(default=None, metadata={"wire": "createTime"})
    """Creation time."""
    update_time: datetime | None = attrs.field(default=None, metadata={"wire": "updateTime"})
    """Last modification time."""


@attrs.define(kw_only=True)
class TaskCheckListDto:
    """A checklist item on a task or subtask."""

    task_check_list_id: int = attrs.field(metadata={"wire": "taskCheckListId"})
    """Checklist item id."""
    tenant_id: int | None = attrs.field(default=None, metadata={"wire": "tenantId"})
    """Organization (tenant) id."""
    task_id: int | None = attrs.field(default=None, metadata={"wire": "taskId"})
    """Task or subtask the item belongs to."""
    check_list_title: str | None = attrs.field(default=None, metadata={"wire": "checkListTitle"})
    """Text of the checklist item."""
    is_completed: bool | None = attrs.field(default=None, metadata={"wire": "isCompleted"})
    """Whether the item is checked off."""
    position: int | None = attrs.field(default=None, metadata={"wire": "position", "ge": 0})
    """Display order (1-based)."""
    created_by: UserDto | None = attrs.field(default=None, metadata={"wire": "createdBy"})
    """User who created the item."""
    create_time: datetime | None = attrs.field(default=None, metadata={"wire": "createTime"})
    """Creation time."""
    update_time: datetime | None = attrs.field(default=None, metadata={"wire": "updateTime"})
    """Last modification time."""


@attrs.define(kw_only=True)
class TaskCommentDto:
    """A comment on a task."""

    task_comment_id: int = attrs.field(metadata={"wire": "taskCommentId"})
    """Comment id."""
    tenant_id: int | None = attrs.field(default=None, metadata={"wire": "tenantId"})
    """Organization (tenant) id."""
    task_id: int | None = attrs.field(default=None, metadata={"wire": "taskId"})
    """Task the comment belongs to."""
    comment: str | None = attrs.field(default=None, metadata={"wire": "comment"})
    """Comment text (may contain @mentions)."""
    mentioned_user_ids: list[int] | None = attrs.field(
        default=None, metadata={"wire": "mentionedUserIds"}
    )
    """Ids of users mentioned in the comment."""
    created_by: UserDto | None = attrs.field(default=None, metadata={"wire": "createdBy"})
    """Author of the comment."""
    create_time: datetime | None = attrs.field(default=None, metadata={"wire": "createTime"})
    """When the comment was posted."""
    update_time: datetime | None = attrs.field(default=None, metadata={"wire": "updateTime"})
    """When the comment was last edited."""


@attrs.define(kw_only=True)
class TaskPriorityDto:
    """A user-defined task priority label."""

    task_priority_id: int = attrs.field(metadata={"wire": "taskPriorityId"})
    """Priority id."""
    tenant_id: int | None = attrs.field(default=None, metadata={"wire": "tenantId"})
    """Organization (tenant) id."""
    priority_label: str | None = attrs.field(default=None, metadata={"wire": "priorityLabel"})
    """Label shown to users; this is what requests send as `priority`."""
    color: str | None = attrs.field(default=None, metadata={"wire": "color"})
    """Display colour (hex)."""
    created_by: UserDto | None = attrs.field(default=None, metadata={"wire": "createdBy"})
    """User who created the priority."""
    modified_by: UserDto | None = attrs.field(default=None, metadata={"wire": "modifiedBy"})
    """User who last modified the priority."""
    default: bool | None = attrs.field(default=None, metadata={"wire": "default"})
    """Whether this is the default priority for new tasks."""
    primary: bool | None = attrs.field(default=None, metadata={"wire": "primary"})
    """Whether this is a primary (built-in) priority."""


@attrs.define(kw_only=True)
class TaskStatusDto:
    """A user-defined task status."""

    task_status_id: int = attrs.field(metadata={"wire": "taskStatusId"})
    """Status id."""
    tenant_id: int | None = attrs.field(default=None, metadata={"wire": "tenantId"})
    """Organization (tenant) id."""
    status_name: str | None = attrs.field(default=None, metadata={"wire": "statusName"})
    """Name shown to users; this is what requests send as `status`."""
    color: str | None = attrs.field(default=None, metadata={"wire": "color"})
    """Display colour (hex)."""
    status_category: str | None = attrs.field(default=None, metadata={"wire": "statusCategory"})
    """Category the status belongs to (values not documented; treat as opaque)."""
    project_id: int | None = attrs.field(default=None, metadata={"wire": "projectId"})
    """Project the status is defined for; null for organization-wide statuses."""
    space_id: int | None = attrs.field(default=None, metadata={"wire": "spaceId"})
    """Space the status is defined for; null for organization-wide statuses."""
    created_by: UserDto | None = attrs.field(default=None, metadata={"wire": "createdBy"})
    """User who created the status."""
    modified_by: UserDto | None = attrs.field(default=None, metadata={"wire": "modifiedBy"})
    """User who last modified the status."""
    default: bool | None = attrs.field(default=None, metadata={"wire": "default"})
    """Whether this is the default status for new tasks."""


@attrs.define(kw_only=True)
class TimeTrackerDto:
    """A time entry on a task (running timer, range entry or manual entry)."""

    time_tracker_id: int = attrs.field(metadata={"wire": "timeTrackerId"})
    """Time entry id."""
    tenant_id: int | None = attrs.field(default=None, metadata={"wire": "tenantId"})
    """Organization (tenant) id."""
    task_id: int | None = attrs.field(default=None, metadata={"wire": "taskId"})
    """Task the time was tracked on."""
    project_id: int | None = attrs.field(default=None, metadata={"wire": "projectId"})
    """Project of the task; null for personal tasks."""
    user: UserDto | None = attrs.field(default=None, metadata={"wire": "user"})
    """User who tracked the time."""
    entry_type: TimeEntryType | None = attrs.field(default=None, metadata={"wire": "entryType"})
    """How the entry was recorded."""
    start_time: datetime | None = attrs.field(default=None, metadata={"wire": "startTime"})
    """Start of the tracked interval."""
    end_time: datetime | None = attrs.field(default=None, metadata={"wire": "endTime"})
    """End of the tracked interval; null while the timer is running."""
    duration: int | None = attrs.field(default=None, metadata={"wire": "duration"})
    """Tracked duration in milliseconds (0 while running)."""
    running: bool | None = attrs.field(default=None, metadata={"wire": "running"})
    """True while the timer is running. Only one timer runs per user at a time."""
    billable: bool | None = attrs.field(default=None, metadata={"wire": "billable"})
    """Whether the time is billable."""
    notes: str | None = attrs.field(default=None, metadata={"wire": "notes"})
    """Free-text notes."""
    create_time: datetime | None = attrs.field(default=None, metadata={"wire": "createTime"})
    """Creation time."""
    update_time: datetime | None = attrs.field(default=None, metadata={"wire": "updateTime"})
    """Last modification time."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListSpaceDto:
    """Success envelope carrying a list of spaces."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[SpaceDto] | None = attrs.field(default=None, metadata={"wire": "data"})
    """All spaces."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListTaskCheckListDto:
    """Success envelope carrying a list of checklist items."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[TaskCheckListDto] | None = attrs.field(default=None, metadata={"wire": "data"})
    """The checklist items."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListTaskCommentDto:
    """Success envelope carrying a list of task comments."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[TaskCommentDto] | None = attrs.field(default=None, metadata={"wire": "data"})
    """The comments, oldest first."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListTimeTrackerDto:
    """Success envelope carrying a list of time entries."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[TimeTrackerDto] | None = attrs.field(default=None, metadata={"wire": "data"})
    """The time entries."""


@attrs.define(kw_only=True)
class ApiSuccessResponseNotificationListResponse:
    """Success envelope carrying one page of notifications."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: NotificationListResponse | None = attrs.field(default=None, metadata={"wire": "data"})
    """One page of notifications."""


@attrs.define(kw_only=True)
class ApiSuccessResponseProjectDto:
    """Success envelope carrying one project."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: ProjectDto | None = attrs.field(default=None, metadata={"wire": "data"})
    """The project."""


@attrs.define(kw_only=True)
class ApiSuccessResponseProjectListResponse:
    """Success envelope carrying one page of projects."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: ProjectListResponse | None = attrs.field(default=None, metadata={"wire": "data"})
    """One page of projects."""


@attrs.define(kw_only=True)
class ApiSuccessResponseSpaceDto:
    """Success envelope carrying one space."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: SpaceDto | None = attrs.field(default=None, metadata={"wire": "data"})
    """The space."""


@attrs.define(kw_only=True)
class ApiSuccessResponseTimeTrackerDto:
    """Success envelope carrying one time entry."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: TimeTrackerDto | None = attrs.field(default=None, metadata={"wire": "data"})
    """The time entry."""


@attrs.define(kw_only=True)
class TaskDto:
    """A task (personal task, project task or subtask)."""

    task_id: int = attrs.field(metadata={"wire": "taskId"})
    """Task id."""
    tenant_id: int | None = attrs.field(default=None, metadata={"wire": "tenantId"})
    """Organization (tenant) id."""
    task_title: str | None = attrs.field(default=None, metadata={"wire": "taskTitle"})
    """Task title."""
    description: str | None = attrs.field(default=None, metadata={"wire": "description"})
    """Task description (may contain @mentions)."""
    description_mentioned_user_ids: list[int] | None = attrs.field(
        default=None, metadata={"wire": "descriptionMentionedUserIds"}
    )
    """Ids of users mentioned in the description."""
    start_date: datetime | None = attrs.field(default=None, metadata={"wire": "startDate"})
    """Planned start."""
    due_date: datetime | None = attrs.field(default=None, metadata={"wire": "dueDate"})
    """Due date."""
    completion: int | None = attrs.field(
        default=None, metadata={"wire": "completion", "ge": 0, "le": 100}
    )
    """Completion percentage (0-100; the range is inferred)."""
    priority: TaskPriorityDto | None = attrs.field(default=None, metadata={"wire": "priority"})
    """Priority of the task."""
    status: TaskStatusDto | None = attrs.field(default=None, metadata={"wire": "status"})
    """Status of the task."""
    owners: list[UserDto] | None = attrs.field(default=None, metadata={"wire": "owners"})
    """Users who own (are assigned to) the task."""
    tags: list[str] | None = attrs.field(default=None, metadata={"wire": "tags"})
    """Free-form tags."""
    space_id: int | None = attrs.field(default=None, metadata={"wire": "spaceId"})
    """Space of a project task; null for personal tasks."""
    project_id: int | None = attrs.field(default=None, metadata={"wire": "projectId"})
    """Project of a project task; null for personal tasks."""
    parent_task_id: int | None = attrs.field(default=None, metadata={"wire": "parentTaskId"})
    """Parent task id when this task is a subtask; null otherwise."""
    total_time: int | None = attrs.field(default=None, metadata={"wire": "totalTime"})
    """Total tracked time on the task, in milliseconds."""
    created_by: UserDto | None = attrs.field(default=None, metadata={"wire": "createdBy"})
    """User who created the task."""
    modified_by: UserDto | None = attrs.field(default=None, metadata={"wire": "modifiedBy"})
    """User who last modified the task."""
    create_time: datetime | None = attrs.field(default=None, metadata={"wire": "createTime"})
    """Creation time."""
    update_time: datetime | None = attrs.field(default=None, metadata={"wire": "updateTime"})
    """Last modification time."""


@attrs.define(kw_only=True)
class TaskListResponse:
    """One page of tasks (Spring-style page object)."""

    content: list[TaskDto] | None = attrs.field(default=None, metadata={"wire": "content"})
    """The tasks on this page."""
    page: int | None = attrs.field(default=None, metadata={"wire": "page", "ge": 0})
    """Zero-based index of this page."""
    size: int | None = attrs.field(default=None, metadata={"wire": "size", "ge": 1})
    """Requested page size."""
    total_elements: int | None = attrs.field(default=None, metadata={"wire": "totalElements"})
    """Total number of items across all pages."""
    total_pages: int | None = attrs.field(default=None, metadata={"wire": "totalPages", "ge": 0})
    """Total number of pages."""
    last: bool | None = attrs.field(default=None, metadata={"wire": "last"})
    """True when this is the last page."""


@attrs.define(kw_only=True)
class ApiSuccessResponseListTaskDto:
    """Success envelope carrying a list of tasks (used for subtasks)."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: list[TaskDto] | None = attrs.field(default=None, metadata={"wire": "data"})
    """The tasks (subtasks)."""


@attrs.define(kw_only=True)
class ApiSuccessResponseTaskDto:
    """Success envelope carrying one task."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: TaskDto | None = attrs.field(default=None, metadata={"wire": "data"})
    """The task."""


@attrs.define(kw_only=True)
class ApiSuccessResponseTaskListResponse:
    """Success envelope carrying one page of tasks."""

    success: bool | None = attrs.field(default=None, metadata={"wire": "success"})
    """Always true for a successful call."""
    message: str | None = attrs.field(default=None, metadata={"wire": "message"})
    """Human-readable result message."""
    code: int | None = attrs.field(default=None, metadata={"wire": "code"})
    """Mirrors the HTTP status code (200 in the docs' example, also for creates)."""
    data: TaskListResponse | None = attrs.field(default=None, metadata={"wire": "data"})
    """One page of tasks."""
