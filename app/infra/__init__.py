"""Plumbing that several services share and that knows nothing of the business.

Below the services and beside the domain: it may use the standard library, `app.domain` (for
UserError) and file-format libraries (openpyxl), never the database or another service, so two
services that both need it do not need each other (tests/test_architecture.py holds it to that).
"""
