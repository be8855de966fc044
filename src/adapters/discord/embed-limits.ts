import type { APIEmbed } from 'discord.js';

/*
 * Discord refuses a whole message whose embeds break a limit, so they are trimmed here rather than
 * risking an answer that never arrives. The explanation loses words before the facts do: the
 * exact configuration in the fields is what makes a run reproducible.
 */

/** Discord's embed limits (characters, except where counted). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  /** Sum over all embeds of one message: titles, descriptions, field names and values. */
  total: 6000,
} as const;

/** Cuts text to `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return max <= 1 ? text.slice(0, max) : `${text.slice(0, max - 1)}…`;
}

function size(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields;
}

const total = (embeds: APIEmbed[]) => embeds.reduce((n, e) => n + size(e), 0);

function withinEach(embed: APIEmbed): APIEmbed {
  return {
    ...embed,
    ...(embed.title === undefined ? {} : { title: clip(embed.title, EMBED_LIMITS.title) }),
    ...(embed.description === undefined
      ? {}
      : { description: clip(embed.description, EMBED_LIMITS.description) }),
    ...(embed.fields === undefined
      ? {}
      : {
          fields: embed.fields.slice(0, EMBED_LIMITS.fields).map((f) => ({
            ...f,
            name: clip(f.name, EMBED_LIMITS.fieldName),
            value: clip(f.value, EMBED_LIMITS.fieldValue),
          })),
        }),
  };
}

/**
 * Applies every per-embed limit, then shortens descriptions (and last, drops fields) to fit the
 * total. The first embed's description keeps at least 200 characters, and at least its first
 * `keepMain` characters whole.
 */
export function fitEmbeds(embeds: APIEmbed[], keepMain = 0): APIEmbed[] {
  const fitted = embeds.map(withinEach);
  // Chart captions first (they repeat what the image shows), then the main text.
  for (const index of [...fitted.keys()].reverse()) {
    const over = total(fitted) - EMBED_LIMITS.total;
    const embed = fitted[index];
    if (over <= 0 || !embed?.description) continue;
    // clip keeps max - 1 characters and an ellipsis, hence the + 1.
    const keep = Math.max(index === 0 ? Math.max(200, keepMain + 1) : 0, embed.description.length - over);
    fitted[index] = { ...embed, description: clip(embed.description, keep) };
    if (fitted[index]?.description === '') delete fitted[index]?.description;
  }
  const main = fitted[0];
  while (main?.fields && main.fields.length > 0 && total(fitted) > EMBED_LIMITS.total) main.fields.pop();
  return fitted;
}
