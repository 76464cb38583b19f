# generated from openapi/astravue.openapi.yaml — do not edit (run `make generate`)
"""One descriptor per operation of the Astravue API.

Data only: the hand-written transport builds, sends and decodes the requests.
"""

from __future__ import annotations

from datetime import datetime

from astravue_async._descriptors import Operation, Pagination, Parameter
from astravue_async._generated import models

__all__ = [
    "ADD_PERSONAL_TASK_MANUAL",
    "ADD_PERSONAL_TASK_RANGE",
    "ADD_PROJECT_TASK_MANUAL",
    "ADD_PROJECT_TASK_RANGE",
    "CREATE_PROJECT",
    "CREATE_PROJECT_TASK",
    "CREATE_SPACE",
    "CREATE_TASK",
    "DELETE_NOTIFICATIONS",
    "DELETE_PROJECT",
    "DELETE_PROJECT_TASK",
    "DELETE_SPACE",
    "DELETE_TASK",
    "DELETE_TIMER",
    "GET_PROJECT",
    "GET_PROJECT_TASK",
    "GET_SPACE",
    "GET_TASK",
    "LIST_ACTIVE_TIMERS",
    "LIST_NOTIFICATIONS",
    "LIST_PARENT_TASK_CHECKLISTS",
    "LIST_PERSONAL_SUBTASKS",
    "LIST_PROJECTS",
    "LIST_PROJECT_SUBTASKS",
    "LIST_PROJECT_TASKS",
    "LIST_SPACES",
    "LIST_SUBTASK_CHECKLISTS",
    "LIST_TASKS",
    "LIST_TASK_COMMENTS",
    "LIST_TASK_TIMERS",
    "MARK_NOTIFICATIONS_READ",
    "OPERATIONS",
    "START_PERSONAL_TASK_TIMER",
    "START_PROJECT_TASK_TIMER",
    "STOP_TIMER",
    "UPDATE_PROJECT",
    "UPDATE_PROJECT_TASK",
    "UPDATE_SPACE",
    "UPDATE_TASK",
    "UPDATE_TIMER",
]

# Parameters shared through components.parameters, defined once.

_ORG_ID = Parameter(
    wire_name="X-Org-Id",
    python_name="org_id",
    location="header",
    annotation=int,
    required=True,
    minimum=1,
)

_PAGE = Parameter(
    wire_name="page",
    python_name="page",
    location="query",
    annotation=int,
    required=False,
    default=0,
    minimum=0,
)

_SIZE = Parameter(
    wire_name="size",
    python_name="size",
    location="query",
    annotation=int,
    required=False,
    default=20,
    minimum=1,
    maximum=100,
)

_SORT = Parameter(
    wire_name="sort",
    python_name="sort",
    location="query",
    annotation=str,
    required=False,
)

_TASK_STATUS_FILTER = Parameter(
    wire_name="status",
    python_name="status",
    location="query",
    annotation=str,
    required=False,
)

_TASK_PRIORITY_FILTER = Parameter(
    wire_name="priority",
    python_name="priority",
    location="query",
    annotation=str,
    required=False,
)

_SEARCH = Parameter(
    wire_name="search",
    python_name="search",
    location="query",
    annotation=str,
    required=False,
)

_DUE_DATE_FROM = Parameter(
    wire_name="dueDateFrom",
    python_name="due_date_from",
    location="query",
    annotation=datetime,
    required=False,
)

_DUE_DATE_TO = Parameter(
    wire_name="dueDateTo",
    python_name="due_date_to",
    location="query",
    annotation=datetime,
    required=False,
)

_OWNER_ID = Parameter(
    wire_name="ownerId",
    python_name="owner_id",
    location="query",
    annotation=int,
    required=False,
)

_TASK_ID = Parameter(
    wire_name="taskId",
    python_name="task_id",
    location="path",
    annotation=int,
    required=True,
)

_SPACE_ID = Parameter(
    wire_name="spaceId",
    python_name="space_id",
    location="path",
    annotation=int,
    required=True,
)

_PROJECT_ID = Parameter(
    wire_name="projectId",
    python_name="project_id",
    location="path",
    annotation=int,
    required=True,
)

_TIMER_USER_ID = Parameter(
    wire_name="userId",
    python_name="user_id",
    location="query",
    annotation=int,
    required=False,
)

