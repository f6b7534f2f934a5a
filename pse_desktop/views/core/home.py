"""The home page: a greeting and the cards the areas give this user."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.core import home
from ..common.base import Screen


class HomeScreen(Screen):
    title = N_("Home")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        who = ctx.actor.full_name or ctx.actor.username
        tb.Label(self, text=_("Hello, {name}.").format(name=who)).pack(anchor="w")
        self.grid_frame = tb.Frame(self)
        self.grid_frame.pack(fill="both", expand=True, pady=10)
        self.card_widgets = []

    def on_show(self) -> None:
        for widget in self.card_widgets:
            widget.destroy()
        self.card_widgets = []
        cards = home.cards_for(self.ctx.actor, self.ctx.target)
        for index, card in enumerate(cards):
            frame = tb.Labelframe(self.grid_frame, text=_(card.title), padding=10,
                                  bootstyle=card.level)
            frame.grid(row=index // 3, column=index % 3, sticky="nsew", padx=6, pady=6)
            for line in card.lines:
                tb.Label(frame, text=line, wraplength=300, justify="left").pack(anchor="w")
            if card.screen:
                tb.Button(frame, text=_("Open"), bootstyle=f"{card.level}-link",
                          command=lambda k=card.screen: self.ctx.navigate(k)).pack(anchor="e")
            self.card_widgets.append(frame)
        for col in range(3):
            self.grid_frame.columnconfigure(col, weight=1, uniform="cards")
        if not cards:
            label = tb.Label(self.grid_frame, text=_("Choose a task on the left."),
                             bootstyle="secondary")
            label.grid(row=0, column=0, sticky="w")
            self.card_widgets.append(label)
