// The attachment rules both apps show before upload; the server judges the content itself
// (src/server/lib/file-kinds.ts) and its limits come from ATTACHMENT_MAX_BYTES / ATTACHMENT_MAX_COUNT.
export const ATTACHMENT_DEFAULTS = { maxBytes: 10 * 1_048_576, maxCount: 5 };

export const ALLOWED_LABELS = 'PDF, DOCX, DOC, XLSX, XLS, ODT, ODS, RTF, TXT, CSV, JPEG, PNG, GIF, TIFF';

export const ALLOWED_EXTENSIONS = [
  'pdf',
  'docx',
  'doc',
  'xlsx',
  'xls',
  'odt',
  'ods',
  'rtf',
  'txt',
  'csv',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'tif',
  'tiff',
] as const;

/** For the file picker's `accept`, so the dialog offers the right files first. */
export const ACCEPT = ALLOWED_EXTENSIONS.map((extension) => `.${extension}`).join(',');

/** An i18n key under `attachments` with its values. */
export interface FileProblem {
  key: 'fileType' | 'fileTooLarge' | 'fileEmpty' | 'tooManyFiles';
  values: Record<string, string | number>;
}

export const sizeText = (bytes: number) =>
  bytes >= 1_048_576
    ? `${Math.round((bytes / 1_048_576) * 10) / 10} МБ`
    : `${Math.max(1, Math.round(bytes / 1024))} КБ`;

/** The first problem with a set of chosen files, judged by name and size as the browser sees them. */
export function checkFiles(
  files: readonly { name: string; size: number }[],
  limits = ATTACHMENT_DEFAULTS,
): FileProblem | null {
  if (files.length > limits.maxCount) return { key: 'tooManyFiles', values: { max: limits.maxCount } };
  for (const file of files) {
    const extension = file.name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
    if (!(ALLOWED_EXTENSIONS as readonly string[]).includes(extension)) {
      return { key: 'fileType', values: { name: file.name, allowed: ALLOWED_LABELS } };
    }
    if (file.size === 0) return { key: 'fileEmpty', values: { name: file.name } };
    if (file.size > limits.maxBytes) {
      return { key: 'fileTooLarge', values: { name: file.name, size: sizeText(limits.maxBytes) } };
    }
  }
  return null;
}
