import { h, raw, renderDocument, type SafeHtml } from '../jsx.js';
import { PublicRecordSection, type PublicRecord } from './public-record.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { DocumentView } from '../../queries/documents.js';
import { absolute, Breadcrumbs } from '../layout.js';
import { FeedLinks, StateMarkers } from './document-list.js';
import { SubscribeLink } from './subscription-link.js';
import { Attachments, InterpretationLinks, MetadataTable, Notices, VersionHistory } from './document-parts.js';
import { agencyPath, catalogueHref, documentPath } from './portal-urls.js';
import type { ConsultationLinks } from '../../queries/consultations.js';

/** What a document page shows. */
export interface DocumentPageProps {
  ctx: RequestContext;
  view: DocumentView;
  /** The theme's name in the page's locale. */
  themeName: string;
  /** The version's place in the transparency log (the 公开记录 section). */
  record?: PublicRecord;
  /** The consultations this document is the draft of, or the final policy of (意见征集). */
  consultations?: ConsultationLinks;
}

/** Links from a draft to its consultation and from a final policy back to the feedback summary. */
function ConsultationBlock({ ctx, links }: { ctx: RequestContext; links: ConsultationLinks | undefined }): SafeHtml | null {
  if (!links || (!links.asDraft.length && !links.asFinal.length)) return null;
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <section aria-labelledby="doc-consultation-h" class="notice notice-info doc-consultations">
      <h2 id="doc-consultation-h">{ctx.t('cs.doc.heading')}</h2>
      <ul class="link-list">
        {links.asDraft.map((c) => (
          <li>
            <a href={l(`/consultations/${c.id}`)}>{ctx.t('cs.doc.draft_of', { title: c.title })}</a>
          </li>
        ))}
        {links.asFinal.map((c) => (
          <li>
            <a href={l(`/consultations/${c.id}#summary`)}>{ctx.t('cs.doc.summary_of', { title: c.title })}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The bare path of the version shown: the canonical URL for the current one, `/v/<n>` otherwise. */
export function shownPath(view: DocumentView): string {
  const idx = view.doc.index_number ?? '';
  return view.isCurrent ? documentPath(idx) : documentPath(idx, view.version.version_no ?? 1);
}

function Body({ ctx, view }: { ctx: RequestContext; view: DocumentView }): SafeHtml {
  return (
    <section aria-labelledby="body-h">
      <h2 id="body-h">{ctx.t('doc.body')}</h2>
      {/* Sanitised with an allow-list on every save (domain/documents/sanitize.ts). */}
      <div class="doc-body">{raw(view.version.body_html)}</div>
    </section>
  );
}

/**
 * A public document page: notices first (withdrawn, validity, older version), then the metadata
 * table, the links to interpretations, the body, attachments, versions and the public record.
 */
export function DocumentPage({ ctx, view, themeName, record, consultations }: DocumentPageProps): SafeHtml {
  const { agency, version: v } = view;
  const agencyName = pick(ctx.locale, agency.name_zh, agency.name_en);
  const printHref = localePath(ctx.locale, `${shownPath(view)}?print=1`);
  return (
    <article class="doc doc-page">
      <Breadcrumbs
        ctx={ctx}
        items={[
          [ctx.t('nav.home'), '/'],
          [agencyName, agencyPath(agency.code)],
          [ctx.t('catalogue.title'), catalogueHref(agency.code, {})],
          [v.title, null],
        ]}
      />
      <h1>
        {v.title} <StateMarkers ctx={ctx} status={view.doc.status} validity={view.doc.validity} />
      </h1>
      <Notices ctx={ctx} view={view} />
      <p class="doc-actions">
        <a href={printHref} rel="nofollow">
          {ctx.t('doc.print')}
        </a>
      </p>
      <MetadataTable ctx={ctx} view={view} themeName={themeName} />
      <InterpretationLinks ctx={ctx} view={view} />
      <ConsultationBlock ctx={ctx} links={consultations} />
      <Body ctx={ctx} view={view} />
      <Attachments ctx={ctx} view={view} />
      <VersionHistory ctx={ctx} view={view} />
      {record ? <PublicRecordSection ctx={ctx} record={record} /> : null}
      <FeedLinks ctx={ctx} scopes={[{ scope: { kind: 'agency', code: agency.code, subtree: false }, label: ctx.t('portal.scope_agency', { name: agencyName }) }]} />
      {view.doc.status === 'published' && view.doc.index_number ? <SubscribeLink ctx={ctx} query={{ kind: 'document', document: view.doc.index_number }} label={ctx.t('sub.link.document')} /> : null}
    </article>
  );
}

/**
 * The print view: the same content without navigation, language switch or feeds, in a minimal
 * page whose canonical link points to the document page. The print stylesheet is site.css.
 */
export function renderPrintPage({ ctx, view, themeName, baseUrl, siteName }: DocumentPageProps & { baseUrl: string; siteName: string }): string {
  const path = shownPath(view);
  return renderDocument(
    <html lang={ctx.locale} class={ctx.display === 'large' ? 'display-large' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${view.version.title} · ${ctx.t('doc.print_title')} · ${siteName}`}</title>
        <link rel="canonical" href={absolute(baseUrl, ctx.locale, path)} />
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body class={ctx.display === 'large' ? 'print-view display-large' : 'print-view'}>
        <main id="main" class="wrap main">
          <p class="print-back">
            <a href={localePath(ctx.locale, path)}>{ctx.t('doc.print_back')}</a>
          </p>
          <article class="doc doc-page">
            <p class="print-site">{siteName}</p>
            <h1>
              {view.version.title} <StateMarkers ctx={ctx} status={view.doc.status} validity={view.doc.validity} />
            </h1>
            <Notices ctx={ctx} view={view} />
            <MetadataTable ctx={ctx} view={view} themeName={themeName} />
            <InterpretationLinks ctx={ctx} view={view} />
            <Body ctx={ctx} view={view} />
            <Attachments ctx={ctx} view={view} />
            <VersionHistory ctx={ctx} view={view} />
            <p class="print-url wrap-anywhere">{absolute(baseUrl, ctx.locale, path)}</p>
          </article>
        </main>
      </body>
    </html>,
  );
}
