"""The security headers every answer carries: the app's (app.middleware.security) and those
`archive serve` gives before the app sees a request (app.serving).

Only the standard library here: the supervisor of `archive serve` with several workers
reads them, and importing the middleware loaded the whole web stack (FastAPI, SQLAlchemy,
the query layer: 1.4 s of CPU) in a process that serves nothing, before any worker started.
"""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
