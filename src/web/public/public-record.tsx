import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';

/** What the public-record section needs to know about one published version. */
export interface PublicRecord {
  indexNumber: string;
  versionNo: number;
  /** The version's leaf index in the transparency log; null while it is still being sequenced. */
  leafIndex: number | null;
  contentSha256: string;
  /** The absolute URL of this version's page (what `gongkai verify` takes). */
  pageUrl: string;
}

/**
 * The document page's 公开记录 section (issue 4 §4): the log index, the proof link, and how to
 * verify in plain words, so that a reader can prove the version was never silently changed.
 */
export function PublicRecordSection({ ctx, record }: { ctx: RequestContext; record: PublicRecord }): SafeHtml {
  const proof = `/api/v1/documents/${record.indexNumber}/v/${record.versionNo}/proof`;
  return (
    <section class="public-record" aria-labelledby="public-record-h">
      <h2 id="public-record-h">{ctx.t('doc.public_record')}</h2>
      <p>{record.leafIndex === null ? ctx.t('record.pending') : ctx.t('record.included', { n: record.leafIndex })}</p>
      <dl class="meta-list">
        <dt>{ctx.t('record.content_hash')}</dt>
        <dd class="nowrap-code">{record.contentSha256}</dd>
      </dl>
      <ul class="link-list">
        <li>
          <a href={proof}>{ctx.t('record.proof_link')}</a>
        </li>
        <li>
          <a href="/log/checkpoint">{ctx.t('record.checkpoint_link')}</a>
        </li>
        <li>
          <a href="/log/key">{ctx.t('record.key_link')}</a>
        </li>
      </ul>
      <details>
        <summary>{ctx.t('record.how_title')}</summary>
        <ol>
          <li>
            {ctx.t('record.how_1')} <code>{`gongkai verify ${record.pageUrl}`}</code>
          </li>
          <li>{ctx.t('record.how_2')}</li>
          <li>{ctx.t('record.how_3')}</li>
          <li>{ctx.t('record.how_4')}</li>
        </ol>
      </details>
    </section>
  );
}
