/**
 * Which optional endpoints exist in this server build: the capture (packet extraction) endpoint answers 501
 * until the capture module is merged. Asked once per page load; the body of a working endpoint is not read.
 */
import { useEffect, useState } from 'react';

let capture: Promise<boolean> | undefined;

async function probe(url: string): Promise<boolean> {
  const ctrl = new AbortController();
  try {
    const res = await fetch(url, { credentials: 'same-origin', signal: ctrl.signal, headers: { 'x-requested-with': 'wiremeter-ui' } });
    ctrl.abort();
    return res.status !== 404 && res.status !== 501;
  } catch {
    return false;
  }
}

/** undefined while asking */
export function useCaptureAvailable(): boolean | undefined {
  const [ok, setOk] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    capture ??= probe('/API/data/modules/capture?expression=ip%3D%3D0.0.0.0&starttime=0&endtime=1');
    let live = true;
    void capture.then((v) => { if (live) setOk(v); });
    return () => { live = false; };
  }, []);
  return ok;
}
