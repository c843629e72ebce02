import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { FREQUENCIES } from '../../domain/subscriptions/subscriptions.js';
import type { OwnSubscription } from '../../queries/subscriptions.js';
import { Csrf } from '../forms.js';
import { Breadcrumbs } from '../layout.js';
import { tr } from './request-parts.js';
void Fragment;

/** The management page of one person's subscriptions (`/subscriptions/manage/<token>`, no account). */
export function SubscriptionManagePage({ ctx, token, email, subscriptions, flash }: { ctx: RequestContext; token: string; email: string; subscriptions: OwnSubscription[]; flash?: string }): SafeHtml {
  const base = localePath(ctx.locale, `/subscriptions/manage/${token}`);
  return (
    <div class="sub-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('sub.title'), '/subscribe'], [ctx.t('sub.manage.title'), null]]} />
      <h1>{ctx.t('sub.manage.title')}</h1>
      {flash ? (
        <p class="notice notice-ok" role="status">
          {flash}
        </p>
      ) : null}
      <p class="lead">{ctx.t('sub.manage.intro', { email })}</p>
      {subscriptions.length === 0 ? (
        <p>{ctx.t('sub.manage.none')}</p>
      ) : (
        <ul class="sub-list">
          {subscriptions.map((s) => (
            <li class="sub-item">
              <h2 class="sub-item-title">{s.label}</h2>
              <p class="hint">
                {tr(ctx, `sub.kind.${s.kind}`, s.kind)} · {s.status === 'confirmed' ? ctx.t('sub.manage.confirmed') : ctx.t('sub.manage.pending')}
              </p>
              <form method="post" action={`${base}/frequency`} class="form sub-inline">
                <Csrf ctx={ctx} />
                <input type="hidden" name="id" value={s.id} />
                <div class="field">
                  <label for={`freq-${s.id}`}>{ctx.t('sub.f.frequency')}</label>
                  <select id={`freq-${s.id}`} name="frequency">
                    {FREQUENCIES.map((f) => (
                      <option value={f} selected={f === s.frequency}>
                        {ctx.t(`sub.freq.${f}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" class="button button-secondary">{ctx.t('sub.manage.save')}</button>
              </form>
              <form method="post" action={`${base}/remove`} class="inline-form">
                <Csrf ctx={ctx} />
                <input type="hidden" name="id" value={s.id} />
                <button type="submit" class="link-button">{ctx.t('sub.manage.remove')}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {subscriptions.length ? (
        <form method="post" action={`${base}/all`} class="form">
          <Csrf ctx={ctx} />
          <p class="hint" id="sub-all-hint">{ctx.t('sub.manage.all.hint')}</p>
          <button type="submit" class="button button-danger" aria-describedby="sub-all-hint">{ctx.t('sub.manage.all')}</button>
        </form>
      ) : null}
      <p>
        <a href={localePath(ctx.locale, '/subscribe')}>{ctx.t('sub.manage.more')}</a>
      </p>
    </div>
  );
}
