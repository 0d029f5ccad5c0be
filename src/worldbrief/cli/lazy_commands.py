"""Commands named up front and imported when used, so one command does not pay for every other.

Importing a command's module pulls in what it runs on (the web framework for `serve`, the store
and password hashing for `users`, the event classifier for `annotate`...), which together cost
seconds of CPU. The top-level group knows each command by name and by where it lives
(``"module:attribute"``, the attribute a function or a ``typer.Typer``); it imports the module the
first time the command is looked up. Running one command imports only that one; `--help`, which
lists every command with its summary, imports them all.

This is Click's lazily loaded subcommands pattern, applied through Typer's ``cls`` setting. The
types are those of the Click that Typer carries inside it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any, ClassVar

import typer
from typer._click import Command, Context
from typer.core import TyperGroup


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


class LazyGroup(TyperGroup):
    """A group whose subcommands are imported when looked up; subclasses set ``commands_at``."""

    commands_at: ClassVar[Mapping[str, str]] = {}

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.commands = _CommandsOnDemand(self.commands_at, self.commands)

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.commands)  # the names alone: listing them must not import them
