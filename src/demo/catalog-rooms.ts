/** Meeting-room systems and a paging adapter. */
import { type CatalogProduct, POLY, mains, product } from './catalog-model.js';

export const ROOMS_AND_PAGING: readonly CatalogProduct[] = [
  product(
    'cisco-room-kit-mini',
    'Cisco',
    'CS-KITMINI',
    'Cisco Room Kit Mini',
    'Room',
    'Room',
    '2019-02-01',
    mains(
      ['2024-04-24', '11.14.2.3'],
      ['2024-10-30', '11.20.1.7'],
      ['2025-05-21', '11.26.1.4'],
      ['2026-03-11', '11.32.2.1'],
    ),
    { family: 'Room Kit', sku: 'DV-60' },
  ),
  product(
    'poly-studio-x50',
    POLY,
    'StudioX50',
    'Poly Studio X50',
    'Room',
    'Room',
    '2020-04-01',
    mains(['2024-02-13', '4.1.0.0313'], ['2024-11-05', '4.2.0.0520'], ['2025-08-12', '4.3.0.0411']),
    { family: 'Studio', sku: 'DV-61' },
  ),
  product(
    'algo-8301',
    'Algo',
    '8301',
    'Algo 8301 Paging Adapter & Scheduler',
    'Paging',
    'Paging',
    '2018-06-01',
    mains(['2024-01-23', '5.3.4'], ['2024-12-10', '5.4'], ['2025-09-30', '5.5.1']),
    { family: 'Paging Adapter', sku: 'DV-70', features: ['Paging'] },
  ),
];
