/** What a GIF's block structure says: its size, frame count and frame delays (hundredths of a second). */
export interface GifSummary {
  signature: string;
  width: number;
  height: number;
  frames: number;
  delays: number[];
}

/** Walks a GIF's blocks (header, colour tables, extensions, images) without decoding pixels. */
export function readGifBlocks(bytes: Uint8Array): GifSummary {
  const signature = new TextDecoder().decode(bytes.subarray(0, 6));
  const width = bytes[6]! | (bytes[7]! << 8);
  const height = bytes[8]! | (bytes[9]! << 8);
  const tableSize = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  let at = 13 + tableSize(bytes[10]!);
  const skipSubBlocks = () => {
    while (bytes[at]! !== 0) at += bytes[at]! + 1;
    at += 1;
  };
  const delays: number[] = [];
  let frames = 0;
  for (;;) {
    const kind = bytes[at];
    if (kind === 0x3b) break;
    if (kind === 0x21) {
      if (bytes[at + 1] === 0xf9) delays.push(bytes[at + 4]! | (bytes[at + 5]! << 8));
      at += 2;
      skipSubBlocks();
    } else if (kind === 0x2c) {
      frames++;
      at += 10 + tableSize(bytes[at + 9]!) + 1; // descriptor, local table, LZW minimum code size
      skipSubBlocks();
    } else {
      throw new Error(`unexpected GIF block 0x${kind?.toString(16)} at byte ${at}`);
    }
  }
  return { signature, width, height, frames, delays };
}
