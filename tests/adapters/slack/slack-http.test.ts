import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { describeParts, describeSpec } from '../../../src/bot/replies/describe-spec.js';
import { TRAIN_FIELDS } from '../../../src/engine/specs/train.js';
import { validateSpec } from '../../../src/engine/validate.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { CRASH_SEED, SMALL, startTutor } from '../../bot/bot-harness.js';
import { BOT_TOKEN, type FakeSlack, SIGNING_SECRET, signedHeaders, startFakeSlack } from './fake-slack.js';
import { blocksOf, buttonsOf, gaps, inChannel, isAnswer, PNG_SIGNATURE, textOf } from './inspect.js';
import {
  buttonPress,
  formOf,
  homeOpened,
  payloadFormOf,
  postSigned,
  slashCommand,
  waitFor,
} from './slack-requests.js';

/*
 * The real @slack/bolt in HTTP mode, on the real tutor (engine, charts, lessons), against a fake
 * Slack on 127.0.0.1. Each test uses its own channel, so the per-channel pacing of one test does
 * not slow another.
 */

const FORM = 'application/x-www-form-urlencoded';
// About 3-4 s of training on two wasm workers: long enough for several progress edits.
const LONG = 'depth:6 width:16 steps:3000 points:250 seeds:2 gridSize:10';

let tutor: Awaited<ReturnType<typeof startTutor>>;
let store: Store;
let fake: FakeSlack;
let adapter: SlackAdapter;
let port: number;

beforeAll(async () => {
  store = openStore(':memory:');
  [tutor, fake] = await Promise.all([startTutor({ progressIntervalMs: 100 }, { store }), startFakeSlack()]);
  const classroom = tutor.classroom!;
  adapter = createSlackAdapter({
    // What main.ts passes: the App Home reads the history /history reads.
    recentRuns: (user, limit) => classroom.recentRuns('slack', user, limit),
    bot: tutor.bot,
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    logger: silentLogger,
  });
  await adapter.start();
  port = adapter.httpPort()!;
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await tutor?.stop();
  store?.close();
});

function command(channel: string, line: string, user?: string) {
  const [name = '', ...rest] = line.split(' ');
  const fields = slashCommand({
    command: name,
    text: rest.join(' '),
    channel,
    responseUrl: fake.responseUrl(`${channel}-${fake.responses.length}-${Date.now()}`),
    ...(user ? { user } : {}),
  });
  return {
    responseId: new URL(fields.response_url!).pathname.split('/')[2]!,
    answer: postSigned(port, formOf(fields), FORM),
  };
}

const answerIn = (channel: string) =>
  waitFor(
    () => inChannel(fake.calls, 'chat.update', channel).find(isAnswer),
    30_000,
    `the answer in ${channel}`,
  );

