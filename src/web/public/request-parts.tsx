import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { hasKey } from '../../i18n/i18n.js';
import { issueText } from '../forms.js';
void Fragment;

/** A translated message for a key built at run time, or `fallback` when the catalogue lacks it. */
export function tr(ctx: RequestContext, key: string, fallback: string, vars?: Record<string, string | number>): string {
  return hasKey(key) ? ctx.t(key, vars) : fallback;
}

/** The label of a request state. */
export function stateLabel(ctx: RequestContext, state: string): string {
  return tr(ctx, `request.state.${state}`, state);
}

/** The label of a timeline event kind. */
export function eventLabel(ctx: RequestContext, kind: string): string {
  return tr(ctx, `rp.event.${kind}`, kind);
}

/** A date, or a dash when there is none. */
export function dateText(d: string | null | undefined): string {
  return d ? d : '—';
}

/** Fen as yuan with two decimals (`1234` → `12.34`). */
export function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** File size in KB or MB, for download links. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A state badge. */
export function StateBadge({ ctx, state }: { ctx: RequestContext; state: string }): SafeHtml {
  return <span class={`rq-state rq-state-${state}`}>{stateLabel(ctx, state)}</span>;
}

/** A definition list of label/value rows (values already text). */
export function Facts({ rows }: { rows: [string, string | SafeHtml][] }): SafeHtml {
  return (
    <dl class="rq-facts">
      {rows.map(([k, v]) => (
        <div class="dl-row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The public timeline: event kinds and dates only. */
export function Timeline({ ctx, items }: { ctx: RequestContext; items: { kind: string; date: string }[] }): SafeHtml {
  return (
    <ol class="rq-timeline">
      {items.map((e) => (
        <li>
          <span class="rq-date">{e.date}</span> {eventLabel(ctx, e.kind)}
        </li>
      ))}
    </ol>
  );
}

/**
 * A group of radio buttons in a fieldset with its legend, hint and error message. The first
 * button carries the `f-<name>` id the error summary links to.
 */
export function RadioGroup(props: {
  ctx: RequestContext;
  name: string;
  legend: string;
  options: { value: string; label: string; group?: string }[];
  value?: string;
  issues?: FieldIssue[];
  hint?: string;
  required?: boolean;
}): SafeHtml {
  const id = `f-${props.name}`;
  const mine = (props.issues ?? []).filter((i) => i.field === props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', mine.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const groups: { group: string; options: typeof props.options }[] = [];
  for (const o of props.options) {
    const g = o.group ?? '';
    const last = groups[groups.length - 1];
    if (last && last.group === g) last.options.push(o);
    else groups.push({ group: g, options: [o] });
  }
  let n = 0;
  const radio = (o: { value: string; label: string }) => {
    const rid = n++ === 0 ? id : `${id}-${o.value.replace(/[^a-z0-9_-]/gi, '-')}`;
    return (
      <div class="rq-radio">
        <input type="radio" id={rid} name={props.name} value={o.value} checked={props.value === o.value} required={props.required} aria-describedby={describedBy} />
        <label for={rid}>{o.label}</label>
      </div>
    );
  };
  return (
    <fieldset class={mine.length ? 'field rq-fieldset field-error' : 'field rq-fieldset'}>
      <legend>
        {props.legend}
        {props.required ? <span class="req" aria-hidden="true"> *</span> : null}
      </legend>
      {props.hint ? <p class="hint" id={`${id}-hint`}>{props.hint}</p> : null}
      {mine.length ? (
        <p class="error-msg" id={`${id}-err`}>
          {mine.map((i) => issueText(props.ctx, i.code)).join('；')}
        </p>
      ) : null}
      {groups.map((g) =>
        g.group ? (
          <div class="rq-radio-group" role="group" aria-label={g.group}>
            <p class="rq-radio-group-label" aria-hidden="true">{g.group}</p>
            {g.options.map(radio)}
          </div>
        ) : (
          <>{g.options.map(radio)}</>
        ),
      )}
    </fieldset>
  );
}
