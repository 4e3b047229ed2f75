"""Discord's documented limits, checked the way Discord checks them.

Every function returns the violations it found (an empty list means Discord would accept the
payload). A violation carries the JSON path, so the fake can answer with Discord's own
"Invalid Form Body" error shape and a failing test names the exact field that was too long.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Path = tuple[str | int, ...]

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_MAX = 256
EMBEDS_TOTAL_MAX = 6000
CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_VALUE_MAX = 100
CUSTOM_ID_MAX = 100
ACTION_ROWS_MAX = 5
BUTTONS_PER_ROW_MAX = 5
BUTTON_LABEL_MAX = 80
SELECT_OPTIONS_MAX = 25
SELECT_PLACEHOLDER_MAX = 150
COMMAND_NAME_MAX = 32
COMMAND_DESCRIPTION_MAX = 100
COMMAND_OPTIONS_MAX = 25
STRING_OPTION_MAX_LENGTH = 6000
CHAT_INPUT_COMMANDS_MAX = 100
USER_COMMANDS_MAX = 15
MESSAGE_COMMANDS_MAX = 15
MODAL_TITLE_MAX = 45

EPHEMERAL = 1 << 6
SUPPRESS_EMBEDS = 1 << 2
SUPPRESS_NOTIFICATIONS = 1 << 12
MESSAGE_FLAGS_ALLOWED = EPHEMERAL | SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS

# Chat-input command and option names: lowercase letters, digits, "-" and "_" (Discord's regex).
_CHAT_INPUT_NAME = re.compile(r"^[-_\w]{1,32}$")


@dataclass(frozen=True, slots=True)
class Violation:
    """One reason Discord would reject a payload."""

    path: Path
    code: str
    message: str

    def __str__(self) -> str:
        where = ".".join(str(part) for part in self.path) or "<body>"
        return f"{where}: {self.message}"


def form_error(violations: Sequence[Violation]) -> dict[str, Any]:
    """Discord's "Invalid Form Body" error JSON (code 50035) for these violations."""
    errors: dict[str, Any] = {}
    for violation in violations:
        node = errors
        for part in violation.path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append(
            {"code": violation.code, "message": violation.message}
        )
    return {"code": 50035, "message": "Invalid Form Body", "errors": errors}


def _too_long(path: Path, value: Any, maximum: int, minimum: int = 0) -> list[Violation]:
    if not isinstance(value, str):
        return [Violation(path, "STRING_TYPE_CONVERT", "Must be a string.")]
    if len(value) > maximum:
        return [Violation(path, "BASE_TYPE_MAX_LENGTH", f"Must be {maximum} or fewer in length.")]
    if len(value) < minimum:
        return [Violation(path, "BASE_TYPE_MIN_LENGTH", f"Must be {minimum} or more in length.")]
    return []


def _too_many(path: Path, items: Any, maximum: int) -> list[Violation]:
    if not isinstance(items, list):
        return [Violation(path, "LIST_TYPE_CONVERT", "Must be an array.")]
    if len(items) > maximum:
        return [Violation(path, "BASE_TYPE_MAX_LENGTH", f"Must be {maximum} or fewer in length.")]
    return []


def _optional_text(
    embed: Mapping[str, Any], key: str, path: Path, maximum: int
) -> tuple[list[Violation], int]:
    value = embed.get(key)
    if value is None:
        return [], 0
    found = _too_long((*path, key), value, maximum)
    return found, len(value) if isinstance(value, str) else 0


def check_embed(embed: Any, path: Path) -> tuple[list[Violation], int]:
    """Violations in one embed and the number of characters it counts toward the 6000 total."""
    if not isinstance(embed, Mapping):
        return [Violation(path, "DICT_TYPE_CONVERT", "Must be an object.")], 0
    found: list[Violation] = []
    total = 0
    for key, maximum in (("title", EMBED_TITLE_MAX), ("description", EMBED_DESCRIPTION_MAX)):
        more, size = _optional_text(embed, key, path, maximum)
        found += more
        total += size
    for key, maximum in (("footer", EMBED_FOOTER_MAX), ("author", EMBED_AUTHOR_MAX)):
        part = embed.get(key)
        if part is None:
            continue
        text_key = "text" if key == "footer" else "name"
        if not isinstance(part, Mapping) or text_key not in part:
            found.append(Violation((*path, key, text_key), "BASE_TYPE_REQUIRED", "required"))
            continue
        more, size = _optional_text(part, text_key, (*path, key), maximum)
        found += more
        total += size
    for key in ("url",):
        found += _check_url(embed.get(key), (*path, key))
    for key in ("image", "thumbnail"):
        part = embed.get(key)
        if isinstance(part, Mapping):
            found += _check_url(part.get("url"), (*path, key, "url"))
    color = embed.get("color")
    if color is not None and (not isinstance(color, int) or not 0 <= color <= 0xFFFFFF):
        found.append(Violation((*path, "color"), "NUMBER_TYPE_MAX", "Must be 16777215 or less."))
    fields = embed.get("fields")
    if fields is not None:
        found += _too_many((*path, "fields"), fields, EMBED_FIELDS_MAX)
        for index, field in enumerate(fields if isinstance(fields, list) else []):
            here = (*path, "fields", index)
            if not isinstance(field, Mapping):
                found.append(Violation(here, "DICT_TYPE_CONVERT", "Must be an object."))
                continue
            found += _too_long((*here, "name"), field.get("name"), EMBED_FIELD_NAME_MAX, 1)
            found += _too_long((*here, "value"), field.get("value"), EMBED_FIELD_VALUE_MAX, 1)
            for key in ("name", "value"):
                if isinstance(field.get(key), str):
                    total += len(field[key])
    return found, total


