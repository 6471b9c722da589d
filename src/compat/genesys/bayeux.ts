/**
 * The Bayeux (CometD) client registry of one node, and the protocol's message shapes. Bayeux clients live in
 * this node's memory: a client that reaches another node (or this one after a restart, or after idling past
 * BAYEUX_CLIENT_IDLE_MS) gets `402::Unknown client` with the advice `reconnect: handshake`, as Bayeux
 * prescribes, and handshakes again. The changes themselves are read from the database, so no change is lost
 * to a node switch beyond those made between the old client's last connect and the new subscription.
 */
import { randomBytes } from 'node:crypto';
import { Type, type Static } from 'typebox';
import type { DeviceChangeCursor } from '../../modules/events/device-change-feed.js';

/** The Bayeux version answered in handshakes. */
export const BAYEUX_VERSION = '1.0';
export const LONG_POLLING = 'long-polling';

/** A client that has not connected for this long is forgotten (SILENT; CometD's `maxInterval`). */
export const BAYEUX_CLIENT_IDLE_MS = 30_000;
/** Clients one person may hold on one node; a handshake beyond it forgets their least recently seen one. */
export const BAYEUX_CLIENTS_PER_PERSON = 10;
/** Clients one node holds; a handshake beyond it is refused until some idle out. */
export const BAYEUX_CLIENTS_PER_NODE = 10_000;

const Id = Type.Union([Type.String({ maxLength: 100 }), Type.Integer()]);
const ChannelName = Type.String({ minLength: 1, maxLength: 200 });

/** One message a client sends. Extension members (`ext`, …) are accepted and ignored. */
export const BayeuxRequest = Type.Object({
  channel: ChannelName,
  id: Type.Optional(Id),
  clientId: Type.Optional(Type.String({ maxLength: 100 })),
  version: Type.Optional(Type.String({ maxLength: 20 })),
  minimumVersion: Type.Optional(Type.String({ maxLength: 20 })),
  supportedConnectionTypes: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 })),
  connectionType: Type.Optional(Type.String({ maxLength: 50 })),
  subscription: Type.Optional(Type.Union([ChannelName, Type.Array(ChannelName, { minItems: 1, maxItems: 20 })])),
  advice: Type.Optional(
    Type.Object({ timeout: Type.Optional(Type.Integer({ minimum: 0 })), interval: Type.Optional(Type.Integer()) }),
  ),
  ext: Type.Optional(Type.Unknown()),
  data: Type.Optional(Type.Unknown()),
});
export type BayeuxRequest = Static<typeof BayeuxRequest>;

/** A POST carries one message or an array of them. */
export const BayeuxBatch = Type.Union([BayeuxRequest, Type.Array(BayeuxRequest, { minItems: 1, maxItems: 20 })]);

export type BayeuxReply = Record<string, unknown> & { channel: string };

export interface BayeuxAdvice {
  reconnect: 'retry' | 'handshake' | 'none';
  interval: number;
  timeout?: number;
}

/** A failed meta message's reply: `error` is Bayeux's `code:args:message`. */
export function failure(message: BayeuxRequest, error: string, advice?: BayeuxAdvice): BayeuxReply {
  return {
    ...echo(message),
    successful: false,
    error,
    ...(advice ? { advice } : {}),
  };
}

/** The members every reply repeats: channel, id and clientId of the message. */
export function echo(message: BayeuxRequest): BayeuxReply {
  return {
    channel: message.channel,
    ...(message.id !== undefined ? { id: message.id } : {}),
    ...(message.clientId !== undefined ? { clientId: message.clientId } : {}),
  };
}

/** One handshaken client. */
export interface BayeuxClient {
  readonly id: string;
  readonly tenantId: string;
  readonly personId: string;
  readonly subscriptions: Set<string>;
  /** Set while the client follows the devices channel. */
  cursor: DeviceChangeCursor | undefined;
  lastSeen: number;
  /** The connect held now: aborting it answers it at once. */
  connect: AbortController | undefined;
}

export interface BayeuxLimits {
  readonly idleMs: number;
  readonly perPerson: number;
  readonly perNode: number;
}

export class BayeuxClients {
  private readonly clients = new Map<string, BayeuxClient>();
  private lastSweep = 0;

  constructor(
    private readonly limits: BayeuxLimits = {
      idleMs: BAYEUX_CLIENT_IDLE_MS,
      perPerson: BAYEUX_CLIENTS_PER_PERSON,
      perNode: BAYEUX_CLIENTS_PER_NODE,
    },
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  /** A new client for the person, or undefined when the node holds too many. */
  create(tenantId: string, personId: string): BayeuxClient | undefined {
    this.sweep(this.clients.size >= this.limits.perNode);
    const theirs = [...this.clients.values()].filter((c) => c.tenantId === tenantId && c.personId === personId);
    if (theirs.length >= this.limits.perPerson) {
      const oldest = theirs.reduce((a, b) => (a.lastSeen <= b.lastSeen ? a : b));
      this.remove(oldest.id);
    }
    if (this.clients.size >= this.limits.perNode) return undefined;
    const client: BayeuxClient = {
      id: randomBytes(16).toString('hex'),
      tenantId,
      personId,
      subscriptions: new Set(),
      cursor: undefined,
      lastSeen: this.now(),
      connect: undefined,
    };
    this.clients.set(client.id, client);
    return client;
  }

  /** The client with this id if it belongs to the person (another person's id is as unknown as a wrong one). */
  find(clientId: string | undefined, tenantId: string, personId: string): BayeuxClient | undefined {
    this.sweep();
    const client = clientId === undefined ? undefined : this.clients.get(clientId);
    if (!client || client.tenantId !== tenantId || client.personId !== personId) return undefined;
    client.lastSeen = this.now();
    return client;
  }

  /** Marks the client seen now. */
  touch(client: BayeuxClient): void {
    client.lastSeen = this.now();
  }

  /** Forgets a client, answering its held connect. */
  remove(clientId: string): void {
    const client = this.clients.get(clientId);
    if (!client) return;
    this.clients.delete(clientId);
    client.connect?.abort();
  }

  /** Forgets every client: for shutdown. */
  clear(): void {
    for (const id of [...this.clients.keys()]) this.remove(id);
  }

  /**
   * Forgets the clients that hold no connect and were last seen longer ago than the idle limit (at most once
   * a second unless `force`).
   */
  sweep(force = false): void {
    const now = this.now();
    if (!force && now - this.lastSweep < 1_000) return;
    this.lastSweep = now;
    const cutoff = now - this.limits.idleMs;
    for (const client of [...this.clients.values()]) {
      if (client.connect === undefined && client.lastSeen < cutoff) this.remove(client.id);
    }
  }
}

/** Whether a subscription pattern (a channel, or `/a/*` one segment, or `/a/**` any depth) covers a channel. */
export function covers(pattern: string, channel: string): boolean {
  if (pattern === channel) return true;
  if (pattern.endsWith('/**')) return channel.startsWith(pattern.slice(0, -2));
  if (pattern.endsWith('/*')) {
    const prefix = pattern.slice(0, -1);
    return channel.startsWith(prefix) && !channel.slice(prefix.length).includes('/');
  }
  return false;
}
