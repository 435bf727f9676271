"""The command line: every command has help text and parses its own arguments."""

from __future__ import annotations

import argparse

import pytest

from kg.cli import main, make_parser


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_has_help_text():
    parser = make_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    commands = _commands(parser)
    assert {"build", "openie"} <= set(commands)
    for name, sub in commands.items():
        assert helps.get(name), f"kg {name} has no help line"
        assert sub.description, f"kg {name} has no description"
        for arg in sub._actions:
            if not isinstance(arg, argparse._HelpAction):
                assert arg.help, f"kg {name} {arg.dest} has no help"


def test_version_and_usage_errors(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0 and "kg " in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        main(["build"])
    assert info.value.code == 2
