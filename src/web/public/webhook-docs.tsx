import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { SIGNATURE_TOLERANCE_SECONDS } from '../../domain/webhooks/signing.js';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhooks/event-types.js';

/** A receiver's check in Node.js, shown verbatim (no personal data, no secrets). */
const NODE_EXAMPLE = `import { createHmac, timingSafeEqual } from 'node:crypto';

// rawBody: the request body exactly as received (bytes or string), not re-serialised JSON.
function verify(secret, headers, rawBody, now = Date.now()) {
  const ts = headers['gongkai-timestamp'];
  const sig = headers['gongkai-signature'] ?? '';
  if (!/^\\d+$/.test(ts ?? '') || Math.abs(now / 1000 - Number(ts)) > ${SIGNATURE_TOLERANCE_SECONDS}) return false;
  const want = createHmac('sha256', secret).update(ts + '.').update(rawBody).digest();
  return sig.split(',').some((item) => {
    const [v, hex] = item.trim().split('=');
    const got = Buffer.from(hex ?? '', 'hex');
    return v === 'v1' && got.length === want.length && timingSafeEqual(got, want);
  });
}
// Then answer 2xx quickly and de-duplicate by headers['gongkai-event-id'].`;

/** The webhook section of the developers page (/api/docs#webhooks): delivery, signature, retries. */
export function WebhookDocs({ ctx }: { ctx: RequestContext }): SafeHtml {
  return (
    <section aria-labelledby="webhooks" class="webhook-docs">
      <h2 id="webhooks">{ctx.t('webhooks.docs.title')}</h2>
      <p>{ctx.t('webhooks.docs.intro')}</p>
      <p>
        <a href={localePath(ctx.locale, '/admin/webhooks')}>{ctx.t('webhooks.docs.console')}</a>
      </p>
      <h3>{ctx.t('webhooks.docs.request')}</h3>
      <ul>
        <li>
          <code>Gongkai-Event-Id</code>：{ctx.t('webhooks.docs.h_id')}
        </li>
        <li>
          <code>Gongkai-Event-Type</code>：{WEBHOOK_EVENT_TYPES.join(', ')}
        </li>
        <li>
          <code>Gongkai-Timestamp</code>：{ctx.t('webhooks.docs.h_ts')}
        </li>
        <li>
          <code>Gongkai-Signature</code>：<code>v1=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</code> {ctx.t('webhooks.docs.h_sig')}
        </li>
      </ul>
      <p>{ctx.t('webhooks.docs.body')}</p>
      <h3>{ctx.t('webhooks.docs.verify')}</h3>
      <p>{ctx.t('webhooks.docs.verify_text', { seconds: SIGNATURE_TOLERANCE_SECONDS })}</p>
      <pre class="webhook-body" tabindex="0" aria-label={ctx.t('webhooks.docs.verify')}>
        {NODE_EXAMPLE}
      </pre>
      <h3>{ctx.t('webhooks.docs.delivery')}</h3>
      <p>{ctx.t('webhooks.docs.delivery_text')}</p>
    </section>
  );
}
