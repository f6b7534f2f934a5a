"""The areas of the program and what each plugs in: models, services, screens, cards, CLI, demo.

Each area has one subpackage of the same name in every layer: ``pse_desktop.services.<package>``
(its ``__init__`` declares the area's permissions and settings), ``pse_desktop.views.<package>``,
``pse_desktop.reports.<package>``, and ``pse_desktop.db.<package>`` for its tables (a module that
registers its migrations on import). The command line's ``pse_desktop.cli.<package>`` adds its
commands. Adding an area means adding those subpackages and one ``Area`` here. Screen targets,
home cards and demo parts are named relative to the area's package in their layer
("register:RegisterScreen" is ``pse_desktop.views.centres.register.RegisterScreen``).

This module imports nothing heavy: the window and the command line import an area's modules
only when they need them, so start-up stays fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from .i18n import N_

LAYERS = ("services", "views", "reports")


@dataclass(frozen=True)
class Screen:
    key: str
    label: str  # English text, translated when shown
    permission: str
    target: str  # "module:Class" in the area's views package; the class takes (master, ctx)
    section: str = ""
    also: str = ""  # "module:function(actor) -> bool" in services: who may open it besides


@dataclass(frozen=True)
class Area:
    key: str  # stable id, stored with the schema version of the area's tables
    package: str  # the subpackage name in services, views, reports, db and cli
    label: str
    screens: tuple[Screen, ...] = ()
    home_cards: str | None = None  # "module:function(actor, target) -> list[Card]" in services
    demo: str | None = None  # "module:function(actor, progress, today)" in services
    cli: bool = False  # pse_desktop.cli.<package>.register(registry) adds commands
    extra_models: tuple[str, ...] = ()  # more db modules than db.<package>
    extra: dict = field(default_factory=dict)

    def module(self, layer: str, name: str = "") -> str:
        """The dotted name of this area's package in ``layer``, or of one of its modules."""
        base = f"pse_desktop.{layer}.{self.package}"
        return f"{base}.{name}" if name else base

    @property
    def models(self) -> tuple[str, ...]:
        return (f"pse_desktop.db.{self.package}",) + self.extra_models

    @property
    def services(self) -> str:
        return self.module("services")

    def spec(self, layer: str, relative: str) -> str:
        """'module:attr' relative to the area's package in ``layer``, made absolute."""
        return f"{self.module(layer)}.{relative}"

    @property
    def cli_register(self) -> str | None:
        return f"pse_desktop.cli.{self.package}:register" if self.cli else None

    @property
    def demo_spec(self) -> str | None:
        return self.spec("services", self.demo) if self.demo else None

    @property
    def home_cards_spec(self) -> str | None:
        return self.spec("services", self.home_cards) if self.home_cards else None

    def screen_target(self, screen: Screen) -> str:
        return self.spec("views", screen.target)


