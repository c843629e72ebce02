import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_AGENCIES } from '../demo-agencies.js';
import { chinaCalendar } from '../../domain/calendar/china.js';
import { parseDocNumber } from '../../domain/doc-number.js';
import { GENRES, POLICY_GENRES } from '../../domain/documents/genres.js';
import { sanitizeBody } from '../../domain/documents/sanitize.js';
import { DEFAULT_THEMES, flattenThemes, isThemeCode } from '../../domain/documents/themes.js';
import { scanPersonalData } from '../../domain/pii.js';
import { DEMO_DOCUMENTS } from './index.js';

const docs = DEMO_DOCUMENTS;
const keys = new Set(docs.map((d) => d.key));
const agencyKeys = new Set(DEMO_AGENCIES.map((a) => a.key));
const phones = DEMO_AGENCIES.flatMap((a) => (a.phone ? [a.phone] : []));
const TODAY = '2026-11-27';

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

test('keys are unique and the set has 180–230 documents', () => {
  assert.equal(keys.size, docs.length);
  assert.ok(docs.length >= 180 && docs.length <= 230, `count ${docs.length}`);
});

test('every genre and every demo agency is present', () => {
  const genres = new Set(docs.map((d) => d.genre));
  for (const g of GENRES) assert.ok(genres.has(g), `genre ${g}`);
  const agencies = new Set(docs.map((d) => d.agency));
  for (const a of agencyKeys) assert.ok(agencies.has(a), `agency ${a}`);
});

test('themes are valid default theme codes and each top-level theme is used', () => {
  const codes = new Set(flattenThemes().map((t) => t.code));
  for (const d of docs) {
    assert.ok(isThemeCode(d.theme), `${d.key}: ${d.theme}`);
    assert.ok(codes.has(d.theme), `${d.key}: ${d.theme}`);
  }
  const tops = new Set(docs.map((d) => d.theme.split('.')[0]));
  for (const t of DEFAULT_THEMES) assert.ok(tops.has(t.code), `theme ${t.code}`);
});

test('agency and co-issuer keys exist; links point to existing keys', () => {
  for (const d of docs) {
    assert.ok(agencyKeys.has(d.agency), `${d.key}: ${d.agency}`);
    for (const c of d.coIssuers ?? []) {
      assert.ok(agencyKeys.has(c), `${d.key}: co-issuer ${c}`);
      assert.notEqual(c, d.agency);
    }
    if (d.interprets !== undefined) {
      assert.equal(d.genre, 'interpretation', d.key);
      const target = docs.find((x) => x.key === d.interprets);
      assert.ok(target, `${d.key}: interprets ${d.interprets}`);
      assert.ok(POLICY_GENRES.includes(target.genre), `${d.key}: target genre ${target.genre}`);
    }
    if (d.genre === 'interpretation') assert.ok(d.interprets, `${d.key} interprets nothing`);
    if (d.validity?.replacedBy !== undefined) assert.ok(keys.has(d.validity.replacedBy), `${d.key}: replacedBy`);
  }
});

test('dates are valid and ordered, none after today', () => {
  for (const d of docs) {
    for (const s of [d.dateFormed, d.published]) {
      assert.ok(isDate(s), `${d.key}: ${s}`);
      assert.ok(s >= '2024-01-01' && s < TODAY, `${d.key}: ${s}`);
    }
    assert.ok(d.published >= d.dateFormed, `${d.key}: published before formed`);
    let last = d.published;
    for (const c of d.corrections ?? []) {
      assert.ok(isDate(c.published) && c.published > last && c.published < TODAY, `${d.key}: correction ${c.published}`);
      assert.ok(c.changeNote.length > 0 && c.bodyHtml.length > 0, `${d.key}: empty correction`);
      last = c.published;
    }
    if (d.validity) {
      assert.ok(isDate(d.validity.date) && d.validity.date > d.published && d.validity.date < TODAY, `${d.key}: validity ${d.validity.date}`);
    }
  }
});

test('document numbers are unique and parse', () => {
  const seen = new Set<string>();
  for (const d of docs) {
    if (d.docNumber === '') continue;
    assert.ok(parseDocNumber(d.docNumber), `${d.key}: ${d.docNumber}`);
    assert.ok(!seen.has(d.docNumber), `duplicate ${d.docNumber}`);
    seen.add(d.docNumber);
  }
});

test('no personal data in titles, summaries and bodies', () => {
  for (const d of docs) {
    const texts = [d.title, d.summary, d.keywords, d.bodyHtml, ...(d.corrections ?? []).map((c) => c.bodyHtml), ...(d.attachments ?? []).map((a) => a.csv)];
    for (const t of texts) {
      const found = scanPersonalData(t, { allow: phones });
      assert.deepEqual(found.map((f) => f.match), [], d.key);
    }
  }
});

test('bodies use only allowed tags (sanitising changes nothing)', () => {
  for (const d of docs) {
    assert.equal(sanitizeBody(d.bodyHtml), d.bodyHtml, d.key);
    for (const c of d.corrections ?? []) {
      assert.equal(sanitizeBody(c.bodyHtml), c.bodyHtml, `${d.key} correction`);
      assert.notEqual(c.bodyHtml, d.bodyHtml, `${d.key}: correction changes nothing`);
    }
  }
});

test('the demo exercises the features it is meant to show', () => {
  const interpreted = new Set(docs.flatMap((d) => (d.interprets ? [d.interprets] : [])));
  const policies = docs.filter((d) => POLICY_GENRES.includes(d.genre));
  assert.ok(interpreted.size >= 12, `interpreted ${interpreted.size}`);
  assert.ok(policies.some((d) => !interpreted.has(d.key)), 'some policy without interpretation');
  for (const d of policies.filter((x) => x.genre !== 'plans')) assert.ok(d.isNormative, `${d.key} should be normative`);
  const states = new Set(docs.flatMap((d) => (d.validity ? [d.validity.state] : [])));
  for (const s of ['repealed', 'amended', 'expired']) assert.ok(states.has(s as 'repealed'), s);
  assert.ok(docs.filter((d) => d.corrections?.length).length >= 5, 'corrections');
  const budgets = docs.filter((d) => d.genre === 'budgets');
  for (const b of budgets) assert.ok(b.attachments?.[0]?.csv.startsWith('科目编码,科目名称,金额（万元）'), b.key);
  for (const s of docs.filter((d) => d.genre === 'statistics')) assert.ok(s.attachments?.length, s.key);
  const annual = docs.filter((d) => d.genre === 'annual_report').length;
  assert.ok(annual >= 1 && annual <= 2);
  // About one in ten is published late: more than 20 working days after it was formed (Art. 26).
  const cn = chinaCalendar();
  const late = docs.filter((d) => cn.workingDaysBetween(d.dateFormed, d.published).value > 20).length;
  assert.ok(late >= docs.length * 0.07 && late <= docs.length * 0.14, `late ${late} of ${docs.length}`);
});

test('bodies are short but real: 3 or more blocks', () => {
  for (const d of docs) {
    const blocks = (d.bodyHtml.match(/<(p|li|tr)>/g) ?? []).length;
    assert.ok(blocks >= 3, `${d.key}: ${blocks}`);
  }
});
