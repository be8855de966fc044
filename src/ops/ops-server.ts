import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsSource } from './metrics.js';

/*
 * The operations port: /healthz (the process answers), /readyz (it can do its job: adapters
 * connected, queue reachable) and /metrics (Prometheus). Separate from the playground and Slack
 * ports so that it can stay private to the cluster.
 */

/** A readiness check: true when that part works. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

/** How to start the ops server. */
export interface OpsServerOptions {
  /** OPS_PORT; 0 picks a free port. */
  port: number;
  /** OPS_HOST; default 127.0.0.1. */
  host?: string;
  /** Named checks for /readyz, e.g. { adapters, queue }. */
  checks: Record<string, ReadinessCheck>;
  metrics?: Pick<MetricsSource, 'render' | 'contentType'>;
  /** What this replica does where replicas differ, e.g. { discord: 'standby' }; shown by /readyz. */
  roles?: () => Record<string, string>;
  /** A check that has not answered after this long counts as failed; default 1000 ms. */
  checkTimeoutMs?: number;
}

/** A started (or startable) ops server. */
export interface OpsServer {
  start(): Promise<{ url: string; port: number }>;
  /** From now on /readyz answers 503 (draining), so that load balancers stop sending work. */
  setDraining(): void;
  stop(): Promise<void>;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function send(response: http.ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

/**
 * No route here reads a body. When a request declares one, the connection closes after the answer,
 * so a client cannot keep the server reading (a declared 500 MB POST to /healthz, say) as the
 * playground's refused bodies do not either.
 */
function closeIfBodyUnread(request: http.IncomingMessage, response: http.ServerResponse): void {
  const length = request.headers['content-length'];
  const declared =
    (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
  if (declared && !request.complete) response.setHeader('connection', 'close');
}

const json = (response: http.ServerResponse, status: number, body: unknown) =>
  send(response, status, 'application/json', `${JSON.stringify(body)}\n`);

/** Creates the ops server (not yet listening). */
export function createOpsServer(options: OpsServerOptions): OpsServer {
  const timeoutMs = options.checkTimeoutMs ?? 1000;
  let draining = false;

  async function readiness(response: http.ServerResponse): Promise<void> {
    if (draining) return json(response, 503, { ready: false, draining: true, checks: {} });
    const names = Object.keys(options.checks);
    const results = await Promise.all(names.map((name) => runCheck(options.checks[name]!, timeoutMs)));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i] === true]));
    const ready = results.every((ok) => ok);
    const failed = names.filter((_, i) => !results[i]);
    const roles = options.roles?.() ?? {};
    json(response, ready ? 200 : 503, {
      ready,
      checks,
      ...(failed.length > 0 && { failed }),
      ...(Object.keys(roles).length > 0 && { roles }),
    });
  }

  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    closeIfBodyUnread(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return json(response, 405, { error: 'method not allowed' });
    }
    const handled = (async () => {
      if (path === '/healthz') return json(response, 200, { status: 'ok' });
      if (path === '/readyz') return readiness(response);
      if (path === '/metrics' && options.metrics) {
        return send(response, 200, options.metrics.contentType, await options.metrics.render());
      }
      json(response, 404, { error: 'not found', paths: ['/healthz', '/readyz', '/metrics'] });
    })();
    handled.catch(() => {
      if (!response.headersSent) json(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });
  // Health probes keep no connection open for long; a stop must not wait for idle keep-alives.
  server.keepAliveTimeout = 1000;

  return {
    start() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host ?? '127.0.0.1', () => {
          server.off('error', reject);
          const { port, address, family } = server.address() as AddressInfo;
          const host = family === 'IPv6' ? `[${address}]` : address;
          resolve({ url: `http://${host}:${port}`, port });
        });
      });
    },
    setDraining() {
      draining = true;
    },
    stop() {
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
