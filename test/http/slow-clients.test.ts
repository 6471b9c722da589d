/** Slow clients: a request that dribbles in for longer than REQUEST_TIMEOUT_MS is answered 408 and its socket closed. */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openTestStore } from '../support/stores.js';

// Socket timeouts belong to the HTTP server, not the database: one engine is enough.
describe('slow clients', () => {
  it('closes a socket whose request does not arrive within the timeout', async () => {
    const { store, dispose } = await openTestStore('sqlite');
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off', REQUEST_TIMEOUT_MS: '1000' }), {
      store,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as AddressInfo;
      const started = Date.now();
      const answer = await new Promise<{ text: string; closedAfter: number }>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          // Headers never finished: a slowloris client.
          socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n');
        });
        let text = '';
        socket.on('data', (chunk) => (text += String(chunk)));
        socket.on('close', () => resolve({ text, closedAfter: Date.now() - started }));
        socket.on('error', reject);
        setTimeout(() => reject(new Error('the socket is still open after 8 s')), 8_000).unref();
      });
      expect(answer.text).toMatch(/^HTTP\/1\.1 408/);
      expect(answer.closedAfter).toBeGreaterThanOrEqual(900);
      expect(answer.closedAfter).toBeLessThan(5_000);
    } finally {
      await app.close();
      await dispose();
    }
  });
});
