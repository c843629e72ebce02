import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { hasKey, pick } from '../../i18n/i18n.js';
import type { FieldIssue } from '../../domain/errors.js';
import { GENRES } from '../../domain/documents/genres.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../forms.js';
void Fragment;

export type ThemeOption = { code: string; parent_code: string | null; name_zh: string; name_en: string };

/** Theme options in tree order, children indented under their parent. */
export function themeOptions(ctx: RequestContext, themes: readonly ThemeOption[]): [string, string][] {
  const out: [string, string][] = [['', '—']];
  for (const t of themes.filter((x) => !x.parent_code)) {
    out.push([t.code, pick(ctx.locale, t.name_zh, t.name_en)]);
    for (const c of themes.filter((x) => x.parent_code === t.code)) out.push([c.code, `　${pick(ctx.locale, c.name_zh, c.name_en)}`]);
  }
  return out;
}

/** Labels of the draft fields, for the error summary. */
export function draftLabels(ctx: RequestContext): Record<string, string> {
  const names = ['title', 'doc_number', 'genre', 'theme_code', 'date_formed', 'keywords', 'summary', 'body_html', 'change_note', 'co_issuers', 'interprets', 'agency', 'reason', 'comment', 'publish_at', 'validity', 'validity_date', 'replaced_by', 'note'];
  const out: Record<string, string> = {};
  for (const n of names) {
    const k = `field.${n}`;
    out[n] = hasKey(k) ? ctx.t(k) : n;
  }
  return out;
}

/** The editable fields of a draft. `values` holds the form's current strings. */
export function DraftFields({ ctx, values, issues, themes, correction }: { ctx: RequestContext; values: Record<string, string>; issues: FieldIssue[]; themes: readonly ThemeOption[]; correction: boolean }): SafeHtml {
  const genres: [string, string][] = [['', '—'], ...GENRES.map((g): [string, string] => [g, ctx.t(`genre.${g}`)])];
  return (
    <>
      <TextField ctx={ctx} name="title" label={ctx.t('field.title')} value={values.title} issues={issues} required maxlength={300} />
      <TextField ctx={ctx} name="doc_number" label={ctx.t('field.doc_number')} hint={ctx.t('field.doc_number_hint')} value={values.doc_number} issues={issues} maxlength={100} />
      <div class="field-row">
        <SelectField ctx={ctx} name="genre" label={ctx.t('field.genre')} options={genres} value={values.genre} issues={issues} required />
        <SelectField ctx={ctx} name="theme_code" label={ctx.t('field.theme_code')} options={themeOptions(ctx, themes)} value={values.theme_code} issues={issues} required />
        <TextField ctx={ctx} name="date_formed" type="date" label={ctx.t('field.date_formed')} value={values.date_formed} issues={issues} required />
      </div>
      <CheckboxField name="is_normative" label={ctx.t('field.is_normative')} hint={ctx.t('field.is_normative_hint')} checked={values.is_normative === '1'} />
      <TextField ctx={ctx} name="keywords" label={ctx.t('field.keywords')} hint={ctx.t('field.keywords_hint')} value={values.keywords} issues={issues} maxlength={300} />
      <TextAreaField ctx={ctx} name="summary" label={ctx.t('field.summary')} value={values.summary} issues={issues} rows={3} maxlength={4000} />
      <TextAreaField ctx={ctx} name="body_html" label={ctx.t('field.body_html')} hint={ctx.t('field.body_html_hint')} value={values.body_html} issues={issues} rows={14} />
      <TextField ctx={ctx} name="interprets" label={ctx.t('field.interprets')} hint={ctx.t('field.interprets_hint')} value={values.interprets} issues={issues} maxlength={100} />
      <TextField ctx={ctx} name="co_issuers" label={ctx.t('field.co_issuers')} hint={ctx.t('field.co_issuers_hint')} value={values.co_issuers} issues={issues} maxlength={1000} />
      {correction ? <TextAreaField ctx={ctx} name="change_note" label={ctx.t('field.change_note')} hint={ctx.t('field.change_note_hint')} value={values.change_note} issues={issues} rows={2} required maxlength={1000} /> : null}
    </>
  );
}
