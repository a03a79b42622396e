// Helpers of the browser tests (tests/e2e/*.test.mjs): Debian's Chromium driven by playwright-core,
// against the site tests/e2e/run.sh brings up. run.sh passes, in the environment:
//   E2E_URL    the site, e.g. http://127.0.0.1:8161
//   E2E_SITE   the JSON written by tests/e2e/setup-site.php (pages, widget, the secretary)
//   E2E_SHOTS  where screenshots go (docs/screenshots)
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const URL_BASE = (process.env.E2E_URL || 'http://127.0.0.1:8161').replace(/\/$/, '');
export const SITE = JSON.parse(readFileSync(process.env.E2E_SITE || '.work/test-e2e/e2e-site.json', 'utf8'));
export const SHOTS = process.env.E2E_SHOTS || 'docs/screenshots';
export const WIDTHS = [1280, 375];

/** Launches Debian's Chromium (never a downloaded one). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN:zh', TZ: 'Asia/Shanghai' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--hide-scrollbars',
      '--font-render-hinting=none',
      '--lang=zh-CN',
    ],
  });
}

/** A new page of the given width (a fresh context: no cookies), in Chinese, Shanghai time. */
export async function openPage(browser, width, storageState) {
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 800 : 900 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
    storageState,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.jsErrors = errors;
  return page;
}

/** Goes to a path of the site and waits for the page, its fonts and its images. */
export async function visit(page, path) {
  const url = path.startsWith('http') ? path : URL_BASE + path;
  const resp = await page.goto(url, { waitUntil: 'load' });
  assert.ok(resp, `no response for ${url}`);
  assert.equal(resp.status(), 200, `${url} answered HTTP ${resp.status()}`);
  await settle(page);
  return resp;
}