def _check_url(url: Any, path: Path) -> list[Violation]:
    if url is None:
        return []
    if not isinstance(url, str) or not re.match(r"^(https?|attachment)://\S+$", url):
        return [Violation(path, "URL_TYPE_INVALID_URL", "Not a well formed URL.")]
    return []


def check_embeds(embeds: Any, path: Path = ("embeds",)) -> list[Violation]:
    """Per-embed limits, at most 10 embeds, and the 6000-character total across them."""
    found = _too_many(path, embeds, EMBEDS_MAX)
    if not isinstance(embeds, list):
        return found
    total = 0
    for index, embed in enumerate(embeds):
        more, size = check_embed(embed, (*path, index))
        found += more
        total += size
    if total > EMBEDS_TOTAL_MAX:
        found.append(
            Violation(
                path,
                "MAX_EMBED_SIZE_EXCEEDED",
                f"Embed size exceeds maximum size of {EMBEDS_TOTAL_MAX} ({total}).",
            )
        )
    return found


def check_allowed_mentions(value: Any, path: Path = ("allowed_mentions",)) -> list[Violation]:
    if value is None:
        return []
    if not isinstance(value, Mapping):
        return [Violation(path, "DICT_TYPE_CONVERT", "Must be an object.")]
    found: list[Violation] = []
    parse = value.get("parse", [])
    if not isinstance(parse, list) or not set(parse) <= {"users", "roles", "everyone"}:
        found.append(Violation((*path, "parse"), "ENUM_TYPE_COERCE", "Not a valid parse type."))
    for key in ("users", "roles"):
        if key in parse and value.get(key):
            found.append(
                Violation(
                    (*path, key),
                    "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                    f'parse:["{key}"] and {key}: [ids] are mutually exclusive.',
                )
            )
    return found


