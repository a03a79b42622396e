// tests/network/screenshot.mjs - a picture of the network screen for docs/NETWORK.md.
//
//   node tests/network/screenshot.mjs URL PASSWORD_FILE OUT.png
//
// Logs in as admin with Debian's Chromium (playwright-core from tests/e2e/node_modules) and takes
// the network admin screen at 1280 px. Run by hand on a network of scripts/wp-network.sh.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [url, pwFile, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${url}/wp-login.php`);
await page.fill('#user_login', 'admin');
await page.fill('#user_pass', readFileSync(pwFile, 'utf8').trim());
await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
await page.goto(`${url}/wp-admin/network/admin.php?page=dangjian-network&orderby=party_members&order=desc`);
await page.waitForSelector('#dangjian-network-table');
await page.screenshot({ path: out, fullPage: false });
await browser.close();
console.log(`screenshot: ${out}`);
