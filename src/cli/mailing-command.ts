import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, type Config } from '../platform/config.js';
import { withDatabase } from './commands.js';

/** Progress on standard error: redrawn in place on a terminal, a line every tenth otherwise. */
function progressLine(label: string): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const share = total === 0 ? 1 : done / total;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${label}: ${done} of ${total} rows${done === total ? '\n' : ''}`);
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      process.stderr.write(`${label}: ${done} of ${total} rows\n`);
    }
  };
}

const channels = ['newsletter', 'direct_mail', 'invoice_sent', 'letter'] as const;

/**
 * `rapport mailing import FILE --name NAME --channel CHANNEL --sent DAY`: logs a mailing another
 * system sent (a newsletter, a catalogue, a batch of invoices, a letter) for every customer its CSV
 * names (by customer id, email, or with --source by their id in that system), through the same code
 * as the web app. The mailing is found by its name, channel and day when it is logged already, so
 * the same command run again adds nobody twice.
 */
export function registerMailingCommand(program: Command, config: () => Config): void {
  const mailing = program.command('mailing').description('Mailings and letters sent by other systems, logged per customer');
  mailing
    .command('import')
    .argument('<file>', 'a CSV of recipients: a column of customer ids, emails, or (with --source) ids in another system')
    .requiredOption('--name <name>', 'the campaign, as people call it: "Spring catalogue 2027"')
    .requiredOption('--channel <channel>', `how it went out: ${channels.join(', ')}`)
    .requiredOption('--sent <day>', 'the day it went out (2027-03-02), or a date and time with a zone')
    .option('--note <text>', 'anything worth knowing about it')
    .option('--source <name>', 'the system whose customer ids the file holds (pos, newsletter…)')
    .option('--mapping <json>', 'a JSON object of column header → customerId, customerEmail or customerExternalId')
    .description('Log a mailing for every customer a CSV names, once each')
    .action(async (file: string, options: Record<string, string | undefined>) => {
      const cfg = config();
      const channel = options.channel ?? '';
      if (!(channels as readonly string[]).includes(channel)) throw new ConfigError(`--channel: ${channels.join(', ')}, not "${channel}"`);
      let mapping: Record<string, unknown> | undefined;
      if (options.mapping !== undefined) {
        try {
          const parsed: unknown = JSON.parse(options.mapping);
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
          mapping = parsed as Record<string, unknown>;
        } catch {
          throw new ConfigError('--mapping is not JSON: give an object of column header → field');
        }
      }
      const content = fs.readFileSync(file);
      const { createMailing, startUpload } = await import('../mailings/mailing-commands.js');
      const { mailingName, sentAtOf } = await import('../mailings/mailing-rules.js');
      const { findUpload, problemsOf, sameMailing } = await import('../mailings/mailing-store.js');
      const { runUpload } = await import('../mailings/mailing-upload.js');
      const ctx = { actor: null, phoneRegion: cfg.phoneRegion };
      await withDatabase(cfg, async ({ db }) => {
        const name = mailingName(options.name ?? '', '--name');
        const sentAt = sentAtOf(options.sent ?? '', '--sent');
        const kind = channel as (typeof channels)[number];
        const { mailingId, uploadId, existing } = await db.transaction().execute(async (trx) => {
          const found = await sameMailing(trx, name, kind, sentAt);
          const id = found?.id ?? (await createMailing(trx, ctx, { name, channel: kind, sentAt, ...(options.note ? { note: options.note } : {}) }));
          const upload = await startUpload(trx, ctx, id, { name: path.basename(file), content }, { source: options.source ?? null, ...(mapping ? { mapping } : {}) }, true);
          return { mailingId: id, uploadId: upload, existing: Boolean(found) };
        });
        process.stdout.write(`Mailing ${mailingId}: ${name}${existing ? ' (logged before: recipients are added to it)' : ''}\n`);
        const done = await runUpload(db, uploadId, progressLine('Logging'));
        const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
        process.stdout.write(`${count(done.totalRows, 'row')}: ${count(done.logged, 'customer')} logged, ${done.already} already had it, ${done.problemRows} not placed.\n`);
        for (const p of await problemsOf(db, uploadId, 0, 20)) process.stdout.write(`  line ${p.line}${p.field ? ` (${p.field})` : ''}: ${p.message}\n`);
        if (done.problemRows > 20) process.stdout.write(`  … and more: GET /api/v1/mailings/${mailingId}/uploads/${uploadId}/problems\n`);
        const final = await findUpload(db, uploadId);
        if (final?.status !== 'done') throw new ConfigError(final?.error ?? 'the file was not gone through');
      });
    });
}
