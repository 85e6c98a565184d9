"""The Flask application: one plans folder, one address, guarded against other sites.

The server binds 127.0.0.1 only, and answers only requests whose Host (and Origin, when
a browser sends one) is that very address, so a page on another site cannot reach it
through DNS rebinding. Every form that changes a file carries a per-process token. No
page may be framed by another site (a hidden frame would get the clerk's click). Every
error page is Vietnamese and names no path of the server, the HTTP server's own ones
(a request line or headers too long) included."""

from __future__ import annotations

import hmac
import html
import secrets
import socket
import tempfile
from pathlib import Path
from typing import ClassVar

from flask import Flask, Response, abort, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from kehoach.errors import KehoachError, failure_message

HOST = "127.0.0.1"
MAX_UPLOAD = 20 * 1024 * 1024
"""Bytes a request may carry (all its uploads together)."""
HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; "
                               "object-src 'none'; script-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # "no-referrer" makes Chromium send Origin: null
}
"""On every answer: no framing by another site, no script but the server's own."""


def create_app(plans_dir: Path, port: int, work_dir: Path | None = None) -> Flask:
    """The application for `plans_dir`, answering as http://127.0.0.1:`port`/."""
    from kehoach.serve import comparing, editor, jobs, listing, made, preview, reporting, versions

    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_UPLOAD,
        PLANS_DIR=plans_dir.resolve(),
        WORK_DIR=(work_dir or Path(tempfile.mkdtemp(prefix="kehoach-serve-"))).resolve(),
        CSRF=secrets.token_urlsafe(32),
    )
    set_address(app, port)
    app.before_request(_guard)
    app.after_request(_protect)
    app.context_processor(lambda: {"csrf": app.config["CSRF"]})
    app.register_error_handler(KehoachError, _plan_problem)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
    for module in (listing, editor, versions, preview, jobs, comparing, made, reporting):
        app.register_blueprint(module.blueprint)
    return app


def set_address(app: Flask, port: int) -> None:
    app.config["ADDRESS"] = f"{HOST}:{port}"


class _Handler(WSGIRequestHandler):
    """The HTTP server's own refusals (a request line over 64 KB: 414; too many or too
    long headers: 431; a malformed request: 400), in Vietnamese and framed by no one."""

    MESSAGES: ClassVar[dict[int, str]] = {
        414: "địa chỉ trang quá dài", 431: "yêu cầu có quá nhiều hoặc quá dài phần đầu",
        400: "yêu cầu không đúng dạng", 501: "trang này không nhận kiểu yêu cầu đó",
        505: "phiên bản HTTP không được hỗ trợ"}

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        said = html.escape(self.MESSAGES.get(code, "không xử lý được yêu cầu"))
        body = ('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Lỗi — '
                f'kehoach</title></head><body><h1>Chưa làm được</h1><p>{said} (mã {code}).</p>'
                '<p><a href="/">Danh sách kế hoạch</a></p></body></html>').encode()
        self.close_connection = True
        try:
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            for name, value in HEADERS.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(body)
        except OSError:
            pass  # the browser has gone


def start_server(plans_dir: Path, port: int) -> tuple[BaseWSGIServer, Flask]:
    """A threaded server bound to 127.0.0.1:`port` (0: any free port), not yet serving;
    the LibreOffice of its previews starting in the background. `close` ends both."""
    from kehoach.serve import preview

    # Bound here so that a busy port is an OSError to report, not werkzeug's sys.exit.
    with socket.create_server((HOST, port)) as listening:
        bound = listening.getsockname()[1]
        app = create_app(plans_dir, bound)
        server = make_server(HOST, bound, app, threaded=True, fd=listening.fileno(),
                             request_handler=_Handler)
    preview.warm(app)
    return server, app


def close(server: BaseWSGIServer, app: Flask) -> None:
    """The server's socket closed and its LibreOffice stopped (no process left behind)."""
    from kehoach.serve import preview

    try:
        server.server_close()
    finally:
        preview.stop(app)