_TIME_TRACKER_ID = Parameter(
    wire_name="timeTrackerId",
    python_name="time_tracker_id",
    location="path",
    annotation=int,
    required=True,
)

_NOTIFICATION_TYPE_FILTER = Parameter(
    wire_name="type",
    python_name="type",
    location="query",
    annotation=models.NotificationType,
    required=False,
)

_UNREAD_ONLY = Parameter(
    wire_name="unreadOnly",
    python_name="unread_only",
    location="query",
    annotation=bool,
    required=False,
    default=False,
)

_SUBTASK_ID = Parameter(
    wire_name="subtaskId",
    python_name="subtask_id",
    location="path",
    annotation=int,
    required=True,
)


LIST_TASKS = Operation(
    operation_id="list_tasks",
    method="GET",
    path="/tasks",
    tag="Personal Tasks",
    summary="Get all tasks",
    doc_url="https://docs.astravue.com/get-all-tasks-18398874e0",
    seed=True,
    idempotent=True,
    parameters=(
        _ORG_ID,
        _PAGE,
        _SIZE,
        _SORT,
        _TASK_STATUS_FILTER,
        _TASK_PRIORITY_FILTER,
        _SEARCH,
        _DUE_DATE_FROM,
        _DUE_DATE_TO,
        _OWNER_ID,
    ),
    response=models.TaskListResponse,
    pagination=Pagination(
        style="page",
        page_param="page",
        size_param="size",
        items_field="content",
        last_field="last",
        total_field="totalElements",
        max_size=100,
        default_size=20,
    ),
)
"""GET /tasks: Get all tasks."""

CREATE_TASK = Operation(
    operation_id="create_task",
    method="POST",
    path="/tasks",
    tag="Personal Tasks",
    summary="Create a task",
    doc_url="https://docs.astravue.com/create-a-task-18398875e0",
    seed=True,
    idempotent=False,
    parameters=(_ORG_ID,),
    request_body=models.TaskCreateRequest,
    body_required=True,
    response=models.TaskDto,
)
"""POST /tasks: Create a task."""

GET_TASK = Operation(
    operation_id="get_task",
    method="GET",
    path="/tasks/{taskId}",
    tag="Personal Tasks",
    summary="Get task by ID",
    doc_url="https://docs.astravue.com/get-task-by-id-18398871e0",
    seed=True,
    idempotent=True,
    parameters=(
        _TASK_ID,
        _ORG_ID,
    ),
    response=models.TaskDto,
)
"""GET /tasks/{taskId}: Get task by ID."""

UPDATE_TASK = Operation(
    operation_id="update_task",
    method="PUT",
    path="/tasks/{taskId}",
    tag="Personal Tasks",
    summary="Update a task",
    doc_url="https://docs.astravue.com/update-a-task-18398872e0",
    seed=True,
    idempotent=True,
    parameters=(
        _TASK_ID,
        _ORG_ID,
    ),
    request_body=models.TaskUpdateRequest,
    body_required=True,
    response=models.TaskDto,
)
"""PUT /tasks/{taskId}: Update a task."""

DELETE_TASK = Operation(
    operation_id="delete_task",
    method="DELETE",
    path="/tasks/{taskId}",
    tag="Personal Tasks",
    summary="Delete a task",
    doc_url="https://docs.astravue.com/delete-a-task-18398873e0",
    seed=True,
    idempotent=True,
    parameters=(
        _TASK_ID,
        _ORG_ID,
    ),
    response=None,
)
"""DELETE /tasks/{taskId}: Delete a task."""

LIST_SPACES = Operation(
    operation_id="list_spaces",
    method="GET",
    path="/spaces",
    tag="Spaces",
    summary="Get all spaces",
    doc_url="https://docs.astravue.com/get-all-spaces-18398879e0",
    seed=True,
    idempotent=True,
    parameters=(_ORG_ID,),
    response=list[models.SpaceDto],
)
"""GET /spaces: Get all spaces."""

CREATE_SPACE = Operation(
    operation_id="create_space",
    method="POST",
    path="/spaces",
    tag="Spaces",
    summary="Create a new space",
    doc_url="https://docs.astravue.com/create-a-new-space-18398880e0",
    seed=True,
    idempotent=False,
    parameters=(_ORG_ID,),
    request_body=models.SpaceRequest,
    body_required=True,
    response=models.SpaceDto,
)
"""POST /spaces: Create a new space."""

