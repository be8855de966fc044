import { topicSuggestions } from '../../bot/ask/index.js';
import type { CommandDefinition } from '../../bot/command.js';
import { allowedValues, optionSpelling, shownValue } from '../../bot/command-options.js';
import type { CommandOption } from '../../bot/types.js';
import type { WireCommand, WireOption } from './web/wire.js';

/*
 * The page's completion comes from the bot's own command definitions, like Discord's command
 * registration and Slack's manifest: one table, no second copy of names, ranges or defaults.
 * Names and choices go out as the tutor shows them (`learning_rate`), so completion offers the
 * spelling help and replies use.
 */

function toWireOption(name: string, option: CommandOption): WireOption {
  if (option.kind === 'text') {
    return {
      name: optionSpelling(name),
      kind: 'text',
      description: option.description,
      allowed: allowedValues(option),
      required: option.required,
    };
  }
  const base: WireOption = {
    name: optionSpelling(name),
    kind: option.kind,
    description: option.description,
    allowed: allowedValues(option),
    default: shownValue(option, option.default),
  };
  switch (option.kind) {
    case 'int':
    case 'number':
    case 'int-list':
    case 'number-list':
      return { ...base, min: option.min, max: option.max };
    case 'choice':
    case 'choice-list':
      return { ...base, choices: option.choices.map(optionSpelling) };
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
