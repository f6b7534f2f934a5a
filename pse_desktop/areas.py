"""The areas of the program and what each plugs in: models, services, screens, cards, CLI, demo.

This module imports nothing heavy: the window and the command line import an area's modules
only when they need them, so start-up stays fast. A new area adds one ``Area`` here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Screen:
    key: str
    label: str  # English text, translated when shown
    permission: str
    target: str  # "module:Class"; the class takes (master, ctx)
    section: str = ""


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    models: str | tuple[str, ...] | None = None  # module(s) registering migrations on import
    services: str | None = None  # registers permissions and settings on import
    screens: tuple[Screen, ...] = ()
    home_cards: str | None = None  # "module:function(actor, target) -> list[Card]"
    demo: str | None = None  # "module:function(actor, progress, today)"
    cli: str | None = None  # "module:function(registry)" adds export/report/import commands
    extra: dict = field(default_factory=dict)


AREAS: list[Area] = [
    Area(
        key="core",
        label="Admin",
        models="pse_desktop.db.core",
        services="pse_desktop.services.core.permissions",
        demo="pse_desktop.services.core.demo:add_demo",
        home_cards="pse_desktop.services.core.home:core_cards",
        screens=(
            Screen("users", "Users", "admin.users", "pse_desktop.views.core.users:UsersScreen", "Admin"),
            Screen("places", "Centres and shops", "admin.centres",
                   "pse_desktop.views.core.places:PlacesScreen", "Admin"),
            Screen("settings", "Settings", "admin.settings",
                   "pse_desktop.views.core.settings:SettingsScreen", "Admin"),
            Screen("audit", "Audit log", "admin.audit", "pse_desktop.views.core.audit:AuditScreen",
                   "Admin"),
            Screen("backups", "Backups", "admin.backup",
                   "pse_desktop.views.core.backups:BackupsScreen", "Admin"),
        ),
    ),
    Area(
        key="attendance",
        label="Centres",
        models="pse_desktop.db.centres",
        services="pse_desktop.services.centres.rules",
        demo="pse_desktop.services.centres.demo:add_demo",
        cli="pse_desktop.cli.centres:register",
        home_cards="pse_desktop.services.centres.followup:home_cards",
        screens=(
            Screen("register", "Daily register", "attendance.view",
                   "pse_desktop.views.centres.register:RegisterScreen", "Centres"),
            Screen("children", "Children and families", "attendance.view",
                   "pse_desktop.views.centres.children:ChildrenScreen", "Centres"),
            Screen("groups", "Groups and calendar", "attendance.view",
                   "pse_desktop.views.centres.groups:SetupScreen", "Centres"),
            Screen("followup", "Follow-up and reports", "attendance.view",
                   "pse_desktop.views.centres.reports:ReportsScreen", "Centres"),
            Screen("import_children", "Import children", "children.import",
                   "pse_desktop.views.centres.importer:ImportScreen", "Centres"),
        ),
    ),
    Area(
        key="payroll",
        label="Workshop payroll",
        models="pse_desktop.db.payroll",
        services="pse_desktop.services.payroll",
        demo="pse_desktop.services.payroll.demo:add_demo",
        home_cards="pse_desktop.services.payroll.docs:home_cards",
        cli="pse_desktop.cli.payroll:register",
        screens=(
            Screen("payroll_workers", "Workers", "payroll.view",
                   "pse_desktop.views.payroll.workers:WorkersScreen", "Workshop"),
            Screen("payroll_time", "Time sheets", "payroll.view",
                   "pse_desktop.views.payroll.timesheets:TimeSheetScreen", "Workshop"),
            Screen("payroll_run", "Payroll", "payroll.view",
                   "pse_desktop.views.payroll.run:PayrollScreen", "Workshop"),
            Screen("payroll_fair", "Fair wage", "payroll.view",
                   "pse_desktop.views.payroll.fair:FairWageScreen", "Workshop"),
            Screen("payroll_rates", "Payroll rates", "payroll.view",
                   "pse_desktop.views.payroll.rates:RatesScreen", "Workshop"),
        ),
    ),
    Area(
        key="shop",
        label="Shop",
        models="pse_desktop.db.shop",
        services="pse_desktop.services.shop",
        home_cards="pse_desktop.services.shop.home:shop_cards",
        demo="pse_desktop.services.shop.demo:add_demo",
        cli="pse_desktop.cli.shop:register",
        screens=(
            Screen("shop_pos", "Point of sale", "shop.sell", "pse_desktop.views.shop.pos:PosScreen",
                   "Shop"),
            Screen("shop_stock", "Stock", "shop.view", "pse_desktop.views.shop.stock:StockScreen",
                   "Shop"),
            Screen("shop_day", "Day closing", "shop.close_day",
                   "pse_desktop.views.shop.closing:DayClosingScreen", "Shop"),
            Screen("shop_count", "Stock count", "stock.count",
                   "pse_desktop.views.shop.count:StockCountScreen", "Shop"),
            Screen("shop_events", "Events in France", "shop.events",
                   "pse_desktop.views.shop.events:EventsScreen", "Shop"),
            Screen("shop_products", "Products", "shop.view",
                   "pse_desktop.views.shop.products:ProductsScreen", "Shop"),
            Screen("shop_reports", "Shop reports", "shop.reports",
                   "pse_desktop.views.shop.reports:ShopReportsScreen", "Shop"),
        ),
    ),
    Area(
        key="meetings",
        label="Parent meetings",
        models="pse_desktop.db.meetings",
        services="pse_desktop.services.meetings.planning",
        demo="pse_desktop.services.meetings.demo:add_demo",
        cli="pse_desktop.cli.meetings:register",
        home_cards="pse_desktop.services.meetings.followup:home_cards",
        screens=(
            Screen("meetings", "Parent meetings", "meetings.view",
                   "pse_desktop.views.meetings.planning:MeetingsScreen", "Families"),
            Screen("followups", "Follow-ups", "meetings.view",
                   "pse_desktop.views.meetings.followup:FollowUpsScreen", "Families"),
            Screen("family_page", "Family page", "meetings.view",
                   "pse_desktop.views.meetings.family:FamilyPageScreen", "Families"),
            Screen("meeting_reports", "Meeting reports", "meetings.view",
                   "pse_desktop.views.meetings.reports:MeetingReportsScreen", "Families"),
        ),
    ),
    Area(
        key="production",
        label="Workshop production",
        models="pse_desktop.db.production",
        services="pse_desktop.services.production",
        demo="pse_desktop.services.production.demo:add_demo",
        home_cards="pse_desktop.services.production.docs:home_cards",
        cli="pse_desktop.cli.production:register",
        screens=(
            Screen("production_board", "Production orders", "production.view",
                   "pse_desktop.views.production.board:BoardScreen", "Workshop"),
            Screen("production_uniforms", "Uniforms from sizes", "production.orders",
                   "pse_desktop.views.production.uniforms:UniformsScreen", "Workshop"),
            Screen("production_output", "Output", "production.output",
                   "pse_desktop.views.production.output:OutputScreen", "Workshop"),
            Screen("production_materials", "Materials", "production.view",
                   "pse_desktop.views.production.materials:MaterialsScreen", "Workshop"),
            Screen("production_reports", "Output reports", "production.view",
                   "pse_desktop.views.production.reports:ReportsScreen", "Workshop"),
        ),
    ),
]


def resolve(spec: str):
    """Return the object named by 'module:attribute'."""
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


def model_modules() -> list[str]:
    out = []
    for area in AREAS:
        if area.models:
            out.extend([area.models] if isinstance(area.models, str) else area.models)
    return out


def load_services() -> None:
    """Import every area's services so that their permissions and settings are declared."""
    for area in AREAS:
        if area.services:
            importlib.import_module(area.services)


def screens() -> list[Screen]:
    return [s for a in AREAS for s in a.screens]
