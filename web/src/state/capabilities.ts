/**
 * Whether packet capture can be offered: the server has the capture module (its `capture/validate` route
 * answers) and the user may extract packets (admin or the pcap permission). Asked once per page load.
 */
import { useEffect, useState } from 'react';
import { useAppState } from './app-state';

let capture: Promise<boolean> | undefined;

async function probe(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { credentials: 'same-origin', headers: { 'x-requested-with': 'wiremeter-ui' } });
    return res.ok;
  } catch {
    return false;
  }
}

/** undefined while asking */
export function useCaptureAvailable(): boolean | undefined {
  const { session } = useAppState();
  const permitted = session?.role === 'admin' || session?.pcap === true;
  const [ok, setOk] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    if (!permitted) return undefined;
    capture ??= probe('/API/data/modules/capture/validate?expression=');
    let live = true;
    void capture.then((v) => { if (live) setOk(v); });
    return () => { live = false; };
  }, [permitted]);
  return permitted ? ok : false;
}
