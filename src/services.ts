/** The composition root of the domain: repositories and services over one store. */
import { type Config, loadConfig } from './config.js';
import type { Store } from './db/database.js';
import { AccessService } from './modules/access/access.service.js';
import { AccessTokenService, DEFAULT_ISSUER } from './modules/oauth/access-token.service.js';
import { ApiKeyRepository } from './modules/api-keys/api-key.repository.js';
import { ApiKeyService } from './modules/api-keys/api-key.service.js';
import { AppService } from './modules/apps/app.service.js';
import { AppAuthorizationService } from './modules/apps/app-authorization.service.js';
import { CallerService } from './modules/access/caller.service.js';
import { LoginService } from './modules/logins/login.service.js';
import type { ScryptCost } from './modules/logins/password.js';
import { SessionService } from './modules/logins/session.service.js';
import { OAuthClientRepository } from './modules/oauth/oauth-client.repository.js';
import { OAuthClientService } from './modules/oauth/oauth-client.service.js';
import { SigningKeyRepository } from './modules/oauth/signing-key.repository.js';
import { SigningKeyService } from './modules/oauth/signing-key.service.js';
import { AuditEventRepository } from './modules/audit/audit-event.repository.js';
import { AuditEventService } from './modules/audit/audit-event.service.js';
import { DeviceRepository } from './modules/devices/device.repository.js';
import { DeviceService } from './modules/devices/device.service.js';
import { DeviceWriteService } from './modules/devices/device-write.service.js';
import { DeviceImportService } from './modules/devices/device-import.service.js';
import { DeviceSettingsService } from './modules/devices/device-settings.service.js';
import { DeviceConfigurationService } from './modules/devices/device-configuration.service.js';
import { CompliancePolicyService } from './modules/firmware/compliance-policy.service.js';
import { ComplianceSummaryService } from './modules/firmware/compliance-summary.js';
import { FirmwareCatalogService } from './modules/firmware/firmware-catalog.service.js';
import { JobRepository } from './modules/jobs/job.repository.js';
import { JobService } from './modules/jobs/job.service.js';
import { DeviceControlsService } from './modules/devices/device-controls.service.js';
import { AgentStateService } from './modules/people/agent-state.service.js';
import { DeviceChangeFeed } from './modules/events/device-change-feed.js';
import { DeviceChangeRepository } from './modules/events/device-change.repository.js';
import { ActivationService } from './modules/activation/activation.service.js';
import { MacListService } from './modules/devices/mac-list.service.js';
import { MacUsageRepository } from './modules/devices/mac-usage.repository.js';
import { PolyDeviceService } from './modules/devices/poly.service.js';
import { DeviceLineService } from './modules/numbers/device-line.service.js';
import { LineMemberRepository } from './modules/numbers/line-member.repository.js';
import { LineMemberService } from './modules/numbers/line-member.service.js';
import { PhoneNumberRepository } from './modules/numbers/phone-number.repository.js';
import { PhoneNumberService } from './modules/numbers/phone-number.service.js';
import { PhoneNumberWriteService } from './modules/numbers/phone-number-write.service.js';
import { IdempotencyKeyRepository } from './modules/idempotency/idempotency-key.repository.js';
import { IdempotencyService } from './modules/idempotency/idempotency.service.js';
import { PersonRepository } from './modules/people/person.repository.js';
import { PersonService } from './modules/people/person.service.js';
import { PersonWriteService } from './modules/people/person-write.service.js';
import { ProductRepository } from './modules/products/product.repository.js';
import { ProductService } from './modules/products/product.service.js';
import { SiteRepository } from './modules/sites/site.repository.js';
import { SiteService } from './modules/sites/site.service.js';
import { SiteWriteService } from './modules/sites/site-write.service.js';
import { TenantService } from './modules/tenants/tenant.service.js';
import { TenantRepository } from './modules/tenants/tenant.repository.js';
import { UserGroupRepository } from './modules/user-groups/user-group.repository.js';
import { UserGroupService } from './modules/user-groups/user-group.service.js';
import { UserGroupWriteService } from './modules/user-groups/user-group-write.service.js';
import { WorkspaceService } from './modules/workspaces/workspace.service.js';
import { TelemetryIngestService } from './modules/telemetry/telemetry-ingest.service.js';
import { AnalyticsService } from './modules/analytics/analytics.service.js';
import { VirtualLineService } from './modules/virtual-lines/virtual-line.service.js';
import { PagingGroupService } from './modules/paging-groups/paging-group.service.js';
import { ExtensionIdService } from './modules/extension-ids/extension-id.service.js';

