import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

/**
 * A real IMAP server for tests: Debian's Dovecot (package dovecot-imapd, which .ci/run installs),
 * started in a directory of its own on 127.0.0.1 and a free port, with one mailbox user. Tests put
 * mail in with `append` (through IMAP, as a mail server's delivery would leave it) and read what
 * Rapport left there.
 */

export interface ImapServer {
  port: number;
  user: string;
  password: string;
  /** imap://user:password@127.0.0.1:port/INBOX (the address encoded as Rapport reads it). */
  url: string;
  /** Puts a message (RFC 5322 source) in a mailbox, unseen; returns its UID there. */
  append(source: string, mailbox?: string): Promise<number>;
  /** The flags of every message in a mailbox, by UID. */
  flags(mailbox?: string): Promise<Map<number, string[]>>;
  close(): Promise<void>;
}

const dovecotPath = '/usr/sbin/dovecot';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Dovecot stopped at start (exit ${child.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`Dovecot did not listen on 127.0.0.1:${port} within 15 s: ${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startImapServer(): Promise<ImapServer> {
  if (!existsSync(dovecotPath)) {
    throw new Error('IMAP tests need Dovecot: apt-get install dovecot-imapd (Debian), as .ci/run does');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-imap-'));
  // Dovecot's own processes (users dovecot and dovenull) read the users file and the sockets here.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'frontdesk@example.com';
  const password = 'imap test password';
  // Mail is owned by an unprivileged user; Dovecot refuses root as the mail user.
  const owner = typeof process.getuid === 'function' && process.getuid() === 0 ? { uid: 65534, gid: 65534 } : { uid: process.getuid?.() ?? 1000, gid: process.getgid?.() ?? 1000 };
  const home = path.join(dir, 'home');
  mkdirSync(home);
  if (process.getuid?.() === 0) chownSync(home, owner.uid, owner.gid);
  writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  const config = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${dir}/dovecot.log`,
    `info_log_path = ${dir}/dovecot.log`,
    'protocols = imap',
    'listen = 127.0.0.1',
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `first_valid_uid = ${Math.min(owner.uid, 500)}`,
    'service imap-login {',
    `  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }`,
    '  inet_listener imaps {\n    port = 0\n  }',
    '}',
    'service anvil {\n  chroot =\n}',
    'service imap-login {\n  chroot =\n}',
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%u ${dir}/users`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=${owner.uid} gid=${owner.gid} home=${home}/%u`,
    '}',
    'mail_location = maildir:~/Maildir',
    '',
  ].join('\n');
  const configPath = path.join(dir, 'dovecot.conf');
  writeFileSync(configPath, config);

  let output = '';
  const child = spawn(dovecotPath, ['-F', '-c', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const log = () => output.slice(-2000);
  try {
    await waitForPort(port, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const client = async <T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
    try {
      await imap.connect();
      return await work(imap);
    } catch (error) {
      const said = (error as { responseText?: string }).responseText ?? '';
      const logged = existsSync(path.join(dir, 'dovecot.log')) ? readFileSync(path.join(dir, 'dovecot.log'), 'utf8').slice(-2000) : '';
      throw new Error(`IMAP: ${(error as Error).message} ${said}\n${logged}`);
    } finally {
      await imap.logout().catch(() => imap.close());
    }
  };

  return {
    port,
    user,
    password,
    url: `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/INBOX`,
    append: (source, mailbox = 'INBOX') =>
      client(async (imap) => {
        if (mailbox !== 'INBOX') await imap.mailboxCreate(mailbox).catch(() => undefined);
        const appended = await imap.append(mailbox, source, []);
        if (!appended || typeof appended.uid !== 'number') throw new Error('The IMAP server did not say the UID of the appended message');
        return appended.uid;
      }),
    flags: (mailbox = 'INBOX') =>
      client(async (imap) => {
        const lock = await imap.getMailboxLock(mailbox);
        try {
          const found = new Map<number, string[]>();
          if ((imap.mailbox && typeof imap.mailbox === 'object' ? imap.mailbox.exists : 0) === 0) return found;
          for await (const message of imap.fetch('1:*', { uid: true, flags: true })) found.set(message.uid, [...(message.flags ?? [])].sort());
          return found;
        } finally {
          lock.release();
        }
      }),
    close: async () => {
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
