import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { chromium } from '@playwright/test';
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const variants = { current: (h) => h, nopreload: (h) => h.replace(/<link rel="modulepreload"[^>]*>/, '').replace(/<link rel="preload"[^>]*>/, ''), noscript: (h) => h.replace(/<link rel="modulepreload"[^>]*>/, '').replace(/<link rel="preload"[^>]*>/, '').replace(/<script type="module" src="\.\/embed\.js"><\/script>/, '') };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu', '--no-first-run', '--disable-background-networking'] });
let port = 4300; const ports = {}; const kids = [];
for (const [name, change] of Object.entries(variants)) {
  const dir = `/tmp/variants/${name}`;
  rmSync(dir, { recursive: true, force: true }); cpSync('/work/main/dist', dir, { recursive: true });
  let html = change(readFileSync(`${dir}/index.html`, 'utf8'));
  const css = html.match(/<style>([\s\S]*?)<\/style>/)[1];
  const hash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
  writeFileSync(`${dir}/index.html`, html); writeFileSync(`${dir}/index.html.gz`, gzipSync(html, { level: 9 })); writeFileSync(`${dir}/index.html.br`, brotliCompressSync(html));
  writeFileSync(`${dir}/_headers`, readFileSync(`${dir}/_headers`, 'utf8').replace(/'sha256-[^']+'/g, hash));
  const child = spawn(process.execPath, ['serve.mjs'], { env: { ...process.env, PORT: String(port), DIST_DIR: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => child.stdout.once('data', r)); kids.push(child); ports[name] = port++;
}
const res = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < 9; i++) for (const name of Object.keys(variants)) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  const page = await context.newPage(); const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable'); await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK); await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`http://127.0.0.1:${ports[name]}/`, { waitUntil: 'load' }); await page.waitForTimeout(200);
  res[name].push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime));
  await context.close();
}
for (const [k, v] of Object.entries(res)) console.log(k, Math.round(median(v)), v.map(Math.round).join(' '));
await browser.close(); kids.forEach((k) => k.kill());
