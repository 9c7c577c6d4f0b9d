"""The presentation page's Streamlit side: session state, the timer, the controls and the CSS.

What the slides show and in which order is decided in :mod:`lebak_dash.views.presentation_state`
and :mod:`lebak_dash.views.slides` (pure; the slides are made from the pages' own views); this
module keeps the session's settings and clock anchor, draws the slide inside a fragment that
Streamlit reruns every interval (``st.fragment(run_every=...)``), mirrors the state in the URL and
hides Streamlit's chrome with a constant style sheet.

Timer. Only the fragment reruns on a tick, and each rerun asks "which slide now?"
(:func:`lebak_dash.views.presentation_state.current_position`) after reading the active data
version again (:func:`lebak_dash.ui.data.get_dataset`), so a version activated meanwhile shows on
the next slide. The controls sit outside the fragment: a click reruns the whole page, which
restarts the browser's timer (Streamlit clears every fragment timer on a full run) in step with
the new anchor; while paused the fragment is drawn without ``run_every``, so no tick arrives at all.
"""

from __future__ import annotations

import time
from dataclasses import replace

import streamlit as st

from lebak_dash.analysis.filters import FilterOptions, Filters
from lebak_dash.charts.style import gap_label
from lebak_dash.i18n import LANGS, t
from lebak_dash.ui import state
from lebak_dash.ui.access import require_viewer
from lebak_dash.ui.data import get_dataset, get_prepared, get_selection
from lebak_dash.ui.router import leave_legacy_pages_mode, page_file
from lebak_dash.ui.share import slide_picture_button
from lebak_dash.views import presentation_state as pres
from lebak_dash.views import slide_html, slides
from lebak_dash.views.chart_text import figure_summary
from lebak_dash.views.labels import kecamatan_label
from lebak_dash.views.presentation_state import Anchor, Position, Settings
from lebak_dash.views.screen import big_screen

SETTINGS_KEY = "_p_settings"
ANCHOR_KEY = "_p_anchor"
#: (position, time, showcase pages) of the slide last drawn: what the controls move from.
SHOWN_KEY = "_p_shown"
#: Widget keys.
KEY_PREV, KEY_NEXT, KEY_PAUSE = "p_prev", "p_next", "p_pause"
KEY_INTERVAL, KEY_THEME, KEY_LANG = "p_interval", "p_theme", "p_lang"
KEY_OPD, KEY_KEC, KEY_YEAR, KEY_WHOLE = "p_opd", "p_kec", "p_tahun", "p_whole"
KEY_SETTINGS = "p_settings"
#: Plotly on the big screen: a picture, no tool bar, no hover, no logo link.
STATIC_PLOTLY: dict[str, object] = {"staticPlot": True, "displayModeBar": False, "displaylogo": False}

