/** The composition root of the domain: repositories and services over one store. */
import type { Store } from './db/database.js';
import { AccessService } from './modules/access/access.service.js';
import { ApiKeyRepository } from './modules/access/api-key.repository.js';
import { DeviceRepository } from './modules/devices/device.repository.js';
import { DeviceService } from './modules/devices/device.service.js';
import { PersonRepository } from './modules/people/person.repository.js';
import { PersonService } from './modules/people/person.service.js';
import { ProductRepository } from './modules/products/product.repository.js';
import { ProductService } from './modules/products/product.service.js';
import { SiteRepository } from './modules/sites/site.repository.js';
import { SiteService } from './modules/sites/site.service.js';
import { UserGroupRepository } from './modules/user-groups/user-group.repository.js';
import { UserGroupService } from './modules/user-groups/user-group.service.js';

export interface Services {
  readonly access: AccessService;
  readonly devices: DeviceService;
  readonly people: PersonService;
  readonly sites: SiteService;
  readonly products: ProductService;
  readonly userGroups: UserGroupService;
}

export function createServices(store: Store): Services {
  const devices = new DeviceService(new DeviceRepository(store.db, store.capabilities));
  const people = new PersonService(new PersonRepository(store.db, store.capabilities), devices);
  return {
    access: new AccessService(new ApiKeyRepository(store.db)),
    devices,
    people,
    sites: new SiteService(new SiteRepository(store.db, store.capabilities)),
    products: new ProductService(new ProductRepository(store.db, store.capabilities)),
    userGroups: new UserGroupService(new UserGroupRepository(store.db, store.capabilities), people),
  };
}
