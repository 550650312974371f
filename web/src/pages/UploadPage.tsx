/**
 * Pcap upload on the real API: one request, the file as the raw body (`PUT /API/system/analyze-pcap?
 * replaySlotID=N&fileName=…&fileSize=…[&profile=…]`). The page picks the slot itself (the server's rule: the
 * lowest free slot, else the lowest finished one) so it can poll `/API/stats/processing?mm-id=:N` while the
 * body streams: bytes sent (XHR upload progress), then packets, percentage and the last packet's time.
 * A 415/422 shows the server's reason. Below: the upload slots with show/reset/delete.
 */
import { useCallback, useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { apiGet, apiSend, getCsrfToken } from '../api/client';
import * as fmt from '../format';
import { useAppState } from '../state/app-state';

interface UploadSlot {
  readonly id: number;
  readonly state: string;
  readonly fileName: string;
  readonly fileSize: number;
  readonly bytesReceived: number;
  readonly profile: string | null;
  readonly packets: number;
  readonly progress: number | null;
  readonly lastPacketTime: number | null;
  readonly error: string | null;
}

interface Processing {
  readonly state?: string;
  readonly progress?: number | null;
  readonly packets?: number;
  readonly lastPacketTime?: number | null;
}

interface Progress {
  readonly file: string;
  readonly slot: number;
  readonly sent: number;
  readonly total: number;
  readonly processing: Processing | undefined;
}

/** The slot the server would choose, so the page knows it before the answer. */
export function chooseSlot(slots: readonly UploadSlot[], max: number): number | undefined {
  for (let id = 1; id <= max; id++) if (!slots.some((s) => s.id === id)) return id;
  return slots.find((s) => s.state === 'done' || s.state === 'failed')?.id;
}

function errorOf(status: number, text: string): string {
  try {
    const b = JSON.parse(text) as { error?: unknown };
    if (typeof b.error === 'string') return `${status === 415 ? 'Not a capture' : 'Upload failed'} (HTTP ${status}): ${b.error}`;
  } catch {
    // not JSON: fall through
  }
  return `Upload failed: HTTP ${status}`;
}

function pct(p: number | null | undefined): string {
  return typeof p === 'number' ? `${(p * 100).toFixed(1)} %` : '–';
}

function Slots({ slots, max, canWrite, onShow, onChange }: {
  readonly slots: readonly UploadSlot[];
  readonly max: number;
  readonly canWrite: boolean;
  readonly onShow: (id: number) => void;
  readonly onChange: () => void;
}): ReactNode {
  const [error, setError] = useState<string | undefined>(undefined);
  const act = (p: Promise<unknown>): void => {
    p.then(() => { setError(undefined); onChange(); }).catch((e: unknown) => { setError(e instanceof Error ? e.message : String(e)); });
  };
  return (
    <section data-testid="upload-slots">
      <h2>Upload slots <span className="hint">({slots.length} of {max} in use)</span></h2>
      {error !== undefined ? <p className="error" role="alert">{error}</p> : null}
      {slots.length === 0 ? <p className="muted">No uploads yet.</p> : (
        <table className="plain">
          <thead><tr><th>slot</th><th>file</th><th>state</th><th>size</th><th>received</th><th>packets</th><th>progress</th><th>last packet (UTC)</th><th>profile</th><th /></tr></thead>
          <tbody>
            {slots.map((s) => (
              <tr key={s.id} data-slot={s.id}>
                <td>{s.id}</td>
                <td>{s.fileName}</td>
                <td>{s.state}{s.error !== null ? <span className="error"> {s.error}</span> : null}</td>
                <td>{s.fileSize >= 0 ? fmt.bytes(s.fileSize) : '–'}</td>
                <td>{fmt.bytes(s.bytesReceived)}</td>
                <td>{fmt.count(s.packets)}</td>
                <td>{pct(s.progress)}</td>
                <td>{fmt.time(s.lastPacketTime)}</td>
                <td>{s.profile ?? ''}</td>
                <td className="row-actions">
                  <button type="button" className="small" onClick={() => { onShow(s.id); }}>Show</button>
                  {canWrite ? <button type="button" className="small" onClick={() => { act(apiSend('POST', `system/analyze-pcap/slots/${s.id}/reset`)); }}>Reset</button> : null}
                  {canWrite ? <button type="button" className="small" onClick={() => { if (window.confirm(`Delete slot ${s.id} and its statistics?`)) act(apiSend('DELETE', `system/analyze-pcap/slots/${s.id}`)); }}>Delete</button> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function UploadPage(): ReactNode {
  const { setSlot, session, refreshSlots } = useAppState();
  const canWrite = session?.role === 'admin' || session?.pcap === true;
  const [slots, setSlots] = useState<readonly UploadSlot[]>([]);
  const [max, setMax] = useState(8);
  const [profiles, setProfiles] = useState<readonly string[]>([]);
  const [profile, setProfile] = useState('');
  const [progress, setProgress] = useState<Progress | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<number | undefined>(undefined);
  const [dragging, setDragging] = useState(false);
  const busy = useRef(false);

  const reload = useCallback(() => {
    apiGet<{ slots: UploadSlot[]; maxSlots: number }>('system/analyze-pcap/slots')
      .then((r) => { setSlots(r.slots); setMax(r.maxSlots); })
      .catch((e: unknown) => { setError(e instanceof Error ? e.message : String(e)); });
  }, []);
  useEffect(() => {
    reload();
    apiGet<{ profiles: { name: string }[] }>('system/analysis-profiles')
      .then((r) => { setProfiles(r.profiles.map((p) => p.name)); })
      .catch(() => { setProfiles([]); });
  }, [reload]);

  // While an upload runs: the slot's processing status twice a second.
  const slot = progress?.slot;
  const running = progress !== undefined && done === undefined && error === undefined;
  useEffect(() => {
    if (!running || slot === undefined) return undefined;
    const id = window.setInterval(() => {
      apiGet<Processing>('stats/processing', { 'mm-id': `:${slot}` })
        .then((p) => { setProgress((old) => (old?.slot === slot ? { ...old, processing: p } : old)); })
        .catch(() => undefined);
    }, 500);
    return () => { window.clearInterval(id); };
  }, [running, slot]);

  const send = async (file: File): Promise<void> => {
    if (busy.current) return;
    busy.current = true;
    setError(undefined);
    setDone(undefined);
    let target: number | undefined;
    try {
      const r = await apiGet<{ slots: UploadSlot[]; maxSlots: number }>('system/analyze-pcap/slots');
      target = chooseSlot(r.slots, r.maxSlots);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
    if (target === undefined) {
      setError((old) => old ?? `all ${max} upload slots are busy: delete one first`);
      busy.current = false;
      return;
    }
    const slotId = target;
    setProgress({ file: file.name, slot: slotId, sent: 0, total: file.size, processing: undefined });
    const q = new URLSearchParams({ replaySlotID: String(slotId), fileName: file.name, fileSize: String(file.size) });
    if (profile !== '') q.set('profile', profile);
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/API/system/analyze-pcap?${q.toString()}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-requested-with', 'wiremeter-ui');
    const csrf = getCsrfToken();
    if (csrf !== undefined) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => { setProgress((old) => (old ? { ...old, sent: e.loaded } : old)); };
    xhr.onload = () => {
      busy.current = false;
      if (xhr.status >= 200 && xhr.status < 300) {
        let processing: Processing | undefined;
        try { processing = (JSON.parse(xhr.responseText) as { processing?: Processing }).processing; } catch { processing = undefined; }
        setProgress((old) => (old ? { ...old, sent: old.total, processing: processing ?? old.processing } : old));
        setDone(slotId);
      } else setError(errorOf(xhr.status, xhr.responseText));
      reload();
      refreshSlots();
    };
    xhr.onerror = () => { busy.current = false; setError('Upload failed: the connection broke off'); reload(); };
    xhr.send(file);
  };
  const start = (f: File | undefined): void => { if (f) void send(f); };
  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setDragging(false);
    start(e.dataTransfer.files[0]);
  };
  const show = (id: number): void => { refreshSlots(); setSlot(id); };
  const p = progress?.processing;

  return (
    <div className="page" data-testid="upload-page">
      <h1>Upload a capture</h1>
      {canWrite ? (
        <>
          <div
            className={`dropzone${dragging ? ' dragging' : ''}`} data-testid="dropzone"
            onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => { setDragging(false); }} onDrop={onDrop}
          >
            <p>Drop a pcap or pcapng file (gzip too) here, or</p>
            <input type="file" accept=".pcap,.pcapng,.cap,.gz" aria-label="Capture file" onChange={(e) => { start(e.target.files?.[0]); e.target.value = ''; }} />
            <label> Analysis profile{' '}
              <select aria-label="Analysis profile" value={profile} onChange={(e) => { setProfile(e.target.value); }}>
                <option value="">default</option>
                {profiles.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </label>
          </div>
          {progress ? (
            <div className="upload-progress" data-testid="upload-progress">
              <p>{progress.file} → slot {progress.slot}</p>
              <label>sent <progress max={Math.max(1, progress.total)} value={progress.sent} /> <span data-testid="upload-sent">{fmt.bytes(progress.sent)} of {fmt.bytes(progress.total)}</span></label>
              <p className="muted" data-testid="upload-processing">
                analysis: {p?.state ?? 'waiting'} · {pct(p?.progress)} · <span data-testid="upload-packets">{fmt.count(p?.packets ?? 0)}</span> packets · last packet {fmt.time(p?.lastPacketTime)} UTC
              </p>
            </div>
          ) : null}
          {error !== undefined ? <p className="error" role="alert" data-testid="upload-error">{error}</p> : null}
          {done !== undefined ? (
            <p role="status" data-testid="upload-done">
              Analysed. <button type="button" className="primary" onClick={() => { show(done); }} data-testid="show-slot">Show slot {done}</button>
            </p>
          ) : null}
        </>
      ) : <p className="muted">Uploading needs the pcap permission.</p>}
      <Slots slots={slots} max={max} canWrite={canWrite} onShow={show} onChange={() => { reload(); refreshSlots(); }} />
    </div>
  );
}
