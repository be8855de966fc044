import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createJobMetrics } from '../../src/ops/metrics.js';
import { createOpsServer, type OpsServer, type ReadinessCheck } from '../../src/ops/ops-server.js';

describe('the ops server', () => {
  let server: OpsServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  async function start(
    checks: Record<string, ReadinessCheck>,
    withMetrics = true,
    roles?: () => Record<string, string>,
  ) {
    const metrics = createJobMetrics(() => ({ queued: 3, running: 1 }));
    server = createOpsServer({
      port: 0,
      checks,
      checkTimeoutMs: 150,
      ...(withMetrics && { metrics }),
      ...(roles && { roles }),
    });
    const { url } = await server.start();
    return { url, metrics };
  }

  it('answers /healthz while the process lives, whatever its checks say', async () => {
    const { url } = await start({ adapters: () => false });
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('is ready only when every check passes, and names the ones that fail', async () => {
    let adapters = true;
    let queue = true;
    const { url } = await start({ adapters: () => adapters, queue: async () => queue });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    queue = false;
    const notReady = await fetch(`${url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      ready: false,
      checks: { adapters: true, queue: false },
      failed: ['queue'],
    });
    adapters = false;
    queue = true;
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ failed: ['adapters'] });
  });

  it('says what this replica does where replicas differ, as it is now', async () => {
    let discord = 'standby';
    const { url } = await start({ adapters: () => true }, true, () => ({ discord }));
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({
      ready: true,
      checks: { adapters: true },
      roles: { discord: 'standby' },
    });
    discord = 'gateway';
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ roles: { discord: 'gateway' } });
  });

  it('counts a check that throws or hangs as failed, without hanging itself', async () => {
    const { url } = await start({
      throws: () => {
        throw new Error('boom');
      },
      hangs: () => new Promise<boolean>(() => {}),
      fine: () => true,
    });
    const started = Date.now();
    const response = await fetch(`${url}/readyz`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ checks: { throws: false, hangs: false, fine: true } });
  });

  it('reports not ready once draining, so that load balancers stop sending work', async () => {
    const { url } = await start({ queue: () => true });
    server!.setDraining();
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ draining: true });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('serves Prometheus text on /metrics, with queue gauges and event-loop lag', async () => {
    const { url } = await start({});
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^tutor_jobs_queued 3$/m);
    expect(text).toMatch(/^tutor_jobs_running 1$/m);
    expect(text).toContain('# TYPE tutor_job_duration_seconds histogram');
    expect(text).toContain('# TYPE tutor_job_queue_wait_seconds histogram');
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('answers 404 for unknown paths and for /metrics when metrics are off, and 405 for writes', async () => {
    const { url } = await start({}, false);
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    expect((await fetch(`${url}/nothing`)).status).toBe(404);
    expect((await fetch(`${url}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  /** Declares a 500 MB body, keeps sending it, and resolves with the answer once the server closes. */
  function hugeBody(url: string, request: string): Promise<{ answer: string; sentBytes: number }> {
    const { port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let answer = '';
      let sentBytes = 0;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new Error(`the server kept reading after ${sentBytes} bytes; it answered ${answer.slice(0, 80)}`),
        );
      }, 5000);
      socket.on('data', (data: Buffer) => {
        answer += data.toString();
      });
      socket.on('error', () => {});
      socket.on('close', () => {
        clearTimeout(timer);
        resolve({ answer, sentBytes });
      });
      socket.write(`${request} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${500 * 1024 * 1024}\r\n\r\n`);
      const pump = () => {
        while (!socket.destroyed && socket.write(chunk)) sentBytes += chunk.length;
      };
      socket.on('drain', pump);
      pump();
    });
  }

  it('closes the connection after refusing a POST with a declared 500 MB body, instead of reading it', async () => {
    const { url } = await start({});
    const refused = await hugeBody(url, 'POST /healthz');
    expect(refused.answer).toMatch(/^HTTP\/1\.1 405 /);
    expect(refused.answer).toMatch(/connection: close/i);
    // The body a GET declares is not read either.
    const get = await hugeBody(url, 'GET /healthz');
    expect(get.answer).toMatch(/^HTTP\/1\.1 200 /);
    // Still serving everyone else.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
