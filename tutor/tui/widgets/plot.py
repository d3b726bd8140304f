"""A live plot of a demo's metrics (textual-plotext): one plot for the losses, one for the accuracies.

Losses and accuracies live on different scales (a loss of 2.3 falling to 0.4; an accuracy
climbing from 0.1 to 0.9), so each kind gets its own plot and its own y axis rather than
sharing a figure. Learning rates, timings and the like are numbers for the status line.
"""
from __future__ import annotations

from typing import Literal

from rich.cells import cell_len
from textual_plotext import PlotextPlot

from tutor.i18n.catalog import _

Kind = Literal["loss", "accuracy"]


def is_accuracy(name: str) -> bool:
    return "acc" in name


def is_loss(name: str) -> bool:
    return "loss" in name and not is_accuracy(name)


def plotted(name: str) -> bool:
    return is_loss(name) or is_accuracy(name)


def kind_of(name: str) -> Kind | None:
    if is_accuracy(name):
        return "accuracy"
    if is_loss(name):
        return "loss"
    return None


class MetricsPlot(PlotextPlot):
    """`show(series)` with series = {name: (steps, values)}: draws the series of this plot's kind
    (losses or accuracies) and redraws once per call. `names` are the series drawn."""

    ALLOW_MAXIMIZE = True
    can_focus = True

    def __init__(self, kind: Kind = "loss", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.kind = kind
        self.names: list[str] = []

    def on_mount(self) -> None:
        super().on_mount()
        self.border_title = _("loss") if self.kind == "loss" else _("accuracy")
        self.show({})

    def has_data(self, series: dict[str, tuple[list[float], list[float]]]) -> bool:
        return any(kind_of(name) == self.kind and xs for name, (xs, _) in series.items())

    def show(self, series: dict[str, tuple[list[float], list[float]]]) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        self.names = [name for name in series if kind_of(name) == self.kind and series[name][0]]
        empty = (_("no losses yet") if self.kind == "loss" else _("no accuracies yet")) if not self.names else None
        self._label(_("step"), empty)
        for name in self.names:
            xs, ys = series[name]
            plt.plot(xs, ys, label=name, marker="braille")
        if self.kind == "accuracy" and self.names:
            plt.ylim(0, 1)
        self.refresh()

    def _label(self, xlabel: str, title: str | None) -> None:
        """Plotext counts characters, not cells: a label with double-width (Chinese) characters
        would push its row past the plot's edge. Those go on the border instead, drawn by Textual."""
        outside = []
        for text, put in ((title, self.plt.title), (xlabel, self.plt.xlabel)):
            if text and cell_len(text) == len(text):
                put(text)
            elif text:
                outside.append(text)
        self.border_subtitle = " · ".join(outside) if outside else None
