import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAttachment, safeFileName, sizeWords, sniffFamily } from './attachment-rules.js';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 1)]);
const mb = 1024 * 1024;
const check = (fileName: string | null, contentType: string, content: Buffer, max = 5 * mb) => checkAttachment({ fileName, contentType, content }, 0, max);

describe('which attachments are kept', () => {
  it('keeps a file that is what it says it is', () => {
    expect(check('invoice.pdf', 'application/pdf', pdf)).toEqual({ keep: true, fileName: 'invoice.pdf', contentType: 'application/pdf' });
    expect(check('photo.png', 'image/png', png)).toEqual({ keep: true, fileName: 'photo.png', contentType: 'image/png' });
    expect(check('quote.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', zip).keep).toBe(true);
    expect(check('notes.txt', 'text/plain; charset=utf-8', Buffer.from('Call back on Monday'))).toEqual({ keep: true, fileName: 'notes.txt', contentType: 'text/plain' });
    expect(check('data.bin', 'application/x-custom', Buffer.from([0, 1, 2, 3])).keep).toBe(true);
  });

  it('refuses a file whose bytes are not what its type or its name says', () => {
    expect(check('invoice.pdf', 'application/pdf', Buffer.from('<html>not a pdf</html>'))).toEqual({ keep: false, fileName: 'invoice.pdf', reason: 'said to be a PDF (application/pdf) but it is not one' });
    expect(check('invoice.pdf', 'text/plain', Buffer.from('hello'))).toEqual({ keep: false, fileName: 'invoice.pdf', reason: 'named .pdf but it is not a PDF' });
    expect(check('photo.png', 'image/png', pdf).keep).toBe(false);
    expect(check('notes.txt', 'text/plain', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])).keep).toBe(false);
  });

  it('refuses programs, by name, by type or by their bytes', () => {
    for (const [name, type, bytes] of [
      ['setup.exe', 'application/octet-stream', exe],
      ['invoice.pdf.exe', 'application/pdf', pdf],
      ['report', 'application/x-msdownload', Buffer.from('x')],
      ['report.dat', 'application/octet-stream', exe],
      ['run.sh', 'text/plain', Buffer.from('#!/bin/sh\nrm -rf /\n')],
      ['report.txt', 'text/plain', Buffer.from('#!/bin/sh\n')],
    ] as const) {
      expect(check(name, type, bytes), name).toMatchObject({ keep: false, reason: 'a program or script: Rapport does not keep those' });
    }
  });

  it('refuses a file over the limit, saying both sizes', () => {
    expect(check('big.pdf', 'application/pdf', Buffer.concat([pdf, Buffer.alloc(2 * 1024)]), 1024)).toEqual({ keep: false, fileName: 'big.pdf', reason: `larger than 1 KB (${sizeWords(pdf.length + 2048)})` });
  });

  it('gives "just bytes" the type its bytes show', () => {
    expect(check('scan', 'application/octet-stream', pdf)).toEqual({ keep: true, fileName: 'scan', contentType: 'application/pdf' });
    expect(check(null, 'application/octet-stream', png)).toEqual({ keep: true, fileName: 'attachment-1', contentType: 'image/png' });
    expect(check('x.dat', 'weird type\r\nX-Injected: 1', Buffer.from([0, 1]))).toMatchObject({ keep: true, contentType: 'application/octet-stream' });
  });

  it('knows common files by their first bytes', () => {
    expect(sniffFamily(pdf)).toBe('pdf');
    expect(sniffFamily(png)).toBe('png');
    expect(sniffFamily(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFamily(Buffer.from('GIF89a...'))).toBe('gif');
    expect(sniffFamily(zip)).toBe('zip');
    expect(sniffFamily(Buffer.from('plain words'))).toBe('text');
    expect(sniffFamily(Buffer.from([0, 1, 2, 3]))).toBeNull();
  });
});

describe('file names', () => {
  it('never keeps a folder, a quote or a control character, and names a nameless file', () => {
    expect(safeFileName('../../etc/passwd', 0, 'text/plain')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\report "final".pdf', 0, 'application/pdf')).toBe('report final.pdf');
    expect(safeFileName('a\r\nb.txt', 0, 'text/plain')).toBe('ab.txt');
    expect(safeFileName(null, 2, 'application/pdf')).toBe('attachment-3.pdf');
    expect(safeFileName('..', 0, 'text/plain')).toBe('attachment-1.txt');
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (name) => {
        const safe = safeFileName(name, 0, 'application/octet-stream');
        expect(safe.length).toBeGreaterThan(0);
        expect(safe.length).toBeLessThanOrEqual(200);
        expect(safe).not.toMatch(/[\\/"\u0000-\u001f\u007f]/);
      }),
    );
  });
});
