import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server for tests (smtp-server), listening on 127.0.0.1 on a free port, that keeps what it
 * receives. It can ask for a user and password, and refuse deliveries with a 451 ("try again later")
 * the way a busy or greylisting server does.
 */

export interface ReceivedMail {
  /** The envelope, as the client sent it. */
  mailFrom: string;
  rcptTo: string[];
  /** Headers by lower-case name (unfolded, encoded words decoded). */
  headers: Map<string, string>;
  /** The text body, transfer encoding undone. */
  text: string;
  raw: string;
}

export interface SmtpCapture {
  port: number;
  /** smtp://[user:password@]127.0.0.1:port */
  url: string;
  received: ReceivedMail[];
  /** Deliveries refused so far. */
  refused: number;
  /** Refuse the next `count` deliveries with 451, after the client sent the whole message. */
  refuseNext(count: number): void;
  /** Resolves once `count` emails have arrived (or rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpCapture(options: { user?: string; password?: string } = {}): Promise<SmtpCapture> {
  const received: ReceivedMail[] = [];
  let refuse = 0;
  let refused = 0;
  const waiters: (() => void)[] = [];
  const needAuth = options.user !== undefined;

  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    // Plain text on the loopback interface: no certificate to make, and AUTH still works.
    disabledCommands: needAuth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !needAuth,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const parts: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => parts.push(chunk));
      stream.on('end', () => {
        if (refuse > 0) {
          refuse--;
          refused++;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        const raw = Buffer.concat(parts).toString('utf8');
        const envelope = session.envelope;
        received.push({
          mailFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
          rcptTo: envelope.rcptTo.map((r) => r.address),
          ...parseMessage(raw),
          raw,
        });
        for (const wake of waiters.splice(0)) wake();
        return callback(null);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const credentials = needAuth ? `${encodeURIComponent(options.user ?? '')}:${encodeURIComponent(options.password ?? '')}@` : '';

  return {
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    received,
    get refused() {
      return refused;
    },
    refuseNext(count) {
      refuse = count;
    },
    async waitFor(count, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} emails, received ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50).unref();
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headers and text of a simple (single-part) message as nodemailer writes one. */
export function parseMessage(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  let text = body;
  if (encoding === 'quoted-printable') {
    text = Buffer.from(
      body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  } else if (encoding === 'base64') {
    text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}
