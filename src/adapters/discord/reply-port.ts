import { type Client, MessageFlags, type RepliableInteraction } from 'discord.js';
import type { InteractionCalls } from './interaction-port.js';
import type { DiscordMessage } from './message-payload.js';

/*
 * The interaction port's calls on a real discord.js interaction. Mentions are off everywhere (a student's
 * question echoed in a headline must not ping @everyone); the channel fallback may ping only the
 * person a private answer is for.
 */

const NO_MENTIONS = { parse: [] as [] };

const body = (message: DiscordMessage) => ({
  content: message.content,
  embeds: message.embeds,
  components: message.components,
  files: message.files,
  allowedMentions: NO_MENTIONS,
});

/** Posts a message into a channel by id; rejects when the channel cannot be found or written to. */
export async function sendToChannel(
  client: Client,
  channelId: string,
  message: DiscordMessage,
  mentionUserId?: string,
): Promise<void> {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isSendable()) throw new Error(`channel ${channelId} cannot take messages`);
  await channel.send({
    ...body(message),
    ...(mentionUserId
      ? {
          content: `<@${mentionUserId}> ${message.content}`.trim(),
          allowedMentions: { users: [mentionUserId] },
        }
      : {}),
  });
}

/** The calls of one interaction. */
export function interactionCalls(interaction: RepliableInteraction): InteractionCalls {
  const ephemeralFlags = (ephemeral: boolean) => (ephemeral ? MessageFlags.Ephemeral : undefined);
  return {
    async defer(ephemeral) {
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    },
    async reply(message, ephemeral) {
      const flags = ephemeralFlags(ephemeral);
      await interaction.reply({ ...body(message), ...(flags ? { flags } : {}) });
    },
    async edit(message) {
      // `attachments: []` drops files of an earlier edit; the new files are added to it.
      await interaction.editReply({ ...body(message), attachments: [] });
    },
    async followUp(message, ephemeral) {
      const flags = ephemeralFlags(ephemeral);
      await interaction.followUp({ ...body(message), ...(flags ? { flags } : {}) });
    },
    sendToChannel(message, mentionUserId) {
      if (!interaction.channelId) return Promise.reject(new Error('interaction has no channel'));
      return sendToChannel(interaction.client, interaction.channelId, message, mentionUserId);
    },
  };
}

/** A direct message to one user; rejects when Discord refuses it (the user accepts no DMs here). */
export async function sendDirect(client: Client, userId: string, message: DiscordMessage): Promise<void> {
  const channel = await client.users.createDM(userId);
  await channel.send(body(message));
}
