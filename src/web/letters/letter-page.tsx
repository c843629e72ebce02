import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';

/**
 * The printable page around a reply letter: a back link, the PDF link (when a CJK font is
 * installed: see letter-pdf.ts) and a hint, hidden when printing, then the letter. The print
 * stylesheet lays the letter out on A4.
 */
export function LetterPage({ ctx, back, letter, note, pdfHref }: { ctx: RequestContext; back: string; letter: SafeHtml; note?: string; pdfHref?: string }): SafeHtml {
  return (
    <div class="letter-page">
      <div class="letter-tools">
        <p>
          <a href={back}>{ctx.t('rp.letter.back')}</a>
        </p>
        {pdfHref ? (
          <p>
            <a href={pdfHref}>{ctx.t('rp.letter.pdf')}</a>
          </p>
        ) : null}
        <p class="hint">{ctx.t('rp.letter.print_hint')}</p>
        {note ? <p class="notice notice-info">{note}</p> : null}
      </div>
      {letter}
    </div>
  );
}
