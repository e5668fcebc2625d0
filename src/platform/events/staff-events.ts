import { sql } from 'kysely';
import type { DatabaseHandle, Listening } from '../database/connect.js';

/**
 * Events for a staff member's open web app (each tab's server-sent events stream, GET /api/v1/events,
 * event-routes.ts): a hub keyed by staff id. A feature publishes after its write has committed
 * (`publish(staffId, { type: 'call.ringing', data })`), and every stream that staff member has open
 * gets it.
 *
 * Several server processes behind a load balancer: the agent's stream may be held by another process
 * than the one the phone system's webhook reached, so the event must cross processes. On PostgreSQL,
 * `publish` sends it through NOTIFY on one channel; every process LISTENs on a connection of its own
 * (opened with its first stream, reopened if it drops) and hands what arrives to its own streams. On
 * SQLite there is one process: the event goes straight to the streams in memory.
 *
 * These are nudges for a screen, not records: an event published while no stream is open (or while a
 * process's LISTEN connection is being reopened) is gone, and whatever it announced is in the database.
 */

export interface StaffEvent {
  /** The SSE event name: 'call.ringing', 'call.ended'. */
  type: string;
  data: Record<string, unknown>;
}

/** One open stream: how to hand it an event, and how to end it (the server is stopping). */
export interface StaffEventStream {
  send(event: StaffEvent): void;
  end(): void;
}

export interface HubLog {
  warn(details: object, message: string): void;
}

/** The NOTIFY channel of every Rapport process on one database. */
export const staffEventsChannel = 'rapport_staff_events';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
const maxPayloadBytes = 7900;
const retryMs = { first: 500, max: 30_000 };

export class StaffEventHub {
  private readonly streams = new Map<string, Set<StaffEventStream>>();
  private listening: Promise<Listening> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private retryDelay = retryMs.first;
  private closed = false;

  constructor(
    private readonly database: Pick<DatabaseHandle, 'db' | 'listen'>,
    private readonly log: HubLog = { warn: () => undefined },
  ) {}

  /**
   * Adds a stream for a staff member; resolves once events published from now on will reach it
   * (on PostgreSQL, once this process LISTENs). Returns the function that removes it.
   */
  async subscribe(staffId: string, stream: StaffEventStream): Promise<() => void> {
    if (this.closed) throw new Error('the event hub is closed');
    await this.listen();
    if (this.closed) throw new Error('the event hub is closed');
    const set = this.streams.get(staffId) ?? new Set<StaffEventStream>();
    set.add(stream);
    this.streams.set(staffId, set);
    return () => {
      set.delete(stream);
      if (set.size === 0 && this.streams.get(staffId) === set) this.streams.delete(staffId);
    };
  }

  /** How many streams this process holds for a staff member. */
  openStreams(staffId: string): number {
    return this.streams.get(staffId)?.size ?? 0;
  }

  /** Sends an event to every open stream of a staff member, in whichever process holds it. Call it after the write it announces has committed. */
  async publish(staffId: string, event: StaffEvent): Promise<void> {
    if (this.closed) return;
    if (!this.database.listen) {
      this.deliver(staffId, event);
      return;
    }
    const payload = JSON.stringify({ staffId, type: event.type, data: event.data });
    if (Buffer.byteLength(payload) > maxPayloadBytes) throw new Error(`a staff event of ${Buffer.byteLength(payload)} bytes is too long for NOTIFY`);
    await sql`select pg_notify(${staffEventsChannel}, ${payload})`.execute(this.database.db);
  }

  /** Ends every stream and stops listening: the server is stopping. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    for (const set of this.streams.values()) for (const stream of [...set]) stream.end();
    this.streams.clear();
    const listening = this.listening;
    this.listening = null;
    if (listening) await listening.then((l) => l.stop()).catch(() => undefined);
  }

  private deliver(staffId: string, event: StaffEvent): void {
    for (const stream of [...(this.streams.get(staffId) ?? [])]) {
      try {
        stream.send(event);
      } catch (error) {
        this.log.warn({ err: error }, 'a staff event could not be written to a stream');
      }
    }
  }

  private received(payload: string): void {
    let message: { staffId?: unknown; type?: unknown; data?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    const { staffId, type, data } = message;
    if (typeof staffId !== 'string' || typeof type !== 'string' || typeof data !== 'object' || data === null) return;
    // Other processes' staff (and other Rapport schemas on the same database) are nobody's here.
    if (!this.streams.has(staffId)) return;
    this.deliver(staffId, { type, data: data as Record<string, unknown> });
  }

  /** On PostgreSQL: the one LISTEN connection of this process, opened on first use. */
  private async listen(): Promise<void> {
    const open = this.database.listen;
    if (!open) return;
    this.listening ??= open(staffEventsChannel, (payload) => this.received(payload), (error) => this.lost(error));
    try {
      await this.listening;
      this.retryDelay = retryMs.first;
    } catch (error) {
      this.listening = null;
      throw error;
    }
  }

  private lost(error: Error): void {
    this.listening = null;
    if (this.closed) return;
    this.log.warn({ err: error, retryInMs: this.retryDelay }, 'the LISTEN connection for staff events was lost; reopening it');
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.closed) return;
      this.listen().catch((failure: unknown) => this.lost(failure instanceof Error ? failure : new Error(String(failure))));
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, retryMs.max);
  }
}
