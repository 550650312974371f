/**
 * Pcap upload: drag and drop (or choose) a capture, watch the upload's progress, then switch to the slot
 * that analyses it. The upload endpoint (/API/system/analyze-pcap) is merged separately: while the server's
 * /API/system node does not list it, the page says so instead of offering a form that cannot work.
 */
import { useEffect, useState, type DragEvent, type ReactNode } from 'react';
import { apiOptions, getCsrfToken } from '../api/client';
import * as fmt from '../format';
import { useAppState } from '../state/app-state';

const UPLOAD = 'analyze-pcap';

export function UploadPage(): ReactNode {
  const { setSlot } = useAppState();
  const [available, setAvailable] = useState<boolean | undefined>(undefined);
  const [progress, setProgress] = useState<{ sent: number; total: number } | undefined>(undefined);
  const [result, setResult] = useState<string | undefined>(undefined);
  const [slot, setNewSlot] = useState<number | undefined>(undefined);
  useEffect(() => {
    apiOptions('system').then((s) => { setAvailable(s.includes(UPLOAD)); }).catch(() => { setAvailable(false); });
  }, []);

  const send = (file: File): void => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/API/system/${UPLOAD}?filename=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-requested-with', 'wiremeter-ui');
    const csrf = getCsrfToken();
    if (csrf !== undefined) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => { setProgress({ sent: e.loaded, total: e.total }); };
    xhr.onload = () => {
      let body: unknown;
      try { body = JSON.parse(xhr.responseText); } catch { body = undefined; }
      const b = typeof body === 'object' && body !== null ? body as Record<string, unknown> : {};
      if (xhr.status >= 200 && xhr.status < 300) {
        setResult(`uploaded ${file.name}`);
        if (typeof b.slot === 'number') setNewSlot(b.slot);
      } else setResult(typeof b.error === 'string' ? b.error : `upload failed: HTTP ${xhr.status}`);
    };
    xhr.onerror = () => { setResult('upload failed: network error'); };
    setResult(undefined);
    setNewSlot(undefined);
    xhr.send(file);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) send(f);
  };

  return (
    <div className="page" data-testid="upload-page">
      <h1>Upload a capture</h1>
      {available === undefined ? <p className="muted">…</p> : null}
      {available === false ? <p className="muted" data-testid="upload-unavailable">Pcap upload is not available in this build.</p> : null}
      {available === true ? (
        <>
          <div className="dropzone" onDragOver={(e) => { e.preventDefault(); }} onDrop={onDrop}>
            <p>Drop a pcap or pcapng file here, or</p>
            <input type="file" accept=".pcap,.pcapng,.cap,.gz" aria-label="Capture file" onChange={(e) => { const f = e.target.files?.[0]; if (f) send(f); }} />
          </div>
          {progress ? (
            <div>
              <progress max={progress.total} value={progress.sent} />
              <span className="muted"> {fmt.bytes(progress.sent)} of {fmt.bytes(progress.total)}</span>
            </div>
          ) : null}
          {result !== undefined ? <p role="status">{result}</p> : null}
          {slot !== undefined ? <button type="button" onClick={() => { setSlot(slot); }}>Show slot {slot}</button> : null}
        </>
      ) : null}
    </div>
  );
}
