import { afterAll, afterEach, beforeAll } from 'vitest';
import { type RunningPlayground, startPlayground, type Visitor } from './harness.js';
import type { EventStream } from './sse-client.js';
import { waitingServices } from './stand-in-services.js';

/** What a test file's playground fixture gives its tests (filled in by its beforeAll). */
export interface PlaygroundFixture {
  playground: RunningPlayground;
  /** Two browsers, in the order of the names given. */
  first: Visitor;
  second: Visitor;
  /** Opens a browser's stream, waits for its hello, and closes it after the test. */
  watch(visitor: Visitor, channel?: string): Promise<EventStream>;
  /** Closes a stream after the test. */
  keep(stream: EventStream): EventStream;
}

/** Registers the hooks for a playground on the waiting engine with two browsers. */
export function usePlayground(
  names: [string, string],
  options?: Parameters<typeof startPlayground>[1],
): PlaygroundFixture {
  let services: ReturnType<typeof waitingServices>;
  const streams: EventStream[] = [];
  const keep = (stream: EventStream) => {
    streams.push(stream);
    return stream;
  };
  const fixture = {
    keep,
    async watch(visitor: Visitor, channel = 'class') {
      const stream = keep(await visitor.events(channel));
      await stream.waitFor((e) => e.type === 'hello');
      return stream;
    },
  } as PlaygroundFixture;
  beforeAll(async () => {
    services = waitingServices();
    fixture.playground = await startPlayground(services.services, options);
    fixture.first = await fixture.playground.visitor(names[0]);
    fixture.second = await fixture.playground.visitor(names[1]);
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  afterAll(async () => {
    await fixture.playground.adapter.stop();
    await services.close();
  });
  return fixture;
}
