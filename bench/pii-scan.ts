// Speed of the personal-data scan (issue 3 runs it on every draft and attachment text).
// Usage: npx tsx bench/pii-scan.ts   — prints the median of 11 runs per input; not part of npm test.
import { scanPersonalData } from '../src/domain/pii.js';
import { median } from './lib.js';

const MB = 1 << 20;
const para =
  '根据《中华人民共和国政府信息公开条例》（国务院令第711号）和国办发〔2017〕47号文件，本机关于2026年1月5日' +
  '收到申请，索引号11441700007280420Y/2021-00050，预算金额1,234,567.89元，电话020-83123456。' +
  '申请人身份证11010519491231002X，手机139 1234 5678，银行卡6222021234567890128。\n';
const inputs: [string, string][] = [
  ['realistic 1 MB', para.repeat(Math.ceil(MB / Buffer.byteLength(para))).slice(0, MB)],
  ['all digits 1 MB', '1'.repeat(MB)],
  ['digit groups 1 MB', '1234 '.repeat(MB / 5)],
  ['at signs 1 MB', 'a@'.repeat(MB / 2)],
];
for (const [name, text] of inputs) {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    found = scanPersonalData(text).length;
    times.push(performance.now() - t0);
  }
  console.log(`${name.padEnd(20)} median ${median(times).toFixed(1)} ms  (${found} findings)`);
}
