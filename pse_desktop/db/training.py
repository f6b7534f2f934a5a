"""Vocational training for parents and young adults: trades and their skills checklists, courses
with their sessions, trainees (from PSE families or from outside), attendance marks, skills
acquired, and what the course led to: job search steps, a placement or a business, follow-ups
at 3, 6 and 12 months.

Money is in US cents (wages, incomes after the course, start-up support).
"""

import datetime as dt

import peewee as pw

from ..i18n import N_
from .base import BaseModel
from .centres import Family, Guardian
from .core import User
from .migrations import migration
from .social import HouseholdMember

AREA = "training"


class Trade(BaseModel):
    code = pw.CharField(max_length=20, unique=True)
    name = pw.CharField(max_length=80)
    name_km = pw.CharField(max_length=80, default="")
    active = pw.BooleanField(default=True)

    class Meta:
        table_name = "training_trade"


class Skill(BaseModel):
    """One line of a trade's skills checklist."""

    trade = pw.ForeignKeyField(Trade, backref="skills", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    name = pw.CharField(max_length=120)
    name_km = pw.CharField(max_length=120, default="")

    class Meta:
        table_name = "training_skill"
        indexes = ((("trade", "position"), False),)


class Course(BaseModel):
    trade = pw.ForeignKeyField(Trade, backref="+")
    cohort = pw.CharField(max_length=40)
    start_on = pw.DateField()
    end_on = pw.DateField()
    trainer = pw.ForeignKeyField(User, backref="+")
    place = pw.CharField(max_length=120, default="")
    capacity = pw.IntegerField()
    weekdays = pw.CharField(max_length=7, default="01234")  # Monday 0 .. Sunday 6
    attendance_pct = pw.IntegerField(default=80)  # to complete
    skills_pct = pw.IntegerField(default=80)
    status = pw.CharField(max_length=10, default="open")  # open, closed
    created_by = pw.ForeignKeyField(User, null=True, backref="+")
    created_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "training_course"
        indexes = ((("trade", "cohort"), True), (("start_on",), False))


class Session(BaseModel):
    course = pw.ForeignKeyField(Course, backref="sessions", on_delete="CASCADE")
    day = pw.DateField()

    class Meta:
        table_name = "training_session"
        indexes = ((("course", "day"), True),)


class Trainee(BaseModel):
    """A person on a course: a family's guardian, a household member (a young adult) of a family,
    or someone outside PSE's families (with the reason they were taken)."""

    course = pw.ForeignKeyField(Course, backref="trainees", on_delete="CASCADE")
    kind = pw.CharField(max_length=10)  # guardian, member, outside
    family = pw.ForeignKeyField(Family, null=True, backref="+")
    guardian = pw.ForeignKeyField(Guardian, null=True, backref="+")
    member = pw.ForeignKeyField(HouseholdMember, null=True, backref="+", on_delete="SET NULL")
    name = pw.CharField(max_length=80)
    name_km = pw.CharField(max_length=80, default="")
    age = pw.IntegerField(null=True)
    phone = pw.CharField(max_length=40, default="")
    outside_reason = pw.CharField(max_length=300, default="")
    income_before_usd_cents = pw.BigIntegerField(null=True)  # a month, at selection
    status = pw.CharField(max_length=10, default="waiting")  # selected waiting dropped completed
    priority = pw.CharField(max_length=8, default="")  # the family's level when proposed
    proposed_on = pw.DateField()
    proposed_by = pw.ForeignKeyField(User, null=True, backref="+")
    dropped_on = pw.DateField(null=True)
    drop_reason = pw.CharField(max_length=300, default="")
    completed_on = pw.DateField(null=True)
    certificate_no = pw.CharField(max_length=20, null=True, unique=True)

    class Meta:
        table_name = "training_trainee"
        indexes = ((("course", "status"), False), (("family",), False))


class Presence(BaseModel):
    """A trainee's mark at one session: P present, A absent."""

    session = pw.ForeignKeyField(Session, backref="+", on_delete="CASCADE")
    trainee = pw.ForeignKeyField(Trainee, backref="+", on_delete="CASCADE")
    status = pw.CharField(max_length=1)
    recorded_by = pw.ForeignKeyField(User, null=True, backref="+")
    recorded_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "training_presence"
        indexes = ((("session", "trainee"), True), (("trainee",), False))


class Acquired(BaseModel):
    trainee = pw.ForeignKeyField(Trainee, backref="+", on_delete="CASCADE")
    skill = pw.ForeignKeyField(Skill, backref="+")
    acquired_on = pw.DateField()
    marked_by = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        table_name = "training_acquired"
        indexes = ((("trainee", "skill"), True),)


class JobStep(BaseModel):
    """A job search step after the course (an application, an interview...), a task to follow."""

    trainee = pw.ForeignKeyField(Trainee, backref="+", on_delete="CASCADE")
    kind = pw.CharField(max_length=12)  # application, interview, visit, other
    employer = pw.CharField(max_length=120, default="")
    note = pw.CharField(max_length=300, default="")
    due_on = pw.DateField()
    assigned_to = pw.ForeignKeyField(User, null=True, backref="+")
    done_on = pw.DateField(null=True)
    outcome = pw.CharField(max_length=300, default="")
    followup_id = pw.IntegerField(null=True)  # the family's follow-up task (meetings), if any
    created_by = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        table_name = "training_job_step"
        indexes = ((("trainee", "due_on"), False),)


class Outcome(BaseModel):
    """What the course led to: a job (placement) or a business of one's own."""

    trainee = pw.ForeignKeyField(Trainee, backref="+", on_delete="CASCADE")
    kind = pw.CharField(max_length=10)  # placement, business
    start_on = pw.DateField()
    employer = pw.CharField(max_length=120, default="")  # placement
    job = pw.CharField(max_length=120, default="")  # placement; the business's kind
    wage_usd_cents = pw.BigIntegerField(default=0)  # placement: a month
    support = pw.CharField(max_length=6, default="")  # business: "", kind, cash
    support_usd_cents = pw.BigIntegerField(default=0)
    support_what = pw.CharField(max_length=200, default="")
    receipt_no = pw.CharField(max_length=20, null=True, unique=True)
    created_by = pw.ForeignKeyField(User, null=True, backref="+")
    created_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "training_outcome"
        indexes = ((("trainee", "start_on"), False),)


class FollowUpVisit(BaseModel):
    """A follow-up 3, 6 or 12 months after the course: still working? monthly income."""

    trainee = pw.ForeignKeyField(Trainee, backref="+", on_delete="CASCADE")
    months = pw.IntegerField()  # 3, 6, 12
    visited_on = pw.DateField()
    working = pw.BooleanField()
    income_usd_cents = pw.BigIntegerField(default=0)
    note = pw.CharField(max_length=300, default="")
    recorded_by = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        table_name = "training_follow"
        indexes = ((("trainee", "months"), True),)


class Counter(BaseModel):
    """The last number given per series (certificates and receipts per year)."""

    series = pw.CharField(max_length=20, unique=True)
    last = pw.IntegerField(default=0)

    class Meta:
        table_name = "training_counter"


MODELS_V1 = [Trade, Skill, Course, Session, Trainee, Presence, Acquired, JobStep, Outcome,
             FollowUpVisit, Counter]

TRADES = [
    ("cooking", N_("Cooking"), "ការធ្វើម្ហូប", [
        (N_("Food hygiene and safety"), "អនាម័យ និងសុវត្ថិភាពម្ហូបអាហារ"),
        (N_("Knife skills and preparation"), "បច្ចេកទេសកាត់ និងរៀបចំ"),
        (N_("Khmer dishes"), "ម្ហូបខ្មែរ"),
        (N_("Western dishes"), "ម្ហូបបស្ចិមប្រទេស"),
        (N_("Costing a menu"), "ការគណនាថ្លៃម្ហូប"),
        (N_("Working in a restaurant kitchen"), "ការងារក្នុងផ្ទះបាយភោជនីយដ្ឋាន")]),
    ("cleaning", N_("Home-based jobs: cleaning"), "ការងារតាមផ្ទះ៖ សម្អាត", [
        (N_("Cleaning products and safety"), "ផលិតផលសម្អាត និងសុវត្ថិភាព"),
        (N_("Cleaning a house room by room"), "ការសម្អាតផ្ទះម្តងមួយបន្ទប់"),
        (N_("Laundry and ironing"), "ការបោកគក់ និងអ៊ុត"),
        (N_("Working with an employer"), "ការធ្វើការជាមួយនិយោជក")]),
    ("baking", N_("Home-based jobs: baking"), "ការងារតាមផ្ទះ៖ ដុតនំ", [
        (N_("Hygiene and weighing"), "អនាម័យ និងការថ្លឹង"),
        (N_("Bread"), "នំប៉័ង"),
        (N_("Cakes and pastries"), "នំខេក និងនំផ្សេងៗ"),
        (N_("Selling and costing"), "ការលក់ និងគណនាថ្លៃ")]),
    ("barista", N_("Home-based jobs: barista"), "ការងារតាមផ្ទះ៖ បារីស្តា", [
        (N_("Coffee beans and the machine"), "គ្រាប់កាហ្វេ និងម៉ាស៊ីន"),
        (N_("Espresso drinks"), "ភេសជ្ជៈអេស្ប្រេសូ"),
        (N_("Khmer iced coffee and tea"), "កាហ្វេទឹកកក និងតែ"),
        (N_("Serving customers"), "ការបម្រើអតិថិជន"),
        (N_("Cash and stock"), "សាច់ប្រាក់ និងស្តុក")]),
    ("beauty", N_("Beauty care"), "ការថែរក្សាសម្ផស្ស", [
        (N_("Hygiene in the salon"), "អនាម័យក្នុងហាង"),
        (N_("Hair washing and cutting"), "ការកក់ និងកាត់សក់"),
        (N_("Manicure and pedicure"), "ការធ្វើក្រចកដៃ និងជើង"),
        (N_("Make-up"), "ការតុបតែងមុខ"),
        (N_("Running a small salon"), "ការគ្រប់គ្រងហាងតូច")]),
]


@migration(AREA, 1, "vocational training: trades, courses, trainees, outcomes")
def _v1(db):
    db.create_tables(MODELS_V1)
    for code, name, name_km, skills in TRADES:
        trade = Trade.create(code=code, name=name, name_km=name_km)
        for pos, (skill, skill_km) in enumerate(skills, start=1):
            Skill.create(trade=trade, position=pos, name=skill, name_km=skill_km)
