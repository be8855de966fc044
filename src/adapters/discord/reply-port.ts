import {
  type APIInteractionResponse,
  InteractionResponseType,
  MessageFlags,
  type RawFile,
  type REST,
  Routes,
} from 'discord.js';
import type { InteractionCalls } from './interaction-port.js';
import type { DiscordMessage } from './message-payload.js';

/*
 * Every call the adapter makes to Discord, over discord.js's REST client (@discordjs/rest): the
 * interaction's edits and follow-ups through its webhook (application id + interaction token, no
 * bot token), and messages the bot posts on its own (channel posts, DMs) with the bot token. A
 * replica with no gateway (HTTP mode, or standing by for the gateway) makes all of them alike.
 * Only the first response differs by mode: gateway interactions answer on the callback endpoint,
 * HTTP interactions in the HTTP response (see `FirstResponse`).
 *
 * Mentions are off everywhere (a student's question echoed in a headline must not ping
 * @everyone); the channel fallback may ping only the person a private answer is for.
 */

const NO_MENTIONS = { parse: [] as string[] };

/** A first response with the files it uploads (a reply with charts). */
export type FirstResponse = (response: APIInteractionResponse, files: RawFile[]) => Promise<void>;

/** A message as a REST body and its uploads; each attachment carries its alt text. */
export function restMessage(message: DiscordMessage): { body: Record<string, unknown>; files: RawFile[] } {
  return {
    body: {
      content: message.content,
      embeds: message.embeds,
      components: message.components,
      allowed_mentions: NO_MENTIONS,
      // On an edit the list replaces the message's attachments: earlier charts go, these stay.
      attachments: message.files.map((file, i) => ({
        id: i,
        filename: file.name,
        description: file.description,
      })),
    },
    files: message.files.map((file, i) => ({ key: `files[${i}]`, name: file.name, data: file.attachment })),
  };
}

/** Posts a message into a channel by id with the bot token; rejects when Discord refuses it. */
export async function sendToChannel(
  rest: REST,
  channelId: string,
  message: DiscordMessage,
  mentionUserId?: string,
): Promise<void> {
  const { body, files } = restMessage(message);
  const mention = mentionUserId
    ? {
        content: `<@${mentionUserId}> ${message.content}`.trim(),
        allowed_mentions: { users: [mentionUserId] },
      }
    : {};
  await rest.post(Routes.channelMessages(channelId), { body: { ...body, ...mention }, files });
}

/** A direct message to one user; rejects when Discord refuses it (the user accepts no DMs here). */
export async function sendDirect(rest: REST, userId: string, message: DiscordMessage): Promise<void> {
  const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
    id: string;
  };
  await sendToChannel(rest, channel.id, message);
}

/** The first response on Discord's callback endpoint, as a gateway interaction is answered. */
export function callbackResponse(rest: REST, interaction: { id: string; token: string }): FirstResponse {
  return async (response, files) => {
    await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: response,
      files,
      auth: false,
    });
  };
}

/** What the calls of one interaction need to know about it. */
export interface InteractionAddress {
  applicationId: string;
  token: string;
  channelId: string | undefined;
}

/** The calls of one interaction: the first response through `first`, the rest through its webhook. */
export function interactionCalls(
  rest: REST,
  interaction: InteractionAddress,
  first: FirstResponse,
): InteractionCalls {
  const { applicationId, token } = interaction;
  const flagsOf = (ephemeral: boolean) => ({ flags: ephemeral ? MessageFlags.Ephemeral : 0 });
  const edit = async (message: DiscordMessage) => {
    const { body, files } = restMessage(message);
    await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body, files, auth: false });
  };
  const defer = (ephemeral: boolean) =>
    first({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: flagsOf(ephemeral) }, []);
  return {
    defer,
    async reply(message, ephemeral) {
      const { body, files } = restMessage(message);
      await first(
        { type: InteractionResponseType.ChannelMessageWithSource, data: { ...body, ...flagsOf(ephemeral) } },
        files,
      );
    },
    edit,
    async followUp(message, ephemeral) {
      const { body, files } = restMessage(message);
      await rest.post(Routes.webhook(applicationId, token), {
        body: { ...body, ...flagsOf(ephemeral) },
        files,
        auth: false,
      });
    },
    sendToChannel(message, mentionUserId) {
      if (!interaction.channelId) return Promise.reject(new Error('interaction has no channel'));
      return sendToChannel(rest, interaction.channelId, message, mentionUserId);
    },
  };
}
