"""HEAD answered as GET without the body."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """HEAD is GET without the body (RFC 9110): monitors, proxies and `curl -I` use it, and
    FastAPI's GET routes alone answer it with 405.

    The routes get a copy of the scope that says GET; the server keeps its own, which still
    says HEAD, so it sends the GET's headers (Content-Length included) and expects no body.
    Rewriting the server's scope in place made uvicorn wait for the body it announced
    ("Response content shorter than Content-Length") and drop the connection."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