GET_SPACE = Operation(
    operation_id="get_space",
    method="GET",
    path="/spaces/{spaceId}",
    tag="Spaces",
    summary="Get space by ID",
    doc_url="https://docs.astravue.com/get-space-by-id-18398876e0",
    seed=True,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _ORG_ID,
    ),
    response=models.SpaceDto,
)
"""GET /spaces/{spaceId}: Get space by ID."""

UPDATE_SPACE = Operation(
    operation_id="update_space",
    method="PUT",
    path="/spaces/{spaceId}",
    tag="Spaces",
    summary="Update a space",
    doc_url="https://docs.astravue.com/update-a-space-18398877e0",
    seed=True,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _ORG_ID,
    ),
    request_body=models.SpaceUpdateRequest,
    body_required=True,
    response=models.SpaceDto,
)
"""PUT /spaces/{spaceId}: Update a space."""

DELETE_SPACE = Operation(
    operation_id="delete_space",
    method="DELETE",
    path="/spaces/{spaceId}",
    tag="Spaces",
    summary="Delete a space",
    doc_url="https://docs.astravue.com/delete-a-space-18398878e0",
    seed=True,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _ORG_ID,
    ),
    response=None,
)
"""DELETE /spaces/{spaceId}: Delete a space."""

LIST_PROJECTS = Operation(
    operation_id="list_projects",
    method="GET",
    path="/spaces/{spaceId}/projects",
    tag="Projects",
    summary="Get all projects in a space",
    doc_url="https://docs.astravue.com/get-all-projects-in-a-space-18398884e0",
    seed=True,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _ORG_ID,
        _PAGE,
        _SIZE,
        _SORT,
    ),
    response=models.ProjectListResponse,
    pagination=Pagination(
        style="page",
        page_param="page",
        size_param="size",
        items_field="content",
        last_field="last",
        total_field="totalElements",
        max_size=100,
        default_size=20,
    ),
)
"""GET /spaces/{spaceId}/projects: Get all projects in a space."""

CREATE_PROJECT = Operation(
    operation_id="create_project",
    method="POST",
    path="/spaces/{spaceId}/projects",
    tag="Projects",
    summary="Create a new project",
    doc_url="https://docs.astravue.com/create-a-new-project-18398885e0",
    seed=True,
    idempotent=False,
    parameters=(
        _SPACE_ID,
        _ORG_ID,
    ),
    request_body=models.ProjectRequest,
    body_required=True,
    response=models.ProjectDto,
)
"""POST /spaces/{spaceId}/projects: Create a new project."""

GET_PROJECT = Operation(
    operation_id="get_project",
    method="GET",
    path="/spaces/{spaceId}/projects/{projectId}",
    tag="Projects",
    summary="Get project details by ID",
    doc_url="https://docs.astravue.com/get-project-details-by-id-18398881e0",
    seed=True,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _PROJECT_ID,
        _ORG_ID,
    ),
    response=models.ProjectDto,
)
"""GET /spaces/{spaceId}/projects/{projectId}: Get project details by ID."""

UPDATE_PROJECT = Operation(
    operation_id="update_project",
    method="PUT",
    path="/spaces/{spaceId}/projects/{projectId}",
    tag="Projects",
    summary="Update a project",
    doc_url="https://docs.astravue.com/update-a-project-18398882e0",
    seed=True,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _PROJECT_ID,
        _ORG_ID,
    ),
    request_body=models.ProjectUpdateRequest,
    body_required=True,
    response=models.ProjectDto,
)
"""PUT /spaces/{spaceId}/projects/{projectId}: Update a project."""

DELETE_PROJECT = Operation(
    operation_id="delete_project",
    method="DELETE",
    path="/spaces/{spaceId}/projects/{projectId}",
    tag="Projects",
    summary="Delete a project",
    doc_url="https://docs.astravue.com/delete-a-project-18398883e0",
    seed=True,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _PROJECT_ID,
        _ORG_ID,
    ),
    response=None,
)
"""DELETE /spaces/{spaceId}/projects/{projectId}: Delete a project."""

