import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { PublicMessage } from '../../queries/messages.js';
import { Breadcrumbs } from '../layout.js';
import { msgLabel, Paragraphs } from './message-parts.js';
import { Facts } from './request-parts.js';
void Fragment;

/** `/messages/:number`: one published message and its answer, personal data removed. */
export function MessagePage({ ctx, m }: { ctx: RequestContext; m: PublicMessage }): SafeHtml {
  const name = (a: { name_zh: string; name_en: string } | null) => (a ? pick(ctx.locale, a.name_zh, a.name_en) : '—');
  return (
    <article class="msg-page msg-detail">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('msg.title'), '/messages'], [m.tracking_number, null]]} />
      <h1>{m.title}</h1>
      <Facts
        rows={[
          [ctx.t('msg.tracking_number'), m.tracking_number],
          [ctx.t('msg.f.kind'), msgLabel.kind(ctx, m.kind)],
          [ctx.t('msg.f.category'), msgLabel.category(ctx, m.category)],
          [ctx.t('msg.agency'), name(m.agency)],
          [ctx.t('msg.submitted_on'), m.submitted_on],
          [ctx.t('msg.answered_on'), m.answered_on],
        ]}
      />
      <section class="msg-block" aria-labelledby="msg-q">
        <h2 id="msg-q">{ctx.t('msg.detail.question')}</h2>
        <Paragraphs text={m.body} />
      </section>
      {m.transfers.length ? (
        <section aria-labelledby="msg-t">
          <h2 id="msg-t">{ctx.t('msg.detail.transfers')}</h2>
          <ul>
            {m.transfers.map((t) => (
              <li>
                <span class="rq-date">{t.date}</span> {ctx.t('msg.detail.transferred', { from: name(t.from), to: name(t.to) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="msg-block msg-answer" aria-labelledby="msg-a">
        <h2 id="msg-a">{ctx.t('msg.detail.answer', { agency: name(m.agency) })}</h2>
        <Paragraphs text={m.answer} />
      </section>
      <p class="hint">{ctx.t('msg.detail.privacy')}</p>
    </article>
  );
}
