"""The rice families window: designate from the form, end, and change the kilograms rule."""

from pse_desktop.services.rice import designation, rules
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.rice.designation import DesignationScreen
from tests.fixtures.social import social  # noqa: F401
from tests.fixtures.rice import TODAY


def test_designate_end_and_rule(social, target, ui):
    screen = DesignationScreen(ui, ScreenContext(actor=social["worker"], target=target,
                                                 extra={"today": TODAY}))
    screen.form.set_values({"family": "F00001", "month": "2026-11", "reason": ""})
    screen.designate()
    assert screen.form.error_text("reason")
    screen.form.set_values({"reason": "children would work"})
    screen.designate()
    assert "F00001 receives rice from 2026-11" in screen.message.cget("text")
    assert [screen.now.item(i, "values")[0] for i in screen.now.get_children()] == ["F00001"]
    screen.form.set_values({"family": "F00001", "month": "2026-12", "reason": "found work"})
    screen.end()
    assert designation.designated(social["worker"], "2027-01") == []
    screen.rule_form.set_values({"from month": "2027-01", "base": "12", "per child": "4",
                                 "maximum": "8"})
    screen.save_rule()
    assert "less than the base" in screen.rule_form.error_text("maximum")
    screen.rule_form.set_values({"maximum": "32"})
    screen.save_rule()
    rule = rules.rule_for(TODAY.replace(year=2027, month=1, day=1))
    assert (rule.base_g, rule.per_child_g, rule.max_g) == (12_000, 4_000, 32_000)
    screen.destroy()
