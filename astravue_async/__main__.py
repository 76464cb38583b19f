"""``python -m astravue_async``: the ``astravue`` command line."""

from astravue_async.cli import main

raise SystemExit(main())