LIST_PROJECT_TASKS = Operation(
    operation_id="list_project_tasks",
    method="GET",
    path="/spaces/{spaceId}/projects/{projectId}/tasks",
    tag="Project Tasks",
    summary="Get all tasks in a project",
    doc_url="https://docs.astravue.com/get-all-tasks-in-a-project-18398889e0",
    seed=True,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _PROJECT_ID,
        _ORG_ID,
        _PAGE,
        _SIZE,
        _SORT,
        _TASK_STATUS_FILTER,
        _TASK_PRIORITY_FILTER,
        _SEARCH,
        _DUE_DATE_FROM,
        _DUE_DATE_TO,
        _OWNER_ID,
    ),
    response=models.TaskListResponse,
    pagination=Pagination(
        style="page",
        page_param="page",
        size_param="size",
        items_field="content",
        last_field="last",
        total_field="totalElements",
        max_size=100,
        default_size=20,
    ),
)
"""GET /spaces/{spaceId}/projects/{projectId}/tasks: Get all tasks in a project."""

CREATE_PROJECT_TASK = Operation(
    operation_id="create_project_task",
    method="POST",
    path="/spaces/{spaceId}/projects/{projectId}/tasks",
    tag="Project Tasks",
    summary="Create a project task",
    doc_url="https://docs.astravue.com/create-a-project-task-18398890e0",
    seed=True,
    idempotent=False,
    parameters=(
        _SPACE_ID,
        _PROJECT_ID,
        _ORG_ID,
    ),
    request_body=models.TaskCreateRequest,
    body_required=True,
    response=models.TaskDto,
)
"""POST /spaces/{spaceId}/projects/{projectId}/tasks: Create a project task."""

GET_PROJECT_TASK = Operation(
    operation_id="get_project_task",
    method="GET",
    path="/spaces/{spaceId}/projects/{projectId}/tasks/{taskId}",
    tag="Project Tasks",
    summary="Get a project task by ID",
    doc_url="https://docs.astravue.com/get-a-project-task-by-id-18398886e0",
    seed=True,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _PROJECT_ID,
        _TASK_ID,
        _ORG_ID,
    ),
    response=models.TaskDto,
)
"""GET /spaces/{spaceId}/projects/{projectId}/tasks/{taskId}: Get a project task by ID."""

UPDATE_PROJECT_TASK = Operation(
    operation_id="update_project_task",
    method="PUT",
    path="/spaces/{spaceId}/projects/{projectId}/tasks/{taskId}",
    tag="Project Tasks",
    summary="Update a project task",
    doc_url="https://docs.astravue.com/update-a-project-task-18398887e0",
    seed=True,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _PROJECT_ID,
        _TASK_ID,
        _ORG_ID,
    ),
    request_body=models.TaskUpdateRequest,
    body_required=True,
    response=models.TaskDto,
)
"""PUT /spaces/{spaceId}/projects/{projectId}/tasks/{taskId}: Update a project task."""

DELETE_PROJECT_TASK = Operation(
    operation_id="delete_project_task",
    method="DELETE",
    path="/spaces/{spaceId}/projects/{projectId}/tasks/{taskId}",
    tag="Project Tasks",
    summary="Delete a project task",
    doc_url="https://docs.astravue.com/delete-a-project-task-18398888e0",
    seed=True,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _PROJECT_ID,
        _TASK_ID,
        _ORG_ID,
    ),
    response=None,
)
"""DELETE /spaces/{spaceId}/projects/{projectId}/tasks/{taskId}: Delete a project task."""

LIST_TASK_TIMERS = Operation(
    operation_id="list_task_timers",
    method="GET",
    path="/time-track/tasks/{taskId}",
    tag="Task Timer",
    summary="Get timers for a user in a task",
    doc_url="https://docs.astravue.com/get-timers-for-a-user-in-a-task-20027947e0",
    seed=True,
    idempotent=True,
    parameters=(
        _TASK_ID,
        _ORG_ID,
        _TIMER_USER_ID,
    ),
    response=list[models.TimeTrackerDto],
)
"""GET /time-track/tasks/{taskId}: Get timers for a user in a task."""

LIST_ACTIVE_TIMERS = Operation(
    operation_id="list_active_timers",
    method="GET",
    path="/time-track/active",
    tag="Task Timer",
    summary="Get active timers for a user",
    doc_url="https://docs.astravue.com/get-active-timers-for-a-user-20027948e0",
    seed=True,
    idempotent=True,
    parameters=(
        _ORG_ID,
        _TIMER_USER_ID,
    ),
    response=list[models.TimerData],
)
"""GET /time-track/active: Get active timers for a user."""

