import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { pick } from '../../i18n/i18n.js';
import type { ApplicantView } from '../../queries/requests.js';
import { Csrf, ErrorSummary, SelectField } from '../forms.js';
import { documentPath } from './portal-urls.js';
import { dateText, Facts, sizeText, StateBadge, Timeline, tr, yuan } from './request-parts.js';
void Fragment;

const OPEN = ['submitted', 'received', 'in_progress', 'extended', 'correction_requested', 'consultation', 'fee_pending'];

/** The private page's address (the token travels as `t`; pages under it send no Referer). */
export function privatePath(number: string, token: string, sub = ''): string {
  return `/requests/p/${encodeURIComponent(number)}${sub}?t=${encodeURIComponent(token)}`;
}

function UploadForm({ ctx, v, token, purposes, issues, uploadMb }: { ctx: RequestContext; v: ApplicantView; token: string; purposes: string[]; issues: FieldIssue[]; uploadMb: number }): SafeHtml {
  const id = purposes.length === 1 ? 'f-file-supplement' : 'f-file';
  return (
    <form method="post" action={localePath(ctx.locale, `/requests/p/${encodeURIComponent(v.tracking_number)}/files`)} enctype="multipart/form-data" class="form upload-form">
      {/* The token and purpose come before the file so the server checks them before reading it. */}
      <Csrf ctx={ctx} />
      <input type="hidden" name="t" value={token} />
      {purposes.length === 1 ? (
        <input type="hidden" name="purpose" value={purposes[0]} />
      ) : (
        <SelectField ctx={ctx} name="purpose" label={ctx.t('rp.private.purpose')} value="identity_proof" issues={issues} options={purposes.map((p): [string, string] => [p, tr(ctx, `rp.purpose.${p}`, p)])} />
      )}
      <div class="field">
        <label for={id}>{ctx.t('rp.private.file')}</label>
        <p class="hint" id={`${id}-hint`}>{ctx.t('rp.private.file_hint', { mb: uploadMb })}</p>
        <input type="file" id={id} name="file" required aria-describedby={`${id}-hint`} />
      </div>
      <div class="form-actions">
        <button type="submit" class="button">{ctx.t('rp.private.upload')}</button>
      </div>
    </form>
  );
}

/**
 * The applicant's private page (tracking number + token): their request, notices, the reply and
 * released files. Shows nothing of the applicant's personal data (the read model has none).
 */
