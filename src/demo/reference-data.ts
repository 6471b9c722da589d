/**
 * Reference data the fleet generator draws from: office sites (with the number blocks their
 * direct-dial numbers come from), organisations, user groups, people's and rooms' names, the
 * OUIs of generated MAC addresses, and device tags.
 */

export interface SiteTemplate {
  /** Three-letter code used in room names. */
  readonly code: string;
  readonly city: string;
  readonly street: string;
  /** Region name (state, province, county…). */
  readonly state: string;
  /** Region abbreviation where one is customary, else the region name. */
  readonly stateCode: string;
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly countryName: string;
  readonly timeZone: string;
  /**
   * Direct-dial numbers: calling code, then the national significant number as a fixed prefix
   * (area code and a leading subscriber digit) followed by `subscriberDigits` free digits. Every
   * prefix here gives numbers libphonenumber-js accepts as valid fixed lines of `country`.
   */
  readonly callingCode: string;
  readonly numberPrefix: string;
  readonly subscriberDigits: number;
}

function site(
  code: string,
  city: string,
  street: string,
  state: string,
  stateCode: string,
  postalCode: string,
  country: string,
  countryName: string,
  timeZone: string,
  callingCode: string,
  numberPrefix: string,
  subscriberDigits: number,
): SiteTemplate {
  return {
    code,
    city,
    street,
    state,
    stateCode,
    postalCode,
    country,
    countryName,
    timeZone,
    callingCode,
    numberPrefix,
    subscriberDigits,
  };
}

