"""Commands named up front and imported when used, so one command does not pay for every other.

Importing a command's module pulls in what it runs on (the web framework for `serve`, the store
and password hashing for `users`, the event classifier for `annotate`...), which together cost
seconds of CPU. The top-level group knows each command by name and by where it lives
(``"module:attribute"``, the attribute a function or a ``typer.Typer``) and by the one-line summary
that `--help` lists; it imports the module the first time the command is looked up. Running one
command imports only that one, and `--help` none (tests/cli/test_cli_help.py checks that each
summary is the command's own).

This is Click's lazily loaded subcommands pattern, applied through Typer's ``cls`` setting. The
types are those of the Click that Typer carries inside it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any, ClassVar

import typer
from typer._click import Command, Context, HelpFormatter
from typer.core import TyperCommand, TyperGroup

# Where a command lives ("module:attribute") and the summary `--help` shows for it.
CommandAt = tuple[str, str]


def _command_of(name: str, target: str) -> Command:
    module_name, _, attribute = target.partition(":")
    found = getattr(importlib.import_module(module_name), attribute)
    command: Command
    if isinstance(found, typer.Typer):
        command = typer.main.get_group(found)  # as `add_typer` would add it, even with one command
    else:  # a function, registered as `app.command(name)(function)` would register it
        single = typer.Typer(add_completion=False)
        single.command(name)(found)
        command = typer.main.get_command(single)
    command.name = name
    return command


class _CommandsOnDemand(MutableMapping[str, Command]):
    """The group's commands: the named ones are built from their module on first lookup."""

    def __init__(self, targets: Mapping[str, str], built: Mapping[str, Command]) -> None:
        self._targets = dict(targets)
        self._built = dict(built)
        self._order = [*self._targets, *(name for name in self._built if name not in targets)]

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in self._targets:
                raise KeyError(name)
            self._built[name] = _command_of(name, self._targets[name])
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        if name not in self._order:
            self._order.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._order.remove(name)
        self._built.pop(name, None)
        self._targets.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def is_built(self, name: str) -> bool:
        return name in self._built


class LazyGroup(TyperGroup):
    """A group whose subcommands are imported when looked up; subclasses set ``commands_at``."""

    commands_at: ClassVar[Mapping[str, CommandAt]] = {}

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        targets = {name: target for name, (target, _summary) in self.commands_at.items()}
        self._on_demand = _CommandsOnDemand(targets, self.commands)
        self.commands = self._on_demand
        self._listing = False

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.commands)  # the names alone: listing them must not import them

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if (
            self._listing
            and cmd_name in self.commands_at
            and not self._on_demand.is_built(cmd_name)
        ):
            # Only its name and summary are shown: a stand-in spares importing the command.
            return TyperCommand(cmd_name, help=self.commands_at[cmd_name][1])
        return super().get_command(ctx, cmd_name)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False