# Our own constant: no user text ever goes into this string. Colours come from CSS variables
# switched by the header's theme class (``p-theme-gelap``), so a theme change needs no new CSS.
CSS = """
<style>
:root {
  --p-bg: #FFFFFF; --p-fg: #000000; --p-muted: #26313D; --p-line: #AEB8C4; --p-card: #EEF2F6;
  --p-accent: #007A5A; --p-dot: #9AA5B1;
}
.stApp:has(.p-theme-gelap) {
  --p-bg: #000000; --p-fg: #FFFFFF; --p-muted: #DCE3EA; --p-line: #56606C; --p-card: #121821;
  --p-accent: #2BD19B; --p-dot: #56606C;
}
html, body { overflow: hidden !important; }
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {
  background: var(--p-bg) !important; color: var(--p-fg) !important; overflow: hidden !important;
}
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stStatusWidget"], [data-testid="stTopNav"], [data-testid="stAppDeployButton"],
[data-testid="stMainMenu"], footer:not(.p-foot) { display: none !important; }
[data-testid="stMainBlockContainer"] {
  padding: 2vh 2.5vw 0 2.5vw !important; max-width: none !important; height: 100vh; box-sizing: border-box;
}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { gap: 0 !important; height: 100%; }
.st-key-p_slide { height: 100%; gap: 0 !important; flex-wrap: nowrap !important; }
.p-head { height: 12vh; display: flex; flex-direction: column; justify-content: center; overflow: hidden;
  border-bottom: 0.35vh solid var(--p-accent); box-sizing: border-box; }
.p-title { font-size: clamp(24px, 5vh, 64px) !important; font-weight: 700 !important; line-height: 1.1 !important;
  color: var(--p-fg) !important; margin: 0 !important; padding: 0 !important; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; }
.p-meta { display: flex; justify-content: space-between; gap: 2vw; margin-top: 0.8vh;
  font-size: clamp(14px, 2.4vh, 32px); line-height: 1.2; color: var(--p-muted); }
.p-scope { font-weight: 600; color: var(--p-fg); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.p-data { white-space: nowrap; }
.st-key-p_body { height: 78vh; flex: 0 0 78vh !important; overflow: hidden; padding-top: 1.5vh;
  box-sizing: border-box; gap: 2vw !important; flex-wrap: nowrap !important; }
.st-key-p_body { align-items: stretch !important; }
.st-key-p_body > [data-testid="stLayoutWrapper"] { height: 100%; min-width: 0; align-self: stretch; }
.st-key-p_body > [data-testid="stLayoutWrapper"]:has(> .st-key-p_main) { flex: 1 1 0 !important; }
.st-key-p_body > [data-testid="stLayoutWrapper"]:has(> .st-key-p_side) { flex: 0 0 32% !important; }
.st-key-p_body:has(.st-key-p_fig_peta) > [data-testid="stLayoutWrapper"]:has(> .st-key-p_side) {
  flex-basis: 30% !important; }
.st-key-p_body > [data-testid="stLayoutWrapper"]:has(> .st-key-p_map) { flex: 0 0 38% !important; }
.st-key-p_body > [data-testid="stLayoutWrapper"]:has(> .st-key-p_bars) { flex: 1 1 0 !important; }
.st-key-p_body > [data-testid="stLayoutWrapper"]:has(> [class*="st-key-p_half_"]) { flex: 1 1 0 !important; }
.st-key-p_main, .st-key-p_side, .st-key-p_map, .st-key-p_bars, [class*="st-key-p_half_"] { height: 100%; min-width: 0; }
.st-key-p_body [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) { height: 100%; flex: 1 1 0; }
.st-key-p_body [data-testid="stPlotlyChart"] { height: 100% !important; }
.p-kpis { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 2vw; margin-top: 2vh; }
.p-kpi { background: var(--p-card); border-radius: 1.2vh; padding: 2.5vh 1.5vw; border-top: 0.8vh solid var(--p-accent);
  min-width: 0; }
.p-kpi-label { font-size: clamp(16px, 3vh, 40px); font-weight: 600; color: var(--p-fg); line-height: 1.2;
  min-height: 2.4em; }
.p-kpi-value { font-size: clamp(64px, 13vh, 180px); font-weight: 800; line-height: 1; color: var(--p-fg);
  margin: 1.5vh 0; white-space: nowrap; letter-spacing: -0.02em; }
.p-kpi-detail { font-size: clamp(16px, 3vh, 40px); color: var(--p-muted); line-height: 1.2; }
.p-stages { margin-top: 6vh; color: var(--p-fg); }
.p-stages-title { color: var(--p-muted); font-size: clamp(16px, 3vh, 40px); margin-bottom: 1.2vh; }
.p-stagebar { display: flex; width: 100%; height: 11vh; border-radius: 1vh; overflow: hidden; gap: 0.3vw; }
.p-stage { flex-basis: 0; flex-shrink: 1; min-width: 12%; display: flex; flex-direction: column;
  justify-content: center; padding: 0 1vw; box-sizing: border-box; overflow: hidden; white-space: nowrap; }
.p-stage-name { font-size: clamp(16px, 2.8vh, 38px); font-weight: 600; line-height: 1.15; }
.p-stage-count { font-size: clamp(20px, 4.4vh, 60px); font-weight: 800; line-height: 1.1; }
.p-facts { display: flex; flex-direction: column; gap: 1.6vh; margin-bottom: 3vh; }
.p-explain { font-size: clamp(14px, 2.5vh, 34px); line-height: 1.25; color: var(--p-muted); }
.p-fact { display: flex; align-items: baseline; gap: 1vw; color: var(--p-fg); }
.p-fact-value { font-size: clamp(28px, 6vh, 80px); font-weight: 800; line-height: 1; min-width: 2.2ch; }
.p-fact-label { font-size: clamp(14px, 2.5vh, 34px); line-height: 1.2; color: var(--p-muted); }
.p-fact-label b { color: var(--p-fg); }
.p-names { height: 100%; overflow: hidden; color: var(--p-fg); }
.p-names-title { font-size: clamp(18px, 3.4vh, 44px); font-weight: 700; margin-bottom: 1.2vh; line-height: 1.2; }
.p-names ul { margin: 0; padding-left: 1.2em; font-size: clamp(14px, 2.5vh, 34px); line-height: 1.25; }
.p-names li { margin: 0 0 0.6vh 0; padding: 0; }
.p-names li::marker { color: var(--p-muted); }
.p-names-more { margin-top: 1vh; font-size: clamp(14px, 2.5vh, 34px); color: var(--p-muted); }
.p-cards { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); grid-template-rows: repeat(2, 1fr);
  gap: 2.2vh 1.6vw; height: 70vh; margin-top: 1vh; }
.p-card { background: var(--p-card); border-left: 1vh solid #009E73; border-radius: 1.2vh; padding: 2.2vh 1.4vw;
  display: flex; flex-direction: column; gap: 1.2vh; overflow: hidden; color: var(--p-fg); min-height: 0; }
.p-card-name { font-size: clamp(18px, 3.6vh, 48px); font-weight: 700; line-height: 1.15; display: -webkit-box;
  -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere; }
.p-card-opd { font-size: clamp(14px, 2.6vh, 36px); line-height: 1.2; color: var(--p-muted); display: -webkit-box;
  -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere; }
.p-card-facts { margin-top: auto; display: flex; flex-direction: column; gap: 0.5vh; line-height: 1.2;
  font-size: clamp(14px, 2.4vh, 32px); }
.p-card-facts span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.p-card-facts b { color: var(--p-muted); font-weight: 600; margin-right: 0.4em; }
.p-message { font-size: clamp(20px, 4vh, 56px); color: var(--p-muted); padding: 20vh 5vw; text-align: center; }
.p-foot { height: 6vh; display: flex; flex-direction: column; justify-content: center; gap: 0.8vh;
  box-sizing: border-box; }
.p-indicator { display: flex; align-items: center; gap: 1.2vw; font-size: clamp(14px, 2.4vh, 30px);
  color: var(--p-muted); padding: 0 32vw 0 0.3vh; white-space: nowrap; overflow: hidden; }
.p-dots { display: flex; gap: 0.6vw; }
.p-dot { width: 1.4vh; height: 1.4vh; border-radius: 50%; background: var(--p-dot); display: inline-block; }
.p-dot-on { background: var(--p-fg); transform: scale(1.3); }
.p-count { font-weight: 700; color: var(--p-fg); }
.p-timebar { height: 0.5vh; background: transparent; width: 100%; overflow: hidden; }
.p-timefill { height: 100%; width: 100%; background: var(--p-accent); transform-origin: left;
  animation-name: p-fill; animation-timing-function: linear; animation-fill-mode: both; }
@keyframes p-fill { from { transform: scaleX(0); } to { transform: scaleX(1); } }
.st-key-p_controls { position: fixed !important; right: 1.5vw; bottom: 1vh; z-index: 1000; width: auto !important;
  opacity: 0.45; transition: opacity 0.2s; gap: 0.5vw !important; }
.st-key-p_controls:hover, .st-key-p_controls:focus-within { opacity: 1; }
.stApp:not(:has(.st-key-p_body .js-plotly-plot)) .p-png-button { display: none; }
.st-key-p_controls button, .st-key-p_controls a { min-height: 0 !important; padding: 0.3vh 0.8vw !important;
  background: var(--p-card) !important; color: var(--p-fg) !important; border-color: var(--p-line) !important; }
.st-key-p_controls p, .st-key-p_controls span { font-size: clamp(12px, 1.8vh, 22px) !important;
  color: var(--p-fg) !important; }
</style>
"""


