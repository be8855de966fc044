import { describe, expect, it } from 'vitest';
import { classroomPorts } from '../../src/adapters/classroom-ports.js';
import { privateNote } from '../../src/bot/replies/plain-replies.js';
import type { Platform, Reply } from '../../src/bot/types.js';

/*
 * The wiring main.ts uses: a schedule's failure note reaches its owner through the adapter's
 * private path (`notify`), never as a post to the channel; posts go to the conversation.
 */

function fakeAdapter() {
  const calls: { kind: 'post' | 'notify'; to: unknown; reply: Reply }[] = [];
  return {
    calls,
    post: async (conversation: string, reply: Reply) =>
      void calls.push({ kind: 'post', to: conversation, reply }),
    notify: async (target: { conversation: string; user: string }, reply: Reply) =>
      void calls.push({ kind: 'notify', to: target, reply }),
  };
}

const bot = { handle: async () => privateNote('unused') };

describe('classroom ports over the adapters', () => {
  it("notifies a schedule's owner privately through that platform's adapter, and posts to the conversation", async () => {
    const discord = fakeAdapter();
    const slack = fakeAdapter();
    const ports = classroomPorts(
      bot,
      new Map<Platform, typeof discord>([
        ['discord', discord],
        ['slack', slack],
      ]),
    );
    const note = privateNote('Your 08:30 post could not be made.');
    await ports.notifyOwner({ platform: 'discord', conversation: 'C1', user: 'U7' }, note);
    expect(discord.calls).toEqual([
      { kind: 'notify', to: expect.objectContaining({ conversation: 'C1', user: 'U7' }), reply: note },
    ]);
    await ports.post({ platform: 'slack', conversation: 'C2' }, note);
    expect(slack.calls).toEqual([{ kind: 'post', to: 'C2', reply: note }]);
    expect(discord.calls.filter((c) => c.kind === 'post')).toEqual([]);
  });

  it('rejects, naming the platform, when no adapter of that platform is running', async () => {
    const ports = classroomPorts(bot, new Map());
    await expect(ports.post({ platform: 'slack', conversation: 'C2' }, privateNote('x'))).rejects.toThrow(
      'no slack connection is running',
    );
  });
});
