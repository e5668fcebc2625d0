import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import type { MailInConfig } from '../platform/config.js';
import type { Db } from '../platform/database/connect.js';
import { senderAllowed } from './mail-in-rules.js';
import { receiveMail, UnreadableMail } from './mail-placing.js';

/**
 * The SMTP listener (smtp-server) that staff BCC and forward mail to: it takes mail from the
 * envelope senders on the allowed list (RAPPORT_MAIL_IN_ALLOWED_SENDERS), refuses everyone else at
 * MAIL FROM and anything over RAPPORT_MAIL_IN_MAX_BYTES with 552, and answers 250 only once the
 * message is stored (logged on its customers, or on the list to file by hand). When it cannot store
 * it, it answers 451 so that the sending server tries again; a message it cannot read at all, 554. No authentication and no TLS: it is
 * meant for the organisation's own mail server to hand mail to, on 127.0.0.1 or a private network.
 */

export interface MailListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

export async function startMailListener(options: { db: Db; config: MailInConfig & { listen: { port: number; host: string } }; phoneRegion: string; log: FastifyBaseLogger }): Promise<MailListener> {
  const { config, log } = options;
  const inFlight = new Set<Promise<unknown>>();
  // Loaded here, not with the server: most servers take no mail (RAPPORT_MAIL_IN_PORT unset).
  const { SMTPServer } = await import('smtp-server');

  const server = new SMTPServer({
    name: 'rapport',
    banner: 'Rapport mail in',
    logger: false,
    disableReverseLookup: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: config.maxBytes,
    maxClients: 20,
    closeTimeout: 10_000,
    onMailFrom(address, _session, callback) {
      if (senderAllowed(address.address, config.allowedSenders)) return callback();
      log.warn({ sender: address.address }, 'mail refused: the sender is not in RAPPORT_MAIL_IN_ALLOWED_SENDERS');
      return callback(smtpError(550, `5.7.1 ${address.address || 'An empty sender'} may not send mail to Rapport: it is not in RAPPORT_MAIL_IN_ALLOWED_SENDERS`));
    },
    onData(stream, _session, callback) {
      const parts: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= config.maxBytes) parts.push(chunk);
      });
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded || size > config.maxBytes) {
          log.warn({ bytes: size }, 'mail refused: larger than RAPPORT_MAIL_IN_MAX_BYTES');
          return callback(smtpError(552, `5.3.4 The message is larger than ${config.maxBytes} bytes, the most Rapport takes (RAPPORT_MAIL_IN_MAX_BYTES)`));
        }
        const work = receiveMail(options.db, Buffer.concat(parts), {
          allowedSenders: config.allowedSenders,
          maxAttachmentBytes: config.maxAttachmentBytes,
          receivedVia: 'smtp',
          phoneRegion: options.phoneRegion,
        }).then(
          (received) => {
            log.info({ outcome: received.kind }, 'mail received');
            callback(null, received.kind === 'unfiled' ? 'Kept to file by hand' : received.kind === 'duplicate' ? 'Logged already' : 'Logged');
          },
          (error: unknown) => {
            if (error instanceof UnreadableMail) {
              log.warn({ err: error }, 'mail refused: it could not be read');
              return callback(smtpError(554, '5.6.0 Rapport could not read the message'));
            }
            log.error({ err: error }, 'mail could not be stored');
            callback(smtpError(451, '4.3.0 Rapport could not store the message just now; try again later'));
          },
        );
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error({ err: error }, 'mail listener error'));
  const port = (server.server.address() as AddressInfo).port;

  return {
    host: config.listen.host,
    port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A message being stored when the listener stops is stored (or answered 451) before the database closes.
      await Promise.all([...inFlight]);
    },
  };
}

/** The listener the server runs when RAPPORT_MAIL_IN_PORT is set (null when it is not). */
export async function startConfiguredMailListener(config: { mailIn: MailInConfig; phoneRegion: string }, db: Db, log: FastifyBaseLogger): Promise<MailListener | null> {
  const listen = config.mailIn.listen;
  if (!listen) return null;
  const listener = await startMailListener({ db, config: { ...config.mailIn, listen }, phoneRegion: config.phoneRegion, log });
  log.info(`Mail into Rapport: SMTP at ${listener.host}:${listener.port}`);
  return listener;
}
