import { describe, expect, it } from 'vitest';
import { renderReplyText } from '../../src/adapters/cli/render-text.js';
import { historyReply } from '../../src/bot/classroom/run-history.js';
import { COMMANDS } from '../../src/bot/commands/index.js';
import type { Reply } from '../../src/bot/types.js';
import { optionSpelling } from '../../src/engine/fields.js';
import { validateSpec } from '../../src/engine/validate.js';
import { SMALL, useTutor } from './bot-harness.js';
import { replyText } from './fake-adapter.js';

/*
 * One spelling of every two-word option in what the tutor says: `learning_rate`, the name Discord
 * forces, in help, errors, "did you mean", repeat lines, summaries and button commands alike,
 * while both `learning_rate` and `learningRate` are still read as the same option.
 */

const { finalOf } = useTutor();

/** Every option name, and every choice naming one (the map's axes), the code writes in camelCase. */
const CAMEL = [
  ...new Set(
    COMMANDS.flatMap((c) =>
      Object.entries(c.options).flatMap(([name, o]) => [name, ...('choices' in o ? o.choices : [])]),
    ),
  ),
].filter((name) => optionSpelling(name) !== name);
const CAMEL_WORD = new RegExp(`\\b(${CAMEL.join('|')})\\b`);

/** All a person reads of a reply: its text, its buttons' labels and commands (the CLI prints those). */
const everything = (reply: Reply) =>
  [replyText(reply), ...reply.buttons.flatMap((b) => [b.label, b.id])].join('\n');

async function said(line: string): Promise<string> {
  const { reply } = await finalOf(line);
  const text = everything(reply);
  expect(text, line).not.toMatch(CAMEL_WORD);
  return text;
}

describe('the option names the tutor writes', () => {
  it('guards every two-word option of every command, and the map axes named after them', () => {
    expect(CAMEL).toEqual(
      expect.arrayContaining([
        'learningRate',
        'weightScale',
        'gridSize',
        'slicePoints',
        'timeLimit',
        'maxDepth',
        'teacherRoles',
      ]),
    );
    expect(optionSpelling('learningRate')).toBe('learning_rate');
    expect(optionSpelling('depth')).toBe('depth');
    expect(optionSpelling('cross-entropy')).toBe('cross-entropy');
  });

  it('/help of every command lists its options in snake_case', async () => {
    for (const command of COMMANDS) await said(`/help ${command.name}`);
    expect(await said('/help train')).toContain('• `learning_rate`: learning rate; a number from');
    expect(await said('/help hardness')).toContain('• `time_limit`: seconds each exact solve may run');
    expect(await said('/help settings')).toMatch(/• `max_depth`:[\s\S]*• `teacher_roles`:/);
    expect(await said('/help map')).toContain(
      'one of weight_scale, learning_rate, width, activation, init (default weight_scale)',
    );
    expect(await said('/help train')).toContain(
      '`/train depth:8 activation:relu init:he optimizer:adam learning_rate:0.01`',
    );
  });

  it('names a two-word option in snake_case in every kind of error', async () => {
    expect(await said('/train learningRate:fast')).toContain(
      'learning_rate must be a number from 0.00001 to 10',
    );
    const typo = await said('/train learning_rat:0.1');
    expect(typo).toContain('Did you mean learning_rate?');
    expect(typo).toMatch(/Options are depth, .*learning_rate, .*grid_size/);
    expect(await said('/train learningRate:0.1 learning_rate:0.2')).toContain(
      'learning_rate is given more than once',
    );
    expect(await said('/map axis:learning_rat')).toContain(
      'axis must be one of weight_scale, learning_rate, width, activation, init (got "learning_rat"); did you mean axis:learning_rate?',
    );
    expect(await said('/map axis:activation values:1,2')).toContain(
      'values applies to the numeric axes (weight_scale, learning_rate, width); axis:activation always uses',
    );
    expect(await said('/hardness timeLimit:10')).toMatch(/lower time_limit, sizes/);
  });

  it('reads learningRate and learning_rate as one option, and repeats the run as learning_rate', async () => {
    const camel = await finalOf(`/train ${SMALL} learningRate:0.5`);
    const snake = await finalOf(`/train ${SMALL.replace('gridSize', 'grid_size')} Learning_Rate:0.5`);
    const repeat = '/train depth:2 width:8 learning_rate:0.5 steps:40 points:64 seeds:1 grid_size:10';
    for (const { reply } of [camel, snake]) {
      expect(reply.headline).toMatch(/^Training run: depth 2 · width 8 · learning rate 0\.5 · 40 steps/);
      expect(replyText(reply)).toContain(`Repeat it: \`${repeat}\``);
      expect(everything(reply)).not.toMatch(CAMEL_WORD);
    }
    // The same spec either way: the second is the first run's result, from the cache.
    expect(replyText(snake.reply)).toContain('answered from the cache');
  });

  it('writes the map axis a run varied in snake_case: summary, headline, repeat line and buttons', async () => {
    const line = '/map axis:learningRate values:0.1,1 depths:1,2 steps:20 points:32 width:4 seeds:1';
    const { exchange, reply } = await finalOf(line);
    expect(exchange.accepted?.summary).toContain('depths 1, 2 × learning_rate 0.1, 1');
    expect(exchange.accepted?.summary).not.toMatch(CAMEL_WORD);
    const text = everything(reply);
    expect(text).toContain('Trainability map: depths 1, 2 × learning_rate 0.1, 1');
    expect(text).toContain('`/map depths:1,2 axis:learning_rate values:0.1,1 width:4 steps:20 points:32`');
    expect(text).not.toMatch(CAMEL_WORD);
    // The CLI prints the buttons' commands with full names, as its "Repeat it" line writes them.
    expect(renderReplyText(reply)).toContain(
      'Rerun with new seeds: depth-tutor map depths:1,2 axis:learning_rate values:0.1,1 width:4 steps:20 points:32 seed:2\n',
    );
  });

  it('shows a run stored with camelCase names in /history as it would write it today', () => {
    const checked = validateSpec({ experiment: 'map', axis: 'learningRate', depths: [1, 2], width: 4 });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const row = {
      id: 1,
      platform: 'test',
      user: 'ada',
      conversation: 'class-1',
      command: '/map depths:1,2 axis:learningRate width:4',
      spec: checked.spec as unknown as Record<string, unknown>,
      headline: 'Trainability map',
      createdAt: 0,
    };
    const text = everything(historyReply([row], 60_000));
    expect(text).toContain('`/map depths:1,2 axis:learning_rate width:4`');
    expect(text).not.toMatch(CAMEL_WORD);
  });
});
