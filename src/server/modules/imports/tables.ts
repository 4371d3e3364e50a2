import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { startOfLocalDay } from '../../lib/calendar.js';
import { Invalid } from '../../lib/errors.js';
import { inspectZip } from '../../lib/zip-guard.js';

/** A cell as read from XLSX or CSV: text, or a date the spreadsheet typed as one. */
export type Cell = string | Date;

export interface TableRow {
  /** The row's number as the person sees it in the file (the header is row 1). */
  row: number;
  cells: Map<string, Cell>;
}

export const MAX_ROWS = 5000;
const FIELD = 'body.file';
/** A full 5 000-row register unpacks to a few megabytes; far beyond that is a zip bomb. */
export const XLSX_LIMITS = { maxInflatedBytes: 64 * 1_048_576, maxEntries: 1000 };

/** «Дата поступления», «дата  поступления», «Дата поступления » — one column. */
export const columnKey = (title: string) =>
  title.trim().toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ');

function cellText(value: ExcelJS.CellValue): Cell | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return null;
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<Cell[][]> {
  const verdict = inspectZip(bytes, XLSX_LIMITS);
  if (!verdict.ok && verdict.reason !== 'malformed') {
    throw new Invalid(
      FIELD,
      'Файл XLSX после распаковки слишком большой (больше 64 МБ) — разделите реестр на части',
      'file_too_large',
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new Invalid(FIELD, 'Файл XLSX повреждён или это не таблица Excel', 'malformed_file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Invalid(FIELD, 'В файле нет ни одного листа', 'malformed_file');
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cellText(cell.value) ?? '';
    });
    rows[number - 1] = Array.from(values, (value) => value ?? '');
  });
  return Array.from(rows, (row) => row ?? []);
}

/** Exports from Russian systems often come in Windows-1251; UTF-8 (with or without BOM) first. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

function readCsv(bytes: Buffer): Cell[][] {
  try {
    const records = parse(decodeText(bytes), {
      bom: true,
      delimiter: [';', ',', '\t'],
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
    return records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new Invalid(
      FIELD,
      `Файл CSV не разобран${line ? ` (строка ${line})` : ''}: проверьте кавычки и разделители`,
      'malformed_file',
    );
  }
}

/** The first sheet of an XLSX, or a CSV (`;`, `,` or tab), as rows keyed by column title. */
export async function readTable(name: string, bytes: Buffer): Promise<TableRow[]> {
  const extension = name.toLowerCase().split('.').pop();
  let grid: Cell[][];
  if (extension === 'xlsx') grid = await readXlsx(bytes);
  else if (extension === 'csv') grid = readCsv(bytes);
  else throw new Invalid(FIELD, 'Загрузите таблицу в формате XLSX или CSV', 'unsupported_file');
  const [header = [], ...body] = grid;
  const titles = header.map((title) => columnKey(String(title)));
  if (!titles.some(Boolean)) throw new Invalid(FIELD, 'В первой строке файла нет заголовков столбцов');
  const rows = body
    .map((values, index) => ({
      row: index + 2,
      cells: new Map(titles.map((title, i) => [title, values[i] ?? ''] as [string, Cell])),
    }))
    .filter((row) => [...row.cells.values()].some((cell) => cell instanceof Date || cell.trim() !== ''));
  if (rows.length === 0) throw new Invalid(FIELD, 'В файле нет строк с данными');
  if (rows.length > MAX_ROWS) {
    throw new Invalid(
      FIELD,
      `В одном файле — не больше ${MAX_ROWS} строк; разделите выгрузку`,
      'too_many_rows',
    );
  }
  return rows;
}

/** A column: the titles it goes by in the platform's exports, ours first. */
export interface Column {
  titles: string[];
}

export function pick(cells: Map<string, Cell>, column: Column): Cell {
  for (const title of column.titles) {
    const value = cells.get(columnKey(title));
    if (value !== undefined) return typeof value === 'string' ? value.trim() : value;
  }
  return '';
}

export const missingColumns = (rows: TableRow[], columns: Column[]) =>
  columns.filter((column) => !column.titles.some((title) => rows[0]?.cells.has(columnKey(title))));

const LOCAL = /^(\d{2})\.(\d{2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date and time from a cell: ISO 8601 with an offset, or «ДД.ММ.ГГГГ[ ЧЧ:ММ]» and spreadsheet
 * dates read as the agency's local time (Russia keeps no summer time, so the offset is fixed).
 */
export function cellDate(cell: Cell, timeZone: string): Date | null {
  if (cell instanceof Date) {
    const day = cell.toISOString().slice(0, 10);
    return new Date(startOfLocalDay(day, timeZone).getTime() + (cell.getTime() % 86_400_000));
  }
  if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(cell)) {
    const date = new Date(cell);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const match = LOCAL.exec(cell);
  if (!match) return null;
  const [, dd, mm, yyyy, hh = '0', min = '0', ss = '0'] = match;
  const day = `${yyyy}-${mm}-${dd}`;
  const check = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day) return null;
  if (Number(hh) > 23 || Number(min) > 59 || Number(ss) > 59) return null;
  const offset = (Number(hh) * 3600 + Number(min) * 60 + Number(ss)) * 1000;
  return new Date(startOfLocalDay(day, timeZone).getTime() + offset);
}

const YES = new Set(['да', 'yes', 'true', '1', '+', 'фаст-трек', 'fast-track']);
const NO = new Set(['', 'нет', 'no', 'false', '0', '-']);

/** «да»/«нет» and their usual spellings; anything else is a mistake worth reporting. */
export function cellFlag(cell: Cell): boolean | null {
  const text = String(cell).trim().toLowerCase();
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return null;
}

export const cellString = (cell: Cell) => (cell instanceof Date ? cell.toISOString() : cell);
