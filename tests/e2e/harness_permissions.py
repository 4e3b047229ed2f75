"""Member permission sets for interactions (Discord sends them as a bit field)."""

from __future__ import annotations

import discord
from fakediscord.harness import MEMBER_PERMISSIONS

MEMBER = MEMBER_PERMISSIONS
MANAGE_GUILD = MEMBER_PERMISSIONS | discord.Permissions(manage_guild=True).value