def url(app: Flask) -> str:
    return f"http://{app.config['ADDRESS']}/"


def _guard() -> None:
    """Refuse other hosts (DNS rebinding), other origins, and changes without the token."""
    from flask import current_app

    address = current_app.config["ADDRESS"]
    if request.host != address:
        abort(421, f"chỉ trả lời địa chỉ http://{address}/")
    origin = request.headers.get("Origin")
    if origin is not None and origin != f"http://{address}":
        abort(403, "yêu cầu từ trang khác bị từ chối")
    if request.method not in ("GET", "HEAD"):
        sent = request.form.get("csrf", "")
        if not hmac.compare_digest(sent.encode(), current_app.config["CSRF"].encode()):
            abort(403, "thiếu hoặc sai mã bảo vệ của biểu mẫu; hãy tải lại trang rồi làm lại")


def _protect(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _named(file: str) -> str:
    """A file as a page names it: inside the plans folder from there down, else only its
    name (never a path of the server: a job folder, a temporary file)."""
    from flask import current_app

    root = current_app.config["PLANS_DIR"]
    path = Path(file)
    try:
        path = path.resolve()
    except (OSError, RuntimeError):
        return path.name
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def _plan_problem(error: KehoachError) -> tuple[str, int]:
    """The problems, each with its file named inside the plans folder (or by its name),
    and any path a message carries said the same way."""
    from dataclasses import replace

    from flask import current_app

    roots = [str(current_app.config["PLANS_DIR"]) + "/", str(current_app.config["WORK_DIR"]),
             tempfile.gettempdir()]

    def cleaned(message: str) -> str:
        for root in roots:
            while root in message:
                start = message.index(root)
                end = start + len(root)
                while end < len(message) and not message[end].isspace() and message[end] not in (
                        ":", ",", ";", ")"):
                    end += 1
                message = message[:start] + _named(message[start:end]) + message[end:]
        return message

    problems = [replace(p, file=_named(p.file) if p.file else "", message=cleaned(p.message))
                for p in error.problems]
    return render_template("problem.html", problems=problems), 400


def _too_large(_error: RequestEntityTooLarge) -> tuple[str, int]:
    message = f"tệp tải lên quá lớn: tối đa {MAX_UPLOAD // (1024 * 1024)} MB"
    return render_template("problem.html", failure=message), 413


_DEFAULTS = {404: "không có trang này", 405: "trang này không nhận kiểu yêu cầu đó",
             400: "yêu cầu không đúng dạng", 414: "địa chỉ trang quá dài",
             431: "yêu cầu có quá nhiều hoặc quá dài phần đầu"}


def _unexpected(error: Exception) -> tuple[str, int]:
    """A failure of the machine (a read-only or full folder …) in the words the command
    line uses; a fault of kehoach itself logged for the engineer, a plain page for the
    clerk."""
    from flask import current_app

    said = failure_message(error)
    if said is not None:
        file = getattr(error, "filename", None)
        where = f"{_named(str(file))}: " if file else ""
        return render_template("problem.html", failure=f"{where}{said}"), 500
    current_app.logger.exception("lỗi không lường trước", exc_info=error)
    message = (
        "kehoach gặp lỗi ngoài dự kiến khi làm việc này; không tệp nào bị ghi dở. "
        "Hãy báo cho người quản trị kèm thời điểm xảy ra."
    )
    return render_template("problem.html", failure=message), 500


def _http_error(error: HTTPException) -> tuple[str, int]:
    """Our own messages are Vietnamese; werkzeug's English defaults are replaced."""
    message = error.description
    if message == type(error).description or not message:
        message = _DEFAULTS.get(error.code or 0, "lỗi khi xử lý yêu cầu")
    return render_template("problem.html", failure=message), error.code or 500
