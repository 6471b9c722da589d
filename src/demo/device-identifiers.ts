/**
 * Serial numbers, display ids and MAC addresses of demo devices, in each manufacturer's style. They
 * come from per-tenant counters scrambled by bijections, so they look random yet never repeat within
 * a tenant (serials per manufacturer, MACs per OUI).
 */
import type { CatalogProduct } from './catalog-model.js';
import { POLY } from './catalog-model.js';
import { type TenantState, nextCount } from './fleet-state.js';
import { type Random, hashString, scramble24, scramble32 } from './random.js';
import { OUI } from './reference-data.js';

export interface DeviceIdentifiers {
  readonly serial: string | null;
  /** What the vendor shows: the tattoo of a Poly headset, else the serial. */
  readonly displayId: string | null;
  readonly mac: string | null;
}

const TATTOO_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A device's identifiers; only networked devices have a MAC (a Poly phone's serial is its MAC). */
export function deviceIdentifiers(
  t: TenantState,
  rng: Random,
  spec: CatalogProduct,
  networked: boolean,
): DeviceIdentifiers {
  const { serial, displayId } = serialOf(t, rng, spec);
  const mac = networked ? (spec.manufacturer === POLY ? serial : macAddress(t, spec.manufacturer)) : null;
  return { serial, displayId, mac };
}

function serialOf(
  t: TenantState,
  rng: Random,
  spec: CatalogProduct,
): { serial: string | null; displayId: string | null } {
  if (spec.deviceKind === 'OtherPhone') return { serial: null, displayId: null };
  const n = nextCount(t, `serial:${spec.manufacturer}`);
  const x = scramble32(n, t.salt ^ hashString(spec.manufacturer));
  let serial: string;
  switch (spec.manufacturer) {
    case POLY: {
      if (spec.deviceKind === 'Headset' || spec.deviceKind === 'Base' || spec.deviceKind === 'Dongle') {
        serial = `${spec.usbProductId ?? '00'}`.slice(0, 2) + x.toString(16).toUpperCase().padStart(8, '0');
        return { serial, displayId: tattoo(scramble32(n, t.salt ^ 0x5bd1e995)) };
      }
      // Poly desk phones and room systems carry their MAC address as serial number.
      serial = macAddress(t, spec.manufacturer);
      break;
    }
    case 'Cisco':
      serial =
        spec.deviceKind === 'SoftPhone'
          ? endpointId(x, rng)
          : `${spec.deviceKind === 'Room' ? 'FOC' : 'FCH'}${x.toString(36).toUpperCase().padStart(7, '0')}`;
      break;
    case 'Yealink':
      serial = `8015${String(x).padStart(10, '0')}${rng.int(10, 99)}`;
      break;
    case 'Algo':
      serial = `8301${x.toString(16).toUpperCase().padStart(8, '0')}`;
      break;
    default:
      serial = endpointId(x, rng);
  }
  return { serial, displayId: serial };
}

function macAddress(t: TenantState, manufacturer: string): string {
  const oui = OUI[manufacturer] ?? '0050C2';
  const n = nextCount(t, `mac:${oui}`);
  if (n >= 1 << 24) throw new Error(`MAC space of ${oui} exhausted`);
  return (
    oui +
    scramble24(n, t.salt & 0xffffff)
      .toString(16)
      .toUpperCase()
      .padStart(6, '0')
  );
}

/** Six characters of the unambiguous alphabet printed on Poly headsets. */
function tattoo(x: number): string {
  let out = '';
  for (let i = 0; i < 6; i++) {
    out += TATTOO_ALPHABET[x % TATTOO_ALPHABET.length];
    x = Math.floor(x / TATTOO_ALPHABET.length);
  }
  return out;
}

/** A softphone's endpoint id: the scrambled counter and eight random hex digits. */
function endpointId(x: number, rng: Random): string {
  return x.toString(16).toUpperCase().padStart(8, '0') + rng.hex(8);
}
