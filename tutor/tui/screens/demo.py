"""The demo screen: pick a demo and a device, start it, watch it train, stop it.

Each run lives in `app.demo_runs` (a DemoRun: the DemoProcess plus the events it has sent), so it
keeps going while the learner reads another screen and is there again on return. The run tells
this screen when it changed (a RunChanged message posted from the reader's thread, one at a
time however fast the demo talks); the screen redraws at once, or — within REDRAW_INTERVAL_S of
the last redraw — once when the interval is up: at most ~4 redraws per second, and none while
nothing happens.
"""
from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Header, ProgressBar, RichLog, Select, Static

from tutor.demos.config import DEMOS, DEVICES, ConfigError
from tutor.demos.labels import label
from tutor.demos.live_run import DemoRun
from tutor.i18n.catalog import N_, _
from tutor.tui.screens.base import TutorScreen
from tutor.tui.widgets.footer import TutorFooter
from tutor.tui.widgets.picture import Picture
from tutor.tui.widgets.plot import MetricsPlot, plotted

REDRAW_INTERVAL_S = 0.25


class PicturesPane(VerticalScroll):
    """The demo's pictures: focusable and zoomable (F4) like the plots and the log."""

    ALLOW_MAXIMIZE = True


def _number(value: float) -> str:
    return f"{value:.4g}"


def status_text(demo: str, view: dict | None) -> Text:
    """One line: what the run is doing (or did), the step, and the latest numbers."""
    # Wraps rather than cutting: every number stays readable on a narrow terminal.
    line = Text()
    line.append(demo, style="bold")
    if view is None:
        line.append("  " + _("not started — r (or the Start button) runs it"), style="dim")
        return line
    state = view["state"]
    progress = view["progress"] or {}
    styles = {"starting": "yellow", "running": "green", "finished": "bold green", "failed": "bold red",
              "stopped": "yellow"}
    words = {"starting": N_("starting (loading torch)…"), "running": N_("running"), "finished": N_("finished"),
             "failed": N_("failed"), "stopped": N_("stopped")}
    line.append("  " + (_(words[state]) if state in words else state), style=styles.get(state, ""))
    summary = view["summary"]
    if summary and state == "finished":
        line.append(" " + _("on {device} in {seconds} s").format(device=summary.get("device", "?"),
                                                                  seconds=f"{summary.get('wall_s', 0):.1f}"), style="dim")
        line.append(" · " + _("final loss {value}").format(value=_number(summary.get("final_loss", float("nan")))))
        if summary.get("test_accuracy") is not None:
            line.append(" · " + _("test accuracy {value}").format(value=f"{summary['test_accuracy']:.1%}"))
        return line
    if progress:
        line.append(" · " + _("step {step}/{total}").format(step=progress.get("step", 0), total=progress.get("total", "?")))
        if progress.get("epochs"):
            line.append(" · " + _("epoch {epoch}/{epochs}").format(epoch=progress.get("epoch"), epochs=progress["epochs"]))
    latest = view["latest"]
    for name in sorted(latest, key=lambda n: (not plotted(n), n)):
        line.append(f" · {label(name)} {_number(latest[name])}", style="" if plotted(name) else "dim")
    return line


