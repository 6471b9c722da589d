import { describe, expect, it } from 'vitest';
import { apiFilters, exportUrl, hasFilters, searchFromView, viewFromSearch } from './query.ts';

describe('the inventory view in the URL', () => {
  it('reads every filter, the sort, the page size and the columns back from the query string it wrote', () => {
    const search = new URLSearchParams(
      'q=savi&status=Online&kind=Headset&compliance=noncompliant&manufacturer=Poly&site=Berlin+Office&tag=vip&tag=loaner&sort=-name&limit=100&columns=name,mac',
    );
    const view = viewFromSearch(search);
    expect(view).toEqual({
      q: 'savi',
      status: 'Online',
      kind: 'Headset',
      compliance: 'noncompliant',
      manufacturer: 'Poly',
      site: 'Berlin Office',
      tags: ['vip', 'loaner'],
      sort: '-name',
      limit: 100,
      columns: ['name', 'mac'],
    });
    expect(viewFromSearch(new URLSearchParams(searchFromView(view).slice(1)))).toEqual(view);
  });

  it('ignores values the API would refuse, and leaves defaults out of the URL', () => {
    const view = viewFromSearch(new URLSearchParams('status=Sleeping&kind=Toaster&limit=7&sort=color&q=%20%20'));
    expect(view).toMatchObject({ status: undefined, kind: undefined, limit: 50, sort: 'id', q: undefined });
    expect(searchFromView(view)).toBe('');
    expect(hasFilters(view)).toBe(false);
  });

  it('hands the API only the filters that are set, tags as a repeated parameter', () => {
    const view = viewFromSearch(new URLSearchParams('status=Offline&tag=a&tag=b'));
    expect(apiFilters(view)).toEqual({ status: 'Offline', tag: ['a', 'b'] });
    expect(hasFilters(view)).toBe(true);
  });

  it('exports the same filters with the columns on screen, as CSV', () => {
    const view = viewFromSearch(new URLSearchParams('site=Berlin Office&tag=a&tag=b'));
    const url = new URL(exportUrl(view, 'id,name,mac'), 'http://console.test');
    expect(url.pathname).toBe('/v1/devices/export');
    expect(url.searchParams.get('site')).toBe('Berlin Office');
    expect(url.searchParams.getAll('tag')).toEqual(['a', 'b']);
    expect(url.searchParams.get('format')).toBe('csv');
    expect(url.searchParams.get('columns')).toBe('id,name,mac');
  });
});
