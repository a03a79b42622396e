// 工作汇报：书记打开汇报页面，点击数字查看所依据的记录，修改模板（错误逐行提示、正确的保存后生效），下载 .docx。
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser, openPage, visit, assertChinese, shoot } from './lib.mjs';

const session = useBrowser({ secretary: true });

const PAGE = '/wp-admin/admin.php?page=dangjian-report';

test('工作汇报：默认模板填满数字，点击数字列出所依据的记录', async () => {
  const page = await openPage(session.browser, 1280, session.state);
  try {
    await visit(page, PAGE);
    assert.equal((await page.locator('.dangjian-report-screen h1').first().innerText()).trim(), '工作汇报');
    assert.equal(await page.locator('#dangjian-report-error').count(), 0,
      await page.locator('#dangjian-report-error').count() ? await page.locator('#dangjian-report-error').innerText() : '');
    const paper = page.locator('.dangjian-report');
    const text = await paper.innerText();
    assert.doesNotMatch(text, /\{\{|\}\}|\[\[|\]\]/, '预览中还有未填的占位符');
    assert.match(text, /一、基本情况/);
    assert.match(text, /五、存在的不足和下一步打算/);
    const figures = paper.locator('.dangjian-figure');
    assert.ok(await figures.count() >= 40, `预览中标出的数字太少：${await figures.count()}`);

    // Click the number of service activities: the records panel lists exactly that many activities.
    const fig = paper.locator('.dangjian-figure[data-figure="service.activities"][data-args="{}"]').first();
    const shown = Number((await fig.innerText()).replace(/[,，]/g, ''));
    await fig.click();
    const panel = page.locator('#dangjian-report-records');
    await panel.locator('table.dangjian-records').waitFor();
    const total = await panel.locator('.dangjian-records-total').innerText();
    assert.match(total, new RegExp(`共${shown}条记录|${shown} records`), `面板显示“${total}”，数字为 ${shown}`);
    assert.equal(await panel.locator('tbody tr').count(), Math.min(shown, 500));
    assertChinese(await panel.locator('thead').innerText(), '记录表头');

    // The crisis team: a filtered figure lists the people who took part in crisis aid.
    const team = paper.locator('.dangjian-figure[data-figure="service.volunteers"]').first();
    if (await team.count()) {
      const n = Number((await team.innerText()).replace(/[,，]/g, ''));
      await team.click();
      await panel.locator(`text=/共${n}条记录|${n} records/`).waitFor();
      assert.equal(await panel.locator('tbody tr').count(), n);
    }
    await shoot(page, 'report-1280', { fullPage: false });
    assert.deepEqual(page.jsErrors, []);
  } finally {
    await page.context().close();
  }
});

test('工作汇报：模板出错时逐行提示并保留原文，正确的模板保存后生效，可恢复默认', async () => {
  const page = await openPage(session.browser, 1280, session.state);
  try {
    await visit(page, PAGE);
    const box = page.locator('#dangjian-report-template-text');
    const typed = '# 测试汇报\n本年度开展公益服务{{service.activitis}}次。\n共{{service.hours 小时';
    await box.fill(typed);
    await Promise.all([page.waitForLoadState('load'), page.click('#dangjian-report-save')]);
    const errors = page.locator('#dangjian-report-template-errors');
    await errors.waitFor();
    assert.equal(await errors.locator('li[data-line="2"]').count(), 1);
    assert.match(await errors.locator('li[data-line="2"]').innerText(), /service\.activities/, '应提示最接近的数据项');
    assert.equal(await errors.locator('li[data-line="3"]').count(), 1);
    assert.equal(await page.locator('#dangjian-report-template-text').inputValue(), typed, '出错后原文应保留');
    // A click on an error selects its line in the editor.
    await errors.locator('li[data-line="3"]').click();
    const sel = await page.locator('#dangjian-report-template-text').evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
    assert.equal(sel, '共{{service.hours 小时');

    const good = '# 测试汇报\n本年度开展公益服务{{service.activities}}次，服务群众{{service.beneficiaries | 余}}人次。';
    await page.locator('#dangjian-report-template-text').fill(good);
    await Promise.all([page.waitForURL(/dj_notice=saved/), page.click('#dangjian-report-save')]);
    await page.locator('#dangjian-report-saved').waitFor();
    assert.match(await page.locator('.dangjian-report').innerText(), /^测试汇报[\s\S]*本年度开展公益服务[\d,]+次，服务群众[\d,]+余?人次。/);
    assert.equal(await page.locator('.dangjian-report .dangjian-figure').count(), 2);

    // The .docx of the saved template.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dangjian-report-docx')]);
    assert.match(download.suggestedFilename(), /^dangjian-report-\d{4}\.docx$/);
    const dir = mkdtempSync(join(tmpdir(), 'dj-e2e-report-'));
    try {
      const file = join(dir, 'r.docx');
      await download.saveAs(file);
      assert.equal(readFileSync(file).subarray(0, 4).toString('latin1'), 'PK\x03\x04', '.docx 应是 zip');
      const py = spawnSync('/usr/bin/python3', ['-c',
        'import docx,sys; d=docx.Document(sys.argv[1]); print("\\n".join(p.text for p in d.paragraphs)); s=d.sections[0]; print(round(s.page_width.mm), round(s.page_height.mm))',
        file], { encoding: 'utf8' });
      assert.equal(py.status, 0, py.stderr);
      assert.match(py.stdout, /测试汇报/);
      assert.match(py.stdout, /本年度开展公益服务[\d,]+次，服务群众[\d,]+余?人次。/);
      assert.match(py.stdout, /210 297/, 'A4');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    await Promise.all([page.waitForURL(/dj_notice=restored/), page.click('#dangjian-report-restore')]);
    assert.match(await page.locator('.dangjian-report').innerText(), /一、基本情况/);
    assert.deepEqual(page.jsErrors, []);
  } finally {
    await page.context().close();
  }
});
