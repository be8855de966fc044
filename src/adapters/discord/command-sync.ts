import { type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody, Routes } from 'discord.js';

/*
 * Registers the commands only when they changed: a PUT replaces the whole set and counts against
 * Discord's daily command-creation limit, and global changes take a while to reach clients.
 * Discord answers a GET with extra fields (ids, versions, localizations), so both sides are
 * reduced to the fields we send before comparing.
 */

type Json = Record<string, unknown>;

const orNull = (value: unknown) => (value === undefined ? null : value);

function canonicalOption(option: Json): Json {
  const choices = Array.isArray(option.choices) ? (option.choices as Json[]) : [];
  return {
    type: option.type,
    name: option.name,
    description: option.description,
    required: option.required === true,
    autocomplete: option.autocomplete === true,
    min_value: orNull(option.min_value),
    max_value: orNull(option.max_value),
    min_length: orNull(option.min_length),
    max_length: orNull(option.max_length),
    choices: choices.map((c) => ({ name: c.name, value: c.value })),
  };
}

function canonicalCommand(command: Json): Json {
  const options = Array.isArray(command.options) ? (command.options as Json[]) : [];
  const sorted = (value: unknown) => (Array.isArray(value) ? [...(value as number[])].sort() : null);
  return {
    type: command.type ?? 1,
    name: command.name,
    description: command.description,
    options: options.map(canonicalOption),
    default_member_permissions: orNull(command.default_member_permissions),
    integration_types: sorted(command.integration_types),
    contexts: sorted(command.contexts),
  };
}

/** A comparable text of a command set: order of commands does not matter, order of options does. */
export function commandSetKey(commands: readonly object[]): string {
  const canonical = commands.map((c) => canonicalCommand(c as Json));
  canonical.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return JSON.stringify(canonical);
}

/** Where the commands live: one guild (instant, for a class server) or global. */
export function commandsRoute(applicationId: string, guildId?: string): `/${string}` {
  return guildId === undefined
    ? Routes.applicationCommands(applicationId)
    : Routes.applicationGuildCommands(applicationId, guildId);
}

/** Fetches the registered commands and PUTs ours only if they differ. Returns whether it wrote. */
export async function syncCommands(
  rest: REST,
  target: { applicationId: string; guildId?: string },
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[],
): Promise<{ changed: boolean }> {
  const route = commandsRoute(target.applicationId, target.guildId);
  const existing = (await rest.get(route)) as object[];
  if (commandSetKey(existing) === commandSetKey(commands)) return { changed: false };
  await rest.put(route, { body: commands });
  return { changed: true };
}
