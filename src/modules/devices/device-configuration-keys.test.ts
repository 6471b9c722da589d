import { describe, expect, it } from 'vitest';
import { configurationKeyFilter, parseConfigurationKey } from './device-configuration-keys.js';

const KEYS = [
  'Audio.Ultrasound.MaxVolume',
  'Audio.Ultrasound.Mode',
  'Audio.DefaultVolume',
  'Conference.MaxReceiveCallRate',
  'FacilityService.Service[1].Name',
  'FacilityService.Service[2].Name',
  'FacilityService.Service[3].Name',
  'FacilityService.Service[4].Number',
];

const matching = (filter: string) => KEYS.filter(configurationKeyFilter(filter)!);

describe('RoomOS configuration keys', () => {
  it('parses names with optional indexes and refuses anything else', () => {
    expect(parseConfigurationKey('FacilityService.Service[2].Name')).toEqual([
      { name: 'FacilityService' },
      { name: 'Service', index: 2 },
      { name: 'Name' },
    ]);
    for (const bad of ['', 'Audio..Mode', 'Audio.', '1Audio', 'Audio[0]', 'Audio[x]', 'Au dio', 'A'.repeat(300)]) {
      expect(parseConfigurationKey(bad), bad).toBeUndefined();
    }
  });

  it('filters by absolute key, wildcard and range, as the spec describes', () => {
    expect(matching('Conference.MaxReceiveCallRate')).toEqual(['Conference.MaxReceiveCallRate']);
    expect(matching('Audio.Ultrasound.*')).toEqual(['Audio.Ultrasound.MaxVolume', 'Audio.Ultrasound.Mode']);
    expect(matching('Audio.*')).toHaveLength(3);
    expect(matching('*.DefaultVolume')).toEqual(['Audio.DefaultVolume']);
    expect(matching('FacilityService.Service[1].Name')).toEqual(['FacilityService.Service[1].Name']);
    expect(matching('FacilityService.Service[*].Name')).toHaveLength(3);
    expect(matching('FacilityService.Service[1..2].Name')).toHaveLength(2);
    expect(matching('FacilityService.Service[2..n].*')).toEqual([
      'FacilityService.Service[2].Name',
      'FacilityService.Service[3].Name',
      'FacilityService.Service[4].Number',
    ]);
    // Without an index the segment has none.
    expect(matching('FacilityService.Service.Name')).toEqual([]);
  });

  it('refuses malformed filters', () => {
    for (const bad of ['', 'Audio..*', 'Audio[3..1]', 'Audio[0]', 'Au%dio', 'Audio.[1]']) {
      expect(configurationKeyFilter(bad), bad).toBeUndefined();
    }
  });
});
