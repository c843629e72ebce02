import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { Csrf, TextField } from '../forms.js';

/** The staff sign-in form. `error` is an already-translated message. */
export function LoginPage({ ctx, error, username, next }: { ctx: RequestContext; error?: string; username?: string; next?: string }): SafeHtml {
  return (
    <div class="narrow">
      <h1>{ctx.t('admin.login_title')}</h1>
      {error ? (
        <div class="error-summary" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <form method="post" action={localePath(ctx.locale, '/admin/login')} class="form">
        <Csrf ctx={ctx} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField ctx={ctx} name="username" label={ctx.t('admin.username')} value={username} required autocomplete="username" />
        <TextField ctx={ctx} name="password" label={ctx.t('admin.password')} type="password" required autocomplete="current-password" />
        <button type="submit" class="button">
          {ctx.t('admin.login')}
        </button>
      </form>
    </div>
  );
}
