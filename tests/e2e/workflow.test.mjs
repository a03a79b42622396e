// 流程：支部书记登录，通过后台表单添加一次公益服务活动，再打开公开页面，
// 看到数字恰好按这次活动变化（活动 +1，时长 +H，受益人次 +B）。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, openPage, visit, login, secretary, restStats, shoot, figureMap, assertShows, SITE,
} from './lib.mjs';

const session = useBrowser();

const HOURS = 3.5;
const BENEFICIARIES = 27;
const SCOPE = '#sc-default';
const WATCHED = ['service_activities', 'service_hours', 'beneficiaries'];

async function publicFigures(page) {
  await visit(page, new URL(SITE.pages.shortcode).pathname);
  const map = await figureMap(page, SCOPE);
  for (const key of WATCHED) {
    assert.ok(map[key], `公开页面（${SCOPE}）上没有 ${key}（class="dangjian-figure" data-figure="${key}"）`);
    assert.ok(Number.isFinite(map[key].value), `${key} 的 data-value 不是数字`);
  }
  return map;
}

async function dashboardFigure(page, cell) {
  await visit(page, '/wp-admin/admin.php?page=dangjian');
  return Number((await page.locator(`td[data-figure="${cell}"]`).innerText()).replace(/[,，\s]/g, ''));
}

test('书记通过表单添加一次服务活动，公开页面的数字恰好随之变化', async () => {
  const visitor = await openPage(session.browser, 1280);
  const admin = await openPage(session.browser, 1280);
  try {
    // Before: what the public sees and what the site computes.
    const restBefore = await restStats();
    const shownBefore = await publicFigures(visitor);
    for (const key of WATCHED) {
      assert.ok(Math.abs(shownBefore[key].value - restBefore.figures[key]) < 1e-9, `添加前 ${key}：页面 ${shownBefore[key].value}，REST ${restBefore.figures[key]}`);
    }

    // The secretary logs in through wp-login.php and opens 活动 → 添加活动.
    const s = secretary();
    await login(admin, s.login, s.password);
    const dashBefore = await dashboardFigure(admin, 'service.activities');
    // 党建统计 → 活动 in the admin menu.
    await Promise.all([admin.waitForURL(/page=dangjian-activities/), admin.locator('#adminmenu a[href$="page=dangjian-activities"]').first().click()]);
    assert.equal((await admin.locator('#dangjian-activities h1').innerText()).trim(), '活动');
    const today = restBefore.period.as_of; // today in the site's time zone (inside this year)
    const title = '社区心理健康义诊（端到端测试）';
    const listed = async () => {
      await visit(admin, `/wp-admin/admin.php?page=dangjian-activities&s=${encodeURIComponent(title)}`);
      return admin.locator('#dangjian-activities table.wp-list-table tbody tr:not(.no-items)', { hasText: title });
    };
    const listedBefore = await (await listed()).count();
    await visit(admin, '/wp-admin/admin.php?page=dangjian-activities');
    await Promise.all([admin.waitForURL(/action=new/), admin.locator('a.page-title-action', { hasText: '添加活动' }).click()]);
    assert.equal((await admin.locator('.dangjian-form h1').innerText()).trim(), '添加活动');
    await admin.fill('#dangjian-activity_date', today);
    await admin.selectOption('#dangjian-category', 'service');
    await admin.selectOption('#dangjian-kind', 'counseling');
    await admin.fill('#dangjian-title', title);
    await admin.fill('#dangjian-description', '为社区居民提供免费心理咨询。');
    await admin.fill('#dangjian-hours', String(HOURS));
    await admin.fill('#dangjian-beneficiaries', String(BENEFICIARIES));
    await admin.selectOption('#dangjian-venue_kind', 'community');
    await admin.fill('#dangjian-venue', '阳光社区服务中心');
    await shoot(admin, 'activity-form-1280');
    await Promise.all([
      admin.waitForURL(/dj_notice=added/),
      admin.locator('.dangjian-form input[type="submit"]').click(),
    ]);
    assert.equal((await admin.locator('.dangjian-notice[data-notice="added"] p').innerText()).trim(), '已添加记录。');
    // The list's search box finds it, once more than before, with its date.
    await admin.fill('#dangjian-search-search-input', title);
    await Promise.all([admin.waitForURL(/[?&]s=/), admin.locator('#search-submit').click()]);
    const rows = admin.locator('#dangjian-activities table.wp-list-table tbody tr:not(.no-items)', { hasText: title });
    assert.equal(await rows.count(), listedBefore + 1, `活动列表中“${title}”应多一行`);
    assert.match(await rows.first().innerText(), new RegExp(today));

    // The site's own figures moved by exactly this activity.
    const restAfter = await restStats();
    assert.equal(restAfter.figures.service_activities, restBefore.figures.service_activities + 1, 'REST：活动数');
    assert.ok(Math.abs(restAfter.figures.service_hours - (restBefore.figures.service_hours + HOURS)) < 1e-9, 'REST：服务时长');
    assert.equal(restAfter.figures.beneficiaries, restBefore.figures.beneficiaries + BENEFICIARIES, 'REST：受益人次');
    assert.equal(await dashboardFigure(admin, 'service.activities'), dashBefore + 1, '仪表盘：活动数');

    // The public page, on its next view.
    const shownAfter = await publicFigures(visitor);
    assert.equal(shownAfter.service_activities.value, shownBefore.service_activities.value + 1, '公开页面：服务活动 +1');
    assert.ok(Math.abs(shownAfter.service_hours.value - (shownBefore.service_hours.value + HOURS)) < 1e-9,
      `公开页面：服务时长 ${shownBefore.service_hours.value} → ${shownAfter.service_hours.value}，应 +${HOURS}`);
    assert.equal(shownAfter.beneficiaries.value, shownBefore.beneficiaries.value + BENEFICIARIES, `公开页面：受益人次 +${BENEFICIARIES}`);
    for (const key of WATCHED) assertShows(shownAfter[key].text, shownAfter[key].value, `公开页面 ${key}`);
    // Nothing else of the roster moved.
    if (shownBefore.party_members && shownAfter.party_members) {
      assert.equal(shownAfter.party_members.value, shownBefore.party_members.value, '党员人数不应变化');
    }
  } finally {
    await visitor.context().close();
    await admin.context().close();
  }
});
