/** Numbers and dates in the browser's own locale and time zone. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const wholeNumber = new Intl.NumberFormat();
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatNumber(value: number): string {
  return wholeNumber.format(value);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 days ago", for how long since a device was last seen. */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (Number.isNaN(seconds)) return iso;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(0, 'minute');
}

/** A MAC address as people read it: 64:16:7F:AA:BB:CC. */
export function formatMac(mac: string | null | undefined): string {
  return mac ? (mac.match(/.{1,2}/g)?.join(':') ?? mac) : '';
}

/** A product as people name it: "Poly Savi 8220 UC", not "Poly Poly Savi 8220 UC". */
export function formatProduct(product: { manufacturer: string; name: string } | null | undefined): string {
  if (!product) return '';
  return product.name.toLowerCase().startsWith(product.manufacturer.toLowerCase())
    ? product.name
    : `${product.manufacturer} ${product.name}`;
}
