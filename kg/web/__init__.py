"""The analyst's workbench that ``kg serve`` answers at ``/``.

:mod:`kg.web.workbench` reads the data (claims with decisions applied), :mod:`kg.web.app`
is the Starlette application (pages, review forms, the read-only ``/query`` proxy), and
:mod:`kg.web.server` runs it with uvicorn in front of the oxigraph child that
:mod:`kg.serve` starts. Templates and static files (no CDN: everything is served from here)
live beside the code.
"""
