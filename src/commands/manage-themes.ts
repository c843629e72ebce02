import { AppError, invalid } from '../domain/errors.js';
import { isThemeCode } from '../domain/documents/themes.js';
import { appendAudit } from '../store/repos/audit-repo.js';
import { isUniqueViolation } from '../store/dialect/dialect.js';
import type { Theme } from '../store/schema.js';
import { actorId, type Actor } from './actor.js';
import type { Deps } from './deps.js';
import { forgetPages, pageTag } from './page-renders.js';

/**
 * The theme taxonomy (主题分类) is instance-wide configuration, so only the operator (the CLI,
 * `system` actor) changes it. Themes are never deleted, since published documents name them:
 * they are renamed or retired (hidden from new drafts), and retiring can be undone.
 */
function operatorOnly(actor: Actor): void {
  if (actor.type !== 'system') throw new AppError('forbidden');
}

async function audit(deps: Deps, actor: Actor, action: string, code: string, detail: Record<string, unknown>): Promise<void> {
  await appendAudit(deps.db, { at: deps.clock.now().toISOString(), actorId: actorId(actor), actorUsername: actor.username, action, targetType: 'theme', targetId: code, agencyId: null, ip: actor.ip, detail });
}

/** Adds a theme, at the top level or under `parent`. A child's code must start with its parent's code and a dot. */
export async function addTheme(deps: Deps, actor: Actor, t: { code: string; parent?: string; zh: string; en: string }): Promise<void> {
  operatorOnly(actor);
  const code = t.code.trim();
  const issues = [];
  if (!isThemeCode(code)) issues.push({ field: 'code', code: 'bad_theme_code' });
  if (!t.zh.trim() || t.zh.length > 100) issues.push({ field: 'zh', code: 'required' });
  if (!t.en.trim() || t.en.length > 200) issues.push({ field: 'en', code: 'required' });
  if (t.parent && !code.startsWith(`${t.parent}.`)) issues.push({ field: 'code', code: 'bad_theme_code', message: `must start with ${t.parent}.` });
  if (!t.parent && code.includes('.')) issues.push({ field: 'parent', code: 'required' });
  if (issues.length) throw invalid(issues);
  if (t.parent && !(await deps.db.selectFrom('themes').select('code').where('code', '=', t.parent).executeTakeFirst())) throw new AppError('theme_not_found');
  const last = await deps.db.selectFrom('themes').select((eb) => eb.fn.max('sort_order').as('n')).where('parent_code', t.parent ? '=' : 'is', t.parent ?? null).executeTakeFirst();
  try {
    await deps.db.insertInto('themes').values({ code, parent_code: t.parent ?? null, name_zh: t.zh.trim(), name_en: t.en.trim(), sort_order: Number(last?.n ?? -1) + 1, active: 1 }).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid([{ field: 'code', code: 'duplicate_theme' }]);
    throw e;
  }
  await audit(deps, actor, 'theme.add', code, { parent: t.parent ?? null });
}

/** Renames a theme (both languages). */
export async function renameTheme(deps: Deps, actor: Actor, code: string, zh: string, en: string): Promise<void> {
  operatorOnly(actor);
  if (!zh.trim() || !en.trim()) throw invalid([{ field: 'name', code: 'required' }]);
  const updated = await deps.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('themes').set({ name_zh: zh.trim(), name_en: en.trim() }).where('code', '=', code).executeTakeFirst();
    // Document pages kept by static publishing show their theme's name.
    if (Number(r.numUpdatedRows) === 1) await forgetPages(trx, [pageTag.theme(code)]);
    return Number(r.numUpdatedRows) === 1;
  });
  if (!updated) throw new AppError('theme_not_found');
  await audit(deps, actor, 'theme.rename', code, { zh, en });
}

/** Retires a theme (and its children) from new drafts, or brings it back. */
export async function setThemeActive(deps: Deps, actor: Actor, code: string, active: boolean): Promise<void> {
  operatorOnly(actor);
  const r = await deps.db
    .updateTable('themes')
    .set({ active: active ? 1 : 0 })
    .where((eb) => eb.or([eb('code', '=', code), eb('code', 'like', `${code}.%`)]))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new AppError('theme_not_found');
  await audit(deps, actor, active ? 'theme.restore' : 'theme.retire', code, {});
}

/** Every theme, retired ones included, in tree order. */
export async function allThemes(deps: Deps): Promise<Theme[]> {
  const rows = await deps.db.selectFrom('themes').selectAll().orderBy('sort_order').execute();
  const out: Theme[] = [];
  const walk = (parent: string | null) => {
    for (const r of rows.filter((x) => x.parent_code === parent)) {
      out.push(r);
      walk(r.code);
    }
  };
  walk(null);
  return out;
}
