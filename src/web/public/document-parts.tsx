/**
 * The parts of a public document page: the metadata table, the notices, the attachments, the
 * version history and the interpretation links. Every field is text through the escaping JSX
 * runtime; only the body (sanitised on save) is emitted raw, by the page.
 */
import { h, Fragment, type Child, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import { localDate } from '../../domain/local-date.js';
import type { DocumentView } from '../../queries/documents.js';
import { genreLabel, validityLabel } from './document-list.js';
import { documentPath, filePath, formatBytes } from './portal-urls.js';
void Fragment;

/** The calendar date of a version's publication in the agency's time zone. */
export function versionDate(view: DocumentView, publishedAt: string | null): string {
  return publishedAt ? localDate(publishedAt, view.agency.time_zone) : (view.doc.published_date ?? '');
}

function Row({ label, children }: { label: string; children?: Child }): SafeHtml {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

/**
 * The metadata table in the order Chinese disclosure catalogues use: 索引号, 主题分类, 发文机关,
 * 成文日期, 发布日期, 文号, 标题, 主题词, 内容概述, 有效性 (plus category and version).
 */
export function MetadataTable({ ctx, view, themeName }: { ctx: RequestContext; view: DocumentView; themeName: string }): SafeHtml {
  const { doc, version: v, agency } = view;
  const none = <span class="muted">{ctx.t('doc.none')}</span>;
  return (
    <table class="meta-table">
      <caption>{ctx.t('doc.metadata')}</caption>
      <tbody>
        <Row label={ctx.t('doc.meta.index_number')}>
          <span class="wrap-anywhere">{doc.index_number ?? ''}</span>
        </Row>
        <Row label={ctx.t('doc.meta.theme')}>{themeName}</Row>
        <Row label={ctx.t('doc.meta.genre')}>{genreLabel(ctx, v.genre)}</Row>
        <Row label={ctx.t('doc.meta.issuer')}>
          <a href={localePath(ctx.locale, `/agencies/${encodeURIComponent(agency.code)}`)}>{pick(ctx.locale, agency.name_zh, agency.name_en)}</a>
          {view.coIssuers.length ? (
            <span class="co-issuers">
              {' '}
              {ctx.t('doc.meta.co_issuers')}
              {': '}
              {view.coIssuers.map((c, i) => [i ? '、' : '', pick(ctx.locale, c.name_zh, c.name_en)])}
            </span>
          ) : null}
        </Row>
        <Row label={ctx.t('doc.meta.date_formed')}>
          <time datetime={v.date_formed}>{v.date_formed}</time>
        </Row>
        <Row label={ctx.t('doc.meta.published')}>
          <time datetime={versionDate(view, v.published_at)}>{versionDate(view, v.published_at)}</time>
        </Row>
        <Row label={ctx.t('doc.meta.doc_number')}>{v.doc_number || none}</Row>
        <Row label={ctx.t('doc.meta.title')}>{v.title}</Row>
        <Row label={ctx.t('doc.meta.keywords')}>{v.keywords || none}</Row>
        <Row label={ctx.t('doc.meta.summary')}>{v.summary || none}</Row>
        <Row label={ctx.t('doc.meta.validity')}>
          {validityLabel(ctx, doc.validity)}
          {doc.validity !== 'valid' && doc.validity_date ? ` (${doc.validity_date})` : ''}
          {doc.status === 'withdrawn' ? [' · ', <strong>{ctx.t('portal.withdrawn')}</strong>] : null}
        </Row>
        <Row label={ctx.t('doc.meta.normative')}>{v.is_normative ? ctx.t('doc.yes') : ctx.t('doc.no')}</Row>
        <Row label={ctx.t('doc.meta.version')}>{ctx.t('doc.version_n', { n: v.version_no ?? 1 })}</Row>
      </tbody>
    </table>
  );
}

/**
 * The prominent notices: withdrawal (reason and date), validity (amended, repealed, expired, with
 * date, note and the replacing document), and "not the current version" on older versions.
 */
export function Notices({ ctx, view }: { ctx: RequestContext; view: DocumentView }): SafeHtml {
  const { doc } = view;
  const tz = view.agency.time_zone;
  const current = view.versions.find((x) => x.version_no === doc.current_version);
  return (
    <>
      {doc.status === 'withdrawn' ? (
        <section class="notice notice-alert" aria-labelledby="notice-withdrawn">
          <h2 id="notice-withdrawn">{ctx.t('doc.withdrawn_title')}</h2>
          {doc.withdrawn_at ? <p>{ctx.t('doc.withdrawn_date', { date: localDate(doc.withdrawn_at, tz) })}</p> : null}
          {doc.withdrawn_reason ? <p>{ctx.t('doc.withdrawn_reason', { reason: doc.withdrawn_reason })}</p> : null}
        </section>
      ) : null}
      {doc.validity === 'amended' || doc.validity === 'repealed' || doc.validity === 'expired' ? (
        <section class="notice notice-warn" aria-labelledby="notice-validity">
          <h2 id="notice-validity">{ctx.t(`doc.validity_title.${doc.validity}`)}</h2>
          {doc.validity_date ? <p>{ctx.t('doc.validity_date', { date: doc.validity_date })}</p> : null}
          {doc.validity_note ? <p>{ctx.t('doc.validity_note', { note: doc.validity_note })}</p> : null}
          {view.replacedBy ? (
            <p>
              {ctx.t('doc.replaced_by')}
              <a href={localePath(ctx.locale, documentPath(view.replacedBy.index_number))}>{view.replacedBy.title}</a>{' '}
              <span class="muted wrap-anywhere">({view.replacedBy.index_number})</span>
            </p>
          ) : null}
        </section>
      ) : null}
      {!view.isCurrent ? (
        <section class="notice notice-info" aria-labelledby="notice-version">
          <h2 id="notice-version">{ctx.t('doc.old_version', { n: view.version.version_no ?? 0, date: versionDate(view, view.version.published_at) })}</h2>
          <p>
            <a href={localePath(ctx.locale, documentPath(doc.index_number ?? ''))}>{ctx.t('doc.old_version_link', { n: current?.version_no ?? doc.current_version })}</a>
          </p>
        </section>
      ) : null}
    </>
  );
}

/** Links between a policy and its interpretations, shown on both pages. */
export function InterpretationLinks({ ctx, view }: { ctx: RequestContext; view: DocumentView }): SafeHtml | null {
  if (!view.interprets && view.interpretations.length === 0) return null;
  const item = (d: { index_number: string; title: string }) => (
    <li>
      <a href={localePath(ctx.locale, documentPath(d.index_number))}>{d.title}</a> <span class="muted wrap-anywhere">{d.index_number}</span>
    </li>
  );
  return (
    <section class="related" aria-labelledby="related-h">
      <h2 id="related-h">{view.interprets ? ctx.t('doc.interprets') : ctx.t('doc.interpretations')}</h2>
      <ul class="link-list">{view.interprets ? item(view.interprets) : view.interpretations.map(item)}</ul>
      {view.interprets && view.interpretations.length ? (
        <>
          <h3>{ctx.t('doc.interpretations')}</h3>
          <ul class="link-list">{view.interpretations.map(item)}</ul>
        </>
      ) : null}
    </section>
  );
}

/** The attachments with size, type and SHA-256, a download link, and a preview link for CSV. */
export function Attachments({ ctx, view }: { ctx: RequestContext; view: DocumentView }): SafeHtml | null {
  if (!view.attachments.length) return null;
  const base = documentPath(view.doc.index_number ?? '');
  return (
    <section aria-labelledby="attachments-h">
      <h2 id="attachments-h">{ctx.t('doc.attachments')}</h2>
      <ul class="attachment-list">
        {view.attachments.map((a) => (
          <li class="attachment">
            <a class="attachment-name" href={filePath(a.blob_sha256, a.filename)} download={a.filename}>
              {a.filename}
            </a>
            <dl class="attachment-meta">
              <div>
                <dt>{ctx.t('doc.att.size')}</dt>
                <dd>{formatBytes(Number(a.size), ctx.locale)}</dd>
              </div>
              <div>
                <dt>{ctx.t('doc.att.type')}</dt>
                <dd>
                  <code>{a.mime}</code>
                </dd>
              </div>
              <div class="attachment-hash">
                <dt>{ctx.t('doc.att.sha256')}</dt>
                <dd>
                  <code class="hash">{a.blob_sha256}</code>
                </dd>
              </div>
            </dl>
            {a.mime === 'text/csv' || a.ext === 'csv' ? (
              <p class="attachment-preview">
                <a href={localePath(ctx.locale, `${base}/preview/${a.blob_sha256}${view.isCurrent ? '' : `?v=${view.version.version_no ?? 1}`}`)}>{ctx.t('doc.att.preview')}</a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every published version with its date and change note; the one shown is marked. */
export function VersionHistory({ ctx, view }: { ctx: RequestContext; view: DocumentView }): SafeHtml {
  const idx = view.doc.index_number ?? '';
  return (
    <section aria-labelledby="versions-h">
      <h2 id="versions-h">{ctx.t('doc.versions')}</h2>
      <ol class="version-list">
        {view.versions.map((x) => {
          const viewing = x.version_no === view.version.version_no;
          const isCurrent = x.version_no === view.doc.current_version;
          return (
            <li class={viewing ? 'is-viewing' : undefined}>
              <a href={localePath(ctx.locale, isCurrent ? documentPath(idx) : documentPath(idx, x.version_no))} aria-current={viewing ? 'page' : undefined}>
                {ctx.t('doc.version_n', { n: x.version_no })}
              </a>{' '}
              <span class="muted">{ctx.t('doc.version_published', { date: versionDate(view, x.published_at || null) })}</span>
              {isCurrent ? <span class="tag">{ctx.t('doc.version_current')}</span> : null}
              {viewing ? <span class="tag">{ctx.t('doc.version_viewing')}</span> : null}
              <p class="change-note">{x.change_note || (x.version_no === 1 ? ctx.t('doc.version_first') : '')}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** What the transparency log says about this version; filled in by the log's routes. */