/** Waits until fonts are loaded and nothing moves any more. */
export async function settle(page) {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/** Asserts that the page does not scroll sideways (the narrow window's rule). */
export async function assertNoHorizontalScroll(page, what) {
  const m = await page.evaluate(() => {
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && r.width > 0) wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(r.right)})`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide: wide.slice(0, 5) };
  });
  assert.ok(
    m.scrollWidth <= m.innerWidth,
    `${what}: scrolls sideways at ${m.innerWidth} px (scrollWidth ${m.scrollWidth}); too wide: ${m.wide.join(', ')}`,
  );
}

/** Saves a screenshot under docs/screenshots/NAME.png (the whole page, fixed viewport). */
export async function shoot(page, name, opts = {}) {
  mkdirSync(SHOTS, { recursive: true });
  await settle(page);
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? true, animations: 'disabled', caret: 'hide', ...opts.extra });
  return path;
}

/** GET /wp-json/dangjian/v1/stats with query parameters: the public figures the site computes. */
export async function restStats(params = {}) {
  const q = new URLSearchParams(params).toString();
  const resp = await fetch(`${URL_BASE}/wp-json/dangjian/v1/stats${q ? '?' + q : ''}`);
  assert.equal(resp.status, 200, `GET /stats?${q} answered ${resp.status}`);
  return resp.json();
}

/**
 * The showcase figures inside a scope (class-showcase.php's stable markup): every element with class
 * dangjian-figure, as { name (data-figure), value (data-value as a number, null when ''), text (the
 * formatted number, .dangjian-figure__number), unit (.dangjian-figure__unit), label
 * (.dangjian-figure__label), visible }.
 */
export async function figuresIn(page, scopeSelector) {
  return page.locator(scopeSelector).first().evaluate((scope) => {
    const out = [];
    for (const el of scope.querySelectorAll('.dangjian-figure[data-figure]')) {
      const q = (sel) => { const e = el.querySelector(sel); return e ? (e.innerText || e.textContent || '').trim() : ''; };
      const raw = el.getAttribute('data-value');
      out.push({
        name: el.getAttribute('data-figure'),
        value: raw === null || raw === '' ? null : Number(raw),
        raw,
        text: q('.dangjian-figure__number'),
        unit: q('.dangjian-figure__unit'),
        label: q('.dangjian-figure__label'),
        visible: !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length),
      });
    }
    return out;
  });
}

/** The figures of a scope by name (the first of each name). */
export async function figureMap(page, scopeSelector) {
  const map = {};
  for (const f of await figuresIn(page, scopeSelector)) {
    if (!(f.name in map)) map[f.name] = f;
  }
  return map;
}

/**
 * Reads a displayed figure back: "8,356" → {v: 8356}, "1.2万" → {v: 12000, unit: 1e4},
 * "300余" → {v: 300, more: true}, "47.4%" → {v: 0.474, percent: true}. v is NaN when there is no number.
 */
export function parseShown(text) {
  const t = String(text).replace(/[,，\s]/g, '');
  const m = t.match(/-?\d+(?:\.\d+)?/);
  if (!m) return { v: NaN };
  let v = Number(m[0]);
  const after = t.slice(m.index + m[0].length);
  let unit = 1;
  if (after.startsWith('亿')) unit = 1e8;
  else if (after.startsWith('万')) unit = 1e4;
  v *= unit;
  const percent = after.startsWith('%');
  if (percent) v /= 100;
  return { v, unit, more: /余/.test(after), percent, digits: m[0] };
}

/**
 * Asserts that a shown text stands for an exact value, the way the showcase promises (issue 4): exact
 * figures below 10,000; 万 / 亿 with one decimal, half up, from 10,000 (the "auto" form in Chinese);
 * "余" forms rounded down, never overstating; percentages to a tenth.
 */
export function assertShows(text, value, what, { mode = 'auto' } = {}) {
  const s = parseShown(text);
  assert.ok(!Number.isNaN(s.v), `${what}: shows "${text}", no number in it`);
  const eps = 1e-9;
  if (s.percent) {
    assert.ok(Math.abs(s.v - value) <= 0.0005 + eps, `${what}: shows "${text}" for the ratio ${value}`);
    return;
  }
  if (s.more) {
    const step = s.unit > 1 ? s.unit / 10 : 100;
    assert.ok(s.v < value && value < s.v + step, `${what}: shows "${text}" (more than ${s.v}) for ${value}`);
    return;
  }
  if (s.unit > 1) {
    assert.ok(Math.abs(s.v - value) <= s.unit / 20 + eps, `${what}: shows "${text}" (${s.v}) for ${value}`);
    return;
  }
  assert.ok(Math.abs(s.v - value) <= 0.005 + eps, `${what}: shows "${text}" (${s.v}), not exactly ${value}`);
  if (mode === 'auto' && Math.abs(value) >= 10000) {
    assert.fail(`${what}: ${value} shown as "${text}", not in the customary 万 form`);
  }
}

/**
 * Checks a chart (class-charts.php's markup) inside a locator: an accessible inline SVG (role img,
 * aria-labelledby naming its <title> and <desc>, the title in Chinese), a data table holding every
 * number drawn (same data-value), the table reachable (opening its <details> shows it). Returns the
 * table as { key: { series: value } }.
 */
export async function checkChart(scope, kind, what) {
  const fig = scope.locator(`figure.dangjian-chart[data-chart="${kind}"]`);
  assert.equal(await fig.count(), 1, `${what}: no chart "${kind}" (figure.dangjian-chart[data-chart="${kind}"])`);
  const info = await fig.evaluate((f) => {
    const svg = f.querySelector('svg');
    const ids = (svg?.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const named = ids.map((id) => document.getElementById(id));
    const table = f.querySelector('table[data-chart-table]');
    const rows = {};
    for (const tr of table ? table.querySelectorAll('tbody tr[data-key]') : []) {
      rows[tr.dataset.key] = {};
      for (const td of tr.querySelectorAll('td[data-series]')) rows[tr.dataset.key][td.dataset.series] = td.dataset.value;
    }
    const drawn = [...(svg ? svg.querySelectorAll('[data-key][data-value]') : [])].map((e) => ({ key: e.dataset.key, series: e.dataset.series || '', value: e.dataset.value }));
    const r = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    return {
      hasSvg: !!svg,
      role: svg?.getAttribute('role'),
      title: svg?.querySelector(':scope > title')?.textContent.trim() || '',
      labelledOk: ids.length >= 1 && named.every(Boolean) && named[0]?.tagName.toLowerCase() === 'title',
      desc: svg?.querySelector(':scope > desc')?.textContent.trim() || '',
      tableKind: table?.dataset.chartTable || '',
      headers: table ? [...table.querySelectorAll('thead th')].map((t) => t.textContent.trim()) : [],
      rows,
      drawn,
      width: r.width,
      height: r.height,
    };
  });
  assert.ok(info.hasSvg, `${what}: the chart has no inline SVG`);
  assert.equal(info.role, 'img', `${what}: the SVG has no role="img"`);
  assert.ok(info.labelledOk, `${what}: aria-labelledby does not name the SVG's <title>`);
  assert.match(info.title, /[\u4e00-\u9fff]/, `${what}: the chart's title "${info.title}" is not Chinese`);
  assert.match(info.desc, /[\u4e00-\u9fff]/, `${what}: the chart's description "${info.desc}" is not Chinese`);
  assert.ok(info.width > 100 && info.height > 40, `${what}: the chart is ${info.width}×${info.height} px`);
  assert.equal(info.tableKind, kind, `${what}: no data table for the chart`);
  for (const h of info.headers) assert.doesNotMatch(h, /^[A-Za-z ]{4,}$/, `${what}: table heading "${h}" in English`);
  assert.ok(Object.keys(info.rows).length >= 1, `${what}: the data table is empty`);
  assert.ok(info.drawn.length >= 1, `${what}: the SVG draws no value`);
  for (const d of info.drawn) {
    const row = info.rows[d.key];
    assert.ok(row, `${what}: drawn key ${d.key} has no row in the table`);
    const cell = d.series ? row[d.series] : Object.values(row)[0];
    assert.equal(cell, d.value, `${what}: ${d.key}/${d.series || 'first'} drawn ${d.value}, table ${cell}`);
  }
  // The table is there for everyone: open its <details>.
  const table = fig.locator('table[data-chart-table]');
  if (!(await table.isVisible())) await fig.locator('details > summary').click();
  assert.ok(await table.isVisible(), `${what}: the data table cannot be shown`);
  return info.rows;
}

