/**
 * The sensors pages in a real browser, with JavaScript and without: the map of latest values and
 * its table (filtered by kind), a sensor's last seven days as a chart (uPlot, with JavaScript) and
 * as tables (the chart's equivalent, always there), a streetlight's statuses. The test's own
 * partner pushes three days of hourly readings through the ingestion API first. Every page passes
 * axe-core, requests nothing from another host, and is screenshot under .local/screenshots/.
 */
import { jest } from '@jest/globals';
import { eventually } from '../support/eventually';
import { fetchJson, getToken } from '../support/http';
import { describeInBrowser, dialogsOf, JS_MODES, useBrowser } from './harness';

jest.setTimeout(120_000);

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const run = Date.now().toString(36);
const partnerId = `portail-${run}`;
const noise = `e2e-sonometre-${run}`;
const light = `e2e-lampadaire-${run}`;
const HOSTILE = '<script>alert(1)</script>';
const HOURS = 72;
/** The readings end on the last full hour, so every hour bucket holds one. */
const lastHour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
/** The last reading (hour 71) is 61 dB(A). */
const laeq = (hour: number) => 50 + (hour % 12);

beforeAll(async () => {
  const admin = await getToken({ role: 'admin', territory: SIREN });
  const partner = await fetchJson(`${T}/sensor-partners`, {
    token: admin,
    json: { id: partnerId, name: 'Portail (test)', kind: 'university' },
  });
  expect(partner.status).toBe(201);
  const { key } = (
    await fetchJson<{ key: string }>(`${T}/sensor-partners/${partnerId}/api-keys`, {
      token: admin,
      json: { label: 'test' },
    })
  ).body;
  for (const [id, type, name, properties, lat] of [
    [noise, 'NoiseLevelObserved', `Sonomètre ${run} ${HOSTILE}`, ['LAeq'], 43.6045],
    [light, 'Streetlight', `Lampadaire ${run}`, ['status', 'powerState'], 43.6051],
  ] as const) {
    const saved = await fetchJson(`${T}/sensors/${id}`, {
      method: 'PUT',
      token: admin,
      json: { type, name, partnerId, location: { lat, lon: 1.4442 }, properties },
    });
    expect(saved.status).toBe(200);
  }
  const at = (hour: number) => new Date(lastHour - (HOURS - 1 - hour) * 3_600_000).toISOString();
  const observations = [
    ...Array.from({ length: HOURS }, (_, hour) => ({
      sensorId: noise,
      property: 'LAeq',
      value: laeq(hour),
      unit: '2N',
      observedAt: at(hour),
    })),
    ...['ok', 'defectiveLamp'].map((value, i) => ({
      sensorId: light,
      property: 'status',
      value,
      observedAt: at(HOURS - 2 + i),
    })),
  ];
  const accepted = await fetchJson(`${T}/observations`, {
    json: { observations },
    headers: { 'x-api-key': key },
  });
  expect(accepted.status).toBe(202);
  await eventually(
    async () =>
      (await fetchJson<{ items: unknown[] }>(`${T}/sensors/${noise}/series?property=LAeq&resolution=hour`)).body.items
        ?.length ?? 0,
    (count) => count === HOURS,
    30_000,
  );
}, 60_000);

