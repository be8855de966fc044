import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { silentLogger } from '../../../src/bot/logger.js';
import { BOT_TOKEN, type FakeSlack, SIGNING_SECRET, startFakeSlack } from './fake-slack.js';
import { blocksOf, inChannel, PNG_SIGNATURE, textOf } from './inspect.js';
import { formOf, postSigned, slashCommand, waitFor } from './slack-requests.js';
import { chartReply, createStubBot, TINY_PNG } from './stub-bot.js';

/* The adapter's own decisions, on a scripted bot: deadlines, teachers, fallbacks, post(). */

let fake: FakeSlack;
let adapter: SlackAdapter;
let port: number;
let sent = 0;

beforeAll(async () => {
  fake = await startFakeSlack();
  adapter = createSlackAdapter({
    bot: createStubBot(),
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl.replace(/\/$/, ''),
    logger: silentLogger,
    teacherUserIds: ['U0TEACH'],
    ackDeadlineMs: 300,
    channelIntervalMs: 50,
  });
  await adapter.start();
  port = adapter.httpPort()!;
});

afterEach(() => fake.heal());

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

function send(command: string, channel: string, user = 'U0ADA') {
  const id = `r${++sent}`;
  const fields = slashCommand({ command, text: '', channel, user, responseUrl: fake.responseUrl(id) });
  return { id, answer: postSigned(port, formOf(fields), 'application/x-www-form-urlencoded') };
}

