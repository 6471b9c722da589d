/**
 * Genesys notifications (vendor-apis.md §2.7): device state changes pushed as `DeviceStateChangeMessage` on
 * channel `/v2/me/devices`, over CometD long-polling at /api/v2/notifications as GWS serves it. A CometD
 * client POSTs a JSON array of Bayeux messages (one message alone is accepted too), to the URL itself or with
 * the message type appended (`/handshake`, `/connect`…, the CometD client's `appendMessageTypeToURL`).
 *
 * The supported Bayeux subset: `/meta/handshake` (transport `long-polling` only), `/meta/connect`,
 * `/meta/subscribe` and `/meta/unsubscribe` (any channel under `/v2/me/`, wildcards `/*` and `/**` included;
 * only `/v2/me/devices` carries messages), `/meta/disconnect`. Publishing is refused (`403::Publish denied`);
 * extensions (`ext`) are ignored. A connect is held up to `advice.timeout` (the client's, when shorter) and
 * answered as soon as a change arrives; a second connect of the same client answers the first one at once.
 * Each changed device comes in its own message, as the subscriber would read it at /me/devices/{id} now.
 *
 * The routes sit behind the dialect's authentication: Basic or the JSESSIONID session, and with CSRF on a
 * POST needs the session cookie and X-CSRF-TOKEN, like every other Genesys POST (a CometD client sends both
 * through its `requestHeaders`). A Bayeux client belongs to the person who handshook it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../http/auth.js';
import type { DeviceChangeFeed, DeviceChanges } from '../../modules/events/device-change-feed.js';
import {
  BAYEUX_VERSION,
  BayeuxBatch,
  BayeuxClients,
  type BayeuxClient,
  type BayeuxReply,
  type BayeuxRequest,
  covers,
  echo,
  failure,
  LONG_POLLING,
} from './bayeux.js';
import { deviceReader, type GenesysDeviceRouteOptions, personOf } from './devices.routes.js';

/** The channel of device state changes. */
export const DEVICES_CHANNEL = '/v2/me/devices';
export const DEVICE_STATE_CHANGE = 'DeviceStateChangeMessage';
/** The channels a client may subscribe to: the caller's own (GWS's `/v2/me/…`). */
const OWN_CHANNELS = '/v2/me/';
/** Bayeux `advice.timeout`: how long a connect is held (SILENT; CometD's default is 30 s). */
export const NOTIFICATION_TIMEOUT_MS = 30_000;
/** Bayeux `advice.interval`: the pause before the next connect (0: reconnect at once). */
export const NOTIFICATION_INTERVAL_MS = 0;

export const NOTIFICATION_PATHS = [
  '/api/v2/notifications',
  ...['handshake', 'connect', 'subscribe', 'unsubscribe', 'disconnect'].map((t) => `/api/v2/notifications/${t}`),
] as const;

export interface NotificationSettings {
  readonly timeoutMs: number;
  readonly intervalMs: number;
}

export interface GenesysNotificationRouteOptions extends GenesysDeviceRouteOptions {
  readonly feed: DeviceChangeFeed;
  readonly notifications?: Partial<NotificationSettings>;
  /** The node's Bayeux clients (the plugin makes its own when absent). */
  readonly clients?: BayeuxClients;
}

