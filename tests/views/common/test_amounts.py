"""Amount fields show what the text is read as; unusual amounts are asked about, then saved."""

import pytest

from pse_desktop.services.common import numbers
from pse_desktop.services.common.errors import ValidationError
from pse_desktop.views.common.amounts import call_confirming, understood_text, watch_amount
from pse_desktop.views.common.base import FAILED, Form


def test_understood_text():
    assert understood_text("1,200") == "Read as $1,200.00"
    assert understood_text("1.200") == "Not clear: 1.20 or 1,200.00?"
    assert understood_text("  ") == ""


def test_hint_follows_the_typing(tk_root):
    form = Form(tk_root)
    form.add("rate", "Rate", help="A month")
    hint = watch_amount(form, "rate")
    form.vars["rate"].set("1 200.5")
    assert hint.cget("text") == "A month\nRead as $1,200.50"
    form.vars["rate"].set("1.200")
    assert "Not clear" in hint.cget("text")
    form.add("price", "Price")
    other = watch_amount(form, "price", "EUR")
    form.vars["price"].set("3")
    assert other.cget("text").startswith("Read as")
    form.destroy()


def test_confirming_asks_once_and_passes_confirm(tk_root):
    calls = []

    def service(value, confirm=False):
        calls.append(confirm)
        return numbers.check_plausible("rate", value, "USD", numbers.Plausible(0, 100, 10_000), confirm)

    form = Form(tk_root)
    form.add("rate", "Rate")
    asked = []
    assert call_confirming(form, lambda *a: asked.append(a[2]) or True, service, 500) == 500
    assert calls == [False, True] and "is that right?" in asked[0]
    assert call_confirming(form, lambda *a: False, service, 500) is FAILED
    assert "is that right?" in form.error_text("rate")
    assert call_confirming(form, lambda *a: True, service, 50_000) is FAILED
    assert "more than the limit" in form.error_text("rate")
    form.destroy()


@pytest.fixture
def language():
    from pse_desktop import i18n

    yield i18n.set_language
    i18n.set_language("en")


def test_what_is_understood_follows_the_users_language(language):
    language("fr")
    assert understood_text("12,50") == "Lu comme 12,50\xa0$US"
    assert understood_text("1,200") == "Pas clair : 1,20 ou 1 200,00 ?"
    assert understood_text("១២") == "Lu comme 12,00\xa0$US"
    language("km")
    assert understood_text("១ ២០០", "KHR").endswith("1,200៛")


def test_the_hint_follows_a_currency_box(tk_root):
    form = Form(tk_root)
    form.add("currency", "Currency")
    form.add("amount", "Amount")
    form.vars["currency"].set("USD")
    hint = watch_amount(form, "amount", form.vars["currency"])
    form.vars["amount"].set("400000")
    assert hint.cget("text") == "Read as $400,000.00"
    form.vars["currency"].set("KHR")
    assert hint.cget("text") == "Read as KHR\xa0400,000"
    form.vars["amount"].set("12.5")
    assert "no decimals" in hint.cget("text")
    form.destroy()
