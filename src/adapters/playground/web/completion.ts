import type { WireCommand, WireOption } from './wire.js';

/*
 * Completion for the command box, from the command definitions the server sends: command
 * names after `/`, then option keys with what they accept, then values (choices, or the range
 * as a hint). Completion works on the text up to the caret. No DOM here: tested in Node.
 */

/** One row of the suggestion list. Without `insert` it is a hint that cannot be chosen. */
export interface Suggestion {
  label: string;
  detail: string;
  insert?: string;
}

/** Suggestions replace the text from `from` to the caret. `preselect`: Enter takes the first. */
export interface Completion {
  from: number;
  suggestions: Suggestion[];
  preselect: boolean;
}

const NONE: Completion = { from: 0, suggestions: [], preselect: false };

/**
 * Names and choices come as the tutor shows them (`learning_rate`), but the bot reads
 * `learningRate` and `Learning-Rate` as the same word, so completion compares without case,
 * "-" or "_" too.
 */
const plain = (word: string) => word.toLowerCase().replace(/[-_]/g, '');

const withDefault = (o: WireOption) =>
  o.default === undefined || o.default === '' ? '' : ` (default ${o.default})`;

function commandNames(typed: string, commands: readonly WireCommand[]): Completion {
  const prefix = typed.slice(1).toLowerCase();
  const suggestions = commands
    .filter((c) => c.name.startsWith(prefix))
    // A complete name with nothing to add needs no suggestion: Enter should just send it.
    .filter((c) => !(c.name === prefix && c.options.length === 0))
    .map((c) => ({ label: `/${c.name}`, detail: c.description, insert: `/${c.name} ` }));
  // A name typed in full sends on Enter (`/compare` runs with the defaults); Tab still adds the space.
  const exact = commands.some((c) => c.name === prefix);
  return { from: 0, suggestions, preselect: prefix !== '' && !exact };
}

/** `/explain ` completes to every lesson topic, by id, title or alias (matching the bot's matchTopics). */
function topics(text: string, command: WireCommand): Completion | undefined {
  const list = command.options.find((o) => o.topics)?.topics;
  if (!list) return undefined;
  const typed = text
    .slice(text.search(/\s/) + 1)
    .trim()
    .toLowerCase();
  const starts = list.filter((t) => t.value.startsWith(typed));
  const rest = list.filter(
    (t) =>
      !starts.includes(t) && [t.value, t.title.toLowerCase(), ...t.aliases].some((n) => n.includes(typed)),
  );
  const suggestions = [...starts, ...rest]
    .filter((t) => t.value !== typed)
    .map((t) => ({ label: t.value, detail: t.title, insert: `/${command.name} ${t.value}` }));
  return { from: 0, suggestions, preselect: typed !== '' };
}

function examples(text: string, command: WireCommand): Completion {
  const suggestions = command.examples
    .filter((e) => e.toLowerCase().startsWith(text.toLowerCase()) && e.length > text.length)
    .map((e) => ({ label: e, detail: 'example', insert: e }));
  return { from: 0, suggestions, preselect: false };
}

function optionKeys(prefix: string, used: Set<string>, command: WireCommand): Suggestion[] {
  return command.options
    .filter((o) => !used.has(plain(o.name)) && plain(o.name).startsWith(plain(prefix)))
    .map((o) => ({
      label: `${o.name}:`,
      detail: `${o.description}; ${o.allowed}${withDefault(o)}`,
      insert: `${o.name}:`,
    }));
}

function optionValues(key: string, value: string, option: WireOption): Suggestion[] {
  if (option.kind === 'choice-list' && option.choices) {
    const comma = value.lastIndexOf(',');
    const head = value.slice(0, comma + 1);
    const last = plain(value.slice(comma + 1));
    const taken = new Set(head.split(',').map((s) => plain(s.trim())));
    return option.choices
      .filter((c) => !taken.has(plain(c)) && plain(c).startsWith(last) && plain(c) !== last)
      .map((c) => ({ label: c, detail: option.description, insert: `${key}:${head}${c}` }));
  }
  if (option.choices) {
    return option.choices
      .filter((c) => plain(c).startsWith(plain(value)) && plain(c) !== plain(value))
      .map((c) => ({
        label: c,
        detail: c === option.default ? 'default' : option.description,
        insert: `${key}:${c} `,
      }));
  }
  const hint = { label: option.allowed, detail: option.description };
  if (value !== '' || option.default === undefined) return [hint];
  return [
    { label: option.default, detail: `default; ${option.allowed}`, insert: `${key}:${option.default} ` },
    hint,
  ];
}

/** What to suggest for `text`, the command box's content up to the caret. */
export function complete(text: string, commands: readonly WireCommand[]): Completion {
  if (!text.startsWith('/')) return NONE;
  const firstSpace = text.search(/\s/);
  if (firstSpace < 0) return commandNames(text, commands);
  const name = text.slice(1, firstSpace).toLowerCase();
  const command = commands.find((c) => c.name === name);
  if (!command) return NONE;
  if (command.freeText) return topics(text, command) ?? examples(text, command);
  const from = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\t')) + 1;
  const token = text.slice(from);
  const used = new Set(
    text
      .slice(firstSpace, from)
      .split(/\s+/)
      .map((t) => plain(t.split(/[:=]/)[0] ?? ''))
      .filter((k) => k !== ''),
  );
  const separator = token.search(/[:=]/);
  if (separator < 0) return { from, suggestions: optionKeys(token, used, command), preselect: token !== '' };
  const key = token.slice(0, separator);
  const option = command.options.find((o) => plain(o.name) === plain(key));
  if (!option) return { from, suggestions: [], preselect: false };
  const suggestions = optionValues(key, token.slice(separator + 1), option);
  // An empty value is never what anyone means to send, so Enter may take the first choice.
  return { from, suggestions, preselect: true };
}
