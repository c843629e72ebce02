import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { FREQUENCIES } from '../../domain/subscriptions/subscriptions.js';
import { pick } from '../../i18n/i18n.js';
import type { SubscribeOptions } from '../../queries/subscriptions.js';
import { CheckboxField, Csrf, ErrorSummary, SelectField, TextField } from '../forms.js';
import { Breadcrumbs } from '../layout.js';
import { RadioGroup, tr } from './request-parts.js';
void Fragment;

/** Kinds offered by the form, with the form field that names the target of each. */
export const FORM_KINDS = [
  ['agency', 'agency'],
  ['theme', 'theme'],
  ['genre', 'genre'],
  ['search', 'search'],
  ['document', 'document'],
  ['consultation', 'consultation'],
] as const;

/** The fields of the subscribe form. */
export const SUBSCRIBE_FIELDS = ['email', 'kind', 'agency', 'subtree', 'theme', 'genre', 'search', 'document', 'consultation', 'frequency'] as const;
export type SubscribeValues = Partial<Record<(typeof SUBSCRIBE_FIELDS)[number], string>>;

function labels(ctx: RequestContext): Record<string, string> {
  return {
    email: ctx.t('sub.f.email'),
    kind: ctx.t('sub.f.kind'),
    agency: ctx.t('sub.f.agency'),
    theme: ctx.t('sub.f.theme'),
    genre: ctx.t('sub.f.genre'),
    search: ctx.t('sub.f.search'),
    document: ctx.t('sub.f.document'),
    consultation: ctx.t('sub.f.consultation'),
    frequency: ctx.t('sub.f.frequency'),
  };
}

/** The public subscribe form (`/subscribe`), prefilled from the "订阅" links of other pages. */
export function SubscribePage({ ctx, options, values, issues }: { ctx: RequestContext; options: SubscribeOptions; values: SubscribeValues; issues: FieldIssue[] }): SafeHtml {
  const v = values;
  const choose: [string, string] = ['', ctx.t('sub.choose')];
  const themeDepth = (code: string) => code.split('.').length - 1;
  return (
    <div class="sub-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('sub.title'), null]]} />
      <h1>{ctx.t('sub.title')}</h1>
      <p class="lead">{ctx.t('sub.intro')}</p>
      <ErrorSummary ctx={ctx} issues={issues} labels={labels(ctx)} />
      <form method="post" action={localePath(ctx.locale, '/subscribe')} class="form sub-form" novalidate>
        <Csrf ctx={ctx} />
        <TextField ctx={ctx} name="email" type="email" label={ctx.t('sub.f.email')} value={v.email} issues={issues} required autocomplete="email" maxlength={254} />
        <fieldset class="rq-section">
          <legend>{ctx.t('sub.f.target')}</legend>
          <RadioGroup ctx={ctx} name="kind" legend={ctx.t('sub.f.kind')} required value={v.kind ?? ''} issues={issues} options={FORM_KINDS.map(([k]) => ({ value: k, label: ctx.t(`sub.kind.${k}`) }))} />
          <SelectField ctx={ctx} name="agency" label={ctx.t('sub.f.agency')} value={v.agency ?? ''} issues={issues} options={[choose, ...options.agencies.map((a): [string, string] => [a.code, `${'　'.repeat(Math.max(0, a.depth))}${pick(ctx.locale, a.name_zh, a.name_en)}`])]} />
          <CheckboxField name="subtree" label={ctx.t('sub.f.subtree')} checked={v.subtree === '1'} />
          <SelectField ctx={ctx} name="theme" label={ctx.t('sub.f.theme')} value={v.theme ?? ''} issues={issues} options={[choose, ...options.themes.map((t): [string, string] => [t.code, `${'　'.repeat(themeDepth(t.code))}${pick(ctx.locale, t.name_zh, t.name_en)}`])]} />
          <SelectField ctx={ctx} name="genre" label={ctx.t('sub.f.genre')} value={v.genre ?? ''} issues={issues} options={[choose, ...options.genres.map((g): [string, string] => [g, tr(ctx, `genre.${g}`, g)])]} />
          <TextField ctx={ctx} name="search" label={ctx.t('sub.f.search')} hint={ctx.t('sub.f.search.hint')} value={v.search} issues={issues} maxlength={500} />
          <TextField ctx={ctx} name="document" label={ctx.t('sub.f.document')} hint={ctx.t('sub.f.document.hint')} value={v.document} issues={issues} maxlength={100} />
          <TextField ctx={ctx} name="consultation" label={ctx.t('sub.f.consultation')} value={v.consultation} issues={issues} maxlength={64} />
        </fieldset>
        <RadioGroup ctx={ctx} name="frequency" legend={ctx.t('sub.f.frequency')} required value={v.frequency ?? 'immediate'} issues={issues} options={FREQUENCIES.map((f) => ({ value: f, label: ctx.t(`sub.freq.${f}`) }))} />
        <div class="form-actions">
          <button type="submit" class="button">{ctx.t('sub.submit')}</button>
        </div>
      </form>
    </div>
  );
}

/** A short message page of the subscription flow (sent, confirmed, unsubscribed), optionally with a link or a one-button form. */
export function SubscriptionMessagePage(props: {
  ctx: RequestContext;
  title: string;
  body: string;
  link?: { href: string; label: string };
  form?: { action: string; button: string; csrf: boolean };
}): SafeHtml {
  const { ctx } = props;
  return (
    <div class="sub-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('sub.title'), '/subscribe'], [props.title, null]]} />
      <h1>{props.title}</h1>
      <p class="lead">{props.body}</p>
      {props.form ? (
        <form method="post" action={props.form.action} class="form">
          {props.form.csrf ? <Csrf ctx={ctx} /> : null}
          <div class="form-actions">
            <button type="submit" class="button">{props.form.button}</button>
          </div>
        </form>
      ) : null}
      {props.link ? (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      ) : null}
    </div>
  );
}
