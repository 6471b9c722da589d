/**
 * The inventory: the devices the signed-in person may see, filtered on the server (GET /v1/devices), a page at
 * a time by keyset cursor, so a tenant of any size answers as fast as a small one. The view lives in the URL.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Device } from '../../../sdk/src/index.ts';
import { Empty, ErrorMessage, Loading } from '../components/States.tsx';
import { formatNumber } from '../format.ts';
import { ColumnChooser } from '../inventory/ColumnChooser.tsx';
import { chosenColumns, exportColumnsFor, listFieldsFor } from '../inventory/columns.tsx';
import { FilterBar, type FilterOptions } from '../inventory/FilterBar.tsx';
import { apiFilters, exportUrl, hasFilters, searchFromView, viewFromSearch } from '../inventory/query.ts';
import { problemMessage } from '../problems.ts';
import { navigate, useLocation } from '../router.tsx';
import { useSignedIn } from '../session.tsx';
import { ExportButton } from '../inventory/ExportButton.tsx';
import { usePageTitle } from '../page-title.ts';

interface Paging {
  readonly viewKey: string;
  readonly cursors: readonly (string | undefined)[];
  readonly index: number;
}

type PageState =
  /** `shown`: the rows on screen until the next page arrives, so the table does not jump. */
  | { readonly phase: 'loading'; readonly shown?: readonly Device[] }
  | { readonly phase: 'error'; readonly message: string }
  | { readonly phase: 'loaded'; readonly items: readonly Device[]; readonly nextCursor: string | null };

export function InventoryPage() {
  const { client } = useSignedIn();
  const { search } = useLocation();
  usePageTitle('Inventory');
  const view = viewFromSearch(search);
  const columns = chosenColumns(view.columns);
  const fields = listFieldsFor(columns);
  const filters = apiFilters(view);
  // The same filters, sort and size always start on the first page; a column change keeps the page.
  const viewKey = JSON.stringify([filters, view.sort, view.limit]);

  // cursors[i] is the cursor of page i (page 0 has none): going back needs the cursors of the pages before.
  // Paging belongs to one view: other filters, sort or size start again on the first page.
  const [paging, setPaging] = useState<Paging>({ viewKey, cursors: [undefined], index: 0 });
  const current: Paging = paging.viewKey === viewKey ? paging : { viewKey, cursors: [undefined], index: 0 };
  const pageIndex = current.index;
  const [state, setState] = useState<PageState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const options = useFilterOptions();

  const cursor = current.cursors[pageIndex];
  useEffect(() => {
    const abort = new AbortController();
    setState((before) => ({
      phase: 'loading',
      shown: before.phase === 'loaded' ? before.items : before.phase === 'loading' ? before.shown : undefined,
    }));
    client
      .GET('/v1/devices', {
        params: {
          query: { ...filters, sort: view.sort, limit: view.limit, fields, ...(cursor ? { cursor } : {}) },
        },
        signal: abort.signal,
      })
      .then(({ data, error, response }) => {
        if (abort.signal.aborted) return;
        if (data) setState({ phase: 'loaded', items: data.items, nextCursor: data.nextCursor });
        else setState({ phase: 'error', message: problemMessage(error, response) });
      })
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) setState({ phase: 'error', message: problemMessage(reason) });
      });
    return () => abort.abort();
    // `filters` is a new object on every render; viewKey stands for it.
  }, [client, viewKey, fields, cursor, attempt]);

  const goNext = () => {
    if (state.phase !== 'loaded' || !state.nextCursor) return;
    setPaging({
      viewKey,
      cursors: [...current.cursors.slice(0, pageIndex + 1), state.nextCursor],
      index: pageIndex + 1,
    });
  };
  const goPrevious = () => setPaging({ ...current, index: Math.max(0, pageIndex - 1) });
  const firstRow = pageIndex * view.limit + 1;
  const rows = state.phase === 'loaded' ? state.items : state.phase === 'loading' ? (state.shown ?? []) : [];

  return (
    <section aria-labelledby="inventory-title">
      <div className="page-head">
        <h1 id="inventory-title">Inventory</h1>
        <div className="page-actions">
          <ColumnChooser
            chosen={view.columns}
            onChange={(ids) => navigate(`/inventory${searchFromView({ ...view, columns: ids })}`, { replace: true })}
          />
          <ExportButton
            url={exportUrl(view, exportColumnsFor(columns))}
            query={{ ...filters, columns: exportColumnsFor(columns) }}
          />
        </div>
      </div>
      <FilterBar view={view} options={options} />

      {state.phase === 'error' && <ErrorMessage message={state.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {state.phase === 'loaded' && state.items.length === 0 && (
        <Empty>
          {hasFilters(view) || pageIndex > 0 ? (
            <p>No devices match these filters.</p>
          ) : (
            <p>
              There are no devices you can see yet. Devices appear here once they are created, imported or reported.
            </p>
          )}
        </Empty>
      )}
      {state.phase === 'loading' && <Loading what="devices" />}
      {rows.length > 0 && (
        <div
          className={`table-scroll${state.phase === 'loading' ? ' stale' : ''}`}
          tabIndex={0}
          role="region"
          aria-labelledby="inventory-title"
          aria-busy={state.phase === 'loading'}
        >
          <table className="devices">
            <caption className="visually-hidden">
              Devices {formatNumber(firstRow)} to {formatNumber(firstRow + rows.length - 1)}
            </caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.id} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((device) => (
                <tr key={device.id}>
                  {columns.map((c) => (
                    <td key={c.id} data-column={c.id}>
                      {c.render(device)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages">
        <button type="button" disabled={pageIndex === 0} onClick={goPrevious}>
          Previous
        </button>
        <span aria-live="polite">
          {state.phase === 'loaded' && state.items.length > 0
            ? `Rows ${formatNumber(firstRow)}–${formatNumber(firstRow + state.items.length - 1)} · page ${formatNumber(pageIndex + 1)}`
            : `Page ${formatNumber(pageIndex + 1)}`}
        </span>
        <button type="button" disabled={state.phase !== 'loaded' || !state.nextCursor} onClick={goNext}>
          Next
        </button>
      </nav>
    </section>
  );
}

/** The sites and manufacturers to offer in the filters; filters still work by typing when these fail to load. */
function useFilterOptions(): FilterOptions {
  const { client } = useSignedIn();
  const [options, setOptions] = useState<FilterOptions>({ sites: [], manufacturers: [] });
  useEffect(() => {
    let current = true;
    void Promise.all([
      client.GET('/v1/sites', { params: { query: { limit: 500, fields: 'name', sort: 'name' } } }).catch(() => null),
      client.GET('/v1/products', { params: { query: { limit: 500, fields: 'manufacturer' } } }).catch(() => null),
    ]).then(([sites, products]) => {
      if (!current) return;
      const names = (items: readonly { name?: string }[] | undefined) =>
        (items ?? []).flatMap((i) => (i.name ? [i.name] : []));
      const manufacturers = new Set(
        (products?.data?.items ?? []).flatMap((p) => (p.manufacturer ? [p.manufacturer] : [])),
      );
      setOptions({
        sites: names(sites?.data?.items),
        manufacturers: [...manufacturers].sort((a, b) => a.localeCompare(b)),
      });
    });
    return () => {
      current = false;
    };
  }, [client]);
  return useMemo(() => options, [options]);
}
