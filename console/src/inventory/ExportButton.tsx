/**
 * "Export what I see": GET /v1/devices/export with the inventory's filters and columns, as CSV. With the session
 * cookie the browser downloads the server's stream directly (any size); an API key lives only in this page's
 * memory and a link cannot carry it, so then the file is fetched with the key and handed over from memory.
 */
import { useState } from 'react';
import type { DeviceExportQuery } from '../../../sdk/src/index.ts';
import { problemMessage } from '../problems.ts';
import { useSignedIn } from '../session.tsx';

const FILE_NAME = 'ucfleet-devices.csv';

export function ExportButton({ url, query }: { url: string; query: DeviceExportQuery }) {
  const { client, authKind } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  if (authKind === 'session') {
    return (
      <a className="button" href={url} download={FILE_NAME}>
        Export CSV
      </a>
    );
  }

  const download = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const { data, error, response } = await client.GET('/v1/devices/export', {
        params: { query: { ...query, format: 'csv' } },
        parseAs: 'blob',
      });
      if (!data) {
        setFailure(problemMessage(error, response));
        return;
      }
      const href = URL.createObjectURL(data);
      const link = document.createElement('a');
      link.href = href;
      link.download = FILE_NAME;
      link.click();
      window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (reason) {
      setFailure(problemMessage(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" onClick={() => void download()} disabled={busy} aria-busy={busy}>
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      {failure && (
        <span className="inline-error" role="alert">
          Export failed: {failure}
        </span>
      )}
    </>
  );
}
