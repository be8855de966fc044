import { topicSuggestions } from '../../bot/ask/index.js';
import type { CommandDefinition } from '../../bot/command.js';
import { optionSpelling } from '../../bot/command-options.js';

/*
 * Options whose allowed values are a long or open list get Discord's autocomplete instead of a
 * fixed choice list: lesson topics for /explain, command names for /help, and any choice option
 * with more values than Discord's 25 choices.
 */

/** Discord's cap on choices, both for fixed choices and for one autocomplete answer. */
export const MAX_CHOICES = 25;

/** One suggestion: what the list shows, and what the option receives. */
export interface Suggestion {
  name: string;
  value: string;
  /** Other words that find it ("batchnorm" for the tricks lesson); never sent to Discord. */
  keywords?: string;
}

/** Suggestion lists keyed by `command.option` (the bot's option name). */
export type SuggestionSources = Map<string, () => Suggestion[]>;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The options that autocomplete, and where their suggestions come from. */
export function suggestionSources(commands: readonly CommandDefinition<never>[]): SuggestionSources {
  const sources: SuggestionSources = new Map();
  const names = new Set(commands.map((c) => c.name));
  if (names.has('explain')) {
    sources.set('explain.topic', () =>
      topicSuggestions().map((topic) => ({
        name: clip(`${topic.value}: ${topic.title}`, 100),
        value: topic.value,
        keywords: topic.aliases.join(' | '),
      })),
    );
  }
  if (names.has('help')) {
    sources.set('help.command', () =>
      commands.map((c) => ({ name: clip(`${c.name}: ${c.description}`, 100), value: c.name })),
    );
  }
  for (const command of commands) {
    for (const [name, option] of Object.entries(command.options)) {
      if (option.kind === 'choice' && option.choices.length > MAX_CHOICES) {
        const choices = option.choices.map((c) => ({ name: optionSpelling(c), value: c }));
        sources.set(`${command.name}.${name}`, () => choices);
      }
    }
  }
  return sources;
}

/** The suggestions for what the user has typed so far: prefix matches first, then the rest that contain it. */
export function suggest(all: Suggestion[], typed: string): Suggestion[] {
  const wanted = typed.trim().toLowerCase();
  const starts = all.filter((s) => s.value.toLowerCase().startsWith(wanted));
  const contains = all.filter(
    (s) => !starts.includes(s) && `${s.value} ${s.name} ${s.keywords ?? ''}`.toLowerCase().includes(wanted),
  );
  // Discord refuses a choice with fields it does not know: only name and value go out.
  return [...starts, ...contains].slice(0, MAX_CHOICES).map(({ name, value }) => ({ name, value }));
}
