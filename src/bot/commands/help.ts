import { describeAllowed, optionSpelling, shownValue } from '../../engine/fields.js';
import { defineCommand, type TypedCommand, textOption } from '../command.js';
import { didYouMeanText } from '../did-you-mean.js';
import { privateNote } from '../replies/plain-replies.js';
import type { TutorServices } from '../services.js';
import type { CommandOption } from '../types.js';

function optionLine(name: string, option: CommandOption): string {
  const shown = optionSpelling(name);
  if (option.kind === 'text') return `• \`${shown}\`: ${option.description}`;
  return `• \`${shown}\`: ${option.description}; ${describeAllowed(option)} (default ${shownValue(option, option.default)})`;
}

const OPTIONS = {
  command: textOption('a command to explain in detail, e.g. train', 40),
};

/** `/help [command]`: what the tutor does and how to call each command, derived from the definitions. */
export default defineCommand({
  name: 'help',
  description: 'What this tutor does, and how to use each command',
  options: OPTIONS,
  rest: 'command',
  examples: ['/help', '/help train'],
  async run(request, { services }) {
    const catalog = services.catalog();
    const wanted = (request.values.command ?? '').replace(/^\//, '').trim().toLowerCase();
    const one = catalog.find((c) => c.name === wanted);
    if (one) {
      return {
        ...privateNote(`/${one.name}: ${one.description}`),
        blocks: [
          Object.entries(one.options)
            .map(([name, option]) => optionLine(name, option))
            .join('\n') || 'No options.',
          `Examples:\n${one.examples.map((e) => `\`${e}\``).join('\n')}`,
        ],
      };
    }
    const intro =
      'I run small, real training experiments to show one idea: the deeper a plain network, the harder it is to train. ' +
      'Start with `/train depth:1`, then `/train depth:8`, then `/compare`.';
    const list = catalog.map((c) => `• \`/${c.name}\`: ${c.description}`).join('\n');
    const names = catalog.map((c) => c.name);
    const note =
      wanted === ''
        ? []
        : [
            `There is no command "${wanted.slice(0, 40)}".${didYouMeanText(wanted, names, (n) => `\`/help ${n}\``)}`,
          ];
    return { ...privateNote('depth-tutor', [...note, intro, list, 'Details: `/help train`']) };
  },
} satisfies TypedCommand<TutorServices, typeof OPTIONS>);