export const genesysNotificationRoutes: FastifyPluginAsyncTypebox<GenesysNotificationRouteOptions> = async (
  app,
  options,
) => {
  const { feed } = options;
  const settings: NotificationSettings = {
    timeoutMs: options.notifications?.timeoutMs ?? NOTIFICATION_TIMEOUT_MS,
    intervalMs: options.notifications?.intervalMs ?? NOTIFICATION_INTERVAL_MS,
  };
  const clients = options.clients ?? new BayeuxClients();
  const reader = deviceReader(options);
  const advice = { reconnect: 'retry', interval: settings.intervalMs, timeout: settings.timeoutMs } as const;
  const unknownClient = (message: BayeuxRequest) =>
    failure(message, '402::Unknown client', { reconnect: 'handshake', interval: 0 });

  // Held connects are answered before the server waits for its requests to end.
  app.addHook('preClose', async () => clients.clear());

  async function handle(request: FastifyRequest, message: BayeuxRequest, held: Batch) {
    const principal = principalOf(request);
    const personId = personOf(principal);
    const client = () => clients.find(message.clientId, principal.tenantId, personId);
    switch (message.channel) {
      case '/meta/handshake': {
        if (message.supportedConnectionTypes && !message.supportedConnectionTypes.includes(LONG_POLLING)) {
          return [
            failure(message, `400:${message.supportedConnectionTypes.join(',')}:Unsupported connection types`, {
              reconnect: 'none',
              interval: 0,
            }),
          ];
        }
        const created = clients.create(principal.tenantId, personId);
        if (!created) {
          return [failure(message, '503::Too many clients', { reconnect: 'handshake', interval: 10_000 })];
        }
        return [
          {
            ...echo(message),
            clientId: created.id,
            version: BAYEUX_VERSION,
            minimumVersion: BAYEUX_VERSION,
            supportedConnectionTypes: [LONG_POLLING],
            successful: true,
            advice,
          },
        ];
      }
      case '/meta/connect': {
        const found = client();
        if (!found) return [unknownClient(message)];
        if (message.connectionType !== undefined && message.connectionType !== LONG_POLLING) {
          return [failure(message, `400:${message.connectionType}:Unsupported connection type`)];
        }
        // One held connect per batch: a second one is answered at once.
        const timeout = held.connected
          ? 0
          : Math.min(message.advice?.timeout ?? settings.timeoutMs, settings.timeoutMs);
        held.connected = true;
        const deadline = Date.now() + timeout;
        let events: BayeuxReply[] = [];
        // Changes of devices the person cannot be shown (no phone number, given away) keep the connect held.
        for (;;) {
          const { changes, released } = await connect(found, Math.max(0, deadline - Date.now()), held.gone);
          if (changes) events = await present(request, personId, changes);
          if (!changes || released || events.length > 0 || Date.now() >= deadline) break;
        }
        // A client forgotten meanwhile (disconnect, shutdown, too many clients) is told to handshake again.
        const gone = client() === undefined;
        return [
          ...events,
          { ...echo(message), successful: true, advice: gone ? { reconnect: 'handshake', interval: 0 } : advice },
        ];
      }
      case '/meta/subscribe':
      case '/meta/unsubscribe': {
        const found = client();
        if (!found) return [unknownClient(message)];
        const channels = message.subscription === undefined ? [] : [message.subscription].flat();
        if (channels.length === 0) return [failure(message, '400::Missing subscription')];
        const denied = channels.find((c) => !c.startsWith(OWN_CHANNELS));
        if (denied !== undefined) return [failure(message, `403:${denied}:Subscription denied`)];
        for (const c of channels) {
          if (message.channel === '/meta/subscribe') found.subscriptions.add(c);
          else found.subscriptions.delete(c);
        }
        follow(found);
        return [{ ...echo(message), subscription: message.subscription, successful: true }];
      }
      case '/meta/disconnect': {
        const found = client();
        if (!found) return [unknownClient(message)];
        clients.remove(found.id);
        return [{ ...echo(message), successful: true }];
      }
      default:
        if (message.channel.startsWith('/meta/'))
          return [failure(message, `400:${message.channel}:Unknown meta channel`)];
        if (!client()) return [unknownClient(message)];
        return [failure(message, `403:${message.channel}:Publish denied`)];
    }
  }

  /**
   * Starts or stops following the person's devices as the subscriptions cover the devices channel or not. A
   * connect held meanwhile is answered, so that the client's next connect follows the new subscriptions.
   */
  function follow(client: BayeuxClient): void {
    const wanted = [...client.subscriptions].some((s) => covers(s, DEVICES_CHANNEL));
    if (wanted === (client.cursor !== undefined)) return;
    client.cursor = wanted ? feed.cursorFor(client.tenantId, client.personId) : undefined;
    client.connect?.abort();
  }

  /**
   * Holds a connect until changes arrive, the timeout passes, or something releases it: a newer connect, a
   * change of subscriptions, a disconnect, the client going away.
   */
  async function connect(
    client: BayeuxClient,
    timeoutMs: number,
    gone: AbortSignal,
  ): Promise<{ changes: DeviceChanges | undefined; released: boolean }> {
    client.connect?.abort();
    const held = new AbortController();
    client.connect = held;
    const release = () => held.abort();
    gone.addEventListener('abort', release, { once: true });
    try {
      const cursor = client.cursor;
      let changes: DeviceChanges | undefined;
      if (cursor) changes = (await feed.read(cursor)) ?? (await feed.wait(cursor, timeoutMs, held.signal));
      else await pause(timeoutMs, held.signal);
      return { changes, released: held.signal.aborted };
    } finally {
      gone.removeEventListener('abort', release);
      if (client.connect === held) client.connect = undefined;
      clients.touch(client);
    }
  }

  /** One DeviceStateChangeMessage per changed device the person still owns, as /me/devices shows it. */
  async function present(request: FastifyRequest, personId: string, changes: DeviceChanges): Promise<BayeuxReply[]> {
    const devices = await reader.read(request, { ownerPerson: personId });
    const byId = new Map(devices.map((d) => [d.id, d]));
    const chosen = changes.allDevices ? devices : changes.deviceIds.flatMap((id) => byId.get(id) ?? []);
    return chosen.map((device) => ({
      data: { messageType: DEVICE_STATE_CHANGE, devices: [device] },
      channel: DEVICES_CHANNEL,
    }));
  }

  for (const path of NOTIFICATION_PATHS) {
    app.post(path, { schema: { hide: true, body: BayeuxBatch } }, async (request, reply) => {
      const messages = Array.isArray(request.body) ? request.body : [request.body];
      // A client that goes away ends its held connect.
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      const held: Batch = { connected: false, gone: gone.signal };
      const replies: BayeuxReply[] = [];
      for (const message of messages) replies.push(...(await handle(request, message, held)));
      return reply.type('application/json; charset=utf-8').send(replies);
    });
  }
};

/** One POST's messages: whether a connect was held already, and a signal of the client going away. */
interface Batch {
  connected: boolean;
  readonly gone: AbortSignal;
}

/** Resolves after `ms`, or at once when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