describeInBrowser('the sensors pages in a browser', () => {
  const browser = useBrowser();

  describe.each(JS_MODES)('%s', (_mode, javaScript) => {
    it('shows the sensors on a map and in a table with their latest values, filtered by kind', async () => {
      const page = await browser.newPage({ javaScript });
      const dialogs = dialogsOf(page);

      await browser.visit(page, '/capteurs', 'capteurs');

      const row = page.locator('#tableau-capteurs tbody tr', { hasText: `Sonomètre ${run}` });
      await expect(row.locator('th').textContent()).resolves.toBe(`Sonomètre ${run} ${HOSTILE}`);
      await expect(row.textContent()).resolves.toMatch(/Niveau sonore équivalent \(LAeq\) : 61 dB\(A\)/);
      if (javaScript) {
        // Leaflet drew the points (SVG), from the platform's own API; no tiles are configured.
        await page.locator('.map--drawn path.leaflet-interactive').first().waitFor();
        await expect(page.locator('.map--drawn path.leaflet-interactive').count()).resolves.toBeGreaterThan(1);
        await browser.check(page, 'capteurs-carte');
      } else {
        // No empty map box without JavaScript: the table is the map.
        await expect(page.locator('.map-figure').isVisible()).resolves.toBe(false);
        await expect(page.locator('.map__fallback a').getAttribute('href')).resolves.toBe('#tableau-capteurs');
      }

      await page.getByLabel('Type de mesure').selectOption({ label: 'Bruit' });
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.waitForURL(/\?type=bruit/);
      await browser.check(page, 'capteurs-bruit');
      const types = await page.locator('#tableau-capteurs tbody td:nth-child(2)').allTextContents();
      expect(types.length).toBeGreaterThan(0);
      expect(new Set(types)).toEqual(new Set(['Bruit']));
      await expect(page.locator('img[src="x"], main script').count()).resolves.toBe(0);
      expect(dialogs).toEqual([]);
    });

    it("shows a sensor's last 7 days: a chart with JavaScript, and its data tables either way", async () => {
      const page = await browser.newPage({ javaScript });
      const dialogs = dialogsOf(page);
      await browser.visit(page, '/capteurs?type=bruit', 'capteurs-bruit');

      await page.getByRole('link', { name: `Sonomètre ${run} ${HOSTILE}` }).click();
      await page.waitForURL((url) => url.pathname === `/capteurs/${noise}`);

      if (javaScript) {
        await page.locator('.chart canvas').first().waitFor();
        // The small map: the commune's outline and the sensor's point (two paths), then the screenshot.
        await page.locator('.sensor-place .map--drawn path').nth(1).waitFor();
      }
      await browser.check(page, 'capteur');
      await expect(page.locator('h1').textContent()).resolves.toBe(`Sonomètre ${run} ${HOSTILE}`);
      await expect(page.locator('#tableau-dernieres tbody tr').first().textContent()).resolves.toMatch(
        /^Niveau sonore équivalent \(LAeq\)61 dB\(A\)/,
      );
      const days = await page.locator('#tableau-jours tbody tr').count();
      expect(days).toBeGreaterThanOrEqual(3);
      expect(days).toBeLessThanOrEqual(5);
      await expect(page.locator('#tableau-heures tbody tr').count()).resolves.toBe(HOURS);
      const chart = page.locator('.chart');
      await expect(chart.getAttribute('role')).resolves.toBe('img');
      if (javaScript) {
        await expect(page.locator('.chart .u-title, .chart .u-legend').count()).resolves.toBeGreaterThan(0);
        await expect(page.locator('.chart__fallback').isVisible()).resolves.toBe(false);
      } else {
        // No empty chart box: a sentence says the tables hold the curve's values.
        await expect(page.locator('.chart-figure').isVisible()).resolves.toBe(false);
        await expect(page.locator('.chart__fallback').isVisible()).resolves.toBe(true);
      }
      // Where it is: a small map with JavaScript, and in words either way.
      await expect(page.locator('#emplacement').textContent()).resolves.toMatch(/^À .+, coordonnées 43,\d+, 1,\d+/);
      await expect(page.locator('.sensor-place .map-figure').isVisible()).resolves.toBe(javaScript);
      // The hourly table opens from the chart's link to it.
      await page.locator('#heures > summary').click();
      await browser.check(page, 'capteur-heures');
      await expect(page.locator('#tableau-heures').isVisible()).resolves.toBe(true);
      expect(dialogs).toEqual([]);
    });

    it("lists a streetlight's statuses in words", async () => {
      const page = await browser.newPage({ javaScript });

      await browser.visit(page, `/capteurs/${light}`, 'capteur-lampadaire');

      await expect(page.locator('#mesure').inputValue()).resolves.toBe('status');
      await expect(page.locator('#tableau-valeurs tbody td:nth-child(2)').allTextContents()).resolves.toEqual([
        'lampe défectueuse',
        'en état',
      ]);
      await expect(page.locator('.chart').count()).resolves.toBe(0);
    });
  });

  it('reads well at 320 px: nothing overflows sideways', async () => {
    const page = await browser.newPage({ javaScript: true, width: 320 });
    for (const [path, name] of [
      ['/capteurs', 'capteurs-320'],
      [`/capteurs/${noise}`, 'capteur-320'],
    ] as const) {
      await browser.visit(page, path, name);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
  });
});
