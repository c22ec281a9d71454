"""Profiles: pick, create, rename or delete the pseudonymous profile sessions are recorded under.

Shown at first start (no profile chosen yet) and from the title menu. Only a nickname is
asked for. Enter plays as the focused profile; N makes a new one, R renames, E exports its
history as CSV (into the user folder's `exports/`, the path shown), Delete removes one with
its sessions and logs after the nickname is typed back (the operation itself is
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
    export_profile,
    profiles,
    rename_profile,
    switch_to,
)
from game.store import open_history
from game.ui.kit.button import Button, button_rects, draw_buttons
from game.ui.kit.common import draw_footer, draw_header, menu_intent, text_height
from game.ui.kit.focus import FocusList
from game.ui.kit.layout import frame
from game.ui.kit.text_entry import TextEntryOverlay
from game.ui.shell.context import UiContext
from game.ui.shell.input import PLAYER_KEYS, Act, Intent, Shown, keys, press
from game.ui.shell.scene import Pop, Push, Result, Scene, Transition

NEW = "+new"


class ProfilesScene(Scene):
    name = "profiles"
    keymap = PLAYER_KEYS.layer("profiles", (
        *keys(Act.NEW, pygame.K_n), *keys(Act.RENAME, pygame.K_r),
        *keys(Act.EXPORT, pygame.K_e), *keys(Act.DELETE, pygame.K_DELETE),
    ), legends=(
        Shown("Enter play as · N new · R rename · E export CSV · Delete remove · Esc back", "",
              press(pygame.K_RETURN, pygame.K_n, pygame.K_r, pygame.K_e, pygame.K_DELETE,
                    pygame.K_ESCAPE)),
    ))

    def __init__(self, ctx: UiContext, first_start: bool = False):
        super().__init__(ctx)
        self.first_start = first_start
        self.focus = FocusList()
        self.rows: list[Profile] = []
        self.problem = ""
        self.notice = ""
        """What the last export did (the file written, or why not), in one line."""
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
        known = [p.id for p in self.rows if p.id == current]  # none when no profile is current
        self.focus.focus(known[0] if known else (self.rows[0].id if self.rows else NEW))

    def resize(self) -> None:
        m, t = self.ctx.metrics, self.ctx.t
        f = frame(self.ctx.size, m, m.heading)
        self.header, self.footer = f.header, f.footer
        intro_h = max(self.ctx.line_height(m.body) * 3,  # a long export path wraps
                      text_height(self.ctx, self.intro_text()[0], m.body, f.body.width))
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

    def _key(self, act: Act) -> Result:
        """N new; R rename, E export, Delete remove act on the selected profile."""
        selected = self.selected
        if act is Act.NEW:
            return self._new()
        if selected is None:
            return None
        if act is Act.EXPORT:
            self.export(selected)
            return None
        return self._rename(selected) if act is Act.RENAME else self._delete(selected)

    @property
    def selected(self) -> Profile | None:
        return next((p for p in self.rows if p.id == self.focus.current), None)

    def on_intent(self, intent: Intent) -> Result:
        if intent.act in (Act.NEW, Act.RENAME, Act.EXPORT, Act.DELETE):
            return self._key(intent.act)
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

    def update(self, dt_ms: int) -> Transition | None:
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

    def export(self, profile: Profile) -> None:
        """Write the profile's history as CSV and say where (or why not)."""
        t = self.ctx.t
        history, problem = open_history()
        if history is None:
            self.notice = t("Not exported: {reason}", reason=problem or "")
            return
        with history:
            try:
                out, count = export_profile(history, profile)
            except OSError as exc:
                self.notice = t("Not exported: {reason}", reason=exc.strerror or str(exc))
                self.resize()
                return
        self.notice = t("Exported {n} sessions of {name} to {path}", n=count,
                        name=profile.name, path=str(out))
        self.resize()

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

    def intro_text(self) -> tuple[str, tuple[int, int, int]]:
        """The line under the heading: a problem with the history, what an export did, or
        what this screen is for."""
        p = self.ctx.palette
        if self.problem:
            return "⚠ " + self.problem, p.warn
        if self.notice:
            return self.notice, p.accent
        return self.ctx.t("Choose your profile, or make one. Profiles keep each supervisor's "
                          "history and progress apart; only a nickname is stored."), p.muted

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, t = self.ctx, self.ctx.metrics, self.ctx.t
        surface.fill(ctx.palette.background)
        draw_header(ctx, surface, self.header, t("Who is playing?"), m.heading)
        intro, colour = self.intro_text()
        ctx.text(surface, intro, self.intro, m.body, colour)
        draw_buttons(ctx, surface, self.buttons, self.focus.current)
        hidden = len(self.rows) + 1 - len(self.buttons)
        more = t(" · {n} more: use ↑/↓", n=hidden) if hidden > 0 else ""
        draw_footer(ctx, surface, self.footer, t(self.keymap.legend()) + more)
