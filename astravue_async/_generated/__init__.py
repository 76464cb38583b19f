# generated from openapi/astravue.openapi.yaml — do not edit (run `make generate`)
"""Code generated from the OpenAPI spec."""