UPDATE_TIMER = Operation(
    operation_id="update_timer",
    method="PUT",
    path="/time-track/{timeTrackerId}",
    tag="Task Timer",
    summary="Update a timer",
    doc_url="https://docs.astravue.com/update-a-timer-20027949e0",
    seed=True,
    idempotent=True,
    parameters=(
        _TIME_TRACKER_ID,
        _ORG_ID,
    ),
    request_body=models.TimerUpdateRequest,
    body_required=True,
    response=models.TimeTrackerDto,
)
"""PUT /time-track/{timeTrackerId}: Update a timer."""

DELETE_TIMER = Operation(
    operation_id="delete_timer",
    method="DELETE",
    path="/time-track/{timeTrackerId}",
    tag="Task Timer",
    summary="Delete a timer entry",
    doc_url="https://docs.astravue.com/delete-a-timer-entry-20027951e0",
    seed=True,
    idempotent=True,
    parameters=(
        _TIME_TRACKER_ID,
        _ORG_ID,
    ),
    response=None,
)
"""DELETE /time-track/{timeTrackerId}: Delete a timer entry."""

STOP_TIMER = Operation(
    operation_id="stop_timer",
    method="PUT",
    path="/time-track/tasks/{taskId}/stop",
    tag="Task Timer",
    summary="Stop timer for a task",
    doc_url="https://docs.astravue.com/stop-timer-for-a-task-20027950e0",
    seed=True,
    idempotent=False,
    parameters=(
        _TASK_ID,
        _ORG_ID,
    ),
    request_body=models.TimerRequest,
    body_required=False,
    response=models.TimeTrackerDto,
)
"""PUT /time-track/tasks/{taskId}/stop: Stop timer for a task."""

START_PERSONAL_TASK_TIMER = Operation(
    operation_id="start_personal_task_timer",
    method="POST",
    path="/time-track/tasks/{taskId}/start",
    tag="Task Timer",
    summary="Start timer for a personal task",
    doc_url="https://docs.astravue.com/start-timer-for-a-personal-task-20027952e0",
    seed=True,
    idempotent=False,
    parameters=(
        _TASK_ID,
        _ORG_ID,
    ),
    request_body=models.TimerRequest,
    body_required=False,
    response=models.TimeTrackerDto,
)
"""POST /time-track/tasks/{taskId}/start: Start timer for a personal task."""

ADD_PERSONAL_TASK_RANGE = Operation(
    operation_id="add_personal_task_range",
    method="POST",
    path="/time-track/tasks/{taskId}/range",
    tag="Task Timer",
    summary="Add a time range entry for a personal task",
    doc_url="https://docs.astravue.com/add-a-time-range-entry-for-a-personal-task-20027953e0",
    seed=True,
    idempotent=False,
    parameters=(
        _TASK_ID,
        _ORG_ID,
    ),
    request_body=models.TimeRangeRequest,
    body_required=True,
    response=models.TimeTrackerDto,
)
"""POST /time-track/tasks/{taskId}/range: Add a time range entry for a personal task."""

ADD_PERSONAL_TASK_MANUAL = Operation(
    operation_id="add_personal_task_manual",
    method="POST",
    path="/time-track/tasks/{taskId}/manual",
    tag="Task Timer",
    summary="Add manual time entry for a personal task",
    doc_url="https://docs.astravue.com/add-manual-time-entry-for-a-personal-task-20027954e0",
    seed=True,
    idempotent=False,
    parameters=(
        _TASK_ID,
        _ORG_ID,
    ),
    request_body=models.ManualTimeRequest,
    body_required=True,
    response=models.TimeTrackerDto,
)
"""POST /time-track/tasks/{taskId}/manual: Add manual time entry for a personal task."""

START_PROJECT_TASK_TIMER = Operation(
    operation_id="start_project_task_timer",
    method="POST",
    path="/time-track/projects/{projectId}/tasks/{taskId}/start",
    tag="Task Timer",
    summary="Start timer for a project task",
    doc_url="https://docs.astravue.com/start-timer-for-a-project-task-20027955e0",
    seed=True,
    idempotent=False,
    parameters=(
        _PROJECT_ID,
        _TASK_ID,
        _ORG_ID,
    ),
    request_body=models.TimerRequest,
    body_required=False,
    response=models.TimeTrackerDto,
)
"""POST /time-track/projects/{projectId}/tasks/{taskId}/start: Start timer for a project task."""

