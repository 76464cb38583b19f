"""``client.projects``: projects inside a space.

Every method only restates the spec, so all of them are generated: see
``astravue_async/_generated/resources.py`` (``make generate`` rewrites it from the spec).
"""

from __future__ import annotations

from astravue_async._generated.resources import ProjectsBase

__all__ = ["Projects"]


class Projects(ProjectsBase):
    """Projects of a space."""
