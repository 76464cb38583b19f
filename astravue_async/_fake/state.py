"""In-memory records of the fake, one :class:`Org` per ``X-Org-Id``.

Ids come from counters shared by all organisations, so an id from org 2 really exists when
org 1 asks for it, and the 404 it gets proves isolation rather than a lucky miss.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "ChecklistItem",
    "Comment",
    "Label",
    "Notification",
    "Org",
    "Project",
    "Space",
    "Store",
    "Task",
    "TimeEntry",
    "User",
]


@dataclass(slots=True)
class User:
    """A person; every user is a member of every organisation of the fake."""

    user_id: int
    first_name: str
    last_name: str
    email: str
    color: str
    role_id: int
    role_name: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(slots=True)
class Label:
    """A task status or priority: a user-defined label of the organisation."""

    label_id: int
    name: str
    color: str
    category: str | None = None
    default: bool = False
    primary: bool = False


@dataclass(slots=True)
class Space:
    space_id: int
    name: str
    description: str | None
    color: str | None
    is_private: bool
    created_by: int
    create_time: datetime
    update_time: datetime


@dataclass(slots=True)
class Project:
    project_id: int
    space_id: int
    name: str
    description: str | None
    status: str
    priority: str | None
    health: str
    start_date: datetime | None
    end_date: datetime | None
    budget: float | None
    currency: str | None
    member_ids: list[int]
    created_by: int
    modified_by: int
    create_time: datetime
    update_time: datetime


@dataclass(slots=True)
class Task:
    """A personal task (no project), a project task, or a subtask (``parent_task_id``)."""

    task_id: int
    title: str
    description: str | None
    owner_ids: list[int]
    start_date: datetime | None
    due_date: datetime | None
    completion: int
    status_id: int
    priority_id: int
    tags: list[str]
    space_id: int | None
    project_id: int | None
    parent_task_id: int | None
    mentioned_ids: list[int]
    created_by: int
    modified_by: int
    create_time: datetime
    update_time: datetime


@dataclass(slots=True)
class TimeEntry:
    """A time entry; a TIMER entry without ``end`` is a running timer."""

    entry_id: int
    task_id: int
    user_id: int
    entry_type: str
    start: datetime
    end: datetime | None
    duration_ms: int
    billable: bool
    notes: str | None
    create_time: datetime
    update_time: datetime

    @property
    def running(self) -> bool:
        return self.end is None


@dataclass(slots=True)
class Notification:
    notification_id: int
    recipient_id: int
    type: str
    title: str
    message: str
    task_id: int | None
    project_id: int | None
    space_id: int | None
    triggered_by: int
    create_time: datetime
    is_read: bool = False


@dataclass(slots=True)
class Comment:
    comment_id: int
    task_id: int
    text: str
    mentioned_ids: list[int]
    created_by: int
    create_time: datetime
    update_time: datetime


@dataclass(slots=True)
class ChecklistItem:
    item_id: int
    task_id: int
    title: str
    completed: bool
    position: int
    created_by: int
    create_time: datetime
    update_time: datetime


@dataclass
class Org:
    """Everything one organisation owns; nothing here refers to another org's records."""

    org_id: int
    statuses: dict[int, Label] = field(default_factory=dict)
    priorities: dict[int, Label] = field(default_factory=dict)
    spaces: dict[int, Space] = field(default_factory=dict)
    projects: dict[int, Project] = field(default_factory=dict)
    tasks: dict[int, Task] = field(default_factory=dict)
    entries: dict[int, TimeEntry] = field(default_factory=dict)
    notifications: dict[int, Notification] = field(default_factory=dict)
    comments: dict[int, Comment] = field(default_factory=dict)
    checklists: dict[int, ChecklistItem] = field(default_factory=dict)

    @staticmethod
    def _by_name(labels: dict[int, Label], name: str) -> Label | None:
        wanted = name.strip().casefold()
        return next((label for label in labels.values() if label.name.casefold() == wanted), None)

    def status_named(self, name: str) -> Label | None:
        """The status whose name matches ``name`` (case-insensitively)."""
        return self._by_name(self.statuses, name)

    def priority_named(self, name: str) -> Label | None:
        """The priority whose label matches ``name`` (case-insensitively)."""
        return self._by_name(self.priorities, name)

    def default_label(self, labels: dict[int, Label]) -> Label:
        """The label marked default among ``labels`` (statuses or priorities)."""
        return next(label for label in labels.values() if label.default)

    def subtasks(self, task_id: int) -> list[Task]:
        """The direct subtasks of a task, oldest first."""
        return [task for task in self.tasks.values() if task.parent_task_id == task_id]

    def total_ms(self, task_id: int) -> int:
        """Tracked time of a task: finished entries only (a running timer counts 0)."""
        return sum(
            entry.duration_ms
            for entry in self.entries.values()
            if entry.task_id == task_id and not entry.running
        )

    def delete_task(self, task_id: int) -> None:
        """Delete a task with its subtasks, comments, checklist and time entries."""
        for subtask in self.subtasks(task_id):
            self.delete_task(subtask.task_id)
        self.tasks.pop(task_id, None)
        for table in (self.comments, self.checklists, self.entries):
            for key in [key for key, row in table.items() if row.task_id == task_id]:
                del table[key]

    def delete_project(self, project_id: int) -> None:
        """Delete a project and every task in it."""
        for task in [t for t in self.tasks.values() if t.project_id == project_id]:
            self.delete_task(task.task_id)
        self.projects.pop(project_id, None)

    def delete_space(self, space_id: int) -> None:
        """Delete a space and every project (and task) in it."""
        for project in [p for p in self.projects.values() if p.space_id == space_id]:
            self.delete_project(project.project_id)
        self.spaces.pop(space_id, None)


