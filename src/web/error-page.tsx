import { h, type SafeHtml } from './jsx.js';
import type { RequestContext } from '../http/request-context.js';
import { localePath } from '../http/request-context.js';

/** A friendly error in the user's language; never shows internals. */
export function ErrorPage({ ctx, message, status, requestId }: { ctx: RequestContext; message: string; status: number; requestId: string }): SafeHtml {
  return (
    <div class="narrow error-page">
      <h1>{ctx.t('error.title')}</h1>
      <p class="lead">{message}</p>
      <p class="muted">
        HTTP {status} · {requestId}
      </p>
      <p>
        <a href={localePath(ctx.locale, '/')}>{ctx.t('error.back_home')}</a>
      </p>
    </div>
  );
}