# ------------------------------------------------------------------------------------- state
def _query_dict() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _init_state() -> None:
    """Start the session's presentation from the URL (a reload, a bookmark) once per session."""
    ss = st.session_state
    if not isinstance(ss.get(SETTINGS_KEY), Settings):
        settings, position = pres.settings_from_query(_query_dict())
        ss[SETTINGS_KEY] = settings
        ss[ANCHOR_KEY] = Anchor(position, time.time())
        ss.pop(SHOWN_KEY, None)


def _settings() -> Settings:
    return st.session_state[SETTINGS_KEY]


def _shown() -> tuple[Position, float, int]:
    shown = st.session_state.get(SHOWN_KEY)
    if shown is None:
        anchor: Anchor = st.session_state[ANCHOR_KEY]
        return anchor.position, anchor.at, 1
    return shown


def _reanchor_on_full_run() -> None:
    """Every full run restarts the browser's timer: anchor the clock at the slide due now."""
    ss = st.session_state
    shown = ss.get(SHOWN_KEY)
    position, shown_at, pages = shown if shown is not None else (None, None, 1)
    ss[ANCHOR_KEY] = pres.anchor_for_run(ss[ANCHOR_KEY], position, shown_at, time.time(), _settings(), pages)


# ------------------------------------------------------------------------------------ callbacks
def _set_slide(position: Position) -> None:
    """Put `position` on screen now, by hand: a new anchor, and what the next full run starts from."""
    _, _, pages = _shown()
    now = time.time()
    st.session_state[ANCHOR_KEY] = Anchor(position, now)
    if SHOWN_KEY in st.session_state:
        st.session_state[SHOWN_KEY] = (position, now, pages)


