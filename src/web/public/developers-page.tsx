import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { DataTable } from '../table-scroll.js';

const ENDPOINTS: [string, string, string][] = [
  ['GET', '/api/v1/agencies', 'api.agencies'],
  ['GET', '/api/v1/agencies/{code}', 'api.agency'],
  ['GET', '/api/v1/deadline?regime=cn-ogi&from=2025-09-26', 'api.deadline'],
  ['GET', '/api/v1/openapi.json', 'api.openapi'],
];

/** A short guide to the open API; the full reference is the OpenAPI document. */
export function DevelopersPage({ ctx }: { ctx: RequestContext }): SafeHtml {
  return (
    <div>
      <h1>{ctx.t('nav.api')}</h1>
      <p class="lead">{ctx.t('api.intro')}</p>
      <DataTable label={ctx.t('nav.api')} head={[ctx.t('api.method'), ctx.t('api.path'), ctx.t('api.description')]}>
            {ENDPOINTS.map(([m, p, k]) => (
              <tr>
                <td>
                  <code>{m}</code>
                </td>
                <td>{p.includes('{') ? <code>{p}</code> : <a href={p}><code>{p}</code></a>}</td>
                <td>{ctx.t(k as 'api.agencies')}</td>
              </tr>
            ))}
      </DataTable>
    </div>
  );
}
