/**
 * The README's RingCentral walk-through against the demo fleet's sandbox tenant: the sandbox's admin API key as
 * the bearer token, its account alias, dwalker's desk phone by its numeric id, his extension's devices, sip-info
 * and an update (SQLite: the demo seeds an empty database of its own).
 */
import { describe, expect, it } from 'vitest';
import { useDemoApp } from '../support/demo.js';
import { numericIdOf } from '../../src/compat/ringcentral/ids.js';
import { SANDBOX } from '../../src/demo/sandbox.js';

const RC = `/compat/ringcentral/restapi/v1.0/account/${SANDBOX.ringcentralAccountId}`;
const auth = { authorization: `Bearer ${SANDBOX.apiKey}` };

describe('RingCentral dialect on the demo sandbox', () => {
  const demo = useDemoApp({ RATE_LIMITS: 'on' });

  it('reads dwalker’s desk phone, his extension’s devices and its SIP registration, and updates it', async () => {
    const native = await demo().inject({
      method: 'GET',
      url: '/v1/devices?owner=dwalker&kind=HardPhone',
      headers: auth,
    });
    expect(native.statusCode, native.body).toBe(200);
    const uuid = (native.json().items as { id: string }[])[0]!.id;
    // The README's conversion: python3 -c "import uuid; print(uuid.UUID(id).int)".
    const device = BigInt(`0x${uuid.replace(/-/g, '')}`).toString();
    expect(device).toBe(numericIdOf(uuid));

    const read = await demo().inject({ method: 'GET', url: `${RC}/device/${device}`, headers: auth });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.headers['x-rate-limit-group']).toBe('light');
    const body = read.json();
    expect(body).toMatchObject({ id: device, type: 'HardPhone' });
    expect(typeof body.extension.id).toBe('number');

    const list = await demo().inject({
      method: 'GET',
      url: `${RC}/extension/${body.extension.id}/device?page=1&perPage=2&type=HardPhone`,
      headers: auth,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().records.map((r: { id: string }) => r.id)).toContain(device);

    const sip = await demo().inject({ method: 'GET', url: `${RC}/device/${device}/sip-info`, headers: auth });
    expect(sip.statusCode, sip.body).toBe(200);
    expect(sip.json().domain).toBe('sip.ringcentral.com');

    const update = await demo().inject({
      method: 'PUT',
      url: `${RC}/device/${device}?prestatement=true`,
      headers: auth,
      payload: {
        name: 'Front desk',
        emergencyServiceAddress: {
          street: '20 Davis Drive',
          city: 'Belmont',
          state: 'CA',
          zip: '94002',
          countryIsoCode: 'US',
        },
      },
    });
    expect(update.statusCode, update.body).toBe(200);
    expect(update.headers['x-rate-limit-group']).toBe('medium');
    expect(update.json()).toMatchObject({ name: 'Front desk', emergencyServiceAddress: { city: 'Belmont' } });
  });
});
