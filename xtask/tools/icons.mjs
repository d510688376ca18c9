// Renders the web-app icons for the installable standalone page from src/app/icon.svg:
//   src/app/icon-192.png           192x192, rounded corners (radius 22%), transparent outside
//   src/app/icon-512.png           512x512, the same
//   src/app/icon-maskable-512.png  512x512, full-bleed square for `"purpose": "maskable"`;
//                                  the mark sits inside the centred safe-zone circle
//                                  (radius 40% of the width), so any platform mask keeps it.
// Uses Playwright (playwright-core, installed by tests/e2e's npm install) driving Debian's
// Chromium at /usr/bin/chromium; it never downloads a browser.
// Usage, from the repository root, after editing icon.svg:  node xtask/tools/icons.mjs
// The PNGs are committed, so builds need neither this script nor a browser.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const appDir = join(root, 'src', 'app');
const svg = readFileSync(join(appDir, 'icon.svg'), 'utf8').replace(/<\?xml[^>]*\?>\s*/, '');

const icons = [
  { file: 'icon-192.png', size: 192, rounded: true },
  { file: 'icon-512.png', size: 512, rounded: true },
  { file: 'icon-maskable-512.png', size: 512, rounded: false },
];

const page_html = (size, rounded) => {
  // The SVG fills the viewport; a rounded, clipping wrapper makes the corners transparent.
  const sized = svg.replace(/<svg\b([^>]*?)\swidth="[^"]*"\s+height="[^"]*"/, '<svg$1')
    .replace(/<svg\b/, `<svg width="${size}" height="${size}"`);
  return `<!doctype html><html><head><style>
html, body { margin: 0; padding: 0; background: transparent; }
#icon { width: ${size}px; height: ${size}px; overflow: hidden;${rounded ? ' border-radius: 22%;' : ''} }
#icon svg { display: block; }
</style></head><body><div id="icon">${sized}</div></body></html>`;
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  const context = await browser.newContext({ deviceScaleFactor: 1 });
  const page = await context.newPage();
  for (const { file, size, rounded } of icons) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(page_html(size, rounded));
    const path = join(appDir, file);
    await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`${file}  ${size}x${size}${rounded ? '  rounded' : '  full-bleed'}`);
  }
} finally {
  await browser.close();
}
