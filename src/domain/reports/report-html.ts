/**
 * The annual report as HTML in the official layout (国办公开办函〔2021〕30号): the six sections,
 * table 二 as four small tables, table 三 with its nested row labels and two-level header, table 四
 * with its three column groups. Plain markup only (tables with colspan/rowspan/scope, headings,
 * paragraphs), so it survives the document body allow-list unchanged and serves both as the
 * published document's body and inside the print-ready export. Every text is escaped.
 */
import type { OfficialTables } from './official-tables.js';
import { SECTION_TITLES, TABLE4_RESULT_COLUMNS } from './report-format.js';

/** Escapes text for HTML element content and attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function paragraphs(text: string): string {
  const ps = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return ps.map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`).join('');
}

const num = (v: number | null): string => (v === null ? '' : esc(v));

function table2Html(t: OfficialTables): string {
  return t.table2.parts
    .map((p) => {
      const head = `<tr><th scope="col" colspan="${p.columns.length + 1}">${esc(p.title)}</th></tr><tr><th scope="col">${esc(t.table2.firstColumn)}</th>${p.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr>`;
      const body = p.rows
        .map((r) => `<tr><th scope="row">${esc(r.label)}</th>${r.values.map((v) => `<td>${num(v)}</td>`).join('')}</tr>`)
        .join('');
      return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
    })
    .join('');
}

function table3Html(t: OfficialTables): string {
  const cols = t.table3.columns;
  const head =
    `<tr><th scope="col" colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th scope="colgroup" colspan="7">申请人情况</th></tr>` +
    `<tr><th scope="col" rowspan="2">${esc(cols[0] ?? '')}</th><th scope="colgroup" colspan="5">法人或其他组织</th><th scope="col" rowspan="2">${esc(cols[6] ?? '')}</th></tr>` +
    `<tr>${cols.slice(1, 6).map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr>`;
  const rows = t.table3.rows;
  const resultRows = rows.filter((r) => r.group !== undefined).length;
  const groupCount = new Map<string, number>();
  for (const r of rows) if (r.group && /^\d/.test(r.label)) groupCount.set(r.group, (groupCount.get(r.group) ?? 0) + 1);
  const seen = new Set<string>();
  let body = '';
  let resultsOpened = false;
  for (const r of rows) {
    const cells = r.values.map((v) => `<td>${num(v)}</td>`).join('');
    let label: string;
    if (r.group === undefined) {
      label = `<th scope="row" colspan="3">${esc(r.label)}</th>`;
    } else {
      const lead = resultsOpened ? '' : `<th scope="rowgroup" rowspan="${resultRows}">三、本年度办理结果</th>`;
      resultsOpened = true;
      if (/^\d/.test(r.label)) {
        const cat = seen.has(r.group) ? '' : `<th scope="rowgroup" rowspan="${groupCount.get(r.group) ?? 1}">${esc(r.group)}</th>`;
        seen.add(r.group);
        label = `${lead}${cat}<th scope="row">${esc(r.label)}</th>`;
      } else {
        label = `${lead}<th scope="row" colspan="2">${esc(r.label)}</th>`;
      }
    }
    body += `<tr>${label}${cells}</tr>`;
  }
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function table4Html(t: OfficialTables): string {
  const head =
    `<tr><th scope="colgroup" colspan="5">行政复议</th><th scope="colgroup" colspan="10">行政诉讼</th></tr>` +
    `<tr>${TABLE4_RESULT_COLUMNS.map((c) => `<th scope="col" rowspan="2">${esc(c)}</th>`).join('')}<th scope="colgroup" colspan="5">未经复议直接起诉</th><th scope="colgroup" colspan="5">复议后起诉</th></tr>` +
    `<tr>${[...TABLE4_RESULT_COLUMNS, ...TABLE4_RESULT_COLUMNS].map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr>`;
  const row = t.table4.rows[0];
  return `<table><thead>${head}</thead><tbody><tr>${(row?.values ?? []).map((v) => `<td>${num(v)}</td>`).join('')}</tr></tbody></table>`;
}

/**
 * The report body: the six sections in order, each with its staff-written text (一, 五, 六) or its
 * table (二, 三, 四).
 */
export function reportBodyHtml(sections: readonly { title: string; text: string }[], t: OfficialTables): string {
  const text = (i: number): string => paragraphs(sections[i]?.text ?? '');
  return [
    `<h2>${esc(SECTION_TITLES[0])}</h2>${text(0)}`,
    `<h2>${esc(SECTION_TITLES[1])}</h2>${table2Html(t)}`,
    `<h2>${esc(SECTION_TITLES[2])}</h2>${table3Html(t)}`,
    `<h2>${esc(SECTION_TITLES[3])}</h2>${table4Html(t)}`,
    `<h2>${esc(SECTION_TITLES[4])}</h2>${text(4)}`,
    `<h2>${esc(SECTION_TITLES[5])}</h2>${text(5)}`,
  ].join('\n');
}

/** A complete print-ready HTML page (A4, official layout) for the export. */
export function reportPrintHtml(title: string, sections: readonly { title: string; text: string }[], t: OfficialTables): string {
  const css = `@page{size:A4;margin:2.5cm 2cm}body{font-family:"FangSong","STFangsong","SimSun",serif;font-size:12pt;line-height:1.6;color:#000;max-width:48em;margin:auto;padding:1em}
h1{font-family:"SimHei","STHeiti",sans-serif;font-size:18pt;text-align:center;margin:0 0 1em}h2{font-family:"SimHei","STHeiti",sans-serif;font-size:14pt;margin:1.2em 0 .5em}
p{text-indent:2em;margin:.3em 0}table{border-collapse:collapse;width:100%;margin:.6em 0;page-break-inside:avoid;font-size:10.5pt}th,td{border:1px solid #000;padding:.25em .4em;text-align:center}
tbody th[scope=row]{text-align:left;font-weight:normal}thead th{font-weight:bold}`;
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${css}</style></head><body><main><h1>${esc(title)}</h1>\n${reportBodyHtml(sections, t)}\n</main></body></html>\n`;
}

/** Tables 二, 三 and 四 alone, each under its section title (for the console's review of the figures). */
export function reportTablesHtml(t: OfficialTables): string {
  return [
    `<h3>${esc(SECTION_TITLES[1])}</h3>${table2Html(t)}`,
    `<h3>${esc(SECTION_TITLES[2])}</h3>${table3Html(t)}`,
    `<h3>${esc(SECTION_TITLES[3])}</h3>${table4Html(t)}`,
  ].join('\n');
}