export function RequestPrivatePage({ ctx, v, token, issues, flash, uploadMb }: { ctx: RequestContext; v: ApplicantView; token: string; issues: FieldIssue[]; flash?: string; uploadMb: number }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const link = (sub: string) => l(privatePath(v.tracking_number, token, sub));
  const open = OPEN.includes(v.state);
  const released = v.files.filter((f) => f.purpose === 'released');
  const own = v.files.filter((f) => f.purpose !== 'released');
  const fileLink = (f: ApplicantView['files'][number]) => (
    <a href={link(`/files/${encodeURIComponent(f.id)}`)}>
      {f.filename} <span class="muted">({sizeText(f.size)})</span>
    </a>
  );
  return (
    <div class="rq-page">
      <h1>
        {ctx.t('rp.private.heading')} <span class="rq-nowrap">{v.tracking_number}</span> <StateBadge ctx={ctx} state={v.state} />
      </h1>
      <p class="muted">{ctx.t('rp.private.intro')}</p>
      {flash ? <p class="notice notice-ok" role="status">{flash}</p> : null}
      <ErrorSummary ctx={ctx} issues={issues} labels={{ file: ctx.t('rp.private.file'), purpose: ctx.t('rp.private.purpose'), form: ctx.t('rp.private.file') }} />
      {v.overdue ? <p class="notice notice-warn">{ctx.t('rp.track.overdue')}</p> : null}

      {v.state === 'correction_requested' && v.correction ? (
        <section class="panel rq-attention" aria-labelledby="rq-corr">
          <h2 id="rq-corr">{ctx.t('rp.private.correction_title')}</h2>
          <p class="rq-quote">{v.correction.what}</p>
          <p>{ctx.t('rp.private.correction_by', { date: v.correction.supplement_by })}</p>
          <p class="hint">{ctx.t('rp.private.correction_how')}</p>
          <UploadForm ctx={ctx} v={v} token={token} purposes={['supplement']} issues={[]} uploadMb={uploadMb} />
        </section>
      ) : null}

      {v.fees.length ? (
        <section class="panel" aria-labelledby="rq-fees">
          <h2 id="rq-fees">{ctx.t('rp.private.fees_title')}</h2>
          <ul>
            {v.fees.map((f) => (
              <li>
                {ctx.t('rp.private.fee_line', { amount: yuan(f.amount_fen), method: tr(ctx, `rp.fee.${f.method}`, f.method), units: f.units, notice: f.notice_on, due: f.due_on })}{' '}
                <strong>{tr(ctx, `rp.fee_status.${f.status}`, f.status)}</strong>
              </li>
            ))}
          </ul>
          <p class="hint">{ctx.t('rp.guide.art42')}</p>
        </section>
      ) : null}

      {v.reply ? (
        <section class="panel rq-reply" aria-labelledby="rq-reply">
          <h2 id="rq-reply">{ctx.t('rp.private.reply_title')}</h2>
          <Facts
            rows={[
              [ctx.t('rp.outcome'), ctx.locale === 'en' ? v.reply.label_en : v.reply.label_zh],
              [ctx.t('rp.basis'), v.reply.basis],
              [ctx.t('rp.replied_on'), v.reply.replied_on],
            ]}
          />
          {v.reply.text ? <p class="rq-quote">{v.reply.text}</p> : null}
          <p>
            <a class="button" href={link('/letter')}>{ctx.t('rp.letter.open')}</a>
          </p>
          {released.length ? (
            <>
              <h3>{ctx.t('rp.private.released')}</h3>
              <ul class="attachment-list">
                {released.map((f) => (
                  <li>{fileLink(f)}</li>
                ))}
              </ul>
            </>
          ) : null}
          {v.reply.linked_documents.length ? (
            <>
              <h3>{ctx.t('rp.private.linked')}</h3>
              <ul>
                {v.reply.linked_documents.map((i) => (
                  <li>
                    <a href={l(documentPath(i))}>{i}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section class="panel" aria-labelledby="rq-status">
        <h2 id="rq-status">{ctx.t('rp.private.status_title')}</h2>
        <Facts
          rows={[
            [ctx.t('rp.agency'), pick(ctx.locale, v.agency.name_zh, v.agency.name_en)],
            [ctx.t('rp.submitted_on'), v.submitted_on],
            [ctx.t('rp.received_on'), v.received_on ?? ctx.t('rp.track.not_confirmed')],
            [ctx.t('rp.due_date'), v.due_date ? (v.extended ? ctx.t('rp.track.due_extended', { date: v.due_date }) : v.due_date) : '—'],
            [ctx.t('rp.replied_on'), dateText(v.replied_on)],
          ]}
        />
        <h3>{ctx.t('rp.timeline')}</h3>
        <Timeline ctx={ctx} items={v.timeline} />
      </section>

      <section class="panel" aria-labelledby="rq-desc">
        <h2 id="rq-desc">{ctx.t('rp.private.request_title')}</h2>
        <Facts
          rows={[
            [ctx.t('rp.f.title'), v.description.title],
            [ctx.t('rp.f.doc_number'), v.description.doc_number || '—'],
            [ctx.t('rp.f.other_features'), v.description.other_features || '—'],
            [ctx.t('rp.f.form_wanted'), tr(ctx, `rp.form.${v.description.form_wanted}`, v.description.form_wanted)],
            [ctx.t('rp.f.delivery_wanted'), tr(ctx, `rp.delivery.${v.description.delivery_wanted}`, v.description.delivery_wanted)],
          ]}
        />
      </section>

      <section class="panel" aria-labelledby="rq-files">
        <h2 id="rq-files">{ctx.t('rp.private.files_title')}</h2>
        {own.length ? (
          <ul class="attachment-list">
            {own.map((f) => (
              <li>
                {tr(ctx, `rp.purpose.${f.purpose}`, f.purpose)}: {fileLink(f)}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{ctx.t('rp.private.no_files')}</p>
        )}
        {open ? <UploadForm ctx={ctx} v={v} token={token} purposes={['identity_proof', 'authorisation', 'supplement']} issues={issues} uploadMb={uploadMb} /> : null}
      </section>
    </div>
  );
}
