import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAll } from '../cli/export-command.js';
import type { Client } from '../test/app.js';
import { mailWorld, type MailWorld } from './mail-test-kit.js';

/**
 * Email rows and the customer registry (src/platform/database/customer-tables.ts), row by row: an
 * email and its files go to the trash with their contact and come back exactly (the file byte for
 * byte); they move with a merge and back with its undo; the export and the subject access list them
 * without the files' bytes; erasure keeps the email without what it said and deletes the files.
 */

let w: MailWorld;
let manager: Client;
let admin: Client;

beforeAll(async () => {
  w = await mailWorld();
  manager = await w.t.signIn('manager');
  admin = await w.t.signIn('admin');
});
afterAll(() => w.close());

const uid = () => randomBytes(6).toString('hex');

/** A customer with one email from them, with a PDF attached; their ids and the file's bytes. */
async function customerWithMail(name: string) {
  const address = `${name.toLowerCase().replace(/\W+/g, '.')}.${uid()}@example.com`;
  const customerId = await w.customer(name, address);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(5000)]);
  await w.send({ from: address, to: 'support@shop.example', cc: 'desk@shop.example', subject: `Letter from ${name}`, text: `Dear shop, ${name} here.`, messageId: `<${uid()}@example.com>`, attachments: [{ filename: 'letter.pdf', content: pdf, contentType: 'application/pdf' }] });
  const interaction = await w.db.selectFrom('interactions').select('id').where('customerId', '=', customerId).executeTakeFirstOrThrow();
  return { customerId, interactionId: interaction.id, pdf, address };
}

async function rowsOf(customerId: string) {
  return {
    emailMessages: await w.db.selectFrom('emailMessages').selectAll().where('customerId', '=', customerId).orderBy('id').execute(),
    emailAttachments: await w.db.selectFrom('emailAttachments').selectAll().where('customerId', '=', customerId).orderBy('id').execute(),
  };
}

describe('the trash', () => {
  it('takes an email and its file with their contact, and gives them back exactly', async () => {
    const c = await customerWithMail('Tara Trash');
    const before = await rowsOf(c.customerId);
    expect(before.emailMessages).toHaveLength(1);
    expect(before.emailAttachments).toHaveLength(1);

    const receipt = await manager.delete(`/api/v1/interactions/${c.interactionId}`);
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(200);
    expect(await rowsOf(c.customerId)).toEqual({ emailMessages: [], emailAttachments: [] });
    expect((await manager.get(`/api/v1/interactions/${c.interactionId}/email`)).status).toBe(404);
    const held = await w.db.selectFrom('trashRows').select('tableName').where('trashId', '=', receipt.body.trashId).orderBy('position').execute();
    expect(held.map((r) => r.tableName)).toEqual(['interactions', 'emailMessages', 'emailAttachments']);

    const restored = await manager.post(`/api/v1/trash/${receipt.body.trashId}/restore`);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(await rowsOf(c.customerId)).toEqual(before);
    const email = await manager.get(`/api/v1/interactions/${c.interactionId}/email`);
    const file = await manager.get(email.body.attachments[0].url);
    expect(file.raw.rawPayload.equals(c.pdf)).toBe(true);
  });

  it('takes them with their customer, and gives them back with the customer', async () => {
    const c = await customerWithMail('Cora Customer');
    const before = await rowsOf(c.customerId);
    const receipt = await admin.delete(`/api/v1/customers/${c.customerId}`);
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(200);
    expect(await rowsOf(c.customerId)).toEqual({ emailMessages: [], emailAttachments: [] });
    expect((await admin.post(`/api/v1/trash/${receipt.body.trashId}/restore`)).status).toBe(200);
    expect(await rowsOf(c.customerId)).toEqual(before);
  });
});

describe('merging', () => {
  it('moves the email and its file to the survivor, and the undo moves them back exactly', async () => {
    const c = await customerWithMail('Mia Merged');
    const survivor = await w.customer('Mia Merged-Jones', `mia.survivor.${uid()}@example.com`);
    const before = await rowsOf(c.customerId);
    const receipt = await manager.post(`/api/v1/customers/${survivor}/merge`, { mergedId: c.customerId, reason: 'One person' });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(200);
    expect(await rowsOf(c.customerId)).toEqual({ emailMessages: [], emailAttachments: [] });
    const moved = await rowsOf(survivor);
    expect(moved).toEqual({
      emailMessages: before.emailMessages.map((r) => ({ ...r, customerId: survivor })),
      emailAttachments: before.emailAttachments.map((r) => ({ ...r, customerId: survivor })),
    });
    // Mail from the merged record's address now goes to the survivor, in the same thread.
    const undone = await manager.post(`/api/v1/merges/${receipt.body.mergeId}/undo`);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(await rowsOf(c.customerId)).toEqual(before);
    expect(await rowsOf(survivor)).toEqual({ emailMessages: [], emailAttachments: [] });
  });
});

describe('the export and the subject access', () => {
  it('list the email and its file’s name, type and size, never the file’s bytes', async () => {
    const c = await customerWithMail('Sal Subject');
    const rows = await rowsOf(c.customerId);
    const { content: _content, ...attachment } = rows.emailAttachments[0]!;

    const report = await admin.get(`/api/v1/customers/${c.customerId}/subject-access`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const group = (type: string) => report.body.records.find((g: { type: string }) => g.type === type);
    expect(group('emailMessage')).toEqual({ type: 'emailMessage', heading: 'Emails', items: rows.emailMessages });
    expect(group('emailAttachment')).toEqual({ type: 'emailAttachment', heading: 'Files that came with emails', items: [attachment] });

    let text = '';
    await exportAll(
      w.db,
      new Writable({
        write(chunk, _encoding, done) {
          text += String(chunk);
          done();
        },
      }),
    );
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    const exported = lines.find((l) => l.type === 'interaction' && l.data.id === c.interactionId)!.data;
    const drop = (r: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)));
    expect(exported.emails).toEqual(rows.emailMessages.map((m) => drop(m, 'interactionId', 'customerId')));
    expect(exported.attachments).toEqual([drop(attachment, 'interactionId', 'customerId')]);
    expect(text).not.toContain(c.pdf.subarray(9, 60).toString('base64'));
  });
});

describe('erasure', () => {
  it('keeps the email counted without what it said or who wrote it, and deletes its file', async () => {
    const c = await customerWithMail('Eli Erased');
    const before = await rowsOf(c.customerId);
    const res = await admin.post(`/api/v1/customers/${c.customerId}/erase`, { reason: 'Asked to be forgotten' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await rowsOf(c.customerId);
    expect(after.emailAttachments).toEqual([]);
    expect(after.emailMessages).toEqual([{ ...before.emailMessages[0]!, subject: null, bodyText: '[erased]', fromAddress: '[erased]', toAddresses: '[erased]', ccAddresses: null, skippedAttachments: null }]);
    expect(await w.db.selectFrom('emailAttachments').select('id').where('id', '=', before.emailAttachments[0]!.id).execute()).toEqual([]);
  });
});
