"""The ``client.<resource>`` namespaces."""

from astravue_async.resources.notifications import Notifications
from astravue_async.resources.project_tasks import ProjectTasks
from astravue_async.resources.projects import Projects
from astravue_async.resources.spaces import Spaces
from astravue_async.resources.task_details import Checklists, Comments, Subtasks
from astravue_async.resources.tasks import Tasks
from astravue_async.resources.timers import Timers

__all__ = [
    "Checklists",
    "Comments",
    "Notifications",
    "ProjectTasks",
    "Projects",
    "Spaces",
    "Subtasks",
    "Tasks",
    "Timers",
]
