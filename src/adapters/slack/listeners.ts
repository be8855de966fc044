import type { App } from '@slack/bolt';
import type { Bot } from '../../bot/create-bot.js';
import type { Logger } from '../../bot/logger.js';
import { apologyReply, privateNote } from '../../bot/replies/plain-replies.js';
import type { LessonLike } from '../../bot/services.js';
import type { Reply } from '../../bot/types.js';
import { privateMessage } from './blocks.js';
import { slackCommandFor } from './command-names.js';
import type { Respond, ResponseMessage } from './delivery.js';
import { homeView } from './home.js';
import { type FlowDeps, runInteraction } from './interaction.js';
import type { TeacherCheck } from './teachers.js';
import { invocationOf, invocationOfButton, newRequestId, toBotRequest, toButtonPress } from './translate.js';

/*
 * Bolt listeners: one per slash command (from the definitions, with Slack's names), one for every
 * button of ours (action ids starting `dt1:`), and the App Home. Each request carries the
 * adapter's teacher verdict; the bot itself refuses teacher-only commands to students. Each
 * dispatch is caught once here and logged with its context; the user always gets an answer.
 */

/** What the listeners need. */
export interface ListenerDeps extends FlowDeps {
  bot: Bot;
  lessons: readonly LessonLike[];
  /** The verdict the bot gets as `user.teacher` (teacher-only commands, quiz reveals, channel limits). */
  isTeacher: TeacherCheck;
  /** True once stop() began: new requests get a polite refusal. */
  isStopping(): boolean;
  /** Tracks a run in flight, for stop(). */
  track(done: Promise<void>): void;
}

const NO_CHANNEL = 'This button only works in a channel.';
const STOPPING = privateNote('The tutor is restarting. Please try again in a minute.');
const ephemeral = (reply: Reply): ResponseMessage => ({
  response_type: 'ephemeral',
  ...privateMessage(reply),
});

/** Registers every listener on the Bolt app. */
export function registerListeners(app: App, deps: ListenerDeps, log: Logger): void {
  for (const command of deps.bot.commands) {
    app.command(slackCommandFor(command.name), async ({ command: body, ack, respond }) => {
      const requestId = newRequestId();
      const context = { requestId, user: body.user_id, command: command.name };
      try {
        if (deps.isStopping()) return void (await ack(ephemeral(STOPPING)));
        const request = toBotRequest(body, await deps.isTeacher(body.user_id, body.team_id), requestId);
        const run = runInteraction(
          deps,
          {
            requestId,
            userId: body.user_id,
            channel: body.channel_id,
            invocation: invocationOf(request),
            ack: (message) => (message ? ack(message) : ack()),
            respond: respond as Respond,
          },
          (io) => deps.bot.handle(request, io),
        );
        deps.track(run.done);
        await run.acked;
      } catch (error) {
        log.error({ ...context, err: error }, 'slack: slash command dispatch failed');
        // If nothing was acked yet, Slack would show a timeout; an apology is better. A second ack is refused, harmlessly.
        await ack(ephemeral(apologyReply(requestId))).catch(() => {});
      }
    });
  }

  app.action(/^dt1:/, async ({ ack, body, action, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || !('action_id' in action)) return;
    const actionId = action.action_id;
    const channel: string | undefined = body.channel?.id ?? body.container?.channel_id;
    const user = { id: body.user.id, ...(body.user.name ? { name: body.user.name } : {}) };
    const requestId = newRequestId();
    try {
      if (deps.isStopping() || !channel) {
        const note = deps.isStopping() ? STOPPING : privateNote(NO_CHANNEL);
        await respond({ ...ephemeral(note), replace_original: false });
        return;
      }
      const press = toButtonPress(
        { actionId, user, channel, team: body.team?.id },
        await deps.isTeacher(user.id, body.team?.id),
        requestId,
      );
      const run = runInteraction(
        deps,
        {
          requestId,
          userId: user.id,
          channel,
          invocation: invocationOfButton(actionId),
          respond: respond as Respond,
        },
        (io) => deps.bot.handleButton(press, io),
      );
      deps.track(run.done);
    } catch (error) {
      log.error({ requestId, user: user.id, button: actionId, err: error }, 'slack: button dispatch failed');
    }
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      const recentRuns = await deps.history.recent(event.user, 5);
      const view = homeView({ lessons: deps.lessons, commands: deps.bot.commands, recentRuns });
      await client.views.publish({ user_id: event.user, view });
    } catch (error) {
      log.error({ user: event.user, err: error }, 'slack: could not publish the App Home');
    }
  });
}
