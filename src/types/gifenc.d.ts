/** The part of gifenc 1.0.3 (no types of its own) that the animation encoder uses. */
declare module 'gifenc' {
  /** A palette: [r, g, b] triples, at most 256 of them. */
  type Palette = number[][];
  interface FrameOptions {
    palette?: Palette;
    /** Milliseconds this frame stays up (GIF stores hundredths). */
    delay?: number;
    /** -1 plays once, 0 loops forever, n > 0 loops n times. */
    repeat?: number;
  }
  interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
  }
  /** The module's CommonJS exports. */
  export interface Gifenc {
    GIFEncoder(options?: { initialCapacity?: number }): Encoder;
    quantize(rgba: Uint8Array | Uint8ClampedArray, maxColors: number): Palette;
    applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: Palette): Uint8Array;
    /** Index of the palette colour nearest to [r, g, b] (squared Euclidean distance). */
    nearestColorIndex(palette: Palette, pixel: number[]): number;
  }
}