_SEED_USERS = (
    ("Ava", "Chen", "#4F46E5", 2, "Admin"),
    ("Ben", "Okafor", "#059669", 3, "Member"),
    ("Chloe", "Martin", "#DB2777", 3, "Member"),
)
_SEED_STATUSES = (
    ("To Do", "#6B7280", "TODO", True),
    ("In Progress", "#F59E0B", "IN_PROGRESS", False),
    ("In Review", "#8B5CF6", "IN_PROGRESS", False),
    ("Done", "#10B981", "DONE", False),
)
_SEED_PRIORITIES = (
    ("Low", "#9CA3AF", False),
    ("Medium", "#3B82F6", True),
    ("High", "#EF4444", False),
    ("Urgent", "#B91C1C", False),
)


class Store:
    """All organisations and users of one fake server."""

    def __init__(self) -> None:
        self._counters: dict[str, Iterator[int]] = {}
        self.users: dict[int, User] = {}
        self.orgs: dict[int, Org] = {}
        for first, last, color, role_id, role_name in _SEED_USERS:
            self.add_user(first, last, color=color, role_id=role_id, role_name=role_name)

    def next_id(self, kind: str) -> int:
        """A fresh id for a record of ``kind``, unique across all organisations."""
        counter = self._counters.setdefault(kind, itertools.count(1))
        return next(counter)

    def add_user(
        self,
        first_name: str,
        last_name: str,
        *,
        email: str | None = None,
        color: str = "#0EA5E9",
        role_id: int = 3,
        role_name: str = "Member",
    ) -> User:
        """Create a user (a member of every organisation)."""
        user_id = self.next_id("user")
        if email is None:
            email = f"{first_name}.{last_name}@example.com".lower().replace(" ", "")
        user = User(user_id, first_name, last_name, email, color, role_id, role_name)
        self.users[user_id] = user
        return user

    def org(self, org_id: int) -> Org:
        """The organisation ``org_id``, created (with default labels) on first use."""
        org = self.orgs.get(org_id)
        if org is None:
            org = Org(org_id)
            for name, color, category, default in _SEED_STATUSES:
                label = Label(self.next_id("status"), name, color, category, default=default)
                org.statuses[label.label_id] = label
            for name, color, default in _SEED_PRIORITIES:
                label = Label(self.next_id("priority"), name, color, None, default, default)
                org.priorities[label.label_id] = label
            self.orgs[org_id] = org
        return org
