import type { Db } from '../platform/database/connect.js';
import type { JobKind, JobLog } from '../platform/jobs/job-queue.js';
import type { ImapConfig, MailInConfig } from '../platform/config.js';
import { readSetting, writeSetting } from '../settings/settings-store.js';
import { receiveMail, type Received } from './mail-placing.js';

/**
 * Polling a shared IMAP mailbox (RAPPORT_IMAP_URL): every message that arrives there is read and
 * placed exactly as one delivered to the SMTP listener (mail-placing.ts), marked as come by IMAP.
 *
 * Where it got to is kept in the settings table per mailbox: the mailbox's UIDVALIDITY and the last
 * UID placed, written after each message, so a poll that stops half-way resumes after the last one
 * placed, and a message is never read twice (a second delivery of the same Message-ID is logged
 * once anyway). Seen flags are left alone: people read the same mailbox, and a message someone has
 * already opened must still be logged. The first poll starts at the mail arriving from then on: a
 * mailbox's years of history would otherwise mark customers waiting on mail answered long ago.
 * If the server renumbers the mailbox (a new UIDVALIDITY), the poll starts again at its newest mail.
 */

export const imapPollKind = 'mail.imap-poll';
/** Messages placed in one poll at most; the next poll goes on from there. */
export const messagesPerPoll = 200;

interface Progress {
  uidValidity: string;
  lastUid: number;
}

const progressKey = (config: ImapConfig) => `mail-in.imap ${config.host}:${config.port} ${config.user} ${config.mailbox}`;

export interface PollResult {
  /** The mailbox was met for the first time (or renumbered): nothing placed, a starting point kept. */
  started: boolean;
  placed: Received[];
}

export async function pollImap(db: Db, config: ImapConfig, mailIn: Pick<MailInConfig, 'allowedSenders' | 'maxAttachmentBytes'>, phoneRegion: string, log?: JobLog): Promise<PollResult> {
  // Loaded on the first poll: most servers poll no mailbox.
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: { user: config.user, pass: config.password },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(config.mailbox, { readOnly: true });
    try {
      const mailbox = client.mailbox;
      if (!mailbox) throw new Error(`The IMAP server did not open ${config.mailbox}`);
      const validity = String(mailbox.uidValidity);
      const key = progressKey(config);
      const saved = await readSetting<Progress | null>(db, key, null);
      if (!saved || saved.uidValidity !== validity) {
        // UIDNEXT - 1 is the newest message now: the poll goes on from there.
        await writeSetting(db, key, { uidValidity: validity, lastUid: Math.max(0, Number(mailbox.uidNext) - 1) } satisfies Progress, null);
        log?.info({ mailbox: config.mailbox, uidValidity: validity }, saved ? 'the IMAP mailbox was renumbered: polling from its newest mail' : 'polling the IMAP mailbox from its newest mail');
        return { started: true, placed: [] };
      }
      const placed: Received[] = [];
      let lastUid = saved.lastUid;
      if (Number(mailbox.uidNext) - 1 <= lastUid) return { started: false, placed };
      // "N:*" also answers the newest message when its UID is below N: each is checked against lastUid.
      for await (const message of client.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
        if (message.uid <= lastUid || !message.source) continue;
        placed.push(await receiveMail(db, message.source, { ...mailIn, receivedVia: 'imap', phoneRegion }));
        lastUid = message.uid;
        await writeSetting(db, key, { uidValidity: validity, lastUid } satisfies Progress, null);
        if (placed.length >= messagesPerPoll) break;
      }
      return { started: false, placed };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** The recurring poll, when RAPPORT_IMAP_URL is set. */
export function imapPollJobs(config: { imap: ImapConfig | undefined; mailIn: MailInConfig; phoneRegion: string }): JobKind[] {
  const imap = config.imap;
  if (!imap) return [];
  return [
    {
      kind: imapPollKind,
      everyMs: imap.pollSeconds * 1000,
      // A server that is down now is tried again at the next poll; failures are logged by the worker.
      maxAttempts: 1,
      handler: async ({ db, log }) => {
        const { placed } = await pollImap(db, imap, config.mailIn, config.phoneRegion, log);
        if (placed.length > 0) log.info({ placed: placed.length, logged: placed.filter((p) => p.kind === 'logged').length }, 'placed mail from the IMAP mailbox');
      },
    },
  ];
}
