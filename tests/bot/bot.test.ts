import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/bot/types.js';
import { CRASH_SEED, PNG_SIGNATURE, SMALL, useTutor } from './bot-harness.js';
import { replyText } from './fake-adapter.js';

const { shared, finalOf } = useTutor();

function expectRealCharts(reply: Reply, atLeast: number) {
  expect(reply.images.length).toBeGreaterThanOrEqual(atLeast);
  for (const image of reply.images) {
    expect(image.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(image.png.length).toBeGreaterThan(5_000);
    expect(image.alt.length).toBeGreaterThan(10);
    expect(image.name).toMatch(/\.png$/);
  }
}

describe('experiment commands', () => {
  let trainReply: Reply;

  it('/train is accepted publicly, then answers with charts, an explanation and the exact configuration', async () => {
    const { exchange, reply } = await finalOf(`/train ${SMALL}`);
    expect(exchange.accepted?.visibility).toBe('public');
    expect(exchange.accepted?.summary).toContain('depth 2');
    expect(exchange.accepted?.cancelButton?.id).toMatch(/^dt1:cancel /);
    expect(reply.visibility).toBe('public');
    expect(reply.headline).toMatch(/^Training run/);
    expect(reply.blocks[0]?.length).toBeGreaterThan(20);
    const text = replyText(reply);
    expect(text).toContain('/train depth:2 width:8 steps:40 points:64 seeds:1 grid_size:10');
    // Depth 2, width 8 on 64 points is a small net: typed arrays, not the wasm backend.
    expect(text).toContain('Backend: typed arrays (plain TypeScript)');
    expect(text).toContain('Seeds: 1');
    expectRealCharts(reply, 2);
    // 40 steps do not teach the depth-2 net anything: the explanation says so without naming a
    // cause, and the first button is the shallow contrast that would tell.
    expect(text).toMatch(
      /The depth-2 network did not learn in 40 steps on its seed: the loss never got clearly below ln 2/,
    );
    expect(text).not.toMatch(/vanishing gradients|50\/50/);
    expect(reply.buttons.map((b) => b.label)).toEqual([
      'Same budget at depth 1',
      'Go deeper',
      'Fix it (relu + he + adam)',
      'Add residual connections',
      'Compare depths',
      'Rerun with new seeds',
      'Layers over training',
    ]);
    trainReply = reply;
  });

  it('runs every follow-up button of a train reply, each with exactly one answer', async () => {
    const expected: Record<string, RegExp> = {
      'Same budget at depth 1': /\/compare .*depths:1,2/,
      'Go deeper': /\/train depth:4 /,
      'Fix it (relu + he + adam)': /activation:relu init:he optimizer:adam learning_rate:0\.01/,
      'Add residual connections': /residual:true/,
      'Compare depths': /\/compare width:8/,
      'Rerun with new seeds': /seed:2/,
      'Layers over training': /answered from the cache/,
    };
    for (const button of trainReply.buttons) {
      const exchange = shared.tutor.adapter.press('grace', button);
      const reply = await exchange.done;
      expect(exchange.finals, button.label).toHaveLength(1);
      expect(reply.visibility, button.label).toBe('public');
      expect(replyText(reply), button.label).toMatch(expected[button.label]!);
    }
  });

  it('answers a repeated demo from the cache', async () => {
    const { reply } = await finalOf(`/train ${SMALL}`, 'linus');
    expect(replyText(reply)).toContain('answered from the cache');
    expectRealCharts(reply, 2);
  });

  it.each([
    ['compare', 'depths:1,2 width:8 steps:40 points:64 seeds:1', /^Depth sweep/, 2],
    ['restarts', 'restarts:3 steps:40 points:64 architectures:neuron,three-node', /^Random restarts/, 1],
    ['landscape', 'depth:3 width:8 steps:40 points:64 slicePoints:9', /^Loss landscape/, 2],
    ['lp', 'dataset:xor points:64 steps:50', /^One layer as a linear program/, 1],
  ])('/%s answers with its charts and follow-ups that work', async (command, options, headline, charts) => {
    const { reply } = await finalOf(`/${command} ${options}`);
    expect(reply.headline).toMatch(headline);
    expectRealCharts(reply, charts);
    expect(reply.buttons.length).toBeGreaterThan(0);
    const first = reply.buttons[0]!;
    const followUp = shared.tutor.adapter.press('grace', first);
    const second = await followUp.done;
    expect(followUp.finals).toHaveLength(1);
    expect(second.visibility).toBe('public');
    expect(second.images.length).toBeGreaterThan(0);
  });

  it('gives an apology, once, when the engine worker crashes, and keeps serving', async () => {
    const { reply } = await finalOf(`/train ${SMALL} seed:${CRASH_SEED}`);
    expect(reply.visibility).toBe('private');
    expect(reply.headline).toContain('Sorry');
    expect(replyText(reply)).not.toMatch(/WorkerCrashError|at .*\.ts/);
    const after = await finalOf(`/train ${SMALL} seed:7`);
    expect(after.reply.visibility).toBe('public');
  });
});

describe('bad input', () => {
  it.each([
    ['/trian depth:8', 'There is no command "/trian". Did you mean /train?'],
    ['/train dpeth:8', 'unknown option "dpeth"'],
    ['/train depth:99', 'depth must be a whole number from 0 to 32 (got 99)'],
    ['/train depth:two', 'depth must be a whole number from 0 to 32 (got "two")'],
    ['/train depth:2 depth:3', 'depth is given more than once'],
    ['/train activation:swish', 'activation must be one of sigmoid, tanh, relu, linear'],
    ['/compare depths:1,,2', 'depths must be a comma-separated list'],
    ['/train depth:32 width:64 points:1000 steps:3000 seeds:8', 'times the work one request may take'],
    ['/ask', 'question is needed'],
    ['/explain quantum-chromodynamics', 'I have no lesson on'],
    ['/status zzz', '"zzz" is not an option; this command takes no options'],
  ])('%s → a private note naming the problem', async (line, message) => {
    const { exchange, reply } = await finalOf(line);
    expect(exchange.accepted).toBeUndefined();
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toContain(message);
  });

  it('checks typed options (as Discord sends them) with the same words', async () => {
    const exchange = shared.tutor.adapter.sendTyped('ada', 'train', { depth: 40, activation: 'relu' });
    const reply = await exchange.done;
    expect(reply.visibility).toBe('private');
    expect(replyText(reply)).toContain('depth must be a whole number from 0 to 32 (got 40)');
  });

  it('lists every problem when several options are wrong', async () => {
    const { reply } = await finalOf('/train depth:two seeds:many colour:red');
    const text = replyText(reply);
    expect(text).toContain('Some options need fixing');
    expect(text).toContain('depth must be');
    expect(text).toContain('seeds must be');
    expect(text).toContain('unknown option "colour"');
  });

  it('refuses a button id that is not ours', async () => {
    const exchange = shared.tutor.adapter.press('ada', 'something-else');
    expect((await exchange.done).headline).toContain('no longer works');
  });
});

describe('reading and help', () => {
  it('/explain lists the lessons, and /explain <topic> gives one with its sources and a demo button', async () => {
    const list = await finalOf('/explain');
    expect(replyText(list.reply)).toContain('convex-neuron');
    const one = await finalOf('/explain vanishing-gradients');
    expect(one.reply.visibility).toBe('public');
    expect(replyText(one.reply)).toContain('Glorot');
    expect(one.reply.buttons[0]?.id).toMatch(/^dt1:/);
  });

  it('/explain "" is the list, and a quoted topic is the topic, not a topic with quotes', async () => {
    const empty = await finalOf('/explain ""');
    expect(empty.reply.headline).toBe('Lessons, in the order they tell the story');
    expect(replyText(empty.reply)).not.toContain('I have no lesson');
    const quoted = await finalOf('/explain "vanishing-gradients"');
    expect(replyText(quoted.reply)).toContain('Glorot');
  });

  it('/ask answers from the lessons, or says plainly it has nothing', async () => {
    const hit = await finalOf('/ask why is depth hard?');
    expect(hit.reply.visibility).toBe('public');
    expect(replyText(hit.reply)).toContain('/explain');
    const miss = await finalOf("/ask what's the weather in Paris?");
    expect(miss.reply.visibility).toBe('private');
    expect(miss.reply.headline).toContain("don't have anything");
  });

  it('/help lists every command and /help train every option with its range', async () => {
    const all = await finalOf('/help');
    for (const name of ['train', 'compare', 'restarts', 'landscape', 'lp', 'explain', 'ask', 'status']) {
      expect(replyText(all.reply)).toContain(`/${name}`);
    }
    const train = await finalOf('/help train');
    expect(replyText(train.reply)).toContain(
      '`depth`: hidden layers (0 = a single neuron); a whole number from 0 to 32 (default 5)',
    );
  });

  it('/status reports the queue and the backend', async () => {
    const { reply } = await finalOf('/status');
    expect(replyText(reply)).toMatch(/\d+ running, \d+ waiting\. Backend: wasm/);
    expect(replyText(reply)).toContain(
      'up to 250,000 multiply-adds per forward pass (at width 32 and 256 points: depth 1 or less)',
    );
  });
});