/** Ordered so that the first few sites of a tenant already span several countries. */
// prettier-ignore
export const SITE_TEMPLATES: readonly SiteTemplate[] = [
  site('SFO', 'San Francisco', '100 Market Street', 'California', 'CA', '94105', 'US', 'United States', 'America/Los_Angeles', '1', '4155', 6),
  site('LON', 'London', '1 Canada Square', 'England', 'England', 'E14 5AB', 'GB', 'United Kingdom', 'Europe/London', '44', '207', 7),
  site('BER', 'Berlin', 'Friedrichstraße 68', 'Berlin', 'BE', '10117', 'DE', 'Germany', 'Europe/Berlin', '49', '302', 7),
  site('SYD', 'Sydney', '1 Martin Place', 'New South Wales', 'NSW', '2000', 'AU', 'Australia', 'Australia/Sydney', '61', '29', 7),
  site('NYC', 'New York', '350 Fifth Avenue', 'New York', 'NY', '10118', 'US', 'United States', 'America/New_York', '1', '2126', 6),
  site('PAR', 'Paris', '40 Avenue des Terroirs de France', 'Île-de-France', 'IDF', '75012', 'FR', 'France', 'Europe/Paris', '33', '14', 7),
  site('BLR', 'Bengaluru', 'Embassy Golf Links, Intermediate Ring Road', 'Karnataka', 'KA', '560071', 'IN', 'India', 'Asia/Kolkata', '91', '804', 7),
  site('TYO', 'Tokyo', '1-1-1 Marunouchi, Chiyoda-ku', 'Tokyo', 'Tokyo', '100-0005', 'JP', 'Japan', 'Asia/Tokyo', '81', '35', 7),
  site('SAO', 'São Paulo', 'Avenida Paulista 1578', 'São Paulo', 'SP', '01310-200', 'BR', 'Brazil', 'America/Sao_Paulo', '55', '113', 7),
  site('CHI', 'Chicago', '233 South Wacker Drive', 'Illinois', 'IL', '60606', 'US', 'United States', 'America/Chicago', '1', '3127', 6),
  site('MAN', 'Manchester', '1 Spinningfields', 'England', 'England', 'M3 3AP', 'GB', 'United Kingdom', 'Europe/London', '44', '1612', 6),
  site('MUC', 'Munich', 'Leopoldstraße 244', 'Bavaria', 'BY', '80807', 'DE', 'Germany', 'Europe/Berlin', '49', '892', 7),
  site('YYZ', 'Toronto', '100 King Street West', 'Ontario', 'ON', 'M5X 1A9', 'CA', 'Canada', 'America/Toronto', '1', '4163', 6),
  site('MEL', 'Melbourne', '80 Collins Street', 'Victoria', 'VIC', '3000', 'AU', 'Australia', 'Australia/Melbourne', '61', '39', 7),
  site('LYS', 'Lyon', '107 Rue Servient', 'Auvergne-Rhône-Alpes', 'ARA', '69003', 'FR', 'France', 'Europe/Paris', '33', '47', 7),
  site('BOM', 'Mumbai', 'G Block, Bandra Kurla Complex', 'Maharashtra', 'MH', '400051', 'IN', 'India', 'Asia/Kolkata', '91', '226', 7),
  site('OSA', 'Osaka', '3-6-1 Umeda, Kita-ku', 'Osaka', 'Osaka', '530-0001', 'JP', 'Japan', 'Asia/Tokyo', '81', '66', 7),
  site('MAD', 'Madrid', 'Paseo de la Castellana 259', 'Community of Madrid', 'MD', '28046', 'ES', 'Spain', 'Europe/Madrid', '34', '914', 6),
  site('AMS', 'Amsterdam', 'Gustav Mahlerplein 2', 'North Holland', 'NH', '1082 MA', 'NL', 'Netherlands', 'Europe/Amsterdam', '31', '205', 6),
  site('AUS', 'Austin', '500 West 2nd Street', 'Texas', 'TX', '78701', 'US', 'United States', 'America/Chicago', '1', '5124', 6),
  site('BOS', 'Boston', '1 Federal Street', 'Massachusetts', 'MA', '02110', 'US', 'United States', 'America/New_York', '1', '6173', 6),
  site('DUB', 'Dublin', '1 Grand Canal Square', 'Leinster', 'Leinster', 'D02 P820', 'IE', 'Ireland', 'Europe/Dublin', '353', '16', 6),
  site('SIN', 'Singapore', '8 Marina Boulevard', 'Singapore', 'Singapore', '018981', 'SG', 'Singapore', 'Asia/Singapore', '65', '66', 6),
  site('SEA', 'Seattle', '1201 Second Avenue', 'Washington', 'WA', '98101', 'US', 'United States', 'America/Los_Angeles', '1', '2064', 6),
  site('FRA', 'Frankfurt', 'Taunusanlage 8', 'Hesse', 'HE', '60329', 'DE', 'Germany', 'Europe/Berlin', '49', '692', 7),
  site('EDI', 'Edinburgh', '1 Exchange Crescent', 'Scotland', 'Scotland', 'EH3 8UL', 'GB', 'United Kingdom', 'Europe/London', '44', '1314', 6),
  site('RIO', 'Rio de Janeiro', 'Avenida Rio Branco 1', 'Rio de Janeiro', 'RJ', '20090-003', 'BR', 'Brazil', 'America/Sao_Paulo', '55', '213', 7),
  site('ATL', 'Atlanta', '1180 Peachtree Street NE', 'Georgia', 'GA', '30309', 'US', 'United States', 'America/New_York', '1', '4045', 6),
  site('DEN', 'Denver', '1700 Lincoln Street', 'Colorado', 'CO', '80203', 'US', 'United States', 'America/Denver', '1', '3034', 6),
];

/** Demo organisations for tenants beyond the sandbox (`.example` domains are reserved for documentation). */
export const DEMO_ORGANISATIONS: readonly (readonly [name: string, domain: string])[] = [
  ['Acme Corporation', 'acme.example'],
  ['Globex Corporation', 'globex.example'],
  ['Initech', 'initech.example'],
  ['Umbrella Health', 'umbrella-health.example'],
  ['Stark Logistics', 'stark-logistics.example'],
  ['Wayne Financial', 'wayne-financial.example'],
  ['Hooli', 'hooli.example'],
  ['Vandelay Industries', 'vandelay.example'],
  ['Cyberdyne Systems', 'cyberdyne.example'],
  ['Soylent Foods', 'soylent.example'],
  ['Tyrell Energy', 'tyrell.example'],
  ['Wonka Confectionery', 'wonka.example'],
];

