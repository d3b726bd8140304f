"""The live loss/accuracy plot of a demo (textual-plotext).

Only series that read as a loss or an accuracy are drawn: losses on the left axis, accuracies
(0…1) on the right. Learning rates, timings and the like are numbers for the status line.
"""
from __future__ import annotations

from textual_plotext import PlotextPlot


def is_accuracy(name: str) -> bool:
    return "acc" in name


def plotted(name: str) -> bool:
    return "loss" in name or is_accuracy(name)


class MetricsPlot(PlotextPlot):
    """`show(series)` with series = {name: (steps, values)}; redraws once per call."""

    ALLOW_MAXIMIZE = True
    can_focus = True

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.names: list[str] = []

    def on_mount(self) -> None:
        super().on_mount()
        self.show({})

    def show(self, series: dict[str, tuple[list[float], list[float]]], title: str = "") -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.xlabel("step")
        self.names = [name for name in series if plotted(name) and series[name][0]]
        if not self.names:
            plt.title(title or "no metrics yet")
        else:
            if title:
                plt.title(title)
            for name in self.names:
                xs, ys = series[name]
                plt.plot(xs, ys, label=name, marker="braille", yside="right" if is_accuracy(name) else "left")
            if any(is_accuracy(name) for name in self.names):
                plt.ylim(0, 1, yside="right")
        self.refresh()
