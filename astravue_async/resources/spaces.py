"""``client.spaces``: top-level containers for projects.

Every method only restates the spec, so all of them are generated: see
``astravue_async/_generated/resources.py`` (``make generate`` rewrites it from the spec).
"""

from __future__ import annotations

from astravue_async._generated.resources import SpacesBase

__all__ = ["Spaces"]


class Spaces(SpacesBase):
    """Spaces of the organisation."""
