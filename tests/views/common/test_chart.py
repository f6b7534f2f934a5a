"""The one chart: bars and columns in the theme's colours, redrawn on a theme change."""

import ttkbootstrap as tb

from pse_desktop.views.common.chart import Bar, Chart, Series


def _texts(chart):
    c = chart.canvas
    return [c.itemcget(i, "text") for i in c.find_all() if c.type(i) == "text"]


def test_bars_draw_labels_values_and_follow_the_theme(tk_root, ui):
    chart = Chart(ui, width=400, height=200)
    chart.pack()
    chart.bars("Rates", [Bar("STM", 92, "92%", "success"), Bar("CBA", 60, "60%", "danger")])
    tk_root.update()
    assert "Rates" in _texts(chart) and "92%" in _texts(chart) and "STM" in _texts(chart)
    bars = chart.find_withtag("bar")
    assert len(bars) == 2
    c = chart.canvas
    assert c.itemcget(bars[0], "fill") == tb.Style().colors.success
    assert c.coords(bars[0])[2] > c.coords(bars[1])[2]  # 92 is longer than 60
    first = tb.Style().theme_use()
    title = c.find_all()[0]
    light_text = c.itemcget(title, "fill")
    tb.Style().theme_use("bootstrap-dark")
    tk_root.update()
    chart.draw()
    dark_text = c.itemcget(chart.canvas.find_all()[0], "fill")
    assert dark_text != light_text and c.cget("background") == tb.Style().colors.bg
    tb.Style().theme_use(first)
    tk_root.update()
    chart.destroy()


def test_columns_with_a_line_and_an_empty_message(tk_root, ui):
    chart = Chart(ui, width=400, height=200)
    chart.pack()
    chart.columns("Fair wage", ["Jan", "Feb"], [Series("workshop", [10, -5], "sign")],
                  line=Series("E001", [12, None]), unit="%")
    tk_root.update()
    assert len(chart.find_withtag("bar")) == 2 and chart.find_withtag("line")
    assert "Jan" in _texts(chart) and "workshop" in _texts(chart)
    chart.columns("Nothing", [], [], empty="No payroll yet")
    assert "No payroll yet" in _texts(chart)
    chart.destroy()


def test_khmer_texts_of_a_chart_are_shaped_images_where_tk_cannot_shape(tk_root, ui):
    from pse_desktop.views.common.khmer_input import _shapes

    chart = Chart(ui, width=400, height=200)
    chart.pack()
    chart.bars("អត្រាវត្តមាន", [Bar("ស្ទឹងមានជ័យ", 92, "92%", "success")])
    tk_root.update()
    c = chart.canvas
    khmer = c.find_withtag("khmer")
    if _shapes(c):  # Windows, macOS: Tk draws Khmer itself
        assert "អត្រាវត្តមាន" in _texts(chart) and not khmer
    else:
        assert len(khmer) == 2 and all(c.type(i) == "image" for i in khmer)
        assert not [t for t in _texts(chart) if "ា" in t]
        assert "92%" in _texts(chart)  # Latin stays text
        assert c.bbox(khmer[0])[3] - c.bbox(khmer[0])[1] > 10
