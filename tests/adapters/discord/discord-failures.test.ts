import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRASH_SEED } from '../../bot/bot-harness.js';
import { finalAnswer, SMALL_OPTIONS, shownText, startDiscordTest } from './discord-harness.js';
import type { SentOption } from './fake-objects.js';

/*
 * What goes wrong, through the real discord.js and the fake Discord: mistakes, a crashing engine,
 * a crowded queue, a dropped gateway connection, and a shutdown with a run in flight.
 */

const ADA = '400000000000000011';
const BOB = '400000000000000012';
const withSeed = (seed: number): SentOption[] => [...SMALL_OPTIONS, { name: 'seed', type: 4, value: seed }];

let h: Awaited<ReturnType<typeof startDiscordTest>>;

beforeAll(async () => {
  h = await startDiscordTest({ adapter: { stopGraceMs: 300 } });
});
afterAll(async () => {
  await h?.stop();
});

describe('mistakes and failures', () => {
  it('answers an invalid option privately, naming the option as Discord shows it', async () => {
    const list = h.discord.slash(ADA, 'compare', [{ name: 'depths', type: 3, value: '1,two' }]);
    const listAnswer = await finalAnswer(h.discord, list);
    expect(listAnswer.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(shownText(listAnswer.body.data)).toMatch(/depths must be a comma-separated list/);

    const rate = h.discord.slash(ADA, 'train', [{ name: 'learning_rate', type: 10, value: 50 }]);
    const rateAnswer = await finalAnswer(h.discord, rate);
    expect(rateAnswer.body.data.flags).toBe(64);
    expect(shownText(rateAnswer.body.data)).toMatch(/learning_rate/);
    expect(shownText(rateAnswer.body.data)).not.toMatch(/learningRate/);
  });

  it('forgives a typo in a typed list value, naming the option as Discord shows it', async () => {
    const sent = h.discord.slash(ADA, 'restarts', [
      { name: 'architectures', type: 3, value: 'neuron,deeep' },
    ]);
    const answer = await finalAnswer(h.discord, sent);
    expect(answer.body.data.flags).toBe(64);
    expect(shownText(answer.body.data)).toMatch(/did you mean architectures:neuron,deep\?/);
  });

  it('still gives a final answer when the engine crashes: a short public note and a private apology', async () => {
    const sent = h.discord.slash(ADA, 'train', withSeed(CRASH_SEED));
    const final = await finalAnswer(h.discord, sent);
    expect(final).toMatchObject({ method: 'POST', body: { flags: 64 } });
    expect(shownText(final.body)).toMatch(/Sorry, something went wrong/);
    const calls = h.discord.callsFor(sent);
    expect(calls[0]?.body.type).toBe(5);
    expect(calls.at(-2)?.body.content).toMatch(/⏹ Sorry/);
    expect(calls.at(-2)?.body.components).toEqual([]);
  });

  it('refuses a fourth job of one user privately, naming the limit, while another user’s job runs', async () => {
    const adas = [1, 2, 3, 4].map((seed) => h.discord.slash(ADA, 'train', withSeed(100 + seed)));
    const bobs = h.discord.slash(BOB, 'train', withSeed(200));
    const refusal = await finalAnswer(h.discord, adas[3] ?? adas[0]!);
    expect(refusal.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(shownText(refusal.body.data)).toMatch(/You already have 1 running and 2 waiting/);
    const bobFinal = await finalAnswer(h.discord, bobs);
    expect(bobFinal.files.length).toBeGreaterThan(0);
    for (const sent of adas.slice(0, 3)) {
      expect((await finalAnswer(h.discord, sent)).files.length).toBeGreaterThan(0);
    }
  });

  it('resumes after the gateway connection drops and answers the next interaction', async () => {
    const identifies = () => h.discord.gateway.events.filter((e) => e.kind === 'identify').length;
    expect(identifies()).toBe(1);
    h.discord.gateway.drop();
    const resume = await h.discord.waitFor('RESUME', () =>
      h.discord.gateway.events.find((e) => e.kind === 'resume'),
    );
    expect(resume.data.session_id).toMatch(/^session-/);
    await h.discord.waitFor('a heartbeat on the resumed connection', () =>
      h.discord.gateway.events.find((e) => e.kind === 'heartbeat' && e.at > resume.at),
    );
    const sent = h.discord.slash(BOB, 'train', withSeed(300));
    expect((await finalAnswer(h.discord, sent)).files.length).toBeGreaterThan(0);
    expect(identifies()).toBe(1);
    expect(h.adapter.isReady()).toBe(true);
  });

  it('on stop, answers a run still in flight before disconnecting', async () => {
    const long: SentOption[] = [
      { name: 'depth', type: 4, value: 4 },
      { name: 'steps', type: 4, value: 3000 },
      { name: 'points', type: 4, value: 400 },
      { name: 'seeds', type: 4, value: 2 },
    ];
    const sent = h.discord.slash(ADA, 'train', long);
    await h.discord.waitFor('the run to be accepted', () =>
      h.discord.callsFor(sent).find((c) => c.method === 'PATCH'),
    );
    await h.adapter.stop();
    expect(h.adapter.isReady()).toBe(false);
    const final = await finalAnswer(h.discord, sent, 1000);
    expect(shownText(final.body)).toMatch(/restarted before this finished/);
  });
});
