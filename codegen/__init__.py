"""Code generator: OpenAPI spec (+ overrides) → ``astravue_async/_generated``.

Run ``python -m codegen`` (or ``make generate``); ``python -m codegen --check`` regenerates into
a temporary directory and fails if the committed files differ.
"""