export interface Services {
  readonly access: AccessService;
  readonly apiKeys: ApiKeyService;
  readonly apps: AppService;
  readonly appAuthorizations: AppAuthorizationService;
  readonly logins: LoginService;
  readonly sessions: SessionService;
  readonly caller: CallerService;
  readonly oauthClients: OAuthClientService;
  readonly signingKeys: SigningKeyService;
  readonly accessTokens: AccessTokenService;
  readonly audit: AuditEventService;
  readonly devices: DeviceService;
  readonly deviceWrites: DeviceWriteService;
  readonly jobs: JobService;
  readonly deviceImports: DeviceImportService;
  readonly compliancePolicies: CompliancePolicyService;
  /** The firmware catalogue (global): releases, latest per product and component, operators' import. */
  readonly firmwareCatalog: FirmwareCatalogService;
  readonly complianceSummary: ComplianceSummaryService;
  readonly deviceControls: DeviceControlsService;
  /** Device settings overrides, line-key layouts, SIP passwords, owners' device settings. */
  readonly deviceSettings: DeviceSettingsService;
  /** Configured RoomOS configuration values of devices (Webex /deviceConfigurations). */
  readonly deviceConfigurations: DeviceConfigurationService;
  readonly agentStates: AgentStateService;
  /** Device changes for subscribers (Genesys notifications), read from the audit trail. */
  readonly deviceChanges: DeviceChangeFeed;
  readonly activation: ActivationService;
  readonly macLists: MacListService;
  readonly polyDevices: PolyDeviceService;
  readonly numbers: PhoneNumberService;
  readonly numberWrites: PhoneNumberWriteService;
  readonly deviceLines: DeviceLineService;
  /** Who each device line belongs to (Webex Calling's device members). */
  readonly lineMembers: LineMemberService;
  readonly people: PersonService;
  readonly sites: SiteService;
  readonly products: ProductService;
  readonly userGroups: UserGroupService;
  readonly personWrites: PersonWriteService;
  readonly userGroupWrites: UserGroupWriteService;
  readonly siteWrites: SiteWriteService;
  readonly workspaces: WorkspaceService;
  readonly virtualLines: VirtualLineService;
  readonly pagingGroups: PagingGroupService;
  /** People's and workspaces' numeric extension ids (RingCentral's extension.id), resolved by index. */
  readonly extensionIds: ExtensionIdService;
  readonly idempotency: IdempotencyService;
  readonly tenants: TenantService;
  readonly telemetry: TelemetryIngestService;
  readonly analytics: AnalyticsService;
}

/** Hooks only tests use: a cheaper password hashing cost keeps them fast. Production passes none. */
export interface TestHooks {
  readonly passwordCost?: ScryptCost;
}