ADD_PROJECT_TASK_RANGE = Operation(
    operation_id="add_project_task_range",
    method="POST",
    path="/time-track/projects/{projectId}/tasks/{taskId}/range",
    tag="Task Timer",
    summary="Add range timer for a project task",
    doc_url="https://docs.astravue.com/add-range-timer-for-a-project-task-20027956e0",
    seed=True,
    idempotent=False,
    parameters=(
        _PROJECT_ID,
        _TASK_ID,
        _ORG_ID,
    ),
    request_body=models.TimeRangeRequest,
    body_required=True,
    response=models.TimeTrackerDto,
)
"""POST /time-track/projects/{projectId}/tasks/{taskId}/range: Add range timer for a project task."""

ADD_PROJECT_TASK_MANUAL = Operation(
    operation_id="add_project_task_manual",
    method="POST",
    path="/time-track/projects/{projectId}/tasks/{taskId}/manual",
    tag="Task Timer",
    summary="Add manual time entry for a project task",
    doc_url="https://docs.astravue.com/add-manual-time-entry-for-a-project-task-20027957e0",
    seed=True,
    idempotent=False,
    parameters=(
        _PROJECT_ID,
        _TASK_ID,
        _ORG_ID,
    ),
    request_body=models.ManualTimeRequest,
    body_required=True,
    response=models.TimeTrackerDto,
)
"""POST /time-track/projects/{projectId}/tasks/{taskId}/manual: Add manual time entry for a project task."""

LIST_NOTIFICATIONS = Operation(
    operation_id="list_notifications",
    method="GET",
    path="/notifications",
    tag="Notifications and Mentions",
    summary="Get all notifications and mentions",
    doc_url="https://docs.astravue.com/",
    seed=True,
    idempotent=True,
    parameters=(
        _ORG_ID,
        _PAGE,
        _SIZE,
        _SORT,
        _NOTIFICATION_TYPE_FILTER,
        _UNREAD_ONLY,
    ),
    response=models.NotificationListResponse,
    pagination=Pagination(
        style="page",
        page_param="page",
        size_param="size",
        items_field="content",
        last_field="last",
        total_field="totalElements",
        max_size=100,
        default_size=20,
    ),
)
"""GET /notifications: Get all notifications and mentions."""

DELETE_NOTIFICATIONS = Operation(
    operation_id="delete_notifications",
    method="DELETE",
    path="/notifications",
    tag="Notifications and Mentions",
    summary="Delete multiple notifications",
    doc_url="https://docs.astravue.com/",
    seed=True,
    idempotent=False,
    parameters=(_ORG_ID,),
    request_body=models.NotificationDeleteRequestDto,
    body_required=True,
    response=models.NotificationDeleteResponseDto,
)
"""DELETE /notifications: Delete multiple notifications."""

MARK_NOTIFICATIONS_READ = Operation(
    operation_id="mark_notifications_read",
    method="PUT",
    path="/notifications/read",
    tag="Notifications and Mentions",
    summary="Mark notification/mentions as read",
    doc_url="https://docs.astravue.com/",
    seed=True,
    idempotent=False,
    parameters=(_ORG_ID,),
    request_body=models.NotificationReadRequestDto,
    body_required=True,
    response=models.NotificationReadResponseDto,
)
"""PUT /notifications/read: Mark notification/mentions as read."""

LIST_TASK_COMMENTS = Operation(
    operation_id="list_task_comments",
    method="GET",
    path="/tasks/{taskId}/comments",
    tag="Task Comments",
    summary="Get comments for a task",
    doc_url="https://docs.astravue.com/",
    seed=False,
    idempotent=True,
    parameters=(
        _TASK_ID,
        _ORG_ID,
    ),
    response=list[models.TaskCommentDto],
)
"""GET /tasks/{taskId}/comments: Get comments for a task."""

LIST_PROJECT_SUBTASKS = Operation(
    operation_id="list_project_subtasks",
    method="GET",
    path="/spaces/{spaceId}/projects/{projectId}/tasks/{taskId}/subtasks",
    tag="Project Subtasks",
    summary="Get all subtasks for a project task",
    doc_url="https://docs.astravue.com/",
    seed=False,
    idempotent=True,
    parameters=(
        _SPACE_ID,
        _PROJECT_ID,
        _TASK_ID,
        _ORG_ID,
    ),
    response=list[models.TaskDto],
)
"""GET /spaces/{spaceId}/projects/{projectId}/tasks/{taskId}/subtasks: Get all subtasks for a project task."""

