"""Profiles: pick, create, rename or delete the pseudonymous profile sessions are recorded under.

Shown at first start (no profile chosen yet) and from the title menu. Only a nickname is
asked for. Enter plays as the focused profile; N makes a new one, R renames, Delete removes
one with its sessions and logs after the nickname is typed back (the operation itself is
`app.profiles.delete_profile`). Esc leaves without choosing: sessions are then recorded
under this machine's anonymous id, as before profiles existed.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from game.app.profiles import (
    Profile,
    ProfileError,
    create_profile,
    current_id,
    delete_profile,
    deletion_plan,
    profiles,
    rename_profile,
    switch_to,
)
from game.store import open_history
from game.ui.kit.button import Button, button_rects, draw_buttons
from game.ui.kit.common import draw_footer, draw_header, menu_intent
from game.ui.kit.focus import FocusList
from game.ui.kit.layout import frame
from game.ui.kit.text_entry import TextEntryOverlay
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent, map_event
from game.ui.shell.scene import Pop, Push, Result, Scene

NEW = "+new"


class ProfilesScene(Scene):
    name = "profiles"

    def __init__(self, ctx: UiContext, first_start: bool = False):
        super().__init__(ctx)
        self.first_start = first_start
        self.focus = FocusList()
        self.rows: list[Profile] = []
        self.problem = ""
        self.chosen = False
        self.buttons: list[Button] = []
        self.reload()

    def reload(self) -> None:
        history, problem = open_history()
        self.problem = problem or ""
        if history is not None:
            with history:
                self.rows = profiles(history)
        current = current_id()
        self.focus.set_ids([p.id for p in self.rows] + [NEW])
        self.focus.focus(current if any(p.id == current for p in self.rows) else
                         (self.rows[0].id if self.rows else NEW))

    def resize(self) -> None:
        m, t = self.ctx.metrics, self.ctx.t
        f = frame(self.ctx.size, m, m.heading)
        self.header, self.footer = f.header, f.footer
        intro_h = self.ctx.line_height(m.body) * 3
        self.intro = Rect(f.body.x, f.body.y, f.body.width, intro_h)
        top = self.intro.bottom + m.gap
        room = f.body.bottom - top
        items = [(p.id, f"{p.name} · " + t("{n} sessions", n=p.sessions)) for p in self.rows]
        items.append((NEW, t("New profile…")))
        bh = min(m.button_h, (room - m.gap * (len(items) - 1)) // max(1, len(items)))
        width = min(f.body.width, round(640 * m.scale))
        current = current_id()
        self.buttons = [Button(pid, label, Rect(f.body.x, top + i * (bh + m.gap), width, bh),
                               "N" if pid == NEW else "", selected=pid == current)
                        for i, (pid, label) in enumerate(items)
                        if top + i * (bh + m.gap) + bh <= f.body.bottom]

    def handle_event(self, event: pygame.event.Event) -> Result:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_n:
                return self._new()
            if event.key == pygame.K_r and self.selected is not None:
                return self._rename(self.selected)
            if event.key == pygame.K_DELETE and self.selected is not None:
                return self._delete(self.selected)
        intent = map_event(event)
        return None if intent is None else self.on_intent(intent)

    @property
    def selected(self) -> Profile | None:
        return next((p for p in self.rows if p.id == self.focus.current), None)

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent)
        if chosen == NEW:
            return self._new()
        profile = next((p for p in self.rows if p.id == chosen), None)
        if profile is not None:
            switch_to(profile)
            return Pop()
        return None

    def update(self, dt_ms: int) -> Result:
        if self.chosen:  # a new profile was made in the entry on top of us
            return Pop()
        return None

    def _act(self, action) -> str | None:
        """Run `action(history)` on the open history; a ProfileError is the entry's message."""
        history, problem = open_history()
        if history is None:
            return problem or self.ctx.t("The history cannot be opened.")
        with history:
            try:
                action(history)
            except ProfileError as exc:
                return self.ctx.t(str(exc))
        self.reload()
        self.resize()
        return None

    def _new(self) -> Result:
        def save(name: str) -> str | None:
            def make(history) -> None:
                switch_to(create_profile(history, name))
                self.chosen = True
            return self._act(make)
        return Push(TextEntryOverlay(self.ctx, self.ctx.t("New profile"), self.ctx.t(
            "A nickname only: no real name, e-mail or staff number. Sessions you play are "
            "recorded under it."), save))

    def _rename(self, profile: Profile) -> Result:
        def save(name: str) -> str | None:
            return self._act(lambda history: rename_profile(history, profile.id, name))
        return Push(TextEntryOverlay(self.ctx, self.ctx.t("Rename {name}", name=profile.name),
                                     self.ctx.t("A nickname only."), save, profile.name))

    def _delete(self, profile: Profile) -> Result:
        history, _ = open_history()
        plan = None
        if history is not None:
            with history:
                plan = deletion_plan(history, profile.id)
        detail = self.ctx.t(
            "This deletes {n} sessions and {files} files (logs and notes) for good. Type "
            "{name} to confirm; Esc keeps everything.", n=plan.sessions if plan else 0,
            files=len(plan.logs) if plan else 0, name=profile.name)

        def save(typed: str) -> str | None:
            return self._act(lambda h: delete_profile(h, profile, typed))
        return Push(TextEntryOverlay(self.ctx, self.ctx.t("Delete {name}?", name=profile.name),
                                     detail, save))

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, t = self.ctx, self.ctx.metrics, self.ctx.t
        surface.fill(ctx.palette.background)
        draw_header(ctx, surface, self.header, t("Who is playing?"), m.heading)
        intro = t("Choose your profile, or make one. Profiles keep each supervisor's history "
                  "and progress apart; only a nickname is stored.")
        if self.problem:
            intro = "⚠ " + self.problem
        ctx.text(surface, intro, self.intro, m.body,
                 ctx.palette.warn if self.problem else ctx.palette.muted)
        draw_buttons(ctx, surface, self.buttons, self.focus.current)
        hidden = len(self.rows) + 1 - len(self.buttons)
        more = t(" · {n} more: use ↑/↓", n=hidden) if hidden > 0 else ""
        draw_footer(ctx, surface, self.footer, t("Enter play as · N new · R rename · Delete "
                                                 "remove · Esc back") + more)
