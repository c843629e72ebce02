// temporary: segment screenshots for viewing
import { seedDemo } from '../src/commands/seed-demo.js';
import { ManualClock } from '../src/domain/clock.js';
import { publicAgencyTree } from '../src/queries/agencies.js';
import { buildApp } from '../test/helpers/app.js';
import { launchBrowser, axeCheck, formatViolations } from '../test/browser/browser.js';
const [width, height, ...paths] = process.argv.slice(2);
const p = await buildApp({ clock: new ManualClock(new Date()) });
const seed = await seedDemo(p.app.deps); p.env.demo.value = true;
const tree = await publicAgencyTree(p.app.deps);
const yunxi = tree[1]?.children.find((c) => c.agency.name_zh === '云溪市人民政府') ?? tree[0]?.children.find((c) => c.agency.name_zh === '云溪市人民政府');
const base = await p.server.listen({ port: 0, host: '127.0.0.1' });
const b = await launchBrowser();
const ctx = await b.newContext({ viewport: { width: Number(width), height: Number(height) }, locale: 'zh-CN' });
const page = await ctx.newPage();
const login = seed.logins[0]!;
for (const raw of paths) {
  const path = raw.replace('CODE', yunxi!.agency.code).replace('ID', yunxi!.agency.id);
  if (path === 'LOGIN') {
    await page.goto(base + '/admin/login');
    await page.getByLabel('用户名').fill(login.username); await page.getByLabel('密码').fill(login.password);
    await page.getByRole('button', { name: '登录' }).click(); await page.waitForURL(/\/admin$/); continue;
  }
  await page.goto(base + path);
  const v = await axeCheck(page); if (v.length) console.log(formatViolations(path, v));
  const h = Number(await page.evaluate('document.documentElement.scrollHeight'));
  const w = Number(await page.evaluate('document.documentElement.scrollWidth'));
  const name = path.replace(/[^a-z0-9]+/gi, '_');
  console.log(path, 'scroll', w, h);
  for (let y = 0, i = 0; y < h; y += Number(height), i++) {
    await page.screenshot({ path: `/tmp/view/${width}${name}-${i}.png`, fullPage: true, clip: { x: 0, y, width: Number(width), height: Math.min(Number(height), h - y) } });
  }
}
await b.close(); await p.dispose();
