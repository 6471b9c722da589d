/**
 * The README's telemetry walk-through against the demo fleet, as printed: the batch it posts is accepted and
 * creates the device (a Poly Savi, found by its USB ids, owned by dwalker), and the analytics calls answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDemoApp } from '../support/demo.js';

const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Telemetry and adoption analytics'));
const KEY = { authorization: 'Bearer 1hKMMPFMmaldnC0rcohvXN0UX7UeWPjb' };

describe('README: telemetry and adoption analytics', () => {
  const app = useDemoApp();

  it('posts the printed batch and gets the printed answer', async () => {
    const body = /-d '(\{"events":[\s\S]*?\]\})'/.exec(section)?.[1];
    expect(body).toBeDefined();
    const res = await app().inject({
      method: 'POST',
      url: '/v1/telemetry/events',
      headers: { ...KEY, 'content-type': 'application/json' },
      payload: body!,
    });
    expect(res.statusCode).toBe(200);
    const printed = /# (\{"accepted"[^\n]*\})/.exec(section)?.[1];
    expect(res.json()).toEqual(JSON.parse(printed!));
    const list = await app().inject({ method: 'GET', url: '/v1/devices?q=8E7D6C5B4A', headers: KEY });
    const [device] = list.json().items;
    expect(device).toMatchObject({
      provenance: { source: 'telemetry' },
      product: { usbVendorId: '047F', usbProductId: 'AC28' },
      firmware: { main: '2.1', usb: '1.0' },
      lastSeen: { hostname: 'ADA-LAPTOP', softphone: { name: 'Teams' } },
    });
    expect(device.owner).toMatchObject({ type: 'person', username: 'dwalker' });

    // The Plantronics dialect shows the reported device with its derived compliance.
    const poly = await app().inject({
      method: 'GET',
      url: '/compat/poly/reports/assets/tenant/af0813e6-81c0-4a77-89d2-3338d0277c42/devices/user/dwalker?apikey=1hKMMPFMmaldnC0rcohvXN0UX7UeWPjb&page=0&count=500',
      headers: { appId: 'my-sandbox-app' },
    });
    expect(poly.statusCode).toBe(200);
    const reported = (poly.json() as { device: Record<string, unknown>; lastSeen: Record<string, unknown> }[]).find(
      (r) => r.device.displayId === '8E7D6C5B4A',
    );
    expect(reported?.device).toMatchObject({
      firmwareVersion: '2.1',
      usbFwVersion: '1.0',
      hasActivePolicy: device.compliance.policyId !== null,
      policyId: device.compliance.policyId,
      versionCompliant: device.compliance.status === 'compliant',
    });
    expect(reported?.lastSeen).toMatchObject({ hostname: 'ADA-LAPTOP' });
  });

  it('answers the printed analytics calls', async () => {
    const urls = [...section.matchAll(/curl -H "\$KEY" '(localhost:8080[^']+)'/g)].map((m) => m[1]!.slice(14));
    expect(urls).toHaveLength(3);
    for (const url of urls) {
      const res = await app().inject({ method: 'GET', url, headers: KEY });
      expect(res.statusCode, url).toBe(200);
    }
  });
});
