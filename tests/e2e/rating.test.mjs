// 星级创评：书记在后台导入评分细则（有错误的细则被整体拒绝并指出位置），给人工评分条目打分，看到星级随之变化。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, visit, shoot, settle } from './lib.mjs';

const session = useBrowser({ secretary: true });

const YEAR = new Date().getFullYear();
const PAGE = `/wp-admin/admin.php?page=dangjian-rating&year=${YEAR}`;

// A small rubric: one manual item worth 100 points, the common bands, one veto item.
const RUBRIC = {
  format: 'dangjian-rating-rubric',
  version: 1,
  name: '浏览器测试细则',
  max_total: 100,
  bands: [
    { stars: 5, min: 90 },
    { stars: 4, min: 80 },
    { stars: 3, min: 70 },
    { stars: 2, min: 60 },
  ],
  vetoes: [{ id: 'violation', label: '严重违纪' }],
  indicators: [
    {
      id: 'opinion',
      name: '群众评价',
      max: 100,
      items: [{ id: 'survey', label: '职工群众满意度测评', kind: 'manual', points: 100 }],
    },
  ],
};

async function summary(page) {
  const box = page.locator('.dangjian-rating-summary');
  return {
    stars: Number(await box.getAttribute('data-stars')),
    total: Number(await box.getAttribute('data-total')),
    shown: await page.locator('.dangjian-rating-stars').innerText(),
  };
}

async function saveRubric(page, json) {
  await page.fill('#dangjian-rating-json', json);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('page=dangjian-rating')),
    page.locator('form.dangjian-rating-rubric').filter({ has: page.locator('#dangjian-rating-json') }).locator('[type=submit]').click(),
  ]);
  await page.waitForLoadState('load');
  await page.locator('#dangjian-rating').waitFor();
  await settle(page);
}

async function scoreSurvey(page, points) {
  const row = page.locator('tr[data-item="survey"]');
  await row.locator('details summary').click();
  await row.locator('input[name="points"]').fill(String(points));
  await row.locator('textarea[name="note"]').fill(`满意率测评，得${points}分`);
  await row.locator('textarea[name="evidence"]').fill('https://example.org/survey.pdf');
  await Promise.all([page.waitForURL(/dj_notice=scored/), row.locator('[type=submit]').click()]);
  await settle(page);
}

test('星级创评：演示支部去年的评定已关闭，八项指标逐项有得分和依据，五星', async () => {
  const page = await openPage(session.browser, 1280, session.state);
  try {
    await visit(page, `/wp-admin/admin.php?page=dangjian-rating&year=${YEAR - 1}`);
    await page.locator('#dangjian-rating').waitFor();
    const s = await summary(page);
    assert.equal(s.stars, 5, `去年的星级：${s.shown}`);
    assert.ok(s.total >= 90 && s.total <= 100, `去年的得分：${s.total}`);
    const text = await page.locator('#dangjian-rating').innerText();
    for (const name of ['领导班子', '骨干队伍', '活动阵地', '工作制度', '保障机制', '工作业绩', '群众评价', '加分项目']) {
      assert.match(text, new RegExp(name), `缺少指标“${name}”`);
    }
    assert.match(text, /职工满意度测评，满意率88%/, '人工条目的评分依据');
    await shoot(page, 'rating-1280', { fullPage: false });
    assert.deepEqual(page.jsErrors, []);
  } finally {
    await page.context().close();
  }
});

test('星级创评：细则有错时整体拒绝；给人工条目打分后星级随之变化', async () => {
  const page = await openPage(session.browser, 1280, session.state);
  try {
    await visit(page, PAGE);
    await page.locator('#dangjian-rating').waitFor();
    assert.match(await page.locator('#dangjian-rating h1').innerText(), /星级创评|Star rating/);

    // A rubric with an unknown figure: refused whole, the path named, the typed JSON kept.
    const bad = structuredClone(RUBRIC);
    bad.indicators[0].items.push({
      id: 'lessons', label: '党课', kind: 'automatic', figure: 'lesson_count', args: {},
      rule: { type: 'threshold', compare: '>=', value: 4, points: 5 },
    });
    const badJson = JSON.stringify(bad, null, 2);
    await saveRubric(page, badJson);
    const errors = await page.locator('.dangjian-rating-errors').innerText();
    assert.match(errors, /indicators\[0\]\.items\[1\]\.figure/);
    assert.match(errors, /lesson_count/);
    assert.equal(await page.locator('#dangjian-rating-json').inputValue(), badJson, 'the typed JSON is kept');

    // The good rubric: this year's draft takes it; nothing scored yet, so one star.
    await visit(page, PAGE);
    await saveRubric(page, JSON.stringify(RUBRIC, null, 2));
    await page.waitForURL(/dj_notice=rubric/);
    let s = await summary(page);
    assert.deepEqual([s.stars, s.total], [1, 0]);

    // 75 points: three stars.
    await scoreSurvey(page, 75);
    s = await summary(page);
    assert.deepEqual([s.stars, s.total], [3, 75]);
    assert.equal(s.shown, '★★★☆☆');
    assert.equal(await page.locator('tr[data-item="survey"]').getAttribute('data-points'), '75');
    assert.match(await page.locator('tr[data-item="survey"]').innerText(), /满意率测评，得75分/);
    assert.match(await page.locator('.dangjian-rating-gap').innerText(), /4\D+5/); // 4 stars needs 5 more points.

    // 92 points: five stars; the history chart's bar for this year says so too.
    await scoreSurvey(page, 92);
    s = await summary(page);
    assert.deepEqual([s.stars, s.total], [5, 92]);
    const bar = page.locator(`svg.dangjian-rating-chart g[data-year="${YEAR}"]`);
    assert.equal(await bar.getAttribute('data-stars'), '5');
    assert.equal(await bar.getAttribute('data-total'), '92');

    // A veto item switched on: no star, whatever the points.
    const veto = page.locator('li[data-veto="violation"]');
    await veto.locator('input[name="on"]').check();
    await Promise.all([page.waitForURL(/dj_notice=scored/), veto.locator('[type=submit]').click()]);
    s = await summary(page);
    assert.deepEqual([s.stars, s.total], [0, 92]);

    // Back to the eight-indicator preset for whatever runs next.
    await page.selectOption('#dangjian-rating-preset', 'eight_standard');
    await Promise.all([
      page.waitForURL(/dj_notice=rubric/),
      page.locator('form.dangjian-rating-rubric').filter({ has: page.locator('#dangjian-rating-preset') }).locator('[type=submit]').click(),
    ]);
    assert.equal(await page.locator('.dangjian-rating-table tbody th[scope=row]').count(), 8, 'the eight indicators are back');
    assert.deepEqual(page.jsErrors, []);
  } finally {
    await page.context().close();
  }
});
