import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';

/** The small "订阅" link other pages show, opening `/subscribe` prefilled with what the page is about. */
export function SubscribeLink({ ctx, query, label }: { ctx: RequestContext; query: Record<string, string>; label: string }): SafeHtml {
  return (
    <p class="sub-link">
      <a href={localePath(ctx.locale, `/subscribe?${new URLSearchParams(query).toString()}`)}>{label}</a>
    </p>
  );
}
