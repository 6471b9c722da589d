/** The composition root of the domain: repositories and services over one store. */
import type { Store } from './db/database.js';
import { AccessService } from './modules/access/access.service.js';
import { ApiKeyRepository } from './modules/access/api-key.repository.js';
import { DeviceRepository } from './modules/devices/device.repository.js';
import { DeviceService } from './modules/devices/device.service.js';

export interface Services {
  readonly access: AccessService;
  readonly devices: DeviceService;
}

export function createServices(store: Store): Services {
  return {
    access: new AccessService(new ApiKeyRepository(store.db)),
    devices: new DeviceService(new DeviceRepository(store.db, store.capabilities)),
  };
}
