import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import type { Phase } from '../../domain/consultations/rules.js';
import type { DraftParagraph } from '../../domain/consultations/paragraphs.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { wallClock } from '../../domain/consultations/wall-clock.js';

export { wallClock };

/** `2026-03-02 09:00 至 2026-03-16 18:00（Asia/Shanghai）`. */
export function windowText(ctx: RequestContext, c: { starts_at: string; ends_at: string; time_zone: string }): string {
  return ctx.t('cs.window', { from: wallClock(c.starts_at, c.time_zone), to: wallClock(c.ends_at, c.time_zone), tz: c.time_zone });
}

/** The visible label of a paragraph: its article (第三条), clause (第三条第2款) or 第n段. */
export function paragraphLabel(ctx: RequestContext, p: Pick<DraftParagraph, 'no' | 'article' | 'clause'> | undefined, no: number | null): string {
  if (no === null) return ctx.t('cs.whole_draft');
  if (p?.article && p.clause > 1) return ctx.t('cs.paragraph_clause', { article: p.article, clause: p.clause, no });
  if (p?.article) return ctx.t('cs.paragraph_article', { article: p.article, no });
  return ctx.t('cs.paragraph_n', { no });
}

/** Received comments per article (or per paragraph outside articles), in reading order. */
export function perArticle(ctx: RequestContext, paragraphs: DraftParagraph[], perParagraph: { paragraph_no: number | null; n: number }[]): { label: string; n: number }[] {
  const out = new Map<string, number>();
  const byNo = new Map(paragraphs.map((p) => [p.no, p]));
  for (const x of perParagraph) {
    const p = x.paragraph_no === null ? undefined : byNo.get(x.paragraph_no);
    const label = x.paragraph_no === null ? ctx.t('cs.whole_draft') : p?.article ? p.article : paragraphLabel(ctx, p, x.paragraph_no);
    out.set(label, (out.get(label) ?? 0) + x.n);
  }
  return [...out.entries()].map(([label, n]) => ({ label, n }));
}

/** The phase as a text badge (not colour alone). */
export function PhaseBadge({ ctx, phase }: { ctx: RequestContext; phase: Phase }): SafeHtml {
  return <span class={`tag cs-phase cs-phase-${phase}`}>{ctx.t(`cs.phase.${phase}` as MessageKey) /* every Phase has a key */}</span>;
}

/** A message key built from a stored code (reasons, decisions), with the key family checked by the caller's union. */
export function codeText(ctx: RequestContext, family: 'reason' | 'decision' | 'queue', code: string): string {
  return ctx.t(`cs.${family}.${code}` as MessageKey); // codes are validated against their unions before storage
}