class DemoScreen(TutorScreen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = [
        Binding("r", "start", N_("Run"), tooltip=N_("Start the chosen demo on the chosen device"), id="demo.start"),
        Binding("s", "stop", N_("Stop"), tooltip=N_("Stop the running demo (and every process it started)"), id="demo.stop"),
        Binding("f4", "zoom", N_("Zoom pane"),
                tooltip=N_("The focused pane (a plot, the pictures or the log) fills the screen; F4 again restores it"), id="demo.zoom"),
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to the previous screen; a running demo keeps going"), id="demo.back"),
    ]

    class RunChanged(Message):
        """The run this screen follows has news (posted from the run's reader thread)."""

        def __init__(self, run: DemoRun) -> None:
            super().__init__()
            self.run = run

    def __init__(self, name: str | None = None, device: str = "auto", **options) -> None:
        super().__init__()
        if name is not None and name not in DEMOS:
            raise ValueError(f"unknown demo {name!r}; choose one of {', '.join(DEMOS)}")
        self.demo = name or next(iter(DEMOS))
        self._picked = name is not None      # else: the demo last started, if any (see compose)
        self.device = device
        self.options = options          # extra DemoConfig options (tests use steps=…)
        self._shown: tuple[int, int] | None = None    # (id of the run, its version) on screen
        self._texts_shown = 0
        self._error_shown: int | None = None
        self._unfollow: Callable[[], None] | None = None
        self._followed: DemoRun | None = None
        self._news_pending = False       # a RunChanged is on its way: no need to post another
        self._last_redraw = 0.0
        self._redraw_timer: Timer | None = None

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        if not self._picked and self.app.demo_runs:
            # Back from elsewhere (Home's d): the run that goes on while you read, not a fresh cnn.
            self.demo = next(reversed(self.app.demo_runs))
        yield Header()
        with Horizontal(id="demo-controls"):
            yield Select([(name, name) for name in DEMOS], value=self.demo, allow_blank=False, id="demo-name",
                         compact=True)
            yield Select([(_("device: {device}").format(device=d), d) for d in DEVICES], value=self.device,
                         allow_blank=False,
                         id="demo-device", compact=True)
            yield Button(_("Start (r)"), id="demo-start", variant="success", compact=True)
            yield Button(_("Stop (s)"), id="demo-stop", variant="error", compact=True)
        yield Static(id="demo-about")
        with Horizontal(id="demo-state"):
            yield Static(id="demo-status")
            yield ProgressBar(id="demo-progress", show_eta=True)
        with Container(id="demo-view"):
            with Container(id="demo-plots"):
                yield MetricsPlot("loss", id="demo-loss")
                yield MetricsPlot("accuracy", id="demo-accuracy")
            yield PicturesPane(id="demo-pictures")
        yield RichLog(id="demo-log", markup=False, highlight=False, wrap=True, max_lines=500)
        yield TutorFooter()

    def on_mount(self) -> None:
        self.sub_title = _("demos")
        self.query_one("#demo-pictures").border_title = _("pictures")
        self.query_one("#demo-log").border_title = _("log")
        self.query_one("#demo-name", Select).focus()
        self._show_about()
        self._follow(self.run)
        self.redraw()

    def relabel(self) -> None:
        """The controls, panes and status in the language now in force."""
        self.query_one("#demo-start", Button).label = _("Start (r)")
        self.query_one("#demo-stop", Button).label = _("Stop (s)")
        self.query_one("#demo-device", Select).set_options([(_("device: {device}").format(device=d), d)
                                                            for d in DEVICES])
        self.query_one("#demo-device", Select).value = self.device
        self.query_one("#demo-pictures").border_title = _("pictures")
        self.query_one("#demo-log").border_title = _("log")
        for plot in self.query(MetricsPlot):
            plot.border_title = _("loss") if plot.kind == "loss" else _("accuracy")
        self._show_about()
        self._shown = None
        self.redraw()

    def on_screen_resume(self) -> None:
        # Back from another screen: the run may have been replaced (or started) meanwhile.
        self._follow(self.run)
        self.redraw()

    def on_unmount(self) -> None:
        self._follow(None)

    def panes(self) -> list:
        """The panes F4 can zoom, in the order Tab visits them."""
        return [self.query_one("#demo-loss"), self.query_one("#demo-accuracy"), self.query_one("#demo-pictures"),
                self.query_one("#demo-log")]

    def action_zoom(self) -> None:
        """The focused pane (a plot, the pictures or the log; the loss plot otherwise) fills the
        screen, or goes back."""
        if self.maximized is not None:
            self.minimize()
            return
        panes = self.panes()
        focused = self.focused
        pane = next((p for p in panes if focused is not None and (focused is p or p in focused.ancestors)), panes[0])
        self.maximize(pane, container=False)

    def action_back(self) -> None:
        if self.maximized is not None:
            self.minimize()
        else:
            self.app.pop_screen()

    # -- which demo ------------------------------------------------------------------------------
    @property
    def run(self) -> DemoRun | None:
        return self.app.demo_runs.get(self.demo)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "demo-name" and event.value != self.demo and event.value in DEMOS:
            self.demo = str(event.value)
            self._show_about()
            self._shown = None
            self._follow(self.run)
            self.redraw()
        elif event.select.id == "demo-device":
            self.device = str(event.value)

    def _show_about(self) -> None:
        self.query_one("#demo-about", Static).update(Text(_(DEMOS[self.demo]), style="italic"))
        self.sub_title = _("demo: {name}").format(name=self.demo)

    # -- starting and stopping -----------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "demo-start":
            self.action_start()
        elif event.button.id == "demo-stop":
            self.action_stop()

    def action_start(self) -> None:
        current = self.run
        if current is not None and current.running:
            self.notify(_("The {name} demo is already running; s stops it.").format(name=self.demo), timeout=3)
            return
        try:
            run = DemoRun(self.demo, device=self.device, **self.options)
        except ConfigError as exc:
            self.notify(str(exc), severity="error")
            return
        try:
            run.start()
        except OSError as exc:
            self.notify(_("could not start the {name} demo: {error}").format(name=self.demo, error=exc), severity="error")
            return
        self.app.demo_runs.pop(self.demo, None)        # the last started comes last
        self.app.demo_runs[self.demo] = run
        self._shown = None
        self._follow(run)
        self.redraw()

    def action_stop(self) -> None:
        run = self.run
        if run is None or not run.running:
            self.notify(_("The {name} demo is not running.").format(name=self.demo), timeout=2)
            return
        self._stop(run)
        self.notify(_("Stopping the {name} demo…").format(name=self.demo), timeout=2)
        self.redraw()

    @work(thread=True, group="demo-stop", exit_on_error=False)
    def _stop(self, run: DemoRun) -> None:
        """stop() waits for the process to end (up to a few seconds): never on the UI thread."""
        run.stop()

    # -- news from the run ------------------------------------------------------------------------
    def _follow(self, run: DemoRun | None) -> None:
        """Listen to `run` (and to no other): its changes arrive as RunChanged messages."""
        if run is self._followed:
            return
        if self._unfollow is not None:
            self._unfollow()
        self._followed, self._unfollow, self._news_pending = run, None, False
        if run is not None:
            self._unfollow = run.subscribe(self._run_changed)

    def _run_changed(self, run: DemoRun) -> None:
        """Called on the run's reader thread: one message in flight at a time is enough, since
        the redraw reads the run's whole state."""
        if not self._news_pending:
            self._news_pending = True
            self.post_message(self.RunChanged(run))

    @on(RunChanged)
    def _news(self, message: RunChanged) -> None:
        self._news_pending = False
        if message.run is not self._followed or self._redraw_timer is not None:
            return                       # not ours, or a redraw is already on its way
        wait = self._last_redraw + REDRAW_INTERVAL_S - time.monotonic()
        if wait <= 0:
            self.redraw()
        else:
            self._redraw_timer = self.set_timer(wait, self.redraw)

    # -- drawing ----------------------------------------------------------------------------------
    def redraw(self) -> None:
        if self._redraw_timer is not None:
            self._redraw_timer.stop()
            self._redraw_timer = None
        self._last_redraw = time.monotonic()
        run = self.run
        key = (id(run), run.version) if run is not None else (0, -1)
        if key == self._shown:
            return
        fresh = self._shown is None or run is None or self._shown[0] != id(run)
        self._shown = key
        view = run.snapshot() if run is not None else None
        self.query_one("#demo-status", Static).update(status_text(self.demo, view))
        self.query_one("#demo-start", Button).disabled = run is not None and run.running
        self.query_one("#demo-stop", Button).disabled = run is None or not run.running
        bar = self.query_one("#demo-progress", ProgressBar)
        progress = (view or {}).get("progress") or {}
        if fresh or not progress:
            # No total yet: an empty bar, animated only while the run is starting.
            bar.update(total=None if run is not None and run.state == "starting" else 100, progress=0)
        if progress:
            bar.update(total=max(1, int(progress.get("total", 1))), progress=int(progress.get("step", 0)))
        if view is not None and view["state"] == "finished" and bar.total is not None:
            bar.update(progress=bar.total)
        series = view["series"] if view else {}
        for plot in self.query(MetricsPlot):
            plot.show(series)
        # A demo without accuracies (gd, the GAN…) gives the loss plot the whole row.
        accuracy = self.query_one("#demo-accuracy", MetricsPlot)
        accuracy.display = accuracy.has_data(series)
        self._draw_pictures(view["pictures"] if view else {}, fresh)
        self._draw_log(view, fresh)

    def _draw_pictures(self, pictures: dict[str, dict], fresh: bool) -> None:
        box = self.query_one("#demo-pictures", VerticalScroll)
        if fresh:
            box.remove_children()
        shown = {widget.picture_name: widget for widget in box.query(Picture)}
        for name, event in pictures.items():
            if name in shown:
                if shown[name].event is not event:
                    shown[name].show(event)
            else:
                picture = Picture(event, classes="demo-picture")
                picture.picture_name = name
                box.mount(picture)

    def _draw_log(self, view: dict | None, fresh: bool) -> None:
        log = self.query_one("#demo-log", RichLog)
        if fresh:
            log.clear()
            self._texts_shown = 0
            self._error_shown = None
        if view is None:
            return
        # texts is capped: count from the total ever received, so nothing is written twice.
        total = view["texts_dropped"] + len(view["texts"])
        start = max(0, self._texts_shown - view["texts_dropped"])
        for text in view["texts"][start:]:
            log.write(Text(text))
        self._texts_shown = total
        error = view["error"]
        if error and self._error_shown != id(error):
            self._error_shown = id(error)
            log.write(Text(_("error ({kind}): {message}").format(kind=error.get("kind", "?"), message=error.get("message", "")),
                           style="bold red"))
