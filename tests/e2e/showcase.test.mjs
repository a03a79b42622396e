// 公开展示：短代码 [dangjian]（几种属性组合）、区块 dangjian/stats、侧边栏小工具。
// 每个数字都与站点自己算出的数字（REST GET /dangjian/v1/stats，同一期间）一致，标签为中文。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, openPage, visit, shoot, restStats, checkShowcase, checkChart, checkChartData, figureMap,
  assertNoHorizontalScroll, assertChinese, login, secretary, SITE, WIDTHS,
} from './lib.mjs';

const session = useBrowser();

const path = (name) => new URL(SITE.pages[name]).pathname;
const DEFAULT_FIGURES = ['party_members', 'service_activities', 'service_hours', 'beneficiaries', 'fee_waived', 'meetings'];

// The shortcode's variants on /figures/ (tests/e2e/setup-site.php writes them).
const VARIANTS = {
  'sc-default': { figures: DEFAULT_FIGURES, layout: 'cards', period: 'this_year', chart: null },
  'sc-cards': { figures: ['party_members', 'probationary', 'activists', 'service_activities', 'service_hours', 'beneficiaries'], layout: 'cards', period: 'this_year', chart: 'month' },
  'sc-table': { figures: ['party_members', 'service_activities', 'service_hours', 'fee_waived', 'beneficiaries', 'meetings'], layout: 'table', period: 'last_year', chart: 'venue' },
  'sc-list': { figures: ['party_members', 'probationary', 'activists', 'candidates'], layout: 'list', period: 'all', chart: 'pipeline' },
  // Unknown values fall back to the defaults: this year, cards, no chart; the unknown figure is left out.
  'sc-bad': { figures: ['party_members'], layout: 'cards', period: 'this_year', chart: null },
};

for (const width of WIDTHS) {
  test(`短代码页面（${width} px）：各种属性组合的数字、中文标签和图表`, async () => {
    const page = await openPage(session.browser, width);
    try {
      await visit(page, path('shortcode'));
      await shoot(page, `shortcode-${width}`);
      if (width === 375) await assertNoHorizontalScroll(page, '短代码页面');
      const rests = {};
      for (const [id, v] of Object.entries(VARIANTS)) {
        rests[v.period] ??= await restStats({ period: v.period });
        const rest = rests[v.period];
        const what = `[${id}]`;
        const shown = await checkShowcase(page, `#${id}`, { ...v, context: 'shortcode' }, rest, what);
        // Exactly the asked-for figures, in that order.
        const names = Object.keys(shown);
        assert.deepEqual(names, v.figures, `${what}: the figures shown`);
        const scope = page.locator(`#${id}`);
        if (v.chart) {
          const rows = await checkChart(scope, v.chart, `${what} chart`);
          checkChartData(v.chart, rows, rest, `${what} chart`);
        } else {
          assert.equal(await scope.locator('figure.dangjian-chart').count(), 0, `${what}: a chart nobody asked for`);
        }
      }
      // A visitor never sees the editor's notice about the bad attributes, nor any person's name.
      assert.equal(await page.locator('[data-dangjian-notice]').count(), 0, '访客看到了编辑提示');
      const body = await page.locator('main, #main, body').first().innerText();
      assert.doesNotMatch(body, /张丽华|王建国|李雪梅/, '公开页面出现了个人姓名');
      assert.deepEqual(page.jsErrors, [], 'JavaScript 错误');
    } finally {
      await page.context().close();
    }
  });
}

test('短代码：错误的属性值只提示编辑（书记登录后可见），并说明原因', async () => {
  const page = await openPage(session.browser, 1280);
  try {
    const s = secretary();
    await login(page, s.login, s.password);
    await visit(page, path('shortcode'));
    const notice = page.locator('#sc-bad [data-dangjian-notice]');
    assert.equal(await notice.count(), 1, '编辑看不到属性错误的提示');
    const problems = await notice.locator('li[data-problem]').evaluateAll((els) => els.map((e) => e.dataset.problem));
    for (const p of ['figure', 'period', 'layout', 'chart']) assert.ok(problems.includes(p), `提示中缺少 ${p}：${problems.join(',')}`);
    assertChinese(await notice.innerText(), '编辑提示');
    // The other variants are fine: no notice there.
    assert.equal(await page.locator('#sc-default [data-dangjian-notice]').count(), 0);
    // And the figures are the same for the editor as for the public.
    const rest = await restStats({ period: 'this_year' });
    const f = await figureMap(page, '#sc-bad .dangjian-showcase');
    assert.equal(f.party_members.value, rest.figures.party_members);
  } finally {
    await page.context().close();
  }
});

for (const width of WIDTHS) {
  test(`区块页面（${width} px）：dangjian/stats 区块显示本年度数字和按月图表`, async () => {
    const page = await openPage(session.browser, width);
    try {
      await visit(page, path('block'));
      await shoot(page, `block-${width}`);
      if (width === 375) await assertNoHorizontalScroll(page, '区块页面');
      const rest = await restStats({ period: 'this_year' });
      const figures = ['party_members', 'probationary', 'service_hours', 'beneficiaries'];
      const shown = await checkShowcase(page, '.entry-content', { figures, layout: 'cards', context: 'block', period: 'this_year' }, rest, '区块');
      // The venues group: one figure per venue kind, each equal to the site's count of places.
      for (const [k, v] of Object.entries(rest.figures.venues)) {
        assert.ok(shown[`venues.${k}`], `区块：缺少 venues.${k}`);
        assert.equal(shown[`venues.${k}`].value, v.venues, `区块：venues.${k}`);
        assertChinese(shown[`venues.${k}`].label, `区块：venues.${k} 的标签`);
      }
      const rows = await checkChart(page.locator('.entry-content'), 'month', '区块图表');
      checkChartData('month', rows, rest, '区块图表');
      assert.deepEqual(page.jsErrors, [], 'JavaScript 错误');
    } finally {
      await page.context().close();
    }
  });
}

for (const width of WIDTHS) {
  test(`小工具（${width} px）：侧边栏中的党建数据`, async () => {
    assert.ok(SITE.widget_id, '没有注册 id_base 以 dangjian 开头的小工具');
    const page = await openPage(session.browser, width);
    try {
      await visit(page, path('widget'));
      const widget = page.locator(`#${SITE.widget_id}`);
      assert.equal(await widget.count(), 1, `侧边栏中没有小工具 #${SITE.widget_id}`);
      await widget.scrollIntoViewIfNeeded();
      await shoot(page, `widget-${width}`);
      if (width === 375) await assertNoHorizontalScroll(page, '小工具页面');
      assert.match(await widget.innerText(), /党建数据/, '小工具的标题');
      // The page's own content has no showcase: the figures come from the widget.
      assert.equal(await page.locator('.entry-content .dangjian-showcase').count(), 0);
      const rest = await restStats({ period: 'this_year' });
      const figures = ['party_members', 'service_activities', 'service_hours', 'beneficiaries'];
      const shown = await checkShowcase(page, `#${SITE.widget_id}`, { figures, layout: 'list', context: 'widget', period: 'this_year' }, rest, '小工具');
      assert.deepEqual(Object.keys(shown), figures, '小工具：显示的数字');
      assert.deepEqual(page.jsErrors, [], 'JavaScript 错误');
    } finally {
      await page.context().close();
    }
  });
}
