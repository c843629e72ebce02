import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';

/**
 * The printable page around a reply letter: a back link and a hint, hidden when printing, then
 * the letter. A PDF comes from the browser's "print to PDF": no maintained PDF package of ours can
 * embed a CJK font, and the print stylesheet lays the letter out on A4.
 */
export function LetterPage({ ctx, back, letter, note }: { ctx: RequestContext; back: string; letter: SafeHtml; note?: string }): SafeHtml {
  return (
    <div class="letter-page">
      <div class="letter-tools">
        <p>
          <a href={back}>{ctx.t('rp.letter.back')}</a>
        </p>
        <p class="hint">{ctx.t('rp.letter.print_hint')}</p>
        {note ? <p class="notice notice-info">{note}</p> : null}
      </div>
      {letter}
    </div>
  );
}
