import type { ApiCall } from './fake-web-api.js';

/** A Block Kit block as recorded (loosely typed: the tests read what Slack would render). */
export interface RecordedBlock {
  type: string;
  text?: { text: string };
  elements?: { type: string; text?: string | { text: string }; action_id?: string; style?: string }[];
}

/** The blocks of a recorded message call. */
export function blocksOf(call: { params: Record<string, unknown> } | { blocks?: unknown }): RecordedBlock[] {
  const blocks = 'params' in call ? call.params.blocks : call.blocks;
  return Array.isArray(blocks) ? (blocks as RecordedBlock[]) : [];
}

/** Every text in a message's blocks, joined, for assertions. */
export function textOf(
  call: { params: Record<string, unknown> } | { blocks?: unknown; text?: unknown },
): string {
  const parts: string[] = [];
  for (const block of blocksOf(call)) {
    if (block.text) parts.push(block.text.text);
    for (const element of block.elements ?? []) {
      if (typeof element.text === 'string') parts.push(element.text);
      else if (element.text) parts.push(element.text.text);
    }
  }
  return parts.join('\n');
}

/** The action ids of a message's buttons. */
export function buttonsOf(call: { params: Record<string, unknown> } | { blocks?: unknown }): string[] {
  return blocksOf(call)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => e.action_id ?? ''));
}

/** Calls of `method` to `channel`. */
export const inChannel = (calls: ApiCall[], method: string, channel: string) =>
  calls.filter((c) => c.method === method && c.params.channel === channel);

/** True when the message call is a final answer (it starts with a header block). */
export const isAnswer = (call: ApiCall) => blocksOf(call)[0]?.type === 'header';

/** Gaps between consecutive times, in ms. */
export const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