describe('Slack adapter over HTTP', () => {
  it('acks a signed /train under 3 s with the echo, then answers with Block Kit, uploaded PNGs and the training GIF', async () => {
    const { answer } = command('C0TRAIN', `/train ${SMALL} seed:11`);
    const ack = await answer;
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3000);
    expect(ack.json?.response_type).toBe('ephemeral');
    // The run's status is the status message's to show (it moves on); the echo names the run.
    expect(String(ack.json?.text)).toMatch(/^Accepted: depth 2 · width 8 · 40 steps · 1 seed/);
    expect(String(ack.json?.text)).not.toMatch(/starting|queued/);

    const final = await answerIn('C0TRAIN');
    const status = inChannel(fake.calls, 'chat.postMessage', 'C0TRAIN')[0]!;
    expect(textOf(status)).toContain('<@U0ADA> ran `/train depth:2');
    expect(buttonsOf(status)[0]).toMatch(/^dt1:cancel /);
    expect(final.params.ts).toBe(status.result?.ts);
    expect(blocksOf(final).map((b) => b.type)).toEqual(
      expect.arrayContaining(['header', 'section', 'context', 'actions']),
    );
    expect(blocksOf(final)[0]!.text!.text).toMatch(/^Training run: depth 2/);
    expect(textOf(final)).toContain('*Seeds:* 11');
    expect(buttonsOf(final).every((id) => id.startsWith('dt1:'))).toBe(true);

    // One upload, so one message, per chart, in order; the training animation, in the decision
    // boundary's place, is the last.
    const fileOf = (id: string) => fake.uploads.find((u) => u.fileId === id);
    const completes = await waitFor(() => {
      const done = fake
        .callsTo('files.completeUploadExternal')
        .filter((c) => c.params.channel_id === 'C0TRAIN');
      const last = (done.at(-1)?.params.files as { id: string }[] | undefined)?.[0];
      return last && String(fileOf(last.id)?.filename).endsWith('.gif') ? done : undefined;
    });
    expect(completes.map((c) => (c.params.files as unknown[]).length)).toEqual(completes.map(() => 1));
    const uploaded = completes.map((c) => fileOf((c.params.files as { id: string }[])[0]!.id)!);
    expect(uploaded.length).toBeGreaterThanOrEqual(3);
    expect(uploaded.slice(0, 2).map((u) => String(u.filename))).toEqual([
      'loss-curves.png',
      'gradient-norms.png',
    ]);
    // Only the first carries the comment naming the answer.
    expect(completes.map((c) => Boolean(c.params.initial_comment))).toEqual(completes.map((_, i) => i === 0));
    const gifs = uploaded.filter((u) => String(u.filename).endsWith('.gif'));
    expect(gifs.map((u) => String(u.filename))).toEqual(['training.gif']);
    expect(gifs[0]!.bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(uploaded.some((u) => String(u.filename).startsWith('decision-boundary'))).toBe(false);
    for (const upload of uploaded) {
      const signature = String(upload.filename).endsWith('.gif') ? Buffer.from('GIF89a') : PNG_SIGNATURE;
      expect(upload.bytes.subarray(0, signature.length).equals(signature)).toBe(true);
      const asked = fake
        .callsTo('files.getUploadURLExternal')
        .find((c) => String(upload.filename) === c.params.filename);
      expect(Number(asked?.params.length)).toBe(upload.bytes.length);
    }
    expect(fake.callsTo('files.upload')).toHaveLength(0);
  });

  it('shows every option of a long /train: a short header, the whole description in the section under it', async () => {
    // Every option away from its default, numbers at 17 digits, yet small enough to run in seconds.
    const line =
      '/train depth:32 width:4 activation:tanh init:gaussian weightScale:1.2345678901234567 ' +
      'biasScale:0.12345678901234568 residual:true normalization:layer loss:mse optimizer:momentum ' +
      'learningRate:0.012345678901234567 steps:20 dataset:circles points:100 noise:0.12345678901234568 ' +
      'seed:2147483647 seeds:2 gridSize:11 animate:false frames:59 standardize:false';
    const values = Object.fromEntries(
      line
        .split(' ')
        .slice(1)
        .map((pair) => pair.split(':') as [string, string])
        .map(([key, text]) => [
          key,
          /^[a-z]/.test(text) && text !== 'true' && text !== 'false' ? text : JSON.parse(text),
        ]),
    );
    expect(Object.keys(values).sort()).toEqual(Object.keys(TRAIN_FIELDS).sort());
    const checked = validateSpec({ experiment: 'train', ...values });
    if (!checked.ok) throw new Error(checked.errors.map((e) => e.message).join('; '));
    const description = describeSpec(checked.spec);
    expect(`Training run: ${description}`.length).toBeGreaterThan(150);

    const { answer } = command('C0LONG', line);
    // The ack's notification text is a cut fallback; its block carries the whole description.
    const ack = await answer;
    expect(blocksOf(ack.json ?? {})[0]!.text!.text.startsWith(`Accepted: ${description}.`)).toBe(true);
    const final = await answerIn('C0LONG');
    const [header, lead] = blocksOf(final);
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Training run' } });
    expect(lead).toEqual({ type: 'section', text: { type: 'mrkdwn', text: description } });
    for (const part of describeParts(checked.spec)) expect(lead!.text!.text).toContain(part.text);
    // The status message the answer replaced had named it all too.
    const status = inChannel(fake.calls, 'chat.postMessage', 'C0LONG')[0]!;
    expect(blocksOf(status)[0]!.text!.text.startsWith(`*${description}*`)).toBe(true);
  });

  it('edits the status message with progress no faster than once a second per channel', async () => {
    const { answer } = command('C0PROGRESS', `/train ${LONG} seed:21`);
    expect((await answer).status).toBe(200);
    await answerIn('C0PROGRESS');
    const writes = fake.calls.filter(
      (c) => ['chat.postMessage', 'chat.update'].includes(c.method) && c.params.channel === 'C0PROGRESS',
    );
    const progress = writes.filter((c) => c.method === 'chat.update' && !isAnswer(c));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    // The bot's progress words: the status, and which seed reports, its step and its loss.
    expect(
      progress.some((c) =>
        /▓*░* \d+% · running · seed [12] of 2, step \d+ of 3000, loss \d\.\d+/.test(textOf(c)),
      ),
    ).toBe(true);
    // The first status message already says where the run stands; nothing goes back to "queued".
    const statuses = writes
      .filter((c) => !isAnswer(c))
      .map((c) => /· (queued #\d+|starting|running|done)\b/.exec(textOf(c))?.[1]);
    expect(statuses[0]).toMatch(/^(running|queued #\d+)$/);
    const firstRunning = statuses.indexOf('running');
    expect(firstRunning).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(firstRunning).every((s) => s === 'running' || s === 'done')).toBe(true);
    expect(Math.min(...gaps(writes.map((c) => c.at)))).toBeGreaterThanOrEqual(900);
  });

  it('runs a follow-up button from the answer as a new run (block_actions)', async () => {
    void command('C0BUTTON', `/train ${SMALL} seed:31`).answer;
    const first = await answerIn('C0BUTTON');
    const rerun = buttonsOf(first).find((id) => id.includes('seed:32'));
    expect(rerun).toMatch(/^dt1:train /);
    const press = buttonPress({
      actionId: rerun!,
      channel: 'C0BUTTON',
      messageTs: String(first.params.ts),
      responseUrl: fake.responseUrl('C0BUTTON-press'),
    });
    const ack = await postSigned(port, payloadFormOf(press), FORM);
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3000);
    const answers = await waitFor(() => {
      const found = inChannel(fake.calls, 'chat.update', 'C0BUTTON').filter(isAnswer);
      return found.length >= 2 ? found : undefined;
    }, 30_000);
    expect(textOf(answers[1]!)).toContain('*Seeds:* 32');
    const statuses = inChannel(fake.calls, 'chat.postMessage', 'C0BUTTON');
    // A button runs its command as written in its id (the bot's short option keys).
    expect(textOf(statuses[1]!)).toMatch(/<@U0ADA> ran `\/train d:2 w:8 .*seed:32/);
  });

  it('tells another user privately that only the requester may cancel, and cancels for the requester', async () => {
    const { responseId } = command('C0CANCEL', `/train ${LONG} seed:41`);
    const status = await waitFor(() => inChannel(fake.calls, 'chat.postMessage', 'C0CANCEL')[0]);
    const cancel = buttonsOf(status).find((id) => id.startsWith('dt1:cancel '))!;
    const pressAs = async (user: string) => {
      const id = `C0CANCEL-${user}`;
      const press = buttonPress({
        actionId: cancel,
        user,
        channel: 'C0CANCEL',
        messageTs: String(status.result?.ts),
        responseUrl: fake.responseUrl(id),
      });
      expect((await postSigned(port, payloadFormOf(press), FORM)).status).toBe(200);
      return waitFor(() => fake.responses.find((r) => r.id === id));
    };
    const refused = await pressAs('U0BOB');
    expect(refused.body.response_type).toBe('ephemeral');
    expect(refused.body.text).toBe('Only the person who started a run can cancel it.');
    const done = await pressAs('U0ADA');
    expect(done.body).toMatchObject({ response_type: 'ephemeral', text: 'Cancelled.' });
    // The run's own final answer: the public status is struck through, the details go to the requester alone.
    const note = await waitFor(() => fake.responses.find((r) => r.id === responseId));
    expect(textOf(note.body)).toContain('stopped before it finished');
    const stopped = await waitFor(() =>
      inChannel(fake.calls, 'chat.update', 'C0CANCEL').find((c) =>
        String(c.params.text).startsWith('Stopped:'),
      ),
    );
    expect(buttonsOf(stopped)).toEqual([]);
    expect(inChannel(fake.calls, 'chat.update', 'C0CANCEL').filter(isAnswer)).toHaveLength(0);
  });

  it('refuses a bad signature and a stale timestamp with 401, before the bot sees anything', async () => {
    const body = formOf(
      slashCommand({
        command: '/train',
        text: SMALL,
        channel: 'C0FORGED',
        responseUrl: fake.responseUrl('forged'),
      }),
    );
    const forged = await postSigned(port, body, FORM, signedHeaders(body, 'not-the-secret'));
    expect(forged.status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await postSigned(port, body, FORM, signedHeaders(body, SIGNING_SECRET, sixMinutesAgo));
    expect(stale.status).toBe(401);
    const unsigned = await postSigned(port, body, FORM, {});
    expect(unsigned.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.calls.filter((c) => c.params.channel === 'C0FORGED')).toEqual([]);
    expect(fake.responses.filter((r) => r.id === 'forged')).toEqual([]);
  });

  it('answers an invalid option privately in the ack, naming the field', async () => {
    const ack = await command('C0INVALID', '/train depth:99').answer;
    expect(ack.status).toBe(200);
    expect(ack.json?.response_type).toBe('ephemeral');
    expect(String(ack.json?.text)).toMatch(/depth/);
    expect(String(ack.json?.text)).toMatch(/32/);
    expect(fake.calls.filter((c) => c.params.channel === 'C0INVALID')).toEqual([]);
  });

  it('forgives typos in the ack: the option and the value that were probably meant', async () => {
    const ack = await command('C0TYPO', '/train depht:8').answer;
    expect(ack.json?.response_type).toBe('ephemeral');
    expect(textOf(ack.json!)).toMatch(/unknown option "depht"; Did you mean depth\?/);
    const value = await command('C0TYPO', '/train activation:rleu').answer;
    expect(textOf(value.json!)).toMatch(/did you mean activation:relu\?/);
    expect(fake.calls.filter((c) => c.params.channel === 'C0TYPO')).toEqual([]);
  });

  it('still gives exactly one final answer when the engine crashes', async () => {
    const { responseId, answer } = command('C0CRASH', `/train ${SMALL} seed:${CRASH_SEED}`);
    expect(String((await answer).json?.text)).toMatch(/^Accepted:/);
    const apology = await waitFor(() => fake.responses.find((r) => r.id === responseId), 30_000);
    expect(apology.body.response_type).toBe('ephemeral');
    expect(String(apology.body.text)).toMatch(/^Sorry, something went wrong/);
    await waitFor(() =>
      inChannel(fake.calls, 'chat.update', 'C0CRASH').find((c) =>
        String(c.params.text).startsWith('Stopped:'),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.responses.filter((r) => r.id === responseId)).toHaveLength(1);
    expect(inChannel(fake.calls, 'chat.update', 'C0CRASH').filter(isAnswer)).toHaveLength(0);
  });

  it('answers /tutor-help privately with Slack command names, and /explain publicly in the ack', async () => {
    const help = await command('C0HELP', '/tutor-help').answer;
    expect(help.json?.response_type).toBe('ephemeral');
    expect(textOf(help.json!)).toContain('`/tutor-help train`');
    expect(textOf(help.json!)).not.toMatch(/`\/help\b/);
    const lesson = await command('C0HELP', '/explain vanishing-gradients').answer;
    expect(lesson.json?.response_type).toBe('in_channel');
    expect(blocksOf(lesson.json!)[0]!.text!.text).toBe('Vanishing gradients');
    expect(buttonsOf(lesson.json!)[0]).toMatch(/^dt1:compare /);
  });

  it('publishes the App Home with the lessons, the commands and the user’s runs from /history’s store', async () => {
    void command('C0HOME', `/train ${SMALL} seed:51`, 'U0BOB').answer;
    await answerIn('C0HOME');
    // A run the adapter never saw (say, from before a restart) is listed too: one history.
    store.runs.add({
      platform: 'slack',
      user: 'U0BOB',
      conversation: 'C0EARLIER',
      command: '/compare depths:1,4',
      spec: { experiment: 'compare', depths: [1, 4] },
      headline: 'Compared depths 1 and 4',
    });
    const event = JSON.stringify(homeOpened('U0BOB'));
    expect((await postSigned(port, event, 'application/json')).status).toBe(200);
    const publish = await waitFor(() =>
      fake.callsTo('views.publish').find((c) => c.params.user_id === 'U0BOB'),
    );
    const view = publish.params.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = textOf(view);
    expect(text).toContain('Vanishing gradients');
    expect(text).toContain('`/tutor-help`');
    expect(text).toContain('`/train depth:2 width:8');
    expect(text).toContain('<#C0HOME>');
    expect(text).toContain('Compared depths 1 and 4');
    expect(text).toContain('<#C0EARLIER>');
    // /history in Slack answers from the same rows.
    const history = await command('C0HOME', '/history', 'U0BOB').answer;
    expect(textOf(history.json!)).toContain('/compare depths:1,4');
    expect(textOf(history.json!)).toContain('/train depth:2 width:8');
  });
});
