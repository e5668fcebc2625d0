import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, type Config } from '../platform/config.js';
import type { ImportCounts } from '../imports/import-run.js';
import { withDatabase } from './commands.js';

/** A progress bar on standard error: redrawn in place on a terminal, a line every tenth otherwise. */
function progressBar(label: string, unit = 'records'): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const share = total === 0 ? 1 : done / total;
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      process.stderr.write(`${label}: ${done} of ${total} ${unit}\n`);
    }
  };
}

const summary = (c: ImportCounts, would: boolean) =>
  `${c.records} records: ${c.created} ${would ? 'would be ' : ''}created, ${c.updated} ${would ? 'would be ' : ''}updated, ${c.unchanged} already there, ${c.review} to review as possible duplicates, ${c.problems} with problems`;

/**
 * `rapport import FILE --source NAME`: checks the file (what would be created, updated, matched,
 * and every row's problem), then imports it with a progress bar, through the same code as the web
 * app's imports. `--check` stops after the check; `--resume ID` finishes an import that was stopped
 * (killed, a crash) after its last whole batch; `--undo ID` undoes one, with a progress bar (run again,
 * it finishes an undo that was stopped).
 */
export function registerImportCommand(program: Command, config: () => Config): void {
  program
    .command('import')
    .argument('[file]', 'a CSV, vCard (.vcf) or Rapport JSON-lines file')
    .option('--source <name>', 'the system the file comes from: pos, newsletter, service-desk, google-contacts')
    .option('--kind <kind>', 'customers, transactions or interactions', 'customers')
    .option('--format <format>', 'csv, vcard or jsonl (from the file name when left out)')
    .option('--preset <preset>', 'google, outlook or generic: how a customers CSV is read (found from the headers when left out)')
    .option('--mapping <json>', 'a JSON object of column header → field, instead of the preset')
    .option('--day-first', 'read 03/04/1980 as 3 April (found from the file\'s dates, else the region, when left out)')
    .option('--month-first', 'read 03/04/1980 as March 4')
    .option('--time-zone <zone>', 'transactions and interactions: the time zone of times written without one')
    .option('--currency <code>', 'transactions: the currency of amounts that name none, when the file has no currency column')
    .option('--channel <channel>', 'interactions: the channel of every row (newsletter, direct_mail, service_call…)')
    .option('--direction <direction>', 'interactions: inbound or outbound')
    .option('--check', 'only check the file: say what would happen, write nothing')
    .option('--resume <id>', 'finish an import that was stopped')
    .option('--undo <id>', 'undo an import as a whole')
    .description('Import customers, purchases or contacts from another system, matched against the customers already here')
    .action(async (file: string | undefined, options: Record<string, string | boolean | undefined>) => {
      const cfg = config();
      const { startImport, commitImport, undoImport, formatOfName } = await import('../imports/import-commands.js');
      const { runImport } = await import('../imports/import-run.js');
      const { runUndo } = await import('../imports/import-undo.js');
      const { findImport, problemsOf } = await import('../imports/import-store.js');
      const ctx = { actor: null, phoneRegion: cfg.phoneRegion };
      await withDatabase(cfg, async ({ db }) => {
        if (typeof options.undo === 'string') {
          // The same undo as the web app's, run here with its progress; one stopped half-way goes on where it stopped.
          const undoId = options.undo;
          await db.transaction().execute((trx) => undoImport(trx, ctx, undoId, true));
          const undone = await runUndo(db, undoId, { progress: progressBar('Undoing', 'changes') });
          process.stdout.write(`Undone: ${undone.trashed} records moved to the trash, ${undone.cleared} fields emptied again.\n`);
          return;
        }
        let id: string;
        if (typeof options.resume === 'string') {
          id = options.resume;
          const row = await findImport(db, id);
          if (!row) throw new ConfigError(`there is no import ${id}`);
          if (row.status === 'failed') await db.transaction().execute((trx) => commitImport(trx, ctx, id, true));
          else if (row.status !== 'importing') throw new ConfigError(`import ${id} is ${row.status}: there is nothing to resume`);
        } else {
          if (!file) throw new ConfigError('say which file to import: rapport import FILE --source NAME');
          if (typeof options.source !== 'string') throw new ConfigError('--source: name the system the file comes from (pos, newsletter, service-desk…)');
          const kind = String(options.kind);
          if (!['customers', 'transactions', 'interactions'].includes(kind)) throw new ConfigError(`--kind: customers, transactions or interactions, not "${kind}"`);
          if (kind !== 'customers' && typeof options.timeZone !== 'string') throw new ConfigError('--time-zone: say the time zone the file’s times are in (e.g. America/Chicago)');
          const format = (typeof options.format === 'string' ? options.format : formatOfName(file)) ?? 'csv';
          if (!['csv', 'vcard', 'jsonl'].includes(format)) throw new ConfigError(`--format: csv, vcard or jsonl, not "${format}"`);
          let mapping: Record<string, unknown> | undefined;
          if (typeof options.mapping === 'string') {
            try {
              mapping = JSON.parse(options.mapping) as Record<string, unknown>;
            } catch {
              throw new ConfigError('--mapping is not JSON: give an object of column header → field');
            }
          }
          const content = fs.readFileSync(file);
          id = await db.transaction().execute((trx) =>
            startImport(
              trx,
              ctx,
              {
                source: options.source as string,
                kind: kind as 'customers',
                format: format as 'csv',
                fileName: path.basename(file),
                options: {
                  phoneRegion: cfg.phoneRegion,
                  timeZone: typeof options.timeZone === 'string' ? options.timeZone : 'UTC',
                  ...(typeof options.currency === 'string' ? { currency: options.currency.toUpperCase() } : {}),
                  ...(typeof options.preset === 'string' ? { preset: options.preset as 'google' } : {}),
                  ...(mapping ? { mapping } : {}),
                  ...(options.dayFirst ? { dateOrder: 'day-first' as const } : options.monthFirst ? { dateOrder: 'month-first' as const } : {}),
                  ...(typeof options.channel === 'string' ? { channel: options.channel as 'newsletter' } : {}),
                  ...(typeof options.direction === 'string' ? { direction: options.direction as 'outbound' } : {}),
                },
              },
              content,
              true,
            ),
          );
          process.stdout.write(`Import ${id}\n`);
          const checked = await runImport(db, id, 'check', progressBar('Checking'));
          for (const note of checked.notes) process.stdout.write(`${note}\n`);
          process.stdout.write(`${summary(checked, true)}.\n`);
          for (const p of await problemsOf(db, id, 20)) process.stdout.write(`  line ${p.line}${p.field ? ` (${p.field})` : ''}: ${p.message}\n`);
          if (checked.problems > 20) process.stdout.write(`  … and more: GET /api/v1/imports/${id}/problems\n`);
          if (options.check) return;
          await db.transaction().execute((trx) => commitImport(trx, ctx, id, true));
        }
        const done = await runImport(db, id, 'import', progressBar('Importing'));
        process.stdout.write(`Imported: ${summary(done, false)}. Undo with: rapport import --undo ${id}\n`);
      });
    });
}