def check_components(components: Any, path: Path = ("components",)) -> list[Violation]:
    """Action rows of buttons and selects: counts, custom_id length and uniqueness, labels."""
    found = _too_many(path, components, ACTION_ROWS_MAX)
    if not isinstance(components, list):
        return found
    seen: set[str] = set()
    for row_index, row in enumerate(components):
        here = (*path, row_index)
        if not isinstance(row, Mapping) or row.get("type") != 1:
            found.append(
                Violation(here, "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "Top level must be rows.")
            )
            continue
        children = row.get("components", [])
        if not isinstance(children, list) or not children:
            found.append(
                Violation((*here, "components"), "BASE_TYPE_MIN_LENGTH", "Must not be empty.")
            )
            continue
        kinds = {child.get("type") for child in children if isinstance(child, Mapping)}
        if kinds == {2}:
            found += _too_many((*here, "components"), children, BUTTONS_PER_ROW_MAX)
        elif len(children) != 1:
            found.append(
                Violation(
                    (*here, "components"),
                    "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                    "A select menu must be alone in its row.",
                )
            )
        for index, child in enumerate(children):
            found += _check_component(child, (*here, "components", index), seen)
    return found


def _check_component(child: Any, path: Path, seen: set[str]) -> list[Violation]:
    if not isinstance(child, Mapping):
        return [Violation(path, "DICT_TYPE_CONVERT", "Must be an object.")]
    found: list[Violation] = []
    kind = child.get("type")
    if kind == 2:
        style = child.get("style")
        if style == 5:
            found += _check_url(child.get("url"), (*path, "url"))
            if "custom_id" in child:
                found.append(
                    Violation((*path, "custom_id"), "BUTTON_INVALID", "Link buttons take no id.")
                )
        elif style in (1, 2, 3, 4):
            found += _check_custom_id(child.get("custom_id"), (*path, "custom_id"), seen)
        elif style != 6:
            found.append(Violation((*path, "style"), "ENUM_TYPE_COERCE", "Not a button style."))
        if "label" in child and child["label"] is not None:
            found += _too_long((*path, "label"), child["label"], BUTTON_LABEL_MAX)
        if not child.get("label") and not child.get("emoji") and style != 6:
            found.append(
                Violation(path, "BUTTON_COMPONENT_INVALID", "A button needs a label or emoji.")
            )
    elif kind in (3, 5, 6, 7, 8):
        found += _check_custom_id(child.get("custom_id"), (*path, "custom_id"), seen)
        if "placeholder" in child and child["placeholder"] is not None:
            found += _too_long((*path, "placeholder"), child["placeholder"], SELECT_PLACEHOLDER_MAX)
        if kind == 3:
            options = child.get("options", [])
            found += _too_many((*path, "options"), options, SELECT_OPTIONS_MAX)
            for index, option in enumerate(options if isinstance(options, list) else []):
                for key in ("label", "value", "description"):
                    if key in option and option[key] is not None:
                        found += _too_long((*path, "options", index, key), option[key], 100, 1)
    else:
        found.append(
            Violation(
                (*path, "type"),
                "UNMODELLED_COMPONENT",
                f"The fake does not model component type {kind!r}; extend it before using it.",
            )
        )
    return found


def _check_custom_id(custom_id: Any, path: Path, seen: set[str]) -> list[Violation]:
    found = _too_long(path, custom_id, CUSTOM_ID_MAX, 1)
    if isinstance(custom_id, str):
        if custom_id in seen:
            found.append(
                Violation(path, "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id duplicated.")
            )
        seen.add(custom_id)
    return found


def check_message(
    data: Any, *, allow_empty: bool = False, interaction: bool = True
) -> list[Violation]:
    """A message body (interaction response data, followup, or edit)."""
    if not isinstance(data, Mapping):
        return [Violation((), "DICT_TYPE_CONVERT", "Must be an object.")]
    found: list[Violation] = []
    content = data.get("content")
    if content is not None:
        found += _too_long(("content",), content, CONTENT_MAX)
    if data.get("embeds") is not None:
        found += check_embeds(data["embeds"])
    if data.get("components") is not None:
        found += check_components(data["components"])
    found += check_allowed_mentions(data.get("allowed_mentions"))
    flags = data.get("flags")
    if (
        flags is not None
        and interaction
        and (not isinstance(flags, int) or flags & ~MESSAGE_FLAGS_ALLOWED)
    ):
        found.append(Violation(("flags",), "MESSAGE_FLAGS_INVALID", "Invalid message flags."))
    has_body = bool(content) or bool(data.get("embeds")) or bool(data.get("components"))
    has_body = has_body or bool(data.get("attachments")) or bool(data.get("poll"))
    if not allow_empty and not has_body:
        found.append(Violation((), "MESSAGE_EMPTY", "Cannot send an empty message."))
    return found


def check_autocomplete(data: Any) -> list[Violation]:
    """An autocomplete result: at most 25 choices, names 1–100, string values ≤ 100."""
    if not isinstance(data, Mapping):
        return [Violation(("data",), "DICT_TYPE_CONVERT", "Must be an object.")]
    choices = data.get("choices")
    found = _too_many(("data", "choices"), choices, CHOICES_MAX)
    for index, choice in enumerate(choices if isinstance(choices, list) else []):
        found += check_choice(choice, ("data", "choices", index))
    return found


def check_choice(choice: Any, path: Path) -> list[Violation]:
    if not isinstance(choice, Mapping):
        return [Violation(path, "DICT_TYPE_CONVERT", "Must be an object.")]
    found = _too_long((*path, "name"), choice.get("name"), CHOICE_NAME_MAX, 1)
    value = choice.get("value")
    if isinstance(value, str):
        found += _too_long((*path, "value"), value, CHOICE_VALUE_MAX)
    elif not isinstance(value, int | float) or isinstance(value, bool):
        found.append(Violation((*path, "value"), "BASE_TYPE_REQUIRED", "Must be a value."))
    return found


def check_modal(data: Any) -> list[Violation]:
    if not isinstance(data, Mapping):
        return [Violation(("data",), "DICT_TYPE_CONVERT", "Must be an object.")]
    found = _too_long(("data", "title"), data.get("title"), MODAL_TITLE_MAX, 1)
    found += _too_long(("data", "custom_id"), data.get("custom_id"), CUSTOM_ID_MAX, 1)
    return found


def check_commands(commands: Any) -> list[Violation]:
    """A bulk overwrite of application commands (``PUT .../commands``)."""
    if not isinstance(commands, list):
        return [Violation((), "LIST_TYPE_CONVERT", "Must be an array.")]
    found: list[Violation] = []
    per_type: dict[int, list[str]] = {}
    for index, command in enumerate(commands):
        if not isinstance(command, Mapping):
            found.append(Violation((index,), "DICT_TYPE_CONVERT", "Must be an object."))
            continue
        kind = command.get("type", 1)
        per_type.setdefault(kind, []).append(str(command.get("name")))
        found += _check_command(command, (index,), kind)
    for kind, maximum in (
        (1, CHAT_INPUT_COMMANDS_MAX),
        (2, USER_COMMANDS_MAX),
        (3, MESSAGE_COMMANDS_MAX),
    ):
        names = per_type.get(kind, [])
        if len(names) > maximum:
            found.append(
                Violation((), "APPLICATION_COMMANDS_TOO_MANY", f"Max {maximum} of type {kind}.")
            )
        if len(set(names)) != len(names):
            found.append(
                Violation(
                    (), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Command names must be unique."
                )
            )
    return found


def _check_command(command: Mapping[str, Any], path: Path, kind: int) -> list[Violation]:
    name = command.get("name")
    found = _too_long((*path, "name"), name, COMMAND_NAME_MAX, 1)
    description = command.get("description", "")
    if kind == 1:
        found += _check_chat_name(name, (*path, "name"))
        found += _too_long((*path, "description"), description, COMMAND_DESCRIPTION_MAX, 1)
        found += _check_options(command.get("options") or [], (*path, "options"), depth=0)
    else:
        if description:
            found.append(
                Violation(
                    (*path, "description"),
                    "APPLICATION_COMMAND_INVALID_DESCRIPTION",
                    "Context menu commands cannot have a description.",
                )
            )
        if command.get("options"):
            found.append(
                Violation((*path, "options"), "BASE_TYPE_MAX_LENGTH", "Context menus take none.")
            )
    for key in ("integration_types", "contexts"):
        allowed = {0, 1} if key == "integration_types" else {0, 1, 2}
        values = command.get(key)
        if values is not None and not set(values) <= allowed:
            found.append(Violation((*path, key), "ENUM_TYPE_COERCE", f"Invalid {key}."))
    return found


def _check_chat_name(name: Any, path: Path) -> list[Violation]:
    if isinstance(name, str) and (not _CHAT_INPUT_NAME.match(name) or name != name.lower()):
        return [
            Violation(
                path,
                "APPLICATION_COMMAND_INVALID_NAME",
                "Command name is invalid (lowercase letters, digits, - and _).",
            )
        ]
    return []


def _check_options(options: Any, path: Path, depth: int) -> list[Violation]:
    found = _too_many(path, options, COMMAND_OPTIONS_MAX)
    if not isinstance(options, list):
        return found
    names: list[str] = []
    seen_optional = False
    for index, option in enumerate(options):
        here = (*path, index)
        name = option.get("name")
        names.append(str(name))
        found += _too_long((*here, "name"), name, COMMAND_NAME_MAX, 1)
        found += _check_chat_name(name, (*here, "name"))
        found += _too_long((*here, "description"), option.get("description"), 100, 1)
        kind = option.get("type")
        if kind in (1, 2):
            if depth >= 2 or (kind == 2 and depth >= 1):
                found.append(Violation((*here, "type"), "INVALID_NESTING", "Too deeply nested."))
            found += _check_options(option.get("options") or [], (*here, "options"), depth + 1)
            continue
        if option.get("required"):
            if seen_optional:
                found.append(
                    Violation(
                        (*here, "required"),
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        "Required options must be placed before non-required options.",
                    )
                )
        else:
            seen_optional = True
        choices = option.get("choices")
        if choices:
            found += _too_many((*here, "choices"), choices, CHOICES_MAX)
            for choice_index, choice in enumerate(choices):
                found += check_choice(choice, (*here, "choices", choice_index))
            if option.get("autocomplete"):
                found.append(
                    Violation(
                        (*here, "autocomplete"),
                        "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID",
                        "Autocomplete cannot be used with choices.",
                    )
                )
        for key in ("min_length", "max_length"):
            value = option.get(key)
            if value is not None and not 0 <= value <= STRING_OPTION_MAX_LENGTH:
                found.append(
                    Violation((*here, key), "NUMBER_TYPE_MAX", "Must be between 0 and 6000.")
                )
    if len(set(names)) != len(names):
        found.append(Violation(path, "APPLICATION_COMMAND_OPTIONS_DUPLICATE", "Duplicate name."))
    return found


def all_messages(violations: Iterable[Violation]) -> list[str]:
    return [str(violation) for violation in violations]
