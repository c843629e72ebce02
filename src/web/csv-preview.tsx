/**
 * Server-rendered preview of a CSV attachment (issue 3, §6 Attachments): the first rows and
 * columns as an accessible HTML table, so a reader sees a published data table without
 * downloading it. Every cell goes through the escaping JSX runtime.
 */
import { parse } from 'csv-parse/sync';
import { decodeText } from '../blobs/text-decode.js';
import type { T } from '../i18n/i18n.js';
import { h, type SafeHtml } from './jsx.js';
import { TableScroll } from './table-scroll.js';

/** How much of a CSV the preview shows. */
export interface CsvPreviewLimits {
  /** Data rows shown, after the header row (default 200). */
  rows: number;
  /** Columns shown (default 30). */
  columns: number;
}

const DEFAULT_LIMITS: CsvPreviewLimits = { rows: 200, columns: 30 };

/** The part of a CSV to show, with the full counts for the caption. */
export interface CsvExcerpt {
  header: string[];
  rows: string[][];
  /** Data rows in the whole file (header excluded). */
  totalRows: number;
  /** Widest row in the whole file. */
  totalColumns: number;
}

/**
 * Parses a CSV (bytes in UTF-8 or GB18030, or text) leniently: rows may have differing numbers
 * of cells and stray quotes are kept. The first row is the header. Keeps only the rows and columns
 * within `limits` but counts them all. Returns null when the bytes are not text or the CSV cannot
 * be parsed (e.g. a quote never closed); an empty file gives an empty header and no rows.
 */
export function excerptCsv(data: Uint8Array | string, limits: CsvPreviewLimits = DEFAULT_LIMITS): CsvExcerpt | null {
  const text = typeof data === 'string' ? data : decodeText(data);
  if (text === null) return null;
  let seen = 0;
  let totalColumns = 0;
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      // Only the rows shown are kept; the others are counted and dropped (returning null skips them).
      on_record: (record: string[]) => {
        seen++;
        totalColumns = Math.max(totalColumns, record.length);
        return seen <= limits.rows + 1 ? record.slice(0, limits.columns) : null;
      },
    });
  } catch {
    return null;
  }
  const [header = [], ...rows] = records;
  return { header, rows, totalRows: Math.max(0, seen - 1), totalColumns };
}

/**
 * The preview of one CSV attachment named `name`: a scrollable region holding a table whose
 * caption says how many rows (and, when cut, columns) are shown of how many, with the header row
 * as column headings. Shows a short message instead when the file is empty or unreadable.
 */
export function CsvPreview({ t, name, data, limits = DEFAULT_LIMITS }: { t: T; name: string; data: Uint8Array | string; limits?: CsvPreviewLimits }): SafeHtml {
  const ex = excerptCsv(data, limits);
  if (ex === null) return <p class="muted">{t('attachments.preview.unreadable')}</p>;
  if (ex.totalColumns === 0) return <p class="muted">{t('attachments.preview.empty')}</p>;
  const width = Math.min(ex.totalColumns, limits.columns);
  const pad = (cells: string[]): string[] => [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')];
  const caption =
    ex.totalColumns > limits.columns
      ? t('attachments.preview.rows_columns', { shown: ex.rows.length, total: ex.totalRows, shown_columns: width, total_columns: ex.totalColumns })
      : ex.rows.length === ex.totalRows
        ? t('attachments.preview.rows_all', { total: ex.totalRows })
        : t('attachments.preview.rows', { shown: ex.rows.length, total: ex.totalRows });
  return (
    <TableScroll label={t('attachments.preview.label', { name })}>
      <table class="table csv-preview">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {pad(ex.header).map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ex.rows.map((r) => (
            <tr>
              {pad(r).map((c) => (
                <td>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
