"""Each of Discord's limits, as the fake enforces it: the limit itself passes, one more fails."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fakediscord import limits


def _embed(**parts: Any) -> dict[str, Any]:
    return {"embeds": [parts]}


def _fields(count: int, name: str = "n", value: str = "v") -> dict[str, Any]:
    return _embed(fields=[{"name": name, "value": value}] * count)


def _buttons(rows: int, per_row: int, custom_id_length: int = 5) -> dict[str, Any]:
    def button(r: int, b: int) -> dict[str, Any]:
        custom_id = f"{r}-{b}-".ljust(custom_id_length, "x")
        return {"type": 2, "style": 1, "label": "go", "custom_id": custom_id}

    components = [
        {"type": 1, "components": [button(r, b) for b in range(per_row)]} for r in range(rows)
    ]
    return {"content": "x", "components": components}


def _choices(count: int, name_length: int = 5, value_length: int = 5) -> dict[str, Any]:
    return {
        "choices": [
            {
                "name": f"{i}".ljust(name_length, "n")[:name_length] if name_length else "",
                "value": f"{i}".ljust(value_length, "v"),
            }
            for i in range(count)
        ]
    }


def _command(name: str = "cmd", description: str = "d", options: int = 0) -> list[dict[str, Any]]:
    return [
        {
            "type": 1,
            "name": name,
            "description": description,
            "options": [{"type": 3, "name": f"o{i}", "description": "d"} for i in range(options)],
        }
    ]


Case = tuple[str, Callable[[int], Any], int, Callable[[Any], list[limits.Violation]]]

CASES: list[Case] = [
    ("content", lambda n: {"content": "x" * n}, 2000, limits.check_message),
    ("embed count", lambda n: {"embeds": [{"title": "t"}] * n}, 10, limits.check_message),
    ("embed title", lambda n: _embed(title="x" * n), 256, limits.check_message),
    ("embed description", lambda n: _embed(description="x" * n), 4096, limits.check_message),
    ("field count", lambda n: _fields(n), 25, limits.check_message),
    ("field name", lambda n: _fields(1, name="x" * n), 256, limits.check_message),
    ("field value", lambda n: _fields(1, value="x" * n), 1024, limits.check_message),
    ("footer", lambda n: _embed(footer={"text": "x" * n}), 2048, limits.check_message),
    ("author", lambda n: _embed(author={"name": "x" * n}), 256, limits.check_message),
    (
        "6000 over all embeds",
        lambda n: {"embeds": [{"description": "x" * 3000}, {"description": "x" * (n - 3000)}]},
        6000,
        limits.check_message,
    ),
    ("action rows", lambda n: _buttons(n, 1), 5, limits.check_message),
    ("buttons in a row", lambda n: _buttons(1, n), 5, limits.check_message),
    ("custom_id", lambda n: _buttons(1, 1, n), 100, limits.check_message),
    ("choice count", lambda n: _choices(n), 25, limits.check_autocomplete),
    ("choice name", lambda n: _choices(1, name_length=n), 100, limits.check_autocomplete),
    ("choice value", lambda n: _choices(1, value_length=n), 100, limits.check_autocomplete),
    ("command name", lambda n: _command(name="c" * n), 32, limits.check_commands),
    ("command description", lambda n: _command(description="d" * n), 100, limits.check_commands),
    ("command options", lambda n: _command(options=n), 25, limits.check_commands),
]


@pytest.mark.parametrize(("what", "build", "limit", "check"), CASES, ids=[c[0] for c in CASES])
def test_the_limit_passes_and_one_more_is_rejected(
    what: str,
    build: Callable[[int], Any],
    limit: int,
    check: Callable[[Any], list[limits.Violation]],
) -> None:
    assert check(build(limit)) == []
    assert check(build(limit + 1)), f"{what}: {limit + 1} should be rejected"


def test_an_empty_choice_name_is_rejected() -> None:
    assert limits.check_autocomplete(_choices(1, name_length=0))


def test_an_empty_message_is_rejected_but_an_empty_edit_is_not() -> None:
    assert limits.check_message({"content": ""})
    assert limits.check_message({"content": ""}, allow_empty=True) == []


def test_uppercase_slash_command_names_are_rejected_but_menu_names_may_have_spaces() -> None:
    assert limits.check_commands(_command(name="WhoSaid"))
    menu = [{"type": 3, "name": "Who said this?", "description": ""}]
    assert limits.check_commands(menu) == []


def test_required_options_must_come_first() -> None:
    options = [
        {"type": 3, "name": "a", "description": "d"},
        {"type": 3, "name": "b", "description": "d", "required": True},
    ]
    command = [{"type": 1, "name": "c", "description": "d", "options": options}]
    [violation] = limits.check_commands(command)
    assert violation.path == (0, "options", 1, "required")


def test_errors_have_discords_shape() -> None:
    violations = limits.check_message(_embed(description="x" * 4097))
    assert limits.form_error(violations) == {
        "code": 50035,
        "message": "Invalid Form Body",
        "errors": {
            "embeds": {
                "0": {
                    "description": {
                        "_errors": [
                            {
                                "code": "BASE_TYPE_MAX_LENGTH",
                                "message": "Must be 4096 or fewer in length.",
                            }
                        ]
                    }
                }
            }
        },
    }
