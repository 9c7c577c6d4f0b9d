"""A minimal Streamlit websocket client, for load tests without a browser per session.

It speaks the protocol the browser speaks: connect to ``/_stcore/stream`` with the
``streamlit`` subprotocol, send a ``BackMsg.rerun_script`` (query string and page), read
``ForwardMsg`` until ``script_finished``. Figures are not drawn (a browser's job); the texts of
the run (markdown, text, alerts, metrics, captions) and any exception are collected, so a load test
can check what each session was shown (e.g. the data version) and that no run failed.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class RunResult:
    """What one script run sent to the client."""

    seconds: float
    status: str
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    charts: int = 0
    page_not_found: bool = False

    @property
    def ok(self) -> bool:
        """Return whether the run finished normally and showed no exception."""
        return self.status == "FINISHED_SUCCESSFULLY" and not self.exceptions and not self.page_not_found


#: Widget element types whose value this client can set, and the WidgetState field each uses.
_WIDGET_FIELDS = {
    "multiselect": "string_array_value",
    "checkbox": "bool_value",
    "selectbox": "string_value",
    "text_input": "string_value",
    "button": "trigger_value",  # a button or a form's submit button: True = clicked in this run
}


def _collect(
    msg: ForwardMsg, result: RunResult, widget_ids: dict[str, tuple[str, str]], options: dict[str, list[str]]
) -> None:
    if msg.WhichOneof("type") == "page_not_found":
        result.page_not_found = True
        return
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "exception":
        result.exceptions.append(f"{element.exception.type}: {element.exception.message}")
    elif kind in ("markdown", "text", "alert"):
        result.texts.append(getattr(element, kind).body)
    elif kind == "metric":
        result.texts.append(f"{element.metric.label}: {element.metric.body}")
    elif kind == "plotly_chart":
        result.charts += 1
    if kind in _WIDGET_FIELDS:
        widget_id = getattr(element, kind).id
        # Streamlit's widget ids end with "-<user key>" when the widget has a key.
        widget_ids[widget_id.rsplit("-", 1)[-1]] = (widget_id, _WIDGET_FIELDS[kind])
        if kind in ("selectbox", "multiselect"):  # the choices as the browser shows (and sends) them
            options[widget_id.rsplit("-", 1)[-1]] = list(getattr(element, kind).options)


class Session:
    """One browser-like session of a running Streamlit server.

    Parameters
    ----------
    base_url : str
        ``http://127.0.0.1:PORT``.
    headers : dict, optional
        Extra headers of the WebSocket handshake (e.g. a reverse proxy's sticky-session cookie,
        ``X-Forwarded-For``).
    """

    def __init__(self, base_url: str, headers: dict[str, str] | None = None) -> None:
        self.url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.headers = dict(headers or {})
        self._ws: websockets.ClientConnection | None = None
        #: Widget key -> (element id, WidgetState field), learned from the runs so far.
        self.widget_ids: dict[str, tuple[str, str]] = {}
        #: Widget key -> the choices of a selectbox or multiselect, as shown (a selectbox's value is one of them).
        self.options: dict[str, list[str]] = {}

    async def __aenter__(self) -> Session:
        self._ws = await websockets.connect(
            self.url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=30,
            ping_interval=None,
            additional_headers=self.headers,
        )
        return self

    def handshake_header(self, name: str) -> str | None:
        """Return a header of the server's answer to the WebSocket handshake (None when absent)."""
        assert self._ws is not None and self._ws.response is not None, "use 'async with Session(...)'"
        return self._ws.response.headers.get(name)

    async def __aexit__(self, *exc: object) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def rerun(
        self,
        query_string: str = "",
        page_name: str = "",
        widgets: dict[str, object] | None = None,
        timeout: float = 120.0,
    ) -> RunResult:
        """Run the app's script as the browser does, and return what it sent.

        Parameters
        ----------
        query_string : str
            The URL's query (read by a new session).
        page_name : str
            The page's ``url_path``.
        widgets : dict, optional
            Widget key -> value to send (a person changing a filter); the widget must have been
            shown by an earlier run of this session.
        timeout : float
        """
        assert self._ws is not None, "use 'async with Session(...)'"
        back = BackMsg()
        back.rerun_script.query_string = query_string
        back.rerun_script.page_name = page_name
        for key, value in (widgets or {}).items():
            widget_id, kind = self.widget_ids[key]
            state = back.rerun_script.widget_states.widgets.add()
            state.id = widget_id
            if kind == "string_array_value":
                state.string_array_value.data.extend(value)
            else:
                setattr(state, kind, value)
        start = time.perf_counter()
        await self._ws.send(back.SerializeToString())
        result = RunResult(seconds=0.0, status="TIMEOUT")
        deadline = start + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                break
            raw = await asyncio.wait_for(self._ws.recv(), timeout=remaining)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            if msg.WhichOneof("type") == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if status == "FINISHED_EARLY_FOR_RERUN":
                    continue
                result.status = status
                break
            _collect(msg, result, self.widget_ids, self.options)
        result.seconds = time.perf_counter() - start
        return result
