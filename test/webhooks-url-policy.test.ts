import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkWebhookUrl, isPublicAddress, urlPolicyFor } from '../src/domain/webhooks/url-policy.js';
import { postWebhook } from '../src/channels/webhooks/sender.js';

const PROD = { allowLoopback: false };
const DEV = { allowLoopback: true };

describe('webhook receiver URLs (SSRF policy)', () => {
  test('an https instance accepts public https URLs only', () => {
    assert.deepEqual(checkWebhookUrl('https://hooks.example.com/gongkai?x=1', PROD), { ok: true, url: 'https://hooks.example.com/gongkai?x=1' });
    assert.deepEqual(checkWebhookUrl('  https://8.8.8.8:8443/h ', PROD), { ok: true, url: 'https://8.8.8.8:8443/h' });
    assert.equal(checkWebhookUrl('https://[2606:4700::1111]/h', PROD).ok, true);
    const refused: [string, string][] = [
      ['http://hooks.example.com/', 'https_required'],
      ['ftp://hooks.example.com/', 'bad_url'],
      ['javascript:alert(1)', 'bad_url'],
      ['not a url', 'bad_url'],
      ['https://hooks.example.com/#frag', 'bad_url'],
      ['https://user:pw@hooks.example.com/', 'url_credentials'],
      ['https://localhost/', 'private_address'],
      ['http://127.0.0.1:8080/', 'private_address'],
      ['https://127.0.0.1/', 'private_address'],
      ['https://[::1]/', 'private_address'],
      ['https://10.1.2.3/', 'private_address'],
      ['https://172.16.0.1/', 'private_address'],
      ['https://192.168.1.1/', 'private_address'],
      ['https://169.254.169.254/latest/meta-data', 'private_address'],
      ['https://100.64.0.1/', 'private_address'],
      ['https://0.0.0.0/', 'private_address'],
      ['https://224.0.0.1/', 'private_address'],
      ['https://2130706433/', 'private_address'], // 127.0.0.1 as one number: the URL parser rewrites it
      ['https://0x7f.1/', 'private_address'],
      ['https://[::ffff:10.0.0.1]/', 'private_address'],
      ['https://[fd00::1]/', 'private_address'],
      ['https://[fe80::1]/', 'private_address'],
      ['https://intranet/', 'private_address'],
      ['https://printer.local/', 'private_address'],
      ['https://db.internal/', 'private_address'],
      ['https://x.localhost/', 'private_address'],
      [`https://example.com/${'a'.repeat(2000)}`, 'too_long'],
    ];
    for (const [url, reason] of refused) assert.deepEqual(checkWebhookUrl(url, PROD), { ok: false, reason }, url);
  });

  test('a development instance (served over http) also accepts loopback receivers, and nothing else over http', () => {
    assert.deepEqual(urlPolicyFor('http://127.0.0.1:8080'), DEV);
    assert.deepEqual(urlPolicyFor('https://gongkai.example.gov.cn'), PROD);
    for (const url of ['http://127.0.0.1:9000/hooks', 'http://localhost:3000/', 'http://[::1]:8080/x']) assert.equal(checkWebhookUrl(url, DEV).ok, true, url);
    assert.deepEqual(checkWebhookUrl('http://hooks.example.com/', DEV), { ok: false, reason: 'https_required' });
    assert.deepEqual(checkWebhookUrl('https://10.0.0.1/', DEV), { ok: false, reason: 'private_address' });
  });

  test('address classification', () => {
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700::1111', '2001:4860:4860::8888']) assert.equal(isPublicAddress(a), true, a);
    for (const a of ['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.100.100.200', '::', '::1', '::ffff:127.0.0.1', '::ffff:192.168.1.1', 'fc00::1', 'fe80::1', 'ff02::1', '2001:db8::1', '64:ff9b::a00:1', '2002:c0a8:101::1', '198.18.0.1', '255.255.255.255', 'nonsense']) {
      assert.equal(isPublicAddress(a), false, a);
    }
  });

  test('when sending, a literal private address is refused without a connection', async () => {
    const r = await postWebhook('https://10.0.0.1/h', {}, '{}', { timeoutMs: 1000, userAgent: 't' });
    assert.equal(r.ok, false);
    assert.equal(r.statusCode, null);
    assert.match(r.error ?? '', /address_refused/);
  });

  test('when sending, a host name that resolves to a private address is refused at connection time', async () => {
    let asked = '';
    const resolveTo = (address: string) => (host: string, _f: number, cb: (e: Error | null, a: { address: string; family: number }[]) => void) => {
      asked = host;
      cb(null, [{ address: '93.184.215.14', family: 4 }, { address, family: address.includes(':') ? 6 : 4 }]);
    };
    for (const addr of ['10.0.0.5', '127.0.0.1', '169.254.169.254', 'fd12::1']) {
      const r = await postWebhook('http://hooks.example.com/h', {}, '{}', { timeoutMs: 2000, userAgent: 't', resolve: resolveTo(addr) });
      assert.equal(asked, 'hooks.example.com');
      assert.equal(r.ok, false);
      assert.equal(r.statusCode, null);
      assert.equal(r.error, `address_refused ${addr}`);
    }
  });
});