LIST_PERSONAL_SUBTASKS = Operation(
    operation_id="list_personal_subtasks",
    method="GET",
    path="/tasks/{taskId}/subtasks",
    tag="Personal Subtasks",
    summary="Get all subtasks for a personal task",
    doc_url="https://docs.astravue.com/",
    seed=False,
    idempotent=True,
    parameters=(
        _TASK_ID,
        _ORG_ID,
    ),
    response=list[models.TaskDto],
)
"""GET /tasks/{taskId}/subtasks: Get all subtasks for a personal task."""

LIST_SUBTASK_CHECKLISTS = Operation(
    operation_id="list_subtask_checklists",
    method="GET",
    path="/tasks/{taskId}/subtasks/{subtaskId}/checklists",
    tag="Tasks Checklist",
    summary="Get all checklists for a subtask",
    doc_url="https://docs.astravue.com/",
    seed=False,
    idempotent=True,
    parameters=(
        _TASK_ID,
        _SUBTASK_ID,
        _ORG_ID,
    ),
    response=list[models.TaskCheckListDto],
)
"""GET /tasks/{taskId}/subtasks/{subtaskId}/checklists: Get all checklists for a subtask."""

LIST_PARENT_TASK_CHECKLISTS = Operation(
    operation_id="list_parent_task_checklists",
    method="GET",
    path="/tasks/{taskId}/checklists",
    tag="Tasks Checklist",
    summary="Get all checklists for a parent task",
    doc_url="https://docs.astravue.com/",
    seed=False,
    idempotent=True,
    parameters=(
        _TASK_ID,
        _ORG_ID,
    ),
    response=list[models.TaskCheckListDto],
)
"""GET /tasks/{taskId}/checklists: Get all checklists for a parent task."""


OPERATIONS: dict[str, Operation] = {
    "list_tasks": LIST_TASKS,
    "create_task": CREATE_TASK,
    "get_task": GET_TASK,
    "update_task": UPDATE_TASK,
    "delete_task": DELETE_TASK,
    "list_spaces": LIST_SPACES,
    "create_space": CREATE_SPACE,
    "get_space": GET_SPACE,
    "update_space": UPDATE_SPACE,
    "delete_space": DELETE_SPACE,
    "list_projects": LIST_PROJECTS,
    "create_project": CREATE_PROJECT,
    "get_project": GET_PROJECT,
    "update_project": UPDATE_PROJECT,
    "delete_project": DELETE_PROJECT,
    "list_project_tasks": LIST_PROJECT_TASKS,
    "create_project_task": CREATE_PROJECT_TASK,
    "get_project_task": GET_PROJECT_TASK,
    "update_project_task": UPDATE_PROJECT_TASK,
    "delete_project_task": DELETE_PROJECT_TASK,
    "list_task_timers": LIST_TASK_TIMERS,
    "list_active_timers": LIST_ACTIVE_TIMERS,
    "update_timer": UPDATE_TIMER,
    "delete_timer": DELETE_TIMER,
    "stop_timer": STOP_TIMER,
    "start_personal_task_timer": START_PERSONAL_TASK_TIMER,
    "add_personal_task_range": ADD_PERSONAL_TASK_RANGE,
    "add_personal_task_manual": ADD_PERSONAL_TASK_MANUAL,
    "start_project_task_timer": START_PROJECT_TASK_TIMER,
    "add_project_task_range": ADD_PROJECT_TASK_RANGE,
    "add_project_task_manual": ADD_PROJECT_TASK_MANUAL,
    "list_notifications": LIST_NOTIFICATIONS,
    "delete_notifications": DELETE_NOTIFICATIONS,
    "mark_notifications_read": MARK_NOTIFICATIONS_READ,
    "list_task_comments": LIST_TASK_COMMENTS,
    "list_project_subtasks": LIST_PROJECT_SUBTASKS,
    "list_personal_subtasks": LIST_PERSONAL_SUBTASKS,
    "list_subtask_checklists": LIST_SUBTASK_CHECKLISTS,
    "list_parent_task_checklists": LIST_PARENT_TASK_CHECKLISTS,
}
"""Every operation, by operationId, in spec order."""
