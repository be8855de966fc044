import { topicSuggestions } from '../../bot/ask/index.js';
import type { CommandDefinition } from '../../bot/command.js';
import { allowedValues } from '../../bot/command-options.js';
import type { CommandOption } from '../../bot/types.js';
import type { WireCommand, WireOption } from './web/wire.js';

/*
 * The page's completion comes from the bot's own command definitions, like Discord's command
 * registration and Slack's manifest: one table, no second copy of names, ranges or defaults.
 */

const show = (value: unknown) => (Array.isArray(value) ? value.join(',') : String(value));

function toWireOption(name: string, option: CommandOption): WireOption {
  if (option.kind === 'text') {
    return {
      name,
      kind: 'text',
      description: option.description,
      allowed: allowedValues(option),
      required: option.required,
    };
  }
  const base: WireOption = {
    name,
    kind: option.kind,
    description: option.description,
    allowed: allowedValues(option),
    default: show(option.default),
  };
  switch (option.kind) {
    case 'int':
    case 'number':
    case 'int-list':
    case 'number-list':
      return { ...base, min: option.min, max: option.max };
    case 'choice':
    case 'choice-list':
      return { ...base, choices: [...option.choices] };
    case 'boolean':
      return { ...base, choices: ['true', 'false'] };
  }
}

/** The command list as GET /api/commands serves it. */
export function catalogOf(commands: readonly CommandDefinition<never>[]): WireCommand[] {
  return commands.map((command) => {
    const options = Object.entries(command.options).map(([name, option]) => toWireOption(name, option));
    // /explain's topic is free text, but a known list: every lesson, reachable by its aliases too.
    const topic = command.name === 'explain' ? options.find((o) => o.name === 'topic') : undefined;
    if (topic) topic.topics = topicSuggestions();
    return {
      name: command.name,
      description: command.description,
      examples: [...command.examples],
      options,
      freeText: options.some((o) => o.kind === 'text'),
    };
  });
}
