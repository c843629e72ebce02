import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { DocumentView } from '../../queries/documents.js';
import { CsvPreview } from '../csv-preview.js';
import { Breadcrumbs } from '../layout.js';
import { shownPath } from './document-page.js';
import { agencyPath, filePath, formatBytes } from './portal-urls.js';

/** The table preview of a CSV attachment, with its document's breadcrumbs and a download link. */
export function PreviewPage(p: { ctx: RequestContext; view: DocumentView; filename: string; sha256: string; bytes: Uint8Array; truncatedAt: number | null }): SafeHtml {
  const { ctx, view } = p;
  const agencyName = pick(ctx.locale, view.agency.name_zh, view.agency.name_en);
  return (
    <div class="preview-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [agencyName, agencyPath(view.agency.code)], [view.version.title, shownPath(view)], [p.filename, null]]} />
      <h1 class="wrap-anywhere">{ctx.t('doc.att.preview_title', { name: p.filename })}</h1>
      <p>
        <a href={localePath(ctx.locale, shownPath(view))}>{ctx.t('doc.att.back')}</a> ·{' '}
        <a href={filePath(p.sha256, p.filename)} download={p.filename}>
          {ctx.t('doc.att.download_named', { name: p.filename })}
        </a>
      </p>
      {p.truncatedAt !== null ? <p class="notice notice-info">{ctx.t('doc.att.preview_truncated', { size: formatBytes(p.truncatedAt, ctx.locale) })}</p> : null}
      <CsvPreview t={ctx.t} name={p.filename} data={p.bytes} />
    </div>
  );
}