def _move(delta: int) -> None:
    position, _, pages = _shown()
    _set_slide(pres.step(position, delta, pages))


def _toggle_pause() -> None:
    settings = _settings()
    st.session_state[SETTINGS_KEY] = replace(settings, paused=not settings.paused)
    _keep_slide()


def _keep_slide() -> None:
    _set_slide(_shown()[0])


def _on_interval() -> None:
    value = st.session_state.get(KEY_INTERVAL)
    st.session_state[SETTINGS_KEY] = replace(_settings(), interval=pres.clamp_interval(value))
    _keep_slide()


def _on_theme() -> None:
    value = st.session_state.get(KEY_THEME)
    st.session_state[SETTINGS_KEY] = replace(_settings(), theme=value if value in pres.THEMES else pres.DEFAULT_THEME)
    _keep_slide()


def _on_lang() -> None:
    state.set_lang(st.session_state.get(KEY_LANG, ""))
    _keep_slide()


def _on_scope(field: str, key: str) -> None:
    value = st.session_state.get(key)
    current = state.peek_filters()
    if field == "tahun":
        updated = replace(current, tahun=None if value is None else (int(value), int(value)))
    else:
        updated = current.with_values(field, [] if value is None else [value])
    state.set_filters(updated)
    _keep_slide()


def _whole_kabupaten() -> None:
    state.reset_filters()
    _keep_slide()


# -------------------------------------------------------------------------------------- drawing
def _sync_presentation_url(settings: Settings, position: Position) -> None:
    """Write the presentation's parameters into the URL (the filters are written by ``state.sync_url``)."""
    state.write_query(pres.presentation_query(settings, position), pres.PRESENTATION_PARAMS)


