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

LAYERS = ("services", "views", "reports")


@dataclass(frozen=True)
class Screen:
    key: str
    label: str  # English text, translated when shown
    permission: str
    target: str  # "module:Class" in the area's views package; the class takes (master, ctx)
    section: str = ""


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
        label="Admin",
        demo="demo:add_demo",
        home_cards="home:core_cards",
        screens=(
            Screen("users", "Users", "admin.users", "users:UsersScreen", "Admin"),
            Screen("places", "Centres and shops", "admin.centres",
                   "places:PlacesScreen", "Admin"),
            Screen("settings", "Settings", "admin.settings",
                   "settings:SettingsScreen", "Admin"),
            Screen("audit", "Audit log", "admin.audit", "audit:AuditScreen",
                   "Admin"),
            Screen("backups", "Backups", "admin.backup",
                   "backups:BackupsScreen", "Admin"),
        ),
    ),
    Area(
        key="attendance",
        package="centres",
        label="Centres",
        demo="demo:add_demo",
        cli=True,
        home_cards="followup:home_cards",
        screens=(
            Screen("register", "Daily register", "attendance.view",
                   "register:RegisterScreen", "Centres"),
            Screen("children", "Children and families", "attendance.view",
                   "children:ChildrenScreen", "Centres"),
            Screen("groups", "Groups and calendar", "attendance.view",
                   "groups:SetupScreen", "Centres"),
            Screen("followup", "Follow-up and reports", "attendance.view",
                   "reports:ReportsScreen", "Centres"),
            Screen("import_children", "Import children", "children.import",
                   "importer:ImportScreen", "Centres"),
            Screen("child_history", "Attendance history", "attendance.view",
                   "history:ChildHistoryScreen", "Centres"),
        ),
    ),
    Area(
        key="payroll",
        package="payroll",
        label="Workshop payroll",
        demo="demo:add_demo",
        home_cards="docs:home_cards",
        cli=True,
        screens=(
            Screen("payroll_workers", "Workers", "payroll.view",
                   "workers:WorkersScreen", "Workshop"),
            Screen("payroll_time", "Time sheets", "payroll.view",
                   "timesheets:TimeSheetScreen", "Workshop"),
            Screen("payroll_run", "Payroll", "payroll.view",
                   "run:PayrollScreen", "Workshop"),
            Screen("payroll_fair", "Fair wage", "payroll.view",
                   "fair:FairWageScreen", "Workshop"),
            Screen("payroll_rates", "Payroll rates", "payroll.view",
                   "rates:RatesScreen", "Workshop"),
        ),
    ),
    Area(
        key="shop",
        package="shop",
        label="Shop",
        home_cards="home:shop_cards",
        demo="demo:add_demo",
        cli=True,
        screens=(
            Screen("shop_pos", "Point of sale", "shop.sell", "pos:PosScreen",
                   "Shop"),
            Screen("shop_stock", "Stock", "shop.view", "stock:StockScreen",
                   "Shop"),
            Screen("shop_day", "Day closing", "shop.close_day",
                   "closing:DayClosingScreen", "Shop"),
            Screen("shop_count", "Stock count", "stock.count",
                   "count:StockCountScreen", "Shop"),
            Screen("shop_events", "Events in France", "shop.events",
                   "events:EventsScreen", "Shop"),
            Screen("shop_products", "Products", "shop.view",
                   "products:ProductsScreen", "Shop"),
            Screen("shop_reports", "Shop reports", "shop.reports",
                   "reports:ShopReportsScreen", "Shop"),
            Screen("shop_history", "Shop history", "shop.view",
                   "history:ShopHistoryScreen", "Shop"),
        ),
    ),
    Area(
        key="meetings",
        package="meetings",
        label="Parent meetings",
        demo="demo:add_demo",
        cli=True,
        home_cards="followup:home_cards",
        screens=(
            Screen("meetings", "Parent meetings", "meetings.view",
                   "planning:MeetingsScreen", "Families"),
            Screen("followups", "Follow-ups", "meetings.view",
                   "followup:FollowUpsScreen", "Families"),
            Screen("family_page", "Family page", "meetings.view",
                   "family:FamilyPageScreen", "Families"),
            Screen("meeting_reports", "Meeting reports", "meetings.view",
                   "reports:MeetingReportsScreen", "Families"),
        ),
    ),
    Area(
        key="production",
        package="production",
        label="Workshop production",
        demo="demo:add_demo",
        home_cards="docs:home_cards",
        cli=True,
        screens=(
            Screen("production_board", "Production orders", "production.view",
                   "board:BoardScreen", "Workshop"),
            Screen("production_uniforms", "Uniforms from sizes", "production.orders",
                   "uniforms:UniformsScreen", "Workshop"),
            Screen("production_output", "Output", "production.output",
                   "output:OutputScreen", "Workshop"),
            Screen("production_materials", "Materials", "production.view",
                   "materials:MaterialsScreen", "Workshop"),
            Screen("production_reports", "Output reports", "production.view",
                   "reports:ReportsScreen", "Workshop"),
        ),
    ),
    Area(
        key="social",
        package="social",
        label="Social team",
        demo="demo:add_demo",
        home_cards="assessments:home_cards",
        cli=True,
        screens=(
            Screen("social_caseload", "Caseload", "social.view", "caseload:CaseloadScreen",
                   "Social team"),
            Screen("social_family", "Family file", "social.view", "family:FamilyFileScreen",
                   "Social team"),
            Screen("social_priority", "Priority list", "social.view", "priority:PriorityScreen",
                   "Social team"),
            Screen("social_support", "Emergency support", "social.view",
                   "support:SupportScreen", "Social team"),
            Screen("social_reports", "Social reports", "social.view", "reports:SocialReportsScreen",
                   "Social team"),
        ),
    ),
    Area(
        key="rice",
        package="rice",
        label="Rice",
        demo="demo:add_demo",
        cli=True,
        screens=(
            Screen("rice_month", "Monthly rice", "rice.view", "month:RiceMonthScreen", "Rice"),
            Screen("rice_distribution", "Rice distribution", "rice.distribute",
                   "distribution:DistributionScreen", "Rice"),
            Screen("rice_families", "Rice families", "rice.designate",
                   "designation:DesignationScreen", "Rice"),
            Screen("rice_stock", "Rice stock", "rice.view", "stock:RiceStockScreen", "Rice"),
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
    return [Screen(s.key, s.label, s.permission, a.screen_target(s), s.section)
            for a in AREAS for s in a.screens]
