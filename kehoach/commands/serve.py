"""`kehoach serve`: the local web editor, on 127.0.0.1 only."""

from __future__ import annotations

import errno
from pathlib import Path

import click

from kehoach.commands.common import Command
from kehoach.errors import KehoachError

DEFAULT_PORT = 8765

_PORT_REASONS = {
    errno.EADDRINUSE: "cổng đang có chương trình khác dùng; chọn cổng khác bằng --port",
    errno.EACCES: "không có quyền mở cổng này (cổng dưới 1024 cần quyền quản trị)",
    errno.EADDRNOTAVAIL: "máy này không có địa chỉ 127.0.0.1",
}


@click.command(cls=Command)
@click.argument("plans_dir", required=False, default=Path("plans"), type=click.Path(path_type=Path))
@click.option("--port", type=int, default=DEFAULT_PORT, metavar="CỔNG",
              help=f"Cổng trên 127.0.0.1 mà trang web nghe (mặc định {DEFAULT_PORT}).")
@click.option("--open", "open_browser", is_flag=True,
              help="Mở trang trong trình duyệt của máy này khi đã sẵn sàng (cho lối tắt).")
def serve(plans_dir: Path, port: int, open_browser: bool) -> None:
    """Mở trang soạn các kế hoạch trong PLANS_DIR (mặc định plans/) trên trình duyệt."""
    from kehoach.serve.app import close, start_server, url
    from kehoach.system import processes

    if not 1 <= port <= 65535:
        raise KehoachError(f"--port {port}: cổng phải từ 1 đến 65535")
    if not plans_dir.is_dir():
        what = "không phải thư mục" if plans_dir.exists() else "không có thư mục"
        raise KehoachError(f"{plans_dir}: {what}")
    try:
        server, app = start_server(plans_dir, port)
    except OSError as error:
        reason = _PORT_REASONS.get(error.errno or 0, error.strerror)
        raise KehoachError(f"không mở được cổng {port} trên 127.0.0.1: {reason}") from None
    processes.on_stop(lambda: close(server, app))  # told to stop: no LibreOffice left running
    click.echo(url(app))
    click.echo("Mở địa chỉ trên bằng trình duyệt của máy này; Ctrl+C để dừng.")
    if open_browser:  # the port is bound: the browser's request waits for serve_forever
        import webbrowser

        webbrowser.open(url(app))
    try:
        server.serve_forever()  # werkzeug's returns at Ctrl+C (it takes KeyboardInterrupt)
    except KeyboardInterrupt:
        pass
    finally:
        close(server, app)
    click.echo("đã dừng")