export const USER_GROUPS: readonly (readonly [name: string, description: string])[] = [
  ['Sales', 'Account executives and sales engineers'],
  ['Support', 'Customer support, tiers 1 to 3'],
  ['Engineering', 'Product and platform engineering'],
  ['Contact Center', 'Inbound and outbound contact-center agents and supervisors'],
  ['Executives', 'Leadership team and their assistants'],
  ['Marketing', 'Brand, events and demand generation'],
  ['Finance', 'Accounting, payroll and procurement'],
  ['HR', 'People operations and recruiting'],
  ['IT', 'Workplace technology and service desk'],
  ['Operations', 'Facilities, logistics and warehouse'],
];

// prettier-ignore
export const FIRST_NAMES: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Nancy',
  'Matthew', 'Lisa', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Steven', 'Emily', 'Andrew', 'Michelle', 'Oliver',
  'Amelia', 'Harry', 'Isla', 'Lukas', 'Emma', 'Felix', 'Hannah', 'Louis', 'Camille', 'Hugo', 'Chloé', 'Mateo',
  'Lucía', 'Pablo', 'Sofía', 'Lars', 'Sanne', 'Aarav', 'Priya', 'Rohan', 'Ananya', 'Vikram', 'Kavya', 'Haruto',
  'Yui', 'Sota', 'Aoi', 'Wei', 'Mei', 'Jun', 'Min-jun', 'Seo-yeon', 'Gabriel', 'Beatriz', 'Rafael', 'Larissa',
  'Kwame', 'Amara', 'Chidi', 'Fatima', 'Omar', 'Layla', 'Yusuf', 'Noah', 'Olivia', 'Liam', 'Ava', 'Ethan', 'Mia',
  'Siobhan', 'Connor',
];

// prettier-ignore
export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
  'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker',
  'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Müller', 'Schmidt', 'Schneider', 'Fischer',
  'Weber', 'Meyer', 'Wagner', 'Becker', 'Dubois', 'Lefebvre', 'Moreau', 'Laurent', 'Bernard', 'Fernández', 'Ruiz',
  'Jiménez', 'de Vries', 'van Dijk', 'Bakker', 'Patel', 'Sharma', 'Iyer', 'Reddy', 'Gupta', 'Nair', 'Sato', 'Suzuki',
  'Takahashi', 'Tanaka', 'Watanabe', 'Chen', 'Wang', 'Li', 'Zhang', 'Kim', 'Park', 'Silva', 'Santos', 'Oliveira',
  'Souza', 'Costa', 'Mensah', 'Okafor', 'Adeyemi', "O'Brien", 'Murphy', 'Kelly', 'Byrne', 'Khan', 'Ali', 'Haddad',
];

// prettier-ignore
export const ROOM_NAMES: readonly string[] = [
  'Thames', 'Hudson', 'Danube', 'Seine', 'Amazon', 'Ganges', 'Rhine', 'Yarra', 'Sumida', 'Liffey', 'Everest', 'Fuji',
  'Kilimanjaro', 'Matterhorn', 'Denali', 'Atlas', 'Andes', 'Sierra', 'Cascade', 'Rockies', 'Huddle', 'Focus',
  'Boardroom',
];

/** IEEE OUIs used for generated MAC addresses, per manufacturer. */
export const OUI: Record<string, string> = { Cisco: '00EBD5', Yealink: '805EC0', Poly: '0004F2', Algo: '0022EE' };
export const PERSONAL_TAGS = ['wfh', 'loaner', 'refresh-2027', 'hybrid', 'asset-audit-2026', 'new-hire-kit'];
export const PHONE_TAGS = [
  'reception',
  'lobby',
  'floor-2',
  'floor-3',
  'floor-7',
  'vip',
  'asset-audit-2026',
  'e911-reviewed',
];
export const ROOM_TAGS = ['conference-room', 'huddle-room', 'boardroom', 'av-managed', 'asset-audit-2026'];
