/**
 * Which attachments Rapport keeps: not too big, not a program, and what they say they are. The type
 * a message declares (and the one its file name implies) is checked against the first bytes of the
 * file for the common kinds (PDF, images, Office files, archives); a file that claims to be one of
 * them and is not is refused, so a download named invoice.pdf is a PDF. Pure rules, no database.
 */

export type Family = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'tiff' | 'zip' | 'ole' | 'gzip' | 'sevenzip' | 'rtf' | 'text';

const familyNames: Record<Family, string> = {
  pdf: 'a PDF',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  webp: 'a WebP image',
  bmp: 'a BMP image',
  tiff: 'a TIFF image',
  zip: 'a ZIP file (or an Office document)',
  ole: 'an Office document',
  gzip: 'a gzip file',
  sevenzip: 'a 7-Zip file',
  rtf: 'a rich text document',
  text: 'text',
};

/** The MIME type each family is stored under when the message says no better. */
const familyTypes: Partial<Record<Family, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  zip: 'application/zip',
  ole: 'application/x-ole-storage',
  gzip: 'application/gzip',
  sevenzip: 'application/x-7z-compressed',
  rtf: 'application/rtf',
};

const starts = (bytes: Buffer, ...signature: number[]) => bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
const ascii = (bytes: Buffer, at: number, text: string) => bytes.subarray(at, at + text.length).toString('latin1') === text;