/** `now` is the clock of the time-dependent access services (token lifetimes, key rotation), for tests. */
export function createServices(
  store: Store,
  config: Config = loadConfig({}),
  now: () => number = Date.now,
  testHooks: TestHooks = {},
): Services {
  const personRepository = new PersonRepository(store.db, store.capabilities);
  const personExists = (tenantId: string, personId: string) => personRepository.exists(tenantId, personId);
  const oauthClients = new OAuthClientService(new OAuthClientRepository(store.db), personRepository, now);
  const signingKeys = new SigningKeyService(
    new SigningKeyRepository(store.db),
    { rotationDays: config.signingKeyRotationDays, tokenTtlSeconds: config.oauthTokenTtlSeconds },
    now,
  );
  const accessTokens = new AccessTokenService(
    signingKeys,
    oauthClients,
    { issuer: config.publicBaseUrl ?? DEFAULT_ISSUER, ttlSeconds: config.oauthTokenTtlSeconds },
    now,
  );
  const deviceRepository = new DeviceRepository(store.db, store.capabilities);
  const devices = new DeviceService(deviceRepository);
  const people = new PersonService(personRepository, devices);
  const access = new AccessService(new ApiKeyRepository(store.db), accessTokens.verify);
  const logins = new LoginService(store.db, personExists, { passwordCost: testHooks.passwordCost, now });
  const deviceWrites = new DeviceWriteService(store.db, deviceRepository, now);
  const jobs = new JobService(store.db, new JobRepository(store.db), now);
  const apps = new AppService(store.db, now);
  const deviceLines = new DeviceLineService(store.db, deviceRepository, now);
  return {
    access,
    apiKeys: new ApiKeyService(store.db, access, personExists, now),
    apps,
    appAuthorizations: new AppAuthorizationService(store.db, apps, now),
    logins,
    sessions: new SessionService(store.db, logins, personRepository, config.sessionTtlHours * 3_600_000, now),
    caller: new CallerService(new TenantRepository(store.db), personRepository),
    oauthClients,
    signingKeys,
    accessTokens,
    audit: new AuditEventService(new AuditEventRepository(store.db)),
    devices,
    deviceWrites,
    jobs,
    deviceImports: new DeviceImportService(store.db, store.capabilities, deviceRepository, deviceWrites, jobs, now),
    compliancePolicies: new CompliancePolicyService(store.db, now),
    firmwareCatalog: new FirmwareCatalogService(store.db, store.capabilities, now),
    complianceSummary: new ComplianceSummaryService(store.db),
    deviceControls: new DeviceControlsService(store.db, deviceRepository, now),
    deviceSettings: new DeviceSettingsService(store.db, now, testHooks.passwordCost),
    deviceConfigurations: new DeviceConfigurationService(store.db, now),
    agentStates: new AgentStateService(store.db, store.capabilities, now),
    deviceChanges: new DeviceChangeFeed(new DeviceChangeRepository(store.db)),
    activation: new ActivationService(store.db, deviceRepository, now),
    macLists: new MacListService(new MacUsageRepository(store.db)),
    polyDevices: new PolyDeviceService(store.db, deviceRepository, now),
    numbers: new PhoneNumberService(new PhoneNumberRepository(store.db)),
    numberWrites: new PhoneNumberWriteService(store.db, now),
    deviceLines,
    lineMembers: new LineMemberService(new LineMemberRepository(store.db), deviceLines),
    people,
    sites: new SiteService(new SiteRepository(store.db, store.capabilities)),
    products: new ProductService(new ProductRepository(store.db, store.capabilities)),
    userGroups: new UserGroupService(new UserGroupRepository(store.db, store.capabilities), people),
    personWrites: new PersonWriteService(store.db, store.capabilities, () => access.forgetCachedCredentials(), now),
    userGroupWrites: new UserGroupWriteService(store.db, now),
    siteWrites: new SiteWriteService(store.db, now),
    workspaces: new WorkspaceService(store.db, store.capabilities, now),
    virtualLines: new VirtualLineService(store.db, store.capabilities, now),
    pagingGroups: new PagingGroupService(store.db, now),
    extensionIds: new ExtensionIdService(store.db),
    tenants: new TenantService(new TenantRepository(store.db)),
    telemetry: new TelemetryIngestService(store.db, store.capabilities, {
      offlineAfterMs: config.telemetryOfflineAfterSeconds * 1000,
      now,
    }),
    analytics: new AnalyticsService(store.db, now),
    idempotency: new IdempotencyService(
      new IdempotencyKeyRepository(store.db),
      { ttlMs: config.idempotencyTtlHours * 3_600_000 },
      now,
    ),
  };
}
