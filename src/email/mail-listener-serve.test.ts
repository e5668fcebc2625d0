import net from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase, runCli, startCli } from '../test/cli.js';

/** The mail listener runs with `rapport serve` when RAPPORT_MAIL_IN_PORT is set, and stops with it. */

let database: Awaited<ReturnType<typeof cliDatabase>>;
beforeAll(async () => {
  database = await cliDatabase();
});
afterAll(() => database.drop());

describe('rapport serve with mail in', () => {
  it('starts the listener (port 0: the log says which), takes mail, and stops it on SIGTERM', async () => {
    const child = startCli(['serve'], { ...database.env, PORT: '0', LOG_LEVEL: 'info', RAPPORT_MAIL_IN_PORT: '0', RAPPORT_MAIL_IN_ALLOWED_SENDERS: '@shop.example' });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // A process of its own starts in a few seconds; on a busy machine, more.
    await expect.poll(() => `${stdout}${stderr}`, { timeout: 30_000 }).toMatch(/Rapport is running at/);
    const port = Number(/Mail into Rapport: SMTP at 127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
    expect(port).toBeGreaterThan(0);

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const sent = await transport.sendMail({ envelope: { from: 'relay@shop.example', to: ['rapport@shop.example'] }, from: 'someone@else.example', to: 'support@shop.example', subject: 'Hello', text: 'Hi' });
    expect(sent.response).toMatch(/^250 .*Kept to file by hand/);
    transport.close();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
    expect(stdout).toMatch(/"msg":"mail received"/);
  });

  it('will not start with a port and no allowed senders, and says which variable', async () => {
    const result = await runCli(['serve'], { ...database.env, PORT: '0', RAPPORT_MAIL_IN_PORT: '2525' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('RAPPORT_MAIL_IN_ALLOWED_SENDERS must be set when RAPPORT_MAIL_IN_PORT is');
  });
});
