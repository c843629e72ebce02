import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { DataTable } from '../table-scroll.js';
import type { RefSection } from './api-reference.js';
import { WebhookDocs } from './webhook-docs.js';

const ENDPOINTS: [string, string, string][] = [
  ['GET', '/api/v1/agencies', 'api.agencies'],
  ['GET', '/api/v1/agencies/{code}', 'api.agency'],
  ['GET', '/api/v1/deadline?regime=cn-ogi&from=2025-09-26', 'api.deadline'],
  ['GET', '/api/v1/openapi.json', 'api.openapi'],
];

/** The open-data files and catalogue (issue 7 §4); not locale-prefixed: the files are the same in every language. */
const OPEN_DATA_LINKS: [string, 'od.dev.catalog' | 'od.dev.documents_jsonl' | 'od.dev.documents_csv' | 'od.dev.attachments' | 'od.dev.statistics' | 'od.dev.statistics_live'][] = [
  ['/catalog.jsonld', 'od.dev.catalog'],
  ['/open-data/documents.jsonl', 'od.dev.documents_jsonl'],
  ['/open-data/documents.csv', 'od.dev.documents_csv'],
  ['/open-data/attachments.csv', 'od.dev.attachments'],
  ['/open-data/statistics.csv', 'od.dev.statistics'],
  ['/statistics.csv', 'od.dev.statistics_live'],
];

/** The open API: a short guide, then the reference rendered from the OpenAPI document. */
export function DevelopersPage({ ctx, reference }: { ctx: RequestContext; reference: RefSection[] }): SafeHtml {
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
      <h2 id="open-data">{ctx.t('od.dev.title')}</h2>
      <p>{ctx.t('od.dev.intro')}</p>
      <ul class="link-list">
        {OPEN_DATA_LINKS.map(([href, key]) => (
          <li>
            <a href={href}>{ctx.t(key)}</a> <code>{href}</code>
          </li>
        ))}
        <li>{ctx.t('od.dev.reports')}</li>
      </ul>
      <WebhookDocs ctx={ctx} />
      <h2 id="reference">{ctx.t('api.reference')}</h2>
      <p>{ctx.t('api.reference_intro')}</p>
      <nav aria-label={ctx.t('api.reference')}>
        <ul class="link-list columns">
          {reference.map((s) => (
            <li>
              <a href={`#tag-${s.tag}`}>{s.tag}</a> <span class="muted">({String(s.operations.length)})</span>
            </li>
          ))}
        </ul>
      </nav>
      {reference.map((s) => (
        <section aria-labelledby={`tag-${s.tag}`} class="api-tag">
          <h3 id={`tag-${s.tag}`}>{s.tag}</h3>
          {s.operations.map((op) => (
            <div class="api-op" id={op.id}>
              <h4>
                <code>{op.method}</code> <code class="wrap-anywhere">{op.path}</code>
                {op.staff ? <span class="tag">{ctx.t('api.staff_only')}</span> : null}
              </h4>
              {op.summary ? <p lang="en">{op.summary}</p> : null}
              {op.fields.length ? (
                <DataTable label={`${op.method} ${op.path}`} head={[ctx.t('api.field'), ctx.t('api.where'), ctx.t('api.type'), ctx.t('api.description')]}>
                  {op.fields.map((f) => (
                    <tr>
                      <td>
                        <code>{f.name}</code>
                        {f.required ? <span class="req" aria-label={ctx.t('api.required')}> *</span> : null}
                      </td>
                      <td>{f.where}</td>
                      <td class="wrap-anywhere">{f.type}</td>
                      <td lang="en">{f.description}</td>
                    </tr>
                  ))}
                </DataTable>
              ) : null}
              <p class="muted">{ctx.t('api.responses', { codes: op.responses.join(', ') })}</p>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
