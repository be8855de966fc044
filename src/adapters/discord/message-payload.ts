import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { MAX_BUTTON_ID } from '../../bot/buttons.js';
import { fitHeadline } from '../../bot/replies/fit-headline.js';
import { shownImageFile } from '../../bot/replies/image-file.js';
import type { Reply, ReplyButton } from '../../bot/types.js';
import { clip, EMBED_LIMITS, fitEmbeds } from './embed-limits.js';

/*
 * A neutral Reply as Discord messages. The answer: one embed with the headline, the text and the
 * facts, the first chart as its image (an attachment shown through `attachment://<name>`), and the
 * buttons in action rows. Each further chart follows in a message of its own, a bare attachment:
 * Discord tiles several images of one message into a mosaic, each a fraction of a phone's width,
 * while an image alone in its message is shown as wide as the screen allows.
 */

/**
 * Discord's per-message caps (rows, buttons, label) and the most charts one reply sends, each in
 * its own message: a reply carries at most 4 charts and an animation still (charts/drafts.ts).
 */
export const MESSAGE_LIMITS = { charts: 10, rows: 5, buttonsPerRow: 5, label: 80 } as const;

/** Accent colour of the tutor's embeds. */
const ACCENT = 0x5865f2;

/** A file for discord.js: the PNG bytes, its name and its alt text. */
export interface DiscordFile {
  attachment: Buffer;
  name: string;
  description: string;
}

/** A message body discord.js can send, edit or post as a follow-up. */
export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  files: DiscordFile[];
}

/** The bot's light markdown in Discord's dialect: `*bold*` becomes `**bold**`; code spans are left alone. */
export function toDiscordMarkdown(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/(^|[^*\w])\*(?=\S)([^*\n]*?\S)\*(?![*\w])/g, '$1**$2**'),
    )
    .join('');
}

const STYLES: Record<ReplyButton['style'], ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger> =
  {
    primary: ButtonStyle.Primary,
    secondary: ButtonStyle.Secondary,
    danger: ButtonStyle.Danger,
  };

/** Buttons in rows of five, at most five rows; ids Discord would refuse are dropped. */
export function buttonRows(buttons: readonly ReplyButton[]): DiscordMessage['components'] {
  const usable = buttons
    .filter((b) => b.id.length > 0 && b.id.length <= MAX_BUTTON_ID)
    .slice(0, MESSAGE_LIMITS.rows * MESSAGE_LIMITS.buttonsPerRow);
  const rows: DiscordMessage['components'] = [];
  for (let i = 0; i < usable.length; i += MESSAGE_LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: usable.slice(i, i + MESSAGE_LIMITS.buttonsPerRow).map((b) => ({
        type: ComponentType.Button,
        custom_id: b.id,
        label:
          b.label.length <= MESSAGE_LIMITS.label ? b.label : `${b.label.slice(0, MESSAGE_LIMITS.label - 1)}…`,
        style: STYLES[b.style],
      })),
    });
  }
  return rows;
}

/** A file name that is safe inside an `attachment://` URL, unique within the message. */
function attachmentNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    const dot = raw.lastIndexOf('.');
    const stem = (dot > 0 ? raw.slice(0, dot) : raw).replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60) || 'chart';
    const extension = raw.toLowerCase().endsWith('.gif') ? 'gif' : 'png';
    let name = `${stem}.${extension}`;
    if (used.has(name)) name = `${stem}-${i + 1}.${extension}`;
    used.add(name);
    return name;
  });
}

/** A reply as Discord sends it: the answer, then one message per further chart, in order. */
export interface DiscordReply {
  answer: DiscordMessage;
  charts: DiscordMessage[];
}

/** A message that is one chart and nothing else; its alt text travels as the attachment's description. */
function chartMessage(file: DiscordFile): DiscordMessage {
  return { content: '', embeds: [], components: [], files: [file] };
}

/** Translates a Reply. */
export function toDiscordReply(reply: Reply): DiscordReply {
  const images = reply.images.slice(0, MESSAGE_LIMITS.charts).map(shownImageFile);
  const names = attachmentNames(images.map((image) => image.name));
  const files: DiscordFile[] = images.map((image, i) => ({
    attachment: image.data,
    name: names[i] ?? image.name,
    description: clip(image.alt, 1024),
  }));
  const headline = fitHeadline(reply, (whole) => toDiscordMarkdown(whole).length <= EMBED_LIMITS.title);
  const lead = headline.lead === undefined ? [] : [toDiscordMarkdown(headline.lead)];
  const text = [...lead, ...reply.blocks.map((block) => toDiscordMarkdown(block))];
  const main: APIEmbed = {
    color: ACCENT,
    title: toDiscordMarkdown(headline.title),
    ...(text.length > 0 ? { description: text.join('\n\n') } : {}),
    ...(reply.fields.length > 0
      ? {
          fields: reply.fields.map((f) => ({
            name: toDiscordMarkdown(f.label),
            value: toDiscordMarkdown(f.value) || '—',
            inline: f.value.length <= 40,
          })),
        }
      : {}),
    ...(files[0] ? { image: { url: `attachment://${files[0].name}` } } : {}),
  };
  return {
    answer: {
      content: '',
      // The lead under a long headline is never shortened: it holds options the title could not.
      embeds: fitEmbeds([main], lead[0]?.length ?? 0),
      components: buttonRows(reply.buttons),
      files: files.slice(0, 1),
    },
    charts: files.slice(1).map(chartMessage),
  };
}