/** Logs in through wp-login.php's form; returns after the dashboard has loaded. */
export async function login(page, user, password) {
  await visit(page, '/wp-login.php');
  await page.fill('#user_login', user);
  await page.fill('#user_pass', password);
  await Promise.all([page.waitForURL(/\/wp-admin\//), page.click('#wp-submit')]);
  await settle(page);
  assert.ok(await page.locator('#wpadminbar').count(), `the login of ${user} did not reach the admin`);
}

/** The secretary's login and password (written by setup-site.php). */
export function secretary() {
  return {
    login: SITE.secretary.login,
    name: SITE.secretary.display_name,
    password: readFileSync(SITE.secretary.password_file, 'utf8').trim(),
  };
}

/**
 * Registers a test file's before/after hooks: Chromium launched once for the file and closed after it;
 * with { secretary: true }, the secretary also logged in once through wp-login.php's form (in a
 * context closed afterwards) and the cookies kept. Returns { browser, state }, filled in by the before
 * hook: pages are then opened with openPage(session.browser, width, session.state).
 */
export function useBrowser({ secretary: asSecretary = false } = {}) {
  const session = { browser: undefined, state: undefined };
  before(async () => {
    session.browser = await launch();
    if (!asSecretary) return;
    const page = await openPage(session.browser, 1280);
    const s = secretary();
    await login(page, s.login, s.password);
    session.state = await page.context().storageState();
    await page.context().close();
  });
  after(async () => {
    await session.browser?.close();
  });
  return session;
}

/** Asserts a text is Chinese, not English left untranslated. */
export function assertChinese(text, what) {
  assert.match(text, /[\u4e00-\u9fff]/, `${what}: "${text}" holds no Chinese`);
}

/** What each figure's Chinese label must say (whatever the exact wording the translation chooses). */
export const LABEL_RE = {
  party_members: /党员/,
  full: /正式党员/,
  probationary: /预备党员/,
  activists: /积极分子/,
  candidates: /发展对象/,
  applicants: /申请/,
  service_activities: /活动/,
  service_hours: /时长|小时/,
  volunteer_hours: /时长|小时/,
  volunteers: /志愿|人数/,
  fee_waived: /减免/,
  donation: /捐/,
  beneficiaries: /受益|服务对象|帮助|惠及/,
  meetings: /会议/,
  coverage: /报道/,
  honours: /荣誉/,
};

/**
 * Checks one showcase (div.dangjian-showcase inside scopeSelector) against the site's own figures:
 * its layout, context and period (data-*), and for every expected figure: present, visible, data-value
 * equal to the REST figure, the number shown standing for it (assertShows), the label in Chinese
 * (LABEL_RE, no English word). Returns the figures by name.
 */
export async function checkShowcase(page, scopeSelector, { figures, layout, context, period }, rest, what) {
  const box = page.locator(`${scopeSelector} .dangjian-showcase`).first();
  assert.equal(await page.locator(`${scopeSelector} .dangjian-showcase`).count() >= 1, true, `${what}: no showcase (.dangjian-showcase)`);
  const data = await box.evaluate((d) => ({ ...d.dataset, cls: d.className }));
  assert.equal(data.layout, layout, `${what}: layout`);
  assert.match(data.cls, new RegExp(`dangjian-showcase--${layout}\\b`), `${what}: layout class`);
  assert.equal(data.context, context, `${what}: data-context`);
  assert.equal(data.period, period, `${what}: data-period`);
  assert.equal(data.from, rest.period.from, `${what}: data-from`);
  assert.equal(data.to, rest.period.to, `${what}: data-to`);
  const shown = await figureMap(page, `${scopeSelector} .dangjian-showcase`);
  for (const key of figures) {
    const f = shown[key];
    assert.ok(f, `${what}: figure ${key} missing (data-figure="${key}")`);
    assert.ok(f.visible, `${what}: figure ${key} is hidden`);
    const expected = rest.figures[key];
    assert.notEqual(expected, undefined, `${what}: REST has no ${key}`);
    const value = typeof expected === 'object' && expected !== null ? expected.total : expected;
    assert.ok(Math.abs(f.value - value) < 1e-9, `${what}: ${key} data-value ${f.raw}, the site computes ${value}`);
    assertShows(f.text, value, `${what}: ${key}`);
    assertChinese(f.label, `${what}: label of ${key}`);
    assert.doesNotMatch(f.label, /[A-Za-z]{3,}/, `${what}: label of ${key} "${f.label}" has English in it`);
    if (LABEL_RE[key]) assert.match(f.label, LABEL_RE[key], `${what}: label of ${key} "${f.label}"`);
  }
  return shown;
}

/** Checks a chart's numbers against the REST figures of its period. */
export function checkChartData(kind, rows, rest, what) {
  if (kind === 'month') {
    // The chart ends with the current month (rest.period.as_of, the site's today when the period holds
    // it): the months after it, with nothing recorded yet, are neither drawn nor in its table.
    const byMonth = [...rest.figures.by_month];
    const now = rest.period.as_of.slice(0, 7);
    const empty = (m) => !m.activities && !m.hours && !m.beneficiaries;
    while (byMonth.length && byMonth.at(-1).month > now && empty(byMonth.at(-1))) byMonth.pop();
    assert.deepEqual(Object.keys(rows), byMonth.map((m) => m.month), `${what}: the months`);
    for (const m of byMonth) {
      assert.equal(Number(rows[m.month].hours), m.hours, `${what}: ${m.month} hours`);
      assert.equal(Number(rows[m.month].beneficiaries), m.beneficiaries, `${what}: ${m.month} beneficiaries`);
      assert.equal(Number(rows[m.month].activities), m.activities, `${what}: ${m.month} activities`);
    }
  } else if (kind === 'venue') {
    const venues = rest.figures.venues;
    assert.deepEqual(Object.keys(rows).sort(), Object.keys(venues).sort(), `${what}: the venue kinds`);
    for (const [k, v] of Object.entries(venues)) {
      assert.equal(Number(rows[k].venues), v.venues, `${what}: ${k} venues`);
      assert.equal(Number(rows[k].beneficiaries), v.beneficiaries, `${what}: ${k} beneficiaries`);
    }
  } else if (kind === 'pipeline') {
    for (const stage of ['applicants', 'activists', 'candidates', 'probationary', 'full']) {
      assert.equal(Number(rows[stage]?.people), rest.figures[stage], `${what}: stage ${stage}`);
    }
  }
}