describe('Slack dispatch', () => {
  it('tells the bot who is a teacher: listed users and workspace admins, not students', async () => {
    const student = await send('/schedule', 'C0T').answer;
    expect(student.json).toMatchObject({
      response_type: 'ephemeral',
      text: 'Only teachers can use /schedule.',
    });
    expect((await send('/schedule', 'C0T', 'U0TEACH').answer).json?.text).toBe('Scheduled.');
    fake.admins.add('U0ADMIN');
    expect((await send('/schedule', 'C0T', 'U0ADMIN').answer).json?.text).toBe('Scheduled.');
    const looked = fake.callsTo('users.info').map((c) => c.params.user);
    expect(looked).toContain('U0ADMIN');
    expect(looked).not.toContain('U0TEACH');
    // Cached: a second command by the admin asks Slack no more.
    await send('/schedule', 'C0T', 'U0ADMIN').answer;
    expect(fake.callsTo('users.info').filter((c) => c.params.user === 'U0ADMIN')).toHaveLength(1);
  });

  it('acks by the deadline when the bot is slow to decide, then answers through the response_url', async () => {
    const { id, answer } = send('/slow', 'C0SLOW');
    const ack = await answer;
    expect(ack.json?.text).toBe('Working on it…');
    expect(ack.ms).toBeGreaterThanOrEqual(250);
    expect(ack.ms).toBeLessThan(700);
    const final = await waitFor(() => fake.responses.find((r) => r.id === id));
    expect(final.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Thought about it.',
    });
  });

  it('answers with an apology when the bot rejects instead of answering', async () => {
    const ack = await send('/broken', 'C0BROKEN').answer;
    expect(ack.json?.response_type).toBe('ephemeral');
    expect(String(ack.json?.text)).toMatch(/^Sorry, something went wrong/);
  });

  it('posts a public answer with a chart that came without accept, after an empty ack', async () => {
    const ack = await send('/chart', 'C0CHART').answer;
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    const posted = await waitFor(() => inChannel(fake.calls, 'chat.postMessage', 'C0CHART')[0]);
    expect(blocksOf(posted)[0]!.text!.text).toBe('A chart without accept');
    expect(textOf(posted)).toContain('1 chart below: a tiny square');
    const complete = await waitFor(() =>
      fake.callsTo('files.completeUploadExternal').find((c) => c.params.channel_id === 'C0CHART'),
    );
    const [file] = complete.params.files as { id: string }[];
    const upload = fake.uploads.find((u) => u.fileId === file!.id)!;
    expect(upload.bytes.equals(TINY_PNG)).toBe(true);
    expect(upload.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('falls back to the response_url, and tells the asker why, when the bot may not post in the channel', async () => {
    fake.fail('chat.postMessage', 'not_in_channel');
    const { id, answer } = send('/run', 'C0PRIVATE');
    expect(textOf((await answer).json!)).toBe(
      'Accepted: a scripted run. Progress and the answer appear in this channel.',
    );
    const posts = await waitFor(() => {
      const found = fake.responses.filter((r) => r.id === id);
      return found.length >= 2 ? found : undefined;
    });
    expect(posts[0]!.body).toMatchObject({ response_type: 'in_channel', text: 'A scripted run' });
    expect(posts[1]!.body.response_type).toBe('ephemeral');
    expect(textOf(posts[1]!.body)).toContain('invite me with `/invite @depth-tutor`');
    expect(inChannel(fake.calls, 'chat.update', 'C0PRIVATE')).toEqual([]);
  });

  it('posts an unprompted reply into a conversation, charts included', async () => {
    expect(adapter.isReady()).toBe(true);
    await adapter.post('C0DEMO', chartReply('Daily demo'));
    const posted = inChannel(fake.calls, 'chat.postMessage', 'C0DEMO');
    expect(blocksOf(posted[0]!)[0]!.text!.text).toBe('Daily demo');
    expect(fake.callsTo('files.completeUploadExternal').some((c) => c.params.channel_id === 'C0DEMO')).toBe(
      true,
    );
    fake.fail('chat.postMessage', 'channel_not_found');
    await expect(adapter.post('C0GONE', chartReply('Lost'))).rejects.toThrow(/channel_not_found/);
  });
});

describe('Slack notify: a private note to one user', () => {
  const note = {
    visibility: 'private' as const,
    headline: 'Schedule #3 could not post.',
    blocks: ['The channel refused the message.'],
    fields: [],
    images: [],
    buttons: [],
  };

  it('is an ephemeral message that names its user, in the conversation', async () => {
    await adapter.notify({ conversation: 'C0OWNED', user: 'U0OWNER' }, note);
    const [sent] = fake.callsTo('chat.postEphemeral').filter((c) => c.params.channel === 'C0OWNED');
    expect(sent?.params.user).toBe('U0OWNER');
    expect(String(sent?.params.text)).toMatch(/^<@U0OWNER> Schedule #3 could not post\./);
    expect(blocksOf(sent!)[0]!.text!.text).toBe('<@U0OWNER>');
    expect(textOf(sent!)).toContain('The channel refused the message.');
    expect(inChannel(fake.calls, 'chat.postMessage', 'C0OWNED')).toEqual([]);
  });

  it('becomes a direct message when Slack refuses the ephemeral one', async () => {
    fake.fail('chat.postEphemeral', 'user_not_in_channel');
    await adapter.notify({ conversation: 'C0LEFT', user: 'U0GONE' }, note);
    const direct = inChannel(fake.calls, 'chat.postMessage', 'U0GONE');
    expect(direct).toHaveLength(1);
    expect(String(direct[0]!.params.text)).toMatch(/^<@U0GONE> Schedule #3/);
    expect(inChannel(fake.calls, 'chat.postMessage', 'C0LEFT')).toEqual([]);
  });
});

describe('Slack adapter set-up', () => {
  it('needs a signing secret or an app token, and rejects a bad bot token at start', async () => {
    expect(() =>
      createSlackAdapter({ bot: createStubBot(), botToken: BOT_TOKEN, port: 0, logger: silentLogger }),
    ).toThrow(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
    const wrong = createSlackAdapter({
      bot: createStubBot(),
      botToken: 'xoxb-wrong',
      signingSecret: SIGNING_SECRET,
      port: 0,
      host: '127.0.0.1',
      apiUrl: fake.apiUrl,
      logger: silentLogger,
    });
    await expect(wrong.start()).rejects.toThrow('Slack refused SLACK_BOT_TOKEN: invalid_auth');
    expect(wrong.isReady()).toBe(false);
  });
});
