"""One chart for every screen: horizontal bars, or columns by category with an optional line,
drawn in the theme's colours (light and dark) and redrawn when the size or the theme changes."""

from __future__ import annotations

import tkinter as tk
from dataclasses import dataclass, field

import ttkbootstrap as tb

from .khmer import has_khmer, khmer_photo
from .khmer_input import _shapes

SMALL = ("TkDefaultFont", 8)
BOLD = ("TkDefaultFont", 10, "bold")


@dataclass
class Bar:
    label: str
    value: float
    text: str = ""  # shown at the end of the bar (the value by default)
    colour: str = ""  # a theme colour name ("success", "danger"...) or empty for the first series


@dataclass
class Series:
    name: str
    values: list[float]
    colour: str = ""


@dataclass
class _Spec:
    kind: str = ""
    title: str = ""
    bars: list[Bar] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    line: Series | None = None
    empty: str = ""
    unit: str = ""


PALETTE = ("primary", "info", "success", "warning", "danger", "secondary")


class Chart(tb.Frame):
    """A themed chart. ``bars(...)`` or ``columns(...)`` sets what it shows; it draws itself."""

    def __init__(self, master, height: int = 240, width: int = 420, **kw):
        super().__init__(master, **kw)
        self.canvas = tk.Canvas(self, height=height, width=width, highlightthickness=0,
                                borderwidth=0)
        self.canvas.pack(fill="both", expand=True)
        self.spec = _Spec()
        self.canvas.bind("<Configure>", lambda e: self.draw(), add="+")
        self.bind("<<ThemeChanged>>", lambda e: self.draw(), add="+")
        self.canvas.bind("<<ThemeChanged>>", lambda e: self.draw(), add="+")

    # -- what to show ---------------------------------------------------------------------
    def bars(self, title: str, bars: list[Bar], empty: str = "") -> None:
        """Horizontal bars, one per label (long lists: the first ones that fit)."""
        self.spec = _Spec("bars", title, bars=list(bars), empty=empty)
        need = 34 + 22 * len(self.spec.bars)
        self.canvas.configure(height=max(int(self.canvas.cget("height")), min(need, 480)))
        self.draw()

    def columns(self, title: str, categories: list[str], series: list[Series],
                line: Series | None = None, empty: str = "", unit: str = "") -> None:
        """Columns per category, side by side for each series, with a legend; and a line."""
        self.spec = _Spec("columns", title, categories=list(categories), series=list(series),
                          line=line, empty=empty, unit=unit)
        self.draw()

    # -- drawing --------------------------------------------------------------------------
    def colours(self):
        return tb.Style().colors

    def _colour(self, name: str, index: int) -> str:
        colors = self.colours()
        name = name or PALETTE[index % len(PALETTE)]
        if name.startswith("#"):
            return name
        return colors.get(name) or colors.primary

    def draw(self) -> None:
        c = self.canvas
        if not c.winfo_exists():
            return
        colors = self.colours()
        c.configure(background=colors.bg)
        c.delete("all")
        self._photos = []  # the shaped texts drawn last time
        width = max(c.winfo_width(), int(c.cget("width")))
        height = max(c.winfo_height(), int(c.cget("height")))
        spec = self.spec
        if spec.title:
            self._text(8, 12, text=spec.title, anchor="w", fill=colors.fg, font=BOLD)
        if spec.kind == "bars" and spec.bars:
            self._draw_bars(width, height)
        elif spec.kind == "columns" and spec.categories:
            self._draw_columns(width, height)
        elif spec.empty:
            self._text(8, 40, text=spec.empty, anchor="w", fill=colors.secondary)

    def _text(self, x, y, text="", anchor="center", fill=None, font=SMALL):
        """A text of the chart; Khmer as a shaped image where Tk cannot shape it."""
        if has_khmer(text) and not _shapes(self.canvas):
            from .khmer_shaper import _pixels

            size, bold = _pixels(self.canvas, font)
            photo = khmer_photo(text, size, fg=fill or self.colours().fg, bold=bold,
                                master=self.canvas)
            self._photos.append(photo)
            return self.canvas.create_image(x, y, image=photo, anchor=anchor,
                                            tags=("text", "khmer"))
        return self.canvas.create_text(x, y, text=text, anchor=anchor, fill=fill, font=font)

    def _draw_bars(self, width: int, height: int) -> None:
        c, colors = self.canvas, self.colours()
        step = 22
        rows = self.spec.bars[:max(1, (height - 34) // step)]
        label_w = min(180, max(60, width // 3))
        top = max([abs(b.value) for b in rows] + [1])
        room = max(20, width - label_w - 80)
        for i, b in enumerate(rows):
            y = 30 + i * step
            label = b.label if len(b.label) <= 28 else b.label[:27] + "…"
            self._text(label_w - 6, y + 8, text=label, anchor="e", fill=colors.fg, font=SMALL)
            length = room * max(b.value, 0) / top
            c.create_rectangle(label_w, y, label_w + max(1, length), y + 16,
                               fill=self._colour(b.colour, 0), width=0, tags=("bar",))
            self._text(label_w + length + 4, y + 8, anchor="w", fill=colors.fg, font=SMALL,
                          text=b.text or f"{b.value:g}")

    def _draw_columns(self, width: int, height: int) -> None:
        c, colors, spec = self.canvas, self.colours(), self.spec
        legend = [(s.name, self._colour(s.colour, i)) for i, s in enumerate(spec.series)]
        if spec.line is not None:
            legend.append((spec.line.name, self._colour(spec.line.colour or "danger", 0)))
        legend_w = min(180, width // 4) if legend else 0
        values = [v for s in spec.series for v in s.values] + [0.0]
        if spec.line is not None:
            values += [v for v in spec.line.values if v is not None]
        hi, lo = max(values), min(values)
        span = (hi - lo) or 1.0
        left, right, y0, y1 = 44, width - legend_w - 12, 34, height - 24

        def y(v):
            return y1 - (v - lo) / span * (y1 - y0)

        c.create_line(left, y(0), right, y(0), fill=colors.secondary)
        self._text(left - 4, y(hi), anchor="e", fill=colors.fg, font=SMALL,
                      text=f"{hi:g}{spec.unit}")
        if lo < 0:
            self._text(left - 4, y(lo), anchor="e", fill=colors.fg, font=SMALL,
                          text=f"{lo:g}{spec.unit}")
        slot = (right - left) / len(spec.categories)
        n = max(1, len(spec.series))
        bar = max(2.0, (slot * 0.8) / n)
        for ci, category in enumerate(spec.categories):
            x0 = left + ci * slot + slot * 0.1
            for si, s in enumerate(spec.series):
                v = s.values[ci] if ci < len(s.values) else 0
                colour = self._colour(s.colour, si)
                if s.colour == "sign":
                    colour = colors.success if v >= 0 else colors.danger
                c.create_rectangle(x0 + si * bar, y(max(v, 0)), x0 + (si + 1) * bar - 1,
                                   y(min(v, 0)), fill=colour, width=0, tags=("bar",))
            self._text(left + ci * slot + slot / 2, y1 + 10, text=category, fill=colors.fg,
                          font=SMALL)
        if spec.line is not None and spec.line.values:
            colour = self._colour(spec.line.colour or "danger", 0)
            points = []
            for ci, v in enumerate(spec.line.values[:len(spec.categories)]):
                if v is None:
                    continue
                points += [left + ci * slot + slot / 2, y(v)]
            if len(points) >= 4:
                c.create_line(*points, fill=colour, width=2, tags=("line",))
            for i in range(0, len(points), 2):
                c.create_oval(points[i] - 3, points[i + 1] - 3, points[i] + 3, points[i + 1] + 3,
                              fill=colour, outline="", tags=("line",))
        for i, (name, colour) in enumerate(legend):
            ly = y0 + i * 18
            c.create_rectangle(width - legend_w, ly, width - legend_w + 10, ly + 10, fill=colour,
                               width=0)
            self._text(width - legend_w + 15, ly + 5, anchor="w", text=name, fill=colors.fg,
                          font=SMALL)

    def find_all(self):
        """The items drawn (tests look for them)."""
        return self.canvas.find_all()

    def find_withtag(self, tag):
        return self.canvas.find_withtag(tag)
