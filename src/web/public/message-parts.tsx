import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { tr } from './request-parts.js';

/** Labels of the message area's codes (kind, category, state, channel, rating). */
export const msgLabel = {
  kind: (ctx: RequestContext, k: string) => tr(ctx, `msg.kind.${k}`, k),
  category: (ctx: RequestContext, c: string) => tr(ctx, `msg.category.${c}`, c),
  state: (ctx: RequestContext, s: string) => tr(ctx, `msg.state.${s}`, s),
  channel: (ctx: RequestContext, c: string) => tr(ctx, `msg.channel.${c}`, c),
  rating: (ctx: RequestContext, r: string) => tr(ctx, `msg.rating.${r}`, r),
  event: (ctx: RequestContext, e: string) => tr(ctx, `msg.event.${e}`, e),
};

/** The public path of a published message. */
export function messagePath(number: string): string {
  return `/messages/${encodeURIComponent(number)}`;
}

/** The sender's private page (the token travels as `t`; pages under it send no Referer). */
export function messagePrivatePath(number: string, token: string): string {
  return `/messages/p/${encodeURIComponent(number)}?t=${encodeURIComponent(token)}`;
}

/** A state badge (reuses the request badges' look). */
export function MessageState({ ctx, state }: { ctx: RequestContext; state: string }): SafeHtml {
  return <span class={`rq-state msg-state-${state}`}>{msgLabel.state(ctx, state)}</span>;
}

/** Text with its line breaks kept (escaped; `pre-line`). */
export function Paragraphs({ text }: { text: string }): SafeHtml {
  return <div class="pre-line msg-text">{text}</div>;
}
