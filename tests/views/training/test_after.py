"""After the course: a job search step, a placement, a business with support, a follow-up,
shown in the trainee's record."""

from pse_desktop.services.training import progress
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.training.after import AfterCourseScreen
from tests.conftest import pump
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import take_course, training  # noqa: F401


def test_record_what_the_course_led_to(training, target, ui, tk_root):
    worker = training["worker"]
    first, _second = take_course(training)
    progress.complete(worker, training["course"].id, today=TODAY)
    screen = AfterCourseScreen(ui, ScreenContext(actor=worker, target=target,
                                                 extra={"today": TODAY}))
    assert screen.list.get_children() == (str(first),)
    screen.list.selection_set(str(first))
    pump(tk_root)
    screen.step.set_values({"step": "interview", "employer": "Friends", "due date": "2026-12-03"})
    screen.add_step()
    screen.close_step()
    assert screen.step.error_text("outcome")  # an outcome is needed
    screen.step.set_values({"outcome": "Invited to a trial day"})
    screen.close_step()
    screen.job.set_values({"employer": "Friends", "job": "Cook", "start": "2026-12-07",
                           "monthly wage": "abc"})
    screen.add_job()
    assert screen.job.error_text("monthly wage")
    screen.job.set_values({"monthly wage": "180"})
    screen.add_job()
    screen.biz.set_values({"business": "Noodle stall", "start": "2026-11-30", "support": "cash",
                           "amount": "50"})
    screen.add_business()
    screen.follow.set_values({"months after": "3", "monthly income": "190"})
    screen.follow.vars["working"].set(True)
    screen.add_follow()
    text = screen.record.cget("text")
    assert "interview Friends - Invited to a trial day" in text and "Cook at Friends" in text and "$180.00" in text
    assert "TS-2026-0001" in text and "3 months: working, $190.00" in text
