import { h, type SafeHtml } from './jsx.js';
import type { RequestContext } from '../http/request-context.js';
import type { FieldIssue } from '../domain/errors.js';
import { hasKey } from '../i18n/i18n.js';

/** Message for one field issue in the user's language. */
export function issueText(ctx: RequestContext, code: string): string {
  const key = `field.${code}`;
  return hasKey(key) ? ctx.t(key) : ctx.t('field.invalid');
}

/** The error summary at the top of a form (GOV.UK pattern): each item links to its field. */
export function ErrorSummary({ ctx, issues, labels }: { ctx: RequestContext; issues: FieldIssue[]; labels: Record<string, string> }): SafeHtml {
  if (!issues.length) return <span hidden></span>;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title">{ctx.t('admin.form_errors')}</h2>
      <ul>
        {issues.map((i) => {
          const name = i.field.replace(/^body\./, '');
          return (
            <li>
              <a href={`#f-${name}`}>
                {labels[name] ?? name}: {issueText(ctx, i.code)}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A labelled text input with its error message, wired with aria-describedby. */
export function TextField(props: {
  ctx: RequestContext;
  name: string;
  label: string;
  value?: string;
  issues?: FieldIssue[];
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  lang?: string;
  maxlength?: number;
}): SafeHtml {
  const id = `f-${props.name}`;
  const mine = (props.issues ?? []).filter((i) => i.field.replace(/^body\./, '') === props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', mine.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={mine.length ? 'field field-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="req" aria-hidden="true"> *</span> : null}
      </label>
      {props.hint ? <p class="hint" id={`${id}-hint`}>{props.hint}</p> : null}
      {mine.length ? (
        <p class="error-msg" id={`${id}-err`}>
          {mine.map((i) => issueText(props.ctx, i.code)).join('；')}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        aria-invalid={mine.length ? 'true' : undefined}
        aria-describedby={describedBy}
        autocomplete={props.autocomplete}
        lang={props.lang}
        maxlength={props.maxlength}
      />
    </div>
  );
}

/** A labelled select. */
export function SelectField(props: {
  ctx: RequestContext;
  name: string;
  label: string;
  options: [string, string][];
  value?: string;
  issues?: FieldIssue[];
  required?: boolean;
}): SafeHtml {
  const id = `f-${props.name}`;
  const mine = (props.issues ?? []).filter((i) => i.field.replace(/^body\./, '') === props.name);
  return (
    <div class={mine.length ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {mine.length ? (
        <p class="error-msg" id={`${id}-err`}>
          {mine.map((i) => issueText(props.ctx, i.code)).join('；')}
        </p>
      ) : null}
      <select id={id} name={props.name} required={props.required} aria-invalid={mine.length ? 'true' : undefined} aria-describedby={mine.length ? `${id}-err` : undefined}>
        {props.options.map(([v, label]) => (
          <option value={v} selected={v === props.value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled multi-line text field. */
export function TextAreaField(props: {
  ctx: RequestContext;
  name: string;
  label: string;
  value?: string;
  issues?: FieldIssue[];
  hint?: string;
  rows?: number;
  required?: boolean;
  maxlength?: number;
}): SafeHtml {
  const id = `f-${props.name}`;
  const mine = (props.issues ?? []).filter((i) => i.field.replace(/^body\./, '') === props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', mine.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={mine.length ? 'field field-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="req" aria-hidden="true"> *</span> : null}
      </label>
      {props.hint ? <p class="hint" id={`${id}-hint`}>{props.hint}</p> : null}
      {mine.length ? (
        <p class="error-msg" id={`${id}-err`}>
          {mine.map((i) => issueText(props.ctx, i.code)).join('；')}
        </p>
      ) : null}
      <textarea id={id} name={props.name} rows={props.rows ?? 4} required={props.required} maxlength={props.maxlength} aria-invalid={mine.length ? 'true' : undefined} aria-describedby={describedBy}>
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

/** A labelled checkbox (value "1"). */
export function CheckboxField({ name, label, checked, hint }: { name: string; label: string; checked?: boolean; hint?: string }): SafeHtml {
  const id = `f-${name}`;
  return (
    <div class="field field-check">
      <input type="checkbox" id={id} name={name} value="1" checked={checked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label for={id}>{label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
    </div>
  );
}

/** The hidden CSRF field every state-changing form carries. */
export function Csrf({ ctx }: { ctx: RequestContext }): SafeHtml {
  return <input type="hidden" name="_csrf" value={ctx.csrf} />;
}

/** A one-button POST form shown inline (sign out, revoke): CSRF token, hidden fields, a link-styled button. */
export function InlinePost({ ctx, action, label, fields }: { ctx: RequestContext; action: string; label: string; fields?: Record<string, string> }): SafeHtml {
  return (
    <form method="post" action={action} class="inline-form">
      <Csrf ctx={ctx} />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="link-button">
        {label}
      </button>
    </form>
  );
}
