/**
 * The inventory's filters: every change goes to the URL (the page reads its state from there). Choices apply at
 * once; typed text applies when the typing pauses.
 */
import { useEffect, useId, useState } from 'react';
import { navigate } from '../router.tsx';
import { useDebounced } from './useDebounced.ts';
import {
  COMPLIANCE_STATES,
  DEVICE_KINDS,
  DEVICE_STATUSES,
  type InventoryView,
  PAGE_SIZES,
  SORTS,
  hasFilters,
  searchFromView,
} from './query.ts';

export interface FilterOptions {
  readonly sites: readonly string[];
  readonly manufacturers: readonly string[];
}

function go(view: InventoryView, replace = false) {
  navigate(`/inventory${searchFromView(view)}`, { replace });
}

/** How typed text reads as a filter: surrounding spaces and empty tags do not count. */
const asText = (typed: string) => typed.trim();
const asTagList = (typed: string) =>
  typed
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .join(', ');

/**
 * A text filter that keeps what is being typed and hands it on once typing pauses. The draft is replaced only when
 * the URL says something else (Back, Clear filters), never because the URL tidied a trailing space or comma away
 * while the person is still typing.
 */
function useTypedFilter(
  applied: string,
  normalize: (typed: string) => string,
  apply: (value: string) => void,
): [string, (value: string) => void] {
  const [draft, setDraft] = useState(applied);
  const settled = useDebounced(draft, 350);
  useEffect(() => {
    setDraft((typed) => (normalize(typed) === applied ? typed : applied));
  }, [applied, normalize]);
  useEffect(() => {
    if (normalize(settled) !== applied) apply(normalize(settled));
    // Only a settled draft applies; `applied` changing (back/forward) resets the draft above.
  }, [settled]);
  return [draft, setDraft];
}

export function FilterBar({ view, options }: { view: InventoryView; options: FilterOptions }) {
  const id = useId();
  const [q, setQ] = useTypedFilter(view.q ?? '', asText, (value) => go({ ...view, q: value || undefined }, true));
  const [manufacturer, setManufacturer] = useTypedFilter(view.manufacturer ?? '', asText, (value) =>
    go({ ...view, manufacturer: value || undefined }, true),
  );
  const [tags, setTags] = useTypedFilter(view.tags.join(', '), asTagList, (value) =>
    go({ ...view, tags: value ? value.split(', ') : [] }, true),
  );
  const siteChoices = view.site && !options.sites.includes(view.site) ? [view.site, ...options.sites] : options.sites;

  return (
    <form className="filters" role="search" aria-label="Device filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field field-wide">
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Name, serial, display id or MAC"
          maxLength={200}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={view.status ?? ''}
          onChange={(e) => go({ ...view, status: DEVICE_STATUSES.find((s) => s === e.target.value) })}
        >
          <option value="">Any</option>
          {DEVICE_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select
          id={`${id}-kind`}
          value={view.kind ?? ''}
          onChange={(e) => go({ ...view, kind: DEVICE_KINDS.find((k) => k === e.target.value) })}
        >
          <option value="">Any</option>
          {DEVICE_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-compliance`}>Compliance</label>
        <select
          id={`${id}-compliance`}
          value={view.compliance ?? ''}
          onChange={(e) =>
            go({ ...view, compliance: COMPLIANCE_STATES.find((c) => c.value === e.target.value)?.value })
          }
        >
          <option value="">Any</option>
          {COMPLIANCE_STATES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-manufacturer`}>Manufacturer</label>
        <input
          id={`${id}-manufacturer`}
          list={`${id}-manufacturers`}
          value={manufacturer}
          onChange={(e) => setManufacturer(e.target.value)}
          maxLength={200}
          autoComplete="off"
        />
        <datalist id={`${id}-manufacturers`}>
          {options.manufacturers.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-site`}>Site</label>
        <select
          id={`${id}-site`}
          value={view.site ?? ''}
          onChange={(e) => go({ ...view, site: e.target.value || undefined })}
        >
          <option value="">Any</option>
          {siteChoices.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>Tags</label>
        <input
          id={`${id}-tags`}
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          aria-describedby={`${id}-tags-hint`}
          autoComplete="off"
        />
        <small id={`${id}-tags-hint`}>Comma-separated; all must match.</small>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sort`}>Order</label>
        <select
          id={`${id}-sort`}
          value={view.sort}
          onChange={(e) => go({ ...view, sort: SORTS.find((s) => s.value === e.target.value)?.value ?? 'id' })}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-limit`}>Rows per page</label>
        <select
          id={`${id}-limit`}
          value={view.limit}
          onChange={(e) => go({ ...view, limit: PAGE_SIZES.find((n) => String(n) === e.target.value) ?? 50 })}
        >
          {PAGE_SIZES.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </div>
      {hasFilters(view) && (
        <div className="field field-action">
          <button
            type="button"
            className="link-button"
            onClick={() =>
              go({
                ...view,
                status: undefined,
                kind: undefined,
                compliance: undefined,
                manufacturer: undefined,
                site: undefined,
                tags: [],
                q: undefined,
              })
            }
          >
            Clear filters
          </button>
        </div>
      )}
    </form>
  );
}
