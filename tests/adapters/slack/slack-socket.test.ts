import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { SMALL, startTutor } from '../../bot/bot-harness.js';
import { APP_TOKEN, BOT_TOKEN, type FakeSlack, startFakeSlack } from './fake-slack.js';
import { blocksOf, buttonsOf, inChannel, isAnswer, PNG_SIGNATURE, textOf } from './inspect.js';
import { buttonPress, slashCommand, waitFor } from './slack-requests.js';

/*
 * The real @slack/bolt in Socket Mode: it opens the connection through apps.connections.open on
 * the fake Web API, then receives envelopes over a local WebSocket and acks each by envelope_id.
 * No HTTP endpoint is involved, which is the point of Socket Mode for a teacher.
 */

let tutor: Awaited<ReturnType<typeof startTutor>>;
let fake: FakeSlack;
let adapter: SlackAdapter;

beforeAll(async () => {
  [tutor, fake] = await Promise.all([startTutor(), startFakeSlack()]);
  adapter = createSlackAdapter({
    bot: tutor.bot,
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    port: 0,
    apiUrl: fake.apiUrl,
    logger: silentLogger,
  });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await tutor?.stop();
});

describe('Slack adapter in Socket Mode', () => {
  it('connects with the app token through apps.connections.open, without listening on a port', () => {
    expect(adapter.mode).toBe('socket');
    expect(adapter.httpPort()).toBeUndefined();
    expect(adapter.isReady()).toBe(true);
    const open = fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe(APP_TOKEN);
    expect(fake.socketConnected()).toBe(true);
  });

  it('acks a slash command envelope with the echo and answers in the channel with charts', async () => {
    const command = slashCommand({
      command: '/train',
      text: `${SMALL} seed:61`,
      channel: 'C0SOCKET',
      responseUrl: fake.responseUrl('socket-1'),
    });
    const ack = await fake.sendEnvelope('slash_commands', command);
    expect(ack.ms).toBeLessThan(3000);
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(String(ack.payload?.text)).toMatch(/^Accepted: depth 2 · width 8 · 40 steps · 1 seed/);

    const answer = await waitFor(
      () => inChannel(fake.calls, 'chat.update', 'C0SOCKET').find(isAnswer),
      30_000,
    );
    expect(blocksOf(answer)[0]!.text!.text).toMatch(/^Training run: depth 2/);
    expect(textOf(answer)).toContain('*Seeds:* 61');
    const complete = await waitFor(() =>
      fake.callsTo('files.completeUploadExternal').find((c) => c.params.channel_id === 'C0SOCKET'),
    );
    const ids = (complete.params.files as { id: string }[]).map((f) => f.id);
    const png = fake.uploads.find((u) => ids.includes(u.fileId));
    expect(png?.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

    const rerun = buttonsOf(answer).find((id) => id.includes('seed:62'))!;
    const press = buttonPress({
      actionId: rerun,
      channel: 'C0SOCKET',
      messageTs: String(answer.params.ts),
      responseUrl: fake.responseUrl('socket-2'),
    });
    const pressAck = await fake.sendEnvelope('interactive', press);
    expect(pressAck.ms).toBeLessThan(3000);
    const second = await waitFor(() => {
      const answers = inChannel(fake.calls, 'chat.update', 'C0SOCKET').filter(isAnswer);
      return answers.length >= 2 ? answers[1] : undefined;
    }, 30_000);
    expect(textOf(second)).toContain('*Seeds:* 62');
  });

  it('answers an invalid option in the envelope ack, privately', async () => {
    const command = slashCommand({
      command: '/compare',
      text: 'depths:1,99',
      channel: 'C0SOCKET2',
      responseUrl: fake.responseUrl('socket-3'),
    });
    const ack = await fake.sendEnvelope('slash_commands', command);
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(String(ack.payload?.text)).toMatch(/depths/);
    expect(fake.calls.filter((c) => c.params.channel === 'C0SOCKET2')).toEqual([]);
  });

  it('disconnects on stop and reports not ready', async () => {
    await adapter.stop();
    expect(adapter.isReady()).toBe(false);
    await waitFor(() => !fake.socketConnected(), 5000, 'the socket to close');
  });
});
