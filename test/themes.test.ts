import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../src/commands/actor.js';
import { createDraft } from '../src/commands/documents/create-draft.js';
import { addTheme, allThemes, renameTheme, setThemeActive } from '../src/commands/manage-themes.js';
import { AppError } from '../src/domain/errors.js';
import { DEFAULT_THEMES } from '../src/domain/documents/themes.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, draftInput, makeStaff, seedTree } from './helpers/factories.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe('theme taxonomy: a default tree the operator can extend, rename and retire', () => {
  let p: TestPlatform;
  before(async () => {
    p = await buildApp();
  });
  after(async () => p.dispose());

  test('the default tree is installed in order, children after their parent', async () => {
    const all = await allThemes(p.app.deps);
    assert.equal(all.filter((t) => !t.parent_code).length, DEFAULT_THEMES.length);
    assert.equal(all[0]?.code, 'general');
    assert.equal(all[1]?.code, 'general.openness');
  });

  test('operator changes; staff cannot; retired themes refuse new drafts', async () => {
    const d = p.app.deps;
    const t = await seedTree(d);
    const editor = await actorFor(d, await makeStaff(d, 'th-editor', t.city, 'editor'));
    await assert.rejects(addTheme(d, editor, { code: 'rural', zh: '乡村振兴', en: 'Rural revitalisation' }), (e) => code(e) === 'forbidden');
    await addTheme(d, SYSTEM_ACTOR, { code: 'rural', zh: '乡村振兴', en: 'Rural revitalisation' });
    await addTheme(d, SYSTEM_ACTOR, { code: 'rural.industry', parent: 'rural', zh: '乡村产业', en: 'Rural industry' });
    await assert.rejects(addTheme(d, SYSTEM_ACTOR, { code: 'rural', zh: '重复', en: 'dup' }), (e) => code(e) === 'validation_failed');
    await assert.rejects(addTheme(d, SYSTEM_ACTOR, { code: 'x.y', parent: 'rural', zh: '错', en: 'bad' }), (e) => code(e) === 'validation_failed');
    await renameTheme(d, SYSTEM_ACTOR, 'rural', '乡村全面振兴', 'Rural revitalisation');
    assert.equal((await allThemes(d)).find((x) => x.code === 'rural')?.name_zh, '乡村全面振兴');
    await createDraft(d, editor, t.city.id, draftInput({ theme_code: 'rural.industry' }));
    await setThemeActive(d, SYSTEM_ACTOR, 'rural', false);
    await assert.rejects(createDraft(d, editor, t.city.id, draftInput({ theme_code: 'rural.industry' })), (e) => code(e) === 'validation_failed');
    await setThemeActive(d, SYSTEM_ACTOR, 'rural', true);
    await createDraft(d, editor, t.city.id, draftInput({ theme_code: 'rural.industry' }));
  });

  test('the CLI lists and adds themes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-theme-'));
    const env: Record<string, string> = { ...(process.env as Record<string, string>), GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../src/cli.ts'), ...args], { env, encoding: 'utf8' });
    const add = run(['theme', 'add', 'digital', '数字政府', 'Digital government']);
    assert.equal(add.status, 0, add.stderr);
    const list = run(['theme', 'list']);
    assert.match(list.stdout, /^digital\t数字政府\tDigital government$/m);
    const bad = run(['theme', 'add', 'Bad Code', '坏', 'bad']);
    assert.equal(bad.status, 3);
  });
});
