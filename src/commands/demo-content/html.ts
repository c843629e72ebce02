/**
 * Small builders for the demo bodies (only the tags the body sanitiser keeps) and for dates and
 * CSV attachments. Pure; the demo files stay readable as data.
 */
import { DEMO_AGENCIES } from '../demo-agencies.js';

/** Paragraphs, one per argument. */
export function p(...paras: string[]): string {
  return paras.map((t) => `<p>${t}</p>`).join('');
}

export function h2(t: string): string {
  return `<h2>${t}</h2>`;
}

export function h3(t: string): string {
  return `<h3>${t}</h3>`;
}

export function ol(items: readonly string[]): string {
  return `<ol>${items.map((t) => `<li>${t}</li>`).join('')}</ol>`;
}

export function ul(items: readonly string[]): string {
  return `<ul>${items.map((t) => `<li>${t}</li>`).join('')}</ul>`;
}

/** A table with one header row. */
export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const th = head.map((h) => `<th>${h}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${String(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

/** Joins body parts. */
export function body(...parts: string[]): string {
  return parts.join('');
}

/** CSV text (RFC 4180 quoting where needed), header first, CRLF line ends. */
export function csv(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cell = (c: string | number): string => {
    const s = String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The office phone of a demo agency (landline), as listed in DEMO_AGENCIES. */
export function phoneOf(agency: string): string {
  const a = DEMO_AGENCIES.find((x) => x.key === agency);
  if (!a?.phone) throw new Error(`demo agency without phone: ${agency}`);
  return a.phone;
}

/** The Chinese name of a demo agency. */
export function nameOf(agency: string): string {
  const a = DEMO_AGENCIES.find((x) => x.key === agency);
  if (!a) throw new Error(`unknown demo agency: ${agency}`);
  return a.zh;
}

/** A closing line with the agency's contact phone. */
export function contact(agency: string, unit?: string): string {
  return `<p>联系单位：${unit ?? nameOf(agency)}；联系电话：${phoneOf(agency)}。</p>`;
}

/** Formats a sum in 万元 with two decimals. */
export function wan(n: number): string {
  return n.toFixed(2);
}

/** The date written the Chinese way: 2025年3月6日. */
export function zhDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