/** What the first bytes say a file is, for the families above (text: no NUL byte in the first 8 KB); null when unknown. */
export function sniffFamily(bytes: Buffer): Family | null {
  if (ascii(bytes, 0, '%PDF-')) return 'pdf';
  if (starts(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(bytes, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'webp';
  if (starts(bytes, 0x49, 0x49, 0x2a, 0x00) || starts(bytes, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (starts(bytes, 0x50, 0x4b, 0x03, 0x04) || starts(bytes, 0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (starts(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (starts(bytes, 0x1f, 0x8b)) return 'gzip';
  if (starts(bytes, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return 'sevenzip';
  if (ascii(bytes, 0, '{\\rtf')) return 'rtf';
  if (ascii(bytes, 0, 'BM') && bytes.length > 14 && bytes.readUInt32LE(2) === bytes.length) return 'bmp';
  if (!bytes.subarray(0, 8192).includes(0)) return 'text';
  return null;
}

/** A program: Windows (MZ), Linux (ELF), macOS (Mach-O) or a script with a #! line. */
export function isExecutableBytes(bytes: Buffer): boolean {
  return (
    ascii(bytes, 0, 'MZ') ||
    starts(bytes, 0x7f, 0x45, 0x4c, 0x46) ||
    starts(bytes, 0xfe, 0xed, 0xfa, 0xce) ||
    starts(bytes, 0xfe, 0xed, 0xfa, 0xcf) ||
    starts(bytes, 0xce, 0xfa, 0xed, 0xfe) ||
    starts(bytes, 0xcf, 0xfa, 0xed, 0xfe) ||
    ascii(bytes, 0, '#!')
  );
}

const executableExtensions = new Set([
  'exe', 'com', 'bat', 'cmd', 'scr', 'pif', 'cpl', 'msi', 'msp', 'dll', 'sys', 'jar', 'apk', 'app', 'dmg', 'pkg', 'deb', 'rpm',
  'js', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'ps1', 'psm1', 'hta', 'lnk', 'reg', 'sh', 'bash', 'command', 'run', 'elf', 'iso', 'scf', 'gadget', 'application',
]);

const executableTypes = new Set([
  'application/x-msdownload', 'application/x-msdos-program', 'application/x-ms-installer', 'application/x-msi', 'application/x-dosexec',
  'application/x-executable', 'application/x-elf', 'application/x-mach-binary', 'application/x-sh', 'application/x-shellscript',
  'application/java-archive', 'application/x-java-archive', 'application/vnd.android.package-archive', 'application/hta',
  'application/x-bat', 'application/javascript', 'text/javascript', 'application/x-javascript', 'text/vbscript', 'application/x-apple-diskimage',
]);

/** The family a declared MIME type promises, when it is one this file knows by its bytes. */
export function familyOfType(type: string): Family | null {
  if (type === 'application/pdf' || type === 'application/x-pdf') return 'pdf';
  if (type === 'image/png') return 'png';
  if (type === 'image/jpeg' || type === 'image/jpg' || type === 'image/pjpeg') return 'jpeg';
  if (type === 'image/gif') return 'gif';
  if (type === 'image/webp') return 'webp';
  if (type === 'image/bmp' || type === 'image/x-ms-bmp') return 'bmp';
  if (type === 'image/tiff') return 'tiff';
  if (type === 'application/zip' || type === 'application/x-zip-compressed' || type === 'application/epub+zip') return 'zip';
  if (type.startsWith('application/vnd.openxmlformats-officedocument.') || type.startsWith('application/vnd.oasis.opendocument.')) return 'zip';
  if (type === 'application/msword' || type === 'application/vnd.ms-excel' || type === 'application/vnd.ms-powerpoint' || type === 'application/vnd.ms-outlook') return 'ole';
  if (type === 'application/gzip' || type === 'application/x-gzip') return 'gzip';
  if (type === 'application/x-7z-compressed') return 'sevenzip';
  if (type === 'application/rtf' || type === 'text/rtf') return 'rtf';
  if (type.startsWith('text/')) return 'text';
  return null;
}

const extensionFamilies: Record<string, Family> = {
  pdf: 'pdf', png: 'png', jpg: 'jpeg', jpeg: 'jpeg', jpe: 'jpeg', gif: 'gif', webp: 'webp', bmp: 'bmp', tif: 'tiff', tiff: 'tiff',
  zip: 'zip', docx: 'zip', xlsx: 'zip', pptx: 'zip', odt: 'zip', ods: 'zip', odp: 'zip', epub: 'zip',
  doc: 'ole', xls: 'ole', ppt: 'ole', msg: 'ole', gz: 'gzip', tgz: 'gzip', '7z': 'sevenzip', rtf: 'rtf',
  txt: 'text', csv: 'text', ics: 'text', vcf: 'text', eml: 'text', md: 'text',
};

/** Word wrote .doc files as RTF for years: both are a Word document. */
const compatible = (promised: Family, actual: Family | null): boolean =>
  promised === actual || (promised === 'ole' && actual === 'rtf') || (promised === 'rtf' && actual === 'text');

export const extensionOf = (fileName: string): string => /\.([a-z0-9]{1,12})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';

/** A file name safe to keep and to send back in Content-Disposition: no folders, no control characters, at most 200 characters. */
export function safeFileName(name: string | null, position: number, contentType: string): string {
  const base = (name ?? '')
    .replace(/^.*[\\/]/, '')
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  if (base && base !== '.' && base !== '..') return base.length > 200 ? base.slice(0, 100) + '…' + base.slice(-99) : base;
  const family = familyOfType(contentType);
  const extension = family === 'text' ? 'txt' : family ? Object.entries(extensionFamilies).find(([, f]) => f === family)?.[0] : null;
  return `attachment-${position + 1}${extension ? `.${extension}` : ''}`;
}

/** "5 MB", "120 KB", "900 bytes". */
export function sizeWords(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export type AttachmentVerdict = { keep: true; fileName: string; contentType: string } | { keep: false; fileName: string; reason: string };

/**
 * Whether to keep an attachment, and under which name and type. The reason, when it is not kept,
 * is said on the interaction ("big.zip: larger than 5 MB").
 */
export function checkAttachment(a: { fileName: string | null; contentType: string; content: Buffer }, position: number, maxBytes: number): AttachmentVerdict {
  const said = a.contentType.split(';')[0]!.trim().toLowerCase();
  // A type that is not "type/subtype" in plain characters is not sent back in a header.
  const declared = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(said) ? said : 'application/octet-stream';
  const fileName = safeFileName(a.fileName, position, declared);
  const extension = extensionOf(fileName);
  if (a.content.length > maxBytes) return { keep: false, fileName, reason: `larger than ${sizeWords(maxBytes)} (${sizeWords(a.content.length)})` };
  if (executableExtensions.has(extension) || executableTypes.has(declared) || isExecutableBytes(a.content)) {
    return { keep: false, fileName, reason: 'a program or script: Rapport does not keep those' };
  }
  const actual = sniffFamily(a.content);
  const byType = familyOfType(declared);
  if (byType && !compatible(byType, actual)) return { keep: false, fileName, reason: `said to be ${familyNames[byType]} (${declared}) but it is not one` };
  const byName = extensionFamilies[extension];
  if (byName && !compatible(byName, actual)) return { keep: false, fileName, reason: `named .${extension} but it is not ${familyNames[byName]}` };
  // A file the message calls "octet-stream" (just bytes) keeps the type its bytes show, when they show one.
  const contentType = declared === 'application/octet-stream' && actual && familyTypes[actual] ? familyTypes[actual]! : declared;
  return { keep: true, fileName, contentType };
}

/** Most files kept from one message; more are said, not kept. */
export const maxAttachmentsPerMessage = 50;