def _chart(figure: object, key: str) -> None:
    # The chart's title (its finding) is its accessible name; the slide says it in words too.
    alt = figure_summary(figure) or None
    st.plotly_chart(figure, key=key, theme=None, config=STATIC_PLOTLY, width="stretch", height="stretch", alt=alt)


def _names(content: slides.SlideContent, lang: str) -> str:
    more_key = "p.opd.more" if content.ref.kind == "opd" else "p.opd.more_kec"
    more = t(more_key, lang, n=content.names_more) if content.names_more else ""
    return slide_html.names_html(content.names_title, content.names, more, content.empty)


def _draw_body(content: slides.SlideContent, lang: str) -> None:
    kind = content.ref.kind
    if content.empty and not content.figures:
        st.html(slide_html.message_html(content.empty))
        return
    if kind == "kpi":
        st.html(slide_html.kpi_html(content.kpis, content.stages, content.stages_title or t("p.kpi.stages", lang)))
    elif kind in ("opd", "peta"):
        with st.container(key="p_main"):
            _chart(content.figures[0], f"p_fig_{kind}")
        with st.container(key="p_side"):
            facts = slide_html.facts_html(content.kpis, content.explain) if content.kpis or content.explain else ""
            st.html(facts + _names(content, lang))
    elif kind == pres.SHOWCASE:
        labels = {field: t(f"p.card.{field}", lang) for field in ("opd", "kecamatan", "tahun")}
        st.html(slide_html.cards_html(content.cards, labels))
    elif len(content.figures) > 1:  # both stage models: their charts side by side
        for number, figure in enumerate(content.figures):
            with st.container(key=f"p_half_{number}"):
                _chart(figure, f"p_fig_{kind}_{number}")
    else:
        _chart(content.figures[0], f"p_fig_{kind}")


def _draw_slide() -> None:
    """Draw the slide due now (the fragment's body: runs on every tick)."""
    ss = st.session_state
    lang = state.current_lang()
    dataset = get_dataset()  # one small read: a newly activated version shows on this tick
    prepared = get_prepared(dataset)
    filters: Filters = state.current_filters(prepared.options, dataset.reference, prepared.key)
    selection = get_selection(dataset, filters)
    pages = pres.showcase_page_count(len(slides.showcase_records(selection.records)))
    settings = _settings()
    now = time.time()
    position = pres.current_position(ss[ANCHOR_KEY], now, settings, pages)
    ss[SHOWN_KEY] = (position, now, pages)
    ref = pres.slide_at(position, pages)
    content = slides.build_slide(ref, selection, lang, big_screen(settings.style))
    number, total = pres.slide_number(position, pages)
    data = slides.data_label(
        is_sample=dataset.is_sample, version=dataset.version, uploaded_at=dataset.uploaded_at, lang=lang
    )
    with st.container(key="p_slide"):
        st.html(slide_html.header_html(content.title, slides.scope_label(filters, lang), data, settings.theme))
        horizontal = ref.kind in ("opd", "peta") or len(content.figures) > 1
        with st.container(key="p_body", horizontal=horizontal):
            _draw_body(content, lang)
        st.html(
            slide_html.footer_html(
                number,
                total,
                content.note,
                t("p.indicator", lang, n=number, total=total),
                None if settings.paused else settings.interval,
                f"{position.round}-{position.index}",
            )
        )
    state.sync_url(filters, lang)
    _sync_presentation_url(settings, position)


def _scope_select(
    field: str, key: str, options: tuple[str, ...], value: str | None, placeholder: str, lang: str
) -> None:
    st.session_state[key] = value
    st.selectbox(
        t(f"p.set.{field}", lang),
        options=list(options),
        index=None,
        key=key,
        placeholder=placeholder,
        on_change=_on_scope,
        args=(field, key),
        format_func=lambda v: kecamatan_label(v, lang) if field == "kecamatan" else gap_label(v, lang),
    )


def _scope_choice(chosen: tuple[str, ...], lang: str) -> tuple[str | None, str]:
    """Return (the value a single-choice box shows, its placeholder) for a filter's values."""
    if len(chosen) == 1:
        return chosen[0], t("p.set.all", lang)
    if chosen:
        return None, t("p.set.several", lang, n=len(chosen))
    return None, t("p.set.all", lang)


