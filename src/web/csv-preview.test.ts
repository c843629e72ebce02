import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../i18n/i18n.js';
import { CsvPreview, excerptCsv } from './csv-preview.js';

const zh = translator('zh-CN');
const en = translator('en');
const render = (data: Uint8Array | string, t = zh, limits?: { rows: number; columns: number }): string =>
  CsvPreview({ t, name: '支出.csv', data, ...(limits ? { limits } : {}) }).html;

describe('CsvPreview', () => {
  it('renders the header row as column headings and escapes every cell', () => {
    const html = render('项目,说明\n办公,"<script>alert(1)</script>"\n"a ""quoted"" & b",<img src=x onerror=alert(1)>\n');
    assert.match(html, /<th scope="col">项目<\/th><th scope="col">说明<\/th>/);
    assert.ok(!html.includes('<script>'), html);
    assert.ok(!html.includes('<img'), html);
    assert.match(html, /<td>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td>/);
    assert.match(html, /<td>a &quot;quoted&quot; &amp; b<\/td>/);
    assert.match(html, /role="region" aria-label="表格预览：支出.csv" tabindex="0"/);
  });

  it('captions how many rows are shown of how many, in the reader\'s language', () => {
    const csv = 'n\n' + Array.from({ length: 250 }, (_, i) => `${i + 1}`).join('\n');
    const html = render(csv);
    assert.match(html, /<caption>显示前 200 行，共 250 行（不含表头）。<\/caption>/);
    assert.equal(html.match(/<tr>/g)?.length, 201); // header + 200 rows
    assert.ok(html.includes('<td>200</td>') && !html.includes('<td>201</td>'));
    assert.match(render('a,b\n1,2\n', en), /<caption>All 1 rows shown \(not counting the header\)\.<\/caption>/);
  });

  it('cuts wide tables at 30 columns, says so, and pads short rows', () => {
    const header = Array.from({ length: 40 }, (_, i) => `c${i + 1}`).join(',');
    const html = render(`${header}\n1,2\n`);
    assert.match(html, /显示前 30 列，共 40 列/);
    assert.ok(html.includes('>c30<') && !html.includes('>c31<'));
    assert.equal(html.match(/<td>/g)?.length, 30);
  });

  it('reads GB18030 bytes', () => {
    // "姓名,金额\n张三,100\n" saved by Excel as GB18030 (code page 936).
    const gb = Buffer.concat([Buffer.from('d0d5c3fb2cbdf0b6ee0a', 'hex'), Buffer.from('d5c5c8fd', 'hex'), Buffer.from(',100\n')]);
    const html = render(gb);
    assert.match(html, /<th scope="col">姓名<\/th><th scope="col">金额<\/th>/);
    assert.match(html, /<td>张三<\/td><td>100<\/td>/);
  });

  it('says so instead of a table when the file is empty or not text', () => {
    assert.match(render(''), /该文件没有内容/);
    assert.match(render(Buffer.from([0x61, 0x00, 0x62])), /无法预览此文件/);
    assert.match(render('a,"never closed\n1,2\n'), /无法预览此文件/); // a quote never closed
  });
});

describe('excerptCsv', () => {
  it('counts every row and the widest row while keeping only what is shown', () => {
    const ex = excerptCsv('a,b\n1,2,3\n4\n5,6\n', { rows: 1, columns: 2 });
    assert.deepEqual(ex, { header: ['a', 'b'], rows: [['1', '2']], totalRows: 3, totalColumns: 3 });
  });
});
