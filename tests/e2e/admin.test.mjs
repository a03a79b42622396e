// 党建统计后台（仪表盘）：以支部书记身份登录后看到的数字、提醒和图表。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, openPage, visit, restStats, shoot, settle, checkChart, checkChartData,
  assertNoHorizontalScroll, assertChinese, WIDTHS,
} from './lib.mjs';

const session = useBrowser({ secretary: true }); // the secretary's cookies, logged in once through the form

// The dashboard's cells (data-figure="members.party_members" …) against the public REST figures of the
// same period (this year, the dashboard's default).
const DASHBOARD_TO_REST = {
  'members.party_members': 'party_members',
  'members.probationary': 'probationary',
  'members.activists': 'activists',
  'members.candidates': 'candidates',
  'service.activities': 'service_activities',
  'service.hours': 'service_hours',
  'service.beneficiaries': 'beneficiaries',
  'meetings.total': 'meetings',
};

function number(text) {
  return Number(String(text).replace(/[,，\s]/g, ''));
}

for (const width of WIDTHS) {
  test(`仪表盘（${width} px）：书记看到本年度的数字、提醒列表和图表`, async () => {
    const page = await openPage(session.browser, width, session.state);
    try {
      await visit(page, '/wp-admin/admin.php?page=dangjian');
      const dash = page.locator('#dangjian-dashboard');
      await dash.waitFor();
      await shoot(page, `dashboard-${width}`, { fullPage: width !== 375 });
      assert.equal(await page.locator('#dangjian-dashboard h1').first().innerText(), '党建统计');
      // Logged in as the secretary, not as the administrator.
      assert.match(await page.locator('#wp-admin-bar-my-account').innerText(), /张书记/);

      // The figures: equal to what the site computes (REST, same period), labelled in Chinese.
      const rest = await restStats({ period: 'this_year' });
      for (const [cell, key] of Object.entries(DASHBOARD_TO_REST)) {
        const td = dash.locator(`td[data-figure="${cell}"]`);
        assert.equal(await td.count(), 1, `仪表盘缺少 ${cell}`);
        const text = (await td.innerText()).trim();
        assert.ok(Math.abs(number(text) - rest.figures[key]) < 0.005, `${cell}: 仪表盘显示 ${text}，REST 为 ${rest.figures[key]}`);
        const label = (await td.locator('xpath=../th').innerText()).trim();
        assertChinese(label, `${cell} 的标签`);
        assert.doesNotMatch(label, /[A-Za-z]{3,}/, `${cell} 的标签含英文：${label}`);
      }
      assert.equal((await dash.locator('th:text-is("党员")').count()) > 0, true, '没有“党员”一行');

      // The reminders: a list, each item in Chinese, people linked to their records.
      const reminders = page.locator('#dangjian-reminders');
      assert.equal((await reminders.locator('h2').first().innerText()).trim(), '提醒');
      const items = reminders.locator('li[data-reminder]');
      const n = await items.count();
      assert.ok(n >= 1, '提醒列表为空（演示数据应有到期转正、可列为发展对象等提醒）');
      for (let i = 0; i < n; i++) assertChinese(await items.nth(i).innerText(), `提醒 ${i + 1}`);
      const link = reminders.locator('li[data-reminder] a[href*="page=dangjian-people"][href*="action=edit"]').first();
      assert.ok(await link.count(), '提醒中没有指向人员记录的链接');
      const kinds = await items.evaluateAll((els) => [...new Set(els.map((e) => e.dataset.reminder))]);
      assert.ok(kinds.some((k) => ['due', 'overdue', 'eligible'].includes(k)), `提醒种类：${kinds.join(',')}`);

      // The charts: inline SVG, visible at this width.
      const charts = dash.locator('figure.dangjian-chart svg');
      assert.equal(await charts.count(), 3, '仪表盘上应有三个图表（内联 SVG）');
      for (let i = 0; i < 3; i++) assert.ok(await charts.nth(i).isVisible(), `图表 ${i + 1} 不可见`);

      if (width === 375) await assertNoHorizontalScroll(page, '仪表盘');
      assert.deepEqual(page.jsErrors, [], 'JavaScript 错误');
    } finally {
      await page.context().close();
    }
  });
}

test('仪表盘图表：按月服务、服务场所、发展党员，各有标题和数据表，数字与站点计算一致', async () => {
  const page = await openPage(session.browser, 1280, session.state);
  try {
    await visit(page, '/wp-admin/admin.php?page=dangjian');
    const dash = page.locator('#dangjian-dashboard');
    const rest = await restStats({ period: 'this_year' });
    for (const kind of ['month', 'venue', 'pipeline']) {
      const rows = await checkChart(dash, kind, `仪表盘图表 ${kind}`);
      checkChartData(kind, rows, rest, `仪表盘图表 ${kind}`);
    }
    // Another period, chosen with the form: the charts follow it.
    await page.selectOption('#dangjian-period', 'last_year');
    await Promise.all([page.waitForURL(/period=last_year/), page.locator('form.dangjian-period [type="submit"]').click()]);
    await settle(page);
    const last = await restStats({ period: 'last_year' });
    const rows = await checkChart(dash, 'month', '仪表盘图表（去年）');
    checkChartData('month', rows, last, '仪表盘图表（去年）');
  } finally {
    await page.context().close();
  }
});

for (const width of WIDTHS) {
  test(`活动列表和添加活动表单（${width} px）：中文界面，窄屏不横向滚动`, async () => {
    const page = await openPage(session.browser, width, session.state);
    try {
      await visit(page, '/wp-admin/admin.php?page=dangjian-activities');
      assert.equal((await page.locator('#dangjian-activities h1').innerText()).trim(), '活动');
      assert.ok((await page.locator('#dangjian-activities table.wp-list-table tbody tr').count()) >= 10, '活动列表为空');
      if (width === 375) await assertNoHorizontalScroll(page, '活动列表');
      await visit(page, '/wp-admin/admin.php?page=dangjian-activities&action=new');
      assert.equal((await page.locator('.dangjian-form h1').innerText()).trim(), '添加活动');
      const labels = await page.locator('.dangjian-form th label').allInnerTexts();
      assert.ok(labels.length >= 10, '表单字段太少');
      for (const l of labels) {
        assertChinese(l, '表单标签');
        assert.doesNotMatch(l, /[A-Za-z]{3,}/, `表单标签含英文：${l}`);
      }
      if (width === 375) {
        await assertNoHorizontalScroll(page, '添加活动表单');
        await shoot(page, 'activity-form-375', { fullPage: false });
      }
    } finally {
      await page.context().close();
    }
  });
}
