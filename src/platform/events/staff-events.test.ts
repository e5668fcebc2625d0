import { describe, expect, it } from 'vitest';
import type { Db, Listening } from '../database/connect.js';
import { StaffEventHub, staffEventsChannel, type StaffEvent } from './staff-events.js';

/**
 * The hub's side of crossing processes, with the LISTEN connection played by this test: what arrives
 * on the channel reaches the streams of that staff member only, a lost connection is reopened, and
 * closing ends the streams and the connection. (The real NOTIFY/LISTEN round trip runs in
 * src/phone/phone-events.test.ts on PostgreSQL; the in-process path there on SQLite.)
 */

interface Connection {
  channel: string;
  message: (payload: string) => void;
  lose: (error: Error) => void;
  stopped: boolean;
}

function fakeDatabase() {
  const connections: Connection[] = [];
  let refuse = 0;
  const listen = async (channel: string, onMessage: (payload: string) => void, onLost: (error: Error) => void): Promise<Listening> => {
    if (refuse > 0) {
      refuse -= 1;
      throw new Error('connection refused');
    }
    const connection: Connection = { channel, message: onMessage, lose: onLost, stopped: false };
    connections.push(connection);
    return { stop: async () => void (connection.stopped = true) };
  };
  return { database: { db: null as unknown as Db, listen }, connections, refuseNext: (n: number) => (refuse = n) };
}

const streamOf = () => {
  const got: StaffEvent[] = [];
  let ended = false;
  return { got, ended: () => ended, stream: { send: (e: StaffEvent) => void got.push(e), end: () => void (ended = true) } };
};
const payload = (staffId: string, callId: string) => JSON.stringify({ staffId, type: 'call.ringing', data: { callId } });

describe('the staff event hub on a database that crosses processes', () => {
  it('listens once, on the first stream, and hands each payload to that staff member’s streams only', async () => {
    const { database, connections } = fakeDatabase();
    const hub = new StaffEventHub(database);
    expect(connections).toHaveLength(0);
    const earl = [streamOf(), streamOf()];
    const nina = streamOf();
    for (const s of earl) await hub.subscribe('earl', s.stream);
    const unsubscribe = await hub.subscribe('nina', nina.stream);
    expect(connections.map((c) => c.channel)).toEqual([staffEventsChannel]);
    expect([hub.openStreams('earl'), hub.openStreams('nina')]).toEqual([2, 1]);

    connections[0]!.message(payload('earl', 'c-1'));
    connections[0]!.message(payload('someone-in-another-process', 'c-2'));
    connections[0]!.message('not json');
    connections[0]!.message(JSON.stringify({ staffId: 'nina', type: 'call.ringing' }));
    for (const s of earl) expect(s.got).toEqual([{ type: 'call.ringing', data: { callId: 'c-1' } }]);
    expect(nina.got).toEqual([]);
    unsubscribe();
    expect(hub.openStreams('nina')).toBe(0);
    await hub.close();
  });

  it('reopens a lost connection, trying again while it is refused, and goes on delivering', async () => {
    const { database, connections, refuseNext } = fakeDatabase();
    const warnings: string[] = [];
    const hub = new StaffEventHub(database, { warn: (_details, message) => void warnings.push(message) });
    const earl = streamOf();
    await hub.subscribe('earl', earl.stream);
    refuseNext(1);
    connections[0]!.lose(new Error('terminated by administrator'));
    await expect.poll(() => connections.length).toBe(2);
    expect(warnings.length).toBe(2);
    connections[1]!.message(payload('earl', 'c-3'));
    expect(earl.got.map((e) => e.data.callId)).toEqual(['c-3']);
    await hub.close();
  });

  it('ends every stream and stops listening when closed, and takes no stream after', async () => {
    const { database, connections } = fakeDatabase();
    const hub = new StaffEventHub(database);
    const earl = streamOf();
    await hub.subscribe('earl', earl.stream);
    await hub.close();
    expect(earl.ended()).toBe(true);
    expect(connections[0]!.stopped).toBe(true);
    expect(hub.openStreams('earl')).toBe(0);
    await expect(hub.subscribe('earl', streamOf().stream)).rejects.toThrow(/closed/);
    await hub.publish('earl', { type: 'call.ringing', data: {} });
  });
});

describe('the staff event hub in one process (SQLite)', () => {
  it('delivers straight to the streams in memory', async () => {
    const hub = new StaffEventHub({ db: null as unknown as Db });
    const earl = streamOf();
    const nina = streamOf();
    await hub.subscribe('earl', earl.stream);
    await hub.subscribe('nina', nina.stream);
    await hub.publish('earl', { type: 'call.ended', data: { callId: 'c-4', state: 'missed' } });
    expect(earl.got).toEqual([{ type: 'call.ended', data: { callId: 'c-4', state: 'missed' } }]);
    expect(nina.got).toEqual([]);
    await hub.close();
  });
});