AREAS: list[Area] = [
    Area(
        key="core",
        package="core",
        label=N_("Admin"),
        demo="demo:add_demo",
        home_cards="home:core_cards",
        screens=(
            Screen("users", N_("Users"), "admin.users", "users:UsersScreen", N_("Admin")),
            Screen("places", N_("Centres and shops"), "admin.centres",
                   "places:PlacesScreen", N_("Admin")),
            Screen("settings", N_("Settings"), "admin.settings",
                   "settings:SettingsScreen", N_("Admin")),
            Screen("audit", N_("Audit log"), "admin.audit", "audit:AuditScreen",
                   N_("Admin")),
            Screen("backups", N_("Backups"), "admin.backup",
                   "backups:BackupsScreen", N_("Admin")),
        ),
    ),
    Area(
        key="attendance",
        package="centres",
        label=N_("Centres"),
        demo="demo:add_demo",
        cli=True,
        home_cards="followup:home_cards",
        screens=(
            Screen("register", N_("Daily register"), "attendance.view",
                   "register:RegisterScreen", N_("Centres")),
            Screen("children", N_("Children and families"), "attendance.view",
                   "children:ChildrenScreen", N_("Centres")),
            Screen("groups", N_("Groups and calendar"), "attendance.view",
                   "groups:SetupScreen", N_("Centres")),
            Screen("followup", N_("Follow-up and reports"), "attendance.view",
                   "reports:ReportsScreen", N_("Centres")),
            Screen("import_children", N_("Import children"), "children.import",
                   "importer:ImportScreen", N_("Centres")),
            Screen("child_history", N_("Attendance history"), "attendance.view",
                   "history:ChildHistoryScreen", N_("Centres")),
        ),
    ),
    Area(
        key="payroll",
        package="payroll",
        label=N_("Workshop payroll"),
        demo="demo:add_demo",
        home_cards="docs:home_cards",
        cli=True,
        screens=(
            Screen("payroll_workers", N_("Workers"), "payroll.view",
                   "workers:WorkersScreen", N_("Workshop")),
            Screen("payroll_time", N_("Time sheets"), "payroll.view",
                   "timesheets:TimeSheetScreen", N_("Workshop")),
            Screen("payroll_run", N_("Payroll"), "payroll.view",
                   "run:PayrollScreen", N_("Workshop")),
            Screen("payroll_fair", N_("Fair wage"), "payroll.view",
                   "fair:FairWageScreen", N_("Workshop")),
            Screen("payroll_rates", N_("Payroll rates"), "payroll.view",
                   "rates:RatesScreen", N_("Workshop")),
        ),
    ),
    Area(
        key="shop",
        package="shop",
        label=N_("Shop"),
        home_cards="home:shop_cards",
        demo="demo:add_demo",
        cli=True,
        screens=(
            Screen("shop_pos", N_("Point of sale"), "shop.sell", "pos:PosScreen",
                   N_("Shop")),
            Screen("shop_stock", N_("Stock"), "shop.view", "stock:StockScreen",
                   N_("Shop")),
            Screen("shop_day", N_("Day closing"), "shop.close_day",
                   "closing:DayClosingScreen", N_("Shop")),
            Screen("shop_count", N_("Stock count"), "stock.count",
                   "count:StockCountScreen", N_("Shop")),
            Screen("shop_events", N_("Events in France"), "shop.events",
                   "events:EventsScreen", N_("Shop")),
            Screen("shop_products", N_("Products"), "shop.view",
                   "products:ProductsScreen", N_("Shop")),
            Screen("shop_reports", N_("Shop reports"), "shop.reports",
                   "reports:ShopReportsScreen", N_("Shop")),
            Screen("shop_history", N_("Shop history"), "shop.view",
                   "history:ShopHistoryScreen", N_("Shop")),
        ),
    ),
    Area(
        key="meetings",
        package="meetings",
        label=N_("Parent meetings"),
        demo="demo:add_demo",
        cli=True,
        home_cards="followup:home_cards",
        screens=(
            Screen("meetings", N_("Parent meetings"), "meetings.view",
                   "planning:MeetingsScreen", N_("Families")),
            Screen("followups", N_("Follow-ups"), "meetings.view",
                   "followup:FollowUpsScreen", N_("Families")),
            Screen("family_page", N_("Family page"), "meetings.view",
                   "family:FamilyPageScreen", N_("Families")),
            Screen("meeting_reports", N_("Meeting reports"), "meetings.view",
                   "reports:MeetingReportsScreen", N_("Families")),
        ),
    ),
    Area(
        key="production",
        package="production",
        label=N_("Workshop production"),
        demo="demo:add_demo",
        home_cards="docs:home_cards",
        cli=True,
        screens=(
            Screen("production_board", N_("Production orders"), "production.view",
                   "board:BoardScreen", N_("Workshop")),
            Screen("production_uniforms", N_("Uniforms from sizes"), "production.orders",
                   "uniforms:UniformsScreen", N_("Workshop")),
            Screen("production_output", N_("Output"), "production.output",
                   "output:OutputScreen", N_("Workshop")),
            Screen("production_materials", N_("Materials"), "production.view",
                   "materials:MaterialsScreen", N_("Workshop")),
            Screen("production_reports", N_("Output reports"), "production.view",
                   "reports:ReportsScreen", N_("Workshop")),
        ),
    ),
    Area(
        key="social",
        package="social",
        label=N_(N_("Social team")),
        demo="demo:add_demo",
        home_cards="assessments:home_cards",
        cli=True,
        screens=(
            Screen("social_caseload", N_("Caseload"), "social.view", "caseload:CaseloadScreen",
                   N_("Social team")),
            Screen("social_family", N_("Family file"), "social.view", "family:FamilyFileScreen",
                   N_("Social team")),
            Screen("social_priority", N_("Priority list"), "social.view", "priority:PriorityScreen",
                   N_("Social team")),
            Screen("social_support", N_("Emergency support"), "social.view",
                   "support:SupportScreen", N_("Social team")),
            Screen("social_reports", N_("Social reports"), "social.view", "reports:SocialReportsScreen",
                   N_("Social team")),
        ),
    ),
    Area(
        key="rice",
        package="rice",
        label=N_(N_("Rice")),
        demo="demo:add_demo",
        cli=True,
        screens=(
            Screen("rice_month", N_("Monthly rice"), "rice.view", "month:RiceMonthScreen", N_("Rice")),
            Screen("rice_distribution", N_("Rice distribution"), "rice.distribute",
                   "distribution:DistributionScreen", N_("Rice")),
            Screen("rice_families", N_("Rice families"), "rice.designate",
                   "designation:DesignationScreen", N_("Rice")),
            Screen("rice_stock", N_("Rice stock"), "rice.view", "stock:RiceStockScreen", N_("Rice")),
        ),
    ),
    Area(
        key="training",
        package="training",
        label=N_("Vocational training"),
        demo="demo:add_demo",
        cli=True,
        home_cards="home:home_cards",
        screens=(
            Screen("training_courses", N_("Training courses"), "training.view",
                   "courses:CoursesScreen", N_("Training"), "rules:may_view"),
            Screen("training_trainees", N_("Trainees and selection"), "training.manage",
                   "trainees:TraineesScreen", N_("Training")),
            Screen("training_register", N_("Session register"), "training.mark",
                   "register:SessionRegisterScreen", N_("Training"), "rules:may_view"),
            Screen("training_skills", N_("Skills and completion"), "training.mark",
                   "skills:SkillsScreen", N_("Training"), "rules:may_view"),
            Screen("training_after", N_("After the course"), "training.manage",
                   "after:AfterCourseScreen", N_("Training")),
            Screen("training_outcomes", N_("Training outcomes"), "training.view",
                   "outcomes:OutcomesScreen", N_("Training")),
        ),
    ),
]


def resolve(spec: str):
    """Return the object named by 'module:attribute'."""
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


def model_modules() -> list[str]:
    return [m for area in AREAS for m in area.models]


def load_services() -> None:
    """Import every area's services so that their permissions and settings are declared."""
    for area in AREAS:
        importlib.import_module(area.services)


def screens() -> list[Screen]:
    """Every screen, its target made absolute ("pse_desktop.views.<package>.module:Class")."""
    return [Screen(s.key, s.label, s.permission, a.screen_target(s), s.section,
                   a.spec("services", s.also) if s.also else "")
            for a in AREAS for s in a.screens]


def may_open(screen: Screen, actor) -> bool:
    """Whether ``actor`` may open the screen: by its permission, or by its ``also`` check (the
    trainers of vocational training hold no permission of the area but their courses)."""
    from .services.core.permissions import can

    return can(actor, screen.permission) or bool(screen.also and resolve(screen.also)(actor))