def _settings_panel(settings: Settings, filters: Filters, options: FilterOptions, lang: str) -> None:
    """Draw the settings (inside the popover): timing, look and language; the scope."""
    ss = st.session_state
    left, right = st.columns(2, gap="medium")
    with left:
        ss[KEY_INTERVAL] = settings.interval
        st.number_input(
            t("p.set.interval", lang),
            min_value=pres.MIN_INTERVAL,
            max_value=pres.MAX_INTERVAL,
            step=1,
            key=KEY_INTERVAL,
            on_change=_on_interval,
        )
        ss[KEY_THEME] = settings.theme
        st.radio(
            t("p.set.theme", lang),
            options=list(pres.THEMES),
            format_func=lambda v: t(f"p.theme.{v}", lang),
            key=KEY_THEME,
            horizontal=True,
            on_change=_on_theme,
        )
        ss[KEY_LANG] = lang
        st.radio(
            t("p.set.lang", lang),
            options=list(LANGS),
            format_func=lambda code: t(f"label.lang.{code}", lang),
            key=KEY_LANG,
            horizontal=True,
            on_change=_on_lang,
        )
    with right:
        _scope_select("opd", KEY_OPD, options.opd, *_scope_choice(filters.opd, lang), lang)
        _scope_select("kecamatan", KEY_KEC, options.kecamatan, *_scope_choice(filters.kecamatan, lang), lang)
        years = tuple(str(y) for y in range(options.years[0], options.years[1] + 1)) if options.years else ()
        tahun = filters.tahun
        if tahun is not None and tahun[0] != tahun[1]:
            _scope_select("tahun", KEY_YEAR, years, None, f"{tahun[0]}-{tahun[1]}", lang)
        else:
            chosen = str(tahun[0]) if tahun is not None else None
            _scope_select("tahun", KEY_YEAR, years, chosen, t("p.set.all", lang), lang)
        st.button(t("p.set.whole", lang), key=KEY_WHOLE, on_click=_whole_kabupaten, disabled=filters.is_empty)
    st.caption(t("p.set.scope_help", lang))


def _controls(lang: str) -> None:
    """Draw the discreet controls (bottom right): previous, pause/play, next, settings, the
    slide's chart as a PNG, exit."""
    settings = _settings()
    dataset = get_dataset()
    prepared = get_prepared(dataset)
    filters = state.peek_filters()
    with st.container(key="p_controls", horizontal=True, vertical_alignment="center"):
        st.button(t("p.prev", lang), key=KEY_PREV, help=t("p.prev_help", lang), on_click=_move, args=(-1,))
        pause = "p.play" if settings.paused else "p.pause"
        st.button(t(pause, lang), key=KEY_PAUSE, help=t(f"{pause}_help", lang), on_click=_toggle_pause)
        st.button(t("p.next", lang), key=KEY_NEXT, help=t("p.next_help", lang), on_click=_move, args=(1,))
        with st.popover(t("p.settings", lang), help=t("p.settings_help", lang), key=KEY_SETTINGS):
            _settings_panel(settings, filters, prepared.options, lang)
        slide_picture_button(lang)  # does nothing on a slide without a chart
        st.page_link(
            page_file("ringkasan"),
            label=t("p.exit", lang),
            help=t("p.exit_help", lang),
            query_params=state.desired_query(filters, lang),
        )


def presentation_page() -> None:
    """Run the presentation page: chrome hidden, the slide fragment on a timer, the controls."""
    leave_legacy_pages_mode()
    lang = state.current_lang()
    require_viewer(lang)  # the meeting-room screen is behind the viewer password too, when one is set
    _init_state()
    _reanchor_on_full_run()
    st.html(CSS)
    settings = _settings()
    st.fragment(_draw_slide, run_every=None if settings.paused else settings.interval)()
    _controls(lang)
