// 工作汇报所需的记录：支部书记在浏览器里填写阵地建设投入（错误的金额被拒绝并保留所填内容，
// 改正后保存并出现在列表中），在设置页填写支部概况（晚于今天的成立日期被拒绝），在添加活动时从已用过的专项行动中选择，
// 并按专项行动筛选活动列表。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, visit, shoot, assertNoHorizontalScroll } from './lib.mjs';

const session = useBrowser({ secretary: true });

test('阵地建设投入：金额写错时就地提示并保留所填内容，改正后保存并列出', async () => {
  const page = await openPage(session.browser, 1280, session.state);
  try {
    await visit(page, '/wp-admin/admin.php?page=dangjian-investments');
    assert.equal((await page.locator('#dangjian-investments h1').innerText()).trim(), '阵地建设投入');
    await Promise.all([page.waitForURL(/action=new/), page.locator('a.page-title-action', { hasText: '添加投入记录' }).click()]);
    const item = '党员活动室空调更换（端到端测试）';
    await page.fill('#dangjian-invested_on', '2025-06-18');
    await page.fill('#dangjian-item', item);
    await page.fill('#dangjian-amount', '八千元');
    await page.locator('.dangjian-form input[type="submit"]').click();
    await page.locator('.dangjian-error[data-field="amount"]').waitFor();
    assert.match(await page.locator('.dangjian-error[data-field="amount"]').innerText(), /金额|数/);
    assert.equal(await page.inputValue('#dangjian-item'), item, '项目保留所填内容');
    assert.equal(await page.inputValue('#dangjian-amount'), '八千元', '金额保留所填内容');
    await page.fill('#dangjian-amount', '8000');
    await Promise.all([page.waitForURL(/dj_notice=added/), page.locator('.dangjian-form input[type="submit"]').click()]);
    const row = page.locator('#dangjian-investments table.wp-list-table tbody tr', { hasText: item });
    assert.equal(await row.count(), 1, '列表中出现这条投入');
    assert.match(await row.innerText(), /8,000|8000/);
  } finally {
    await page.context().close();
  }
});

test('支部概况：成立日期晚于今天时就地提示，改正后保存；添加活动时可选已用过的专项行动，活动列表可按专项行动筛选', async () => {
  const page = await openPage(session.browser, 375, session.state);
  try {
    await visit(page, '/wp-admin/admin.php?page=dangjian-settings');
    await page.locator('#dangjian-profile').waitFor();
    const name = await page.inputValue('#dangjian-profile-name');
    const future = `${new Date().getFullYear() + 1}-01-01`; // A date input takes only real dates: one to come.
    await page.fill('#dangjian-profile-founded_on', future);
    await page.locator('#dangjian-settings input[type="submit"]').click();
    await page.locator('.dangjian-error[data-field="profile_founded_on"]').waitFor();
    assert.match(await page.locator('.dangjian-error[data-field="profile_founded_on"]').innerText(), /成立日期/);
    assert.equal(await page.inputValue('#dangjian-profile-founded_on'), future, '保留所填日期');
    await page.fill('#dangjian-profile-founded_on', '2016-03-15');
    await Promise.all([page.waitForURL(/dj_notice=saved/), page.locator('#dangjian-settings input[type="submit"]').click()]);
    assert.equal(await page.inputValue('#dangjian-profile-founded_on'), '2016-03-15');
    assert.equal(await page.inputValue('#dangjian-profile-name'), name, '其他概况不变');
    await assertNoHorizontalScroll(page, '设置页（375 px）');

    await visit(page, '/wp-admin/admin.php?page=dangjian-activities&action=new');
    const list = await page.getAttribute('#dangjian-project', 'list');
    assert.ok(list, '专项行动输入框带有候选列表');
    const options = await page.locator(`datalist#${list} option`).evaluateAll((els) => els.map((e) => e.value));
    assert.ok(options.includes('临江洪灾心理援助专项行动'), `候选列表含演示数据的专项行动：${options.join('、')}`);

    await visit(page, `/wp-admin/admin.php?page=dangjian-activities&project=${encodeURIComponent('临江洪灾心理援助专项行动')}`);
    const rows = page.locator('#dangjian-activities table.wp-list-table tbody tr:not(.no-items)');
    assert.ok(await rows.count() >= 5, '筛选出洪灾专项行动的活动');
    for (const text of await rows.allTextContents()) {
      assert.match(text, /临江洪灾心理援助专项行动/);
    }
    await shoot(page, 'activities-by-campaign-375');
  } finally {
    await page.context().close();
  }
});
