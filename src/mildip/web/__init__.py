"""The analyst's workbench: a FastAPI application with server-rendered pages and a JSON
API over one store (``mildip serve``). Routes parse, call :mod:`mildip.review`, and
render; see ``docs/workbench.md``.

* :mod:`~mildip.web.app` - :func:`create_app`, security headers, error pages;
* :mod:`~mildip.web.auth` - sessions, roles, CSRF, login throttling;
* :mod:`~mildip.web.filters` - the events filters parsed from the URL;
* :mod:`~mildip.web.forms` - edit/add form fields to event field values;
* :mod:`~mildip.web.pages` / :mod:`~mildip.web.api` - the HTML routes and ``/api/``;
* :mod:`~mildip.web.jobs` - ingest as a background job;
* :mod:`~mildip.web.server` - binding rules and running uvicorn.
"""
