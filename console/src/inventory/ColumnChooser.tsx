/** Which columns the inventory shows: a disclosure of checkboxes, kept in the URL with the filters. */
import { COLUMNS, chosenColumns } from './columns.tsx';

export function ColumnChooser({ chosen, onChange }: { chosen: readonly string[]; onChange(ids: string[]): void }) {
  const shown = new Set(chosenColumns(chosen).map((c) => c.id));
  const toggle = (id: string, on: boolean) => {
    const next = COLUMNS.filter((c) => (c.id === id ? on : shown.has(c.id))).map((c) => c.id);
    onChange(next);
  };
  return (
    <details className="column-chooser">
      <summary>Columns ({shown.size})</summary>
      <fieldset>
        <legend className="visually-hidden">Columns to show</legend>
        {COLUMNS.map((c) => (
          <label key={c.id} className="check">
            <input
              type="checkbox"
              checked={shown.has(c.id)}
              disabled={c.id === 'name'}
              onChange={(e) => toggle(c.id, e.target.checked)}
            />
            {c.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
