import type { App } from '@slack/bolt';
import type { Bot } from '../../bot/create-bot.js';
import type { RequestLifecycle } from '../../bot/lifecycle/request-lifecycle.js';
import type { Logger } from '../../bot/logger.js';
import { privateNote } from '../../bot/replies/plain-replies.js';
import type { LessonLike } from '../../bot/services.js';
import { privateMessage } from './blocks.js';
import { slackCommandFor } from './command-names.js';
import type { DeliveryDeps, Respond } from './delivery.js';
import type { RecentRunsOf } from './history.js';
import { homeView } from './home.js';
import { slackInteractionPort } from './interaction-port.js';
import { slackSafeError } from './safe-error.js';
import type { TeacherCheck } from './teachers.js';
import { invocationOf, invocationOfButton, newRequestId, toBotRequest, toButtonPress } from './translate.js';

/*
 * Bolt listeners: one per slash command (from the definitions, with Slack's names), one for every
 * button of ours (action ids starting `dt1:`), and the App Home. Each request carries the
 * adapter's teacher verdict; the bot core's lifecycle does the rest (deadline, answer, apology).
 */

/** What the listeners need. */
export interface ListenerDeps extends DeliveryDeps {
  bot: Bot;
  lifecycle: RequestLifecycle;
  lessons: readonly LessonLike[];
  /** The user's recent runs for the App Home (the history /history reads); absent without a database. */
  recentRuns?: RecentRunsOf;
  /** The verdict the bot gets as `user.teacher` (teacher-only commands, quiz reveals, channel limits). */
  isTeacher: TeacherCheck;
}

const NO_CHANNEL = privateNote('This button only works in a channel.');

/** Registers every listener on the Bolt app. */
export function registerListeners(app: App, deps: ListenerDeps, log: Logger): void {
  for (const command of deps.bot.commands) {
    app.command(slackCommandFor(command.name), async ({ command: body, ack, respond }) => {
      const request = toBotRequest(body, await deps.isTeacher(body.user_id, body.team_id), newRequestId());
      const { port, acked } = slackInteractionPort(deps, {
        userId: body.user_id,
        channel: body.channel_id,
        invocation: invocationOf(request),
        ack: (message) => (message ? ack(message) : ack()),
        respond: respond as Respond,
      });
      // Bolt answers the HTTP request (or the socket envelope) with the ack, so wait for it.
      await Promise.race([acked, deps.lifecycle.serve(request, port)]);
    });
  }

  app.action(/^dt1:/, async ({ ack, body, action, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || !('action_id' in action)) return;
    const actionId = action.action_id;
    const channel: string | undefined = body.channel?.id ?? body.container?.channel_id;
    if (!channel) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...privateMessage(NO_CHANNEL) });
      return;
    }
    const user = { id: body.user.id, ...(body.user.name ? { name: body.user.name } : {}) };
    const press = toButtonPress(
      { actionId, user, channel, team: body.team?.id },
      await deps.isTeacher(user.id, body.team?.id),
      newRequestId(),
    );
    const { port } = slackInteractionPort(deps, {
      userId: user.id,
      channel,
      invocation: invocationOfButton(actionId),
      respond: respond as Respond,
    });
    void deps.lifecycle.serve(press, port);
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      const recentRuns = deps.recentRuns ? await deps.recentRuns(event.user, 5) : undefined;
      const view = homeView({ lessons: deps.lessons, commands: deps.bot.commands, recentRuns });
      await client.views.publish({ user_id: event.user, view });
    } catch (error) {
      log.error({ user: event.user, err: slackSafeError(error) }, 'slack: could not publish the App Home');
    }
  });
}
