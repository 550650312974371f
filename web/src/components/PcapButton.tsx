/**
 * The PCAP button of a detail page (IP, MAC): opens the capture dialog with the entity's expression; its
 * lifetime (firstSeen … lastSeen) is read from the entity's resource when the button is pressed.
 */
import { useState, type ReactNode } from 'react';
import { apiGet } from '../api/client';
import type { Row } from '../api/types';
import { useAppState } from '../state/app-state';
import { useCaptureAvailable } from '../state/capabilities';
import { CaptureDialog, rowLifetime, type Lifetime } from './CaptureDialog';

export function PcapButton({ expression, title, path }: {
  readonly expression: string;
  readonly title: string;
  /** the entity's resource, e.g. stats/modules/ip/ips/10.0.0.1 */
  readonly path: string;
}): ReactNode {
  const { slot } = useAppState();
  const ok = useCaptureAvailable();
  const [open, setOpen] = useState<{ lifetime: Lifetime | undefined } | undefined>(undefined);
  if (ok !== true) return null;
  const show = (): void => {
    apiGet<Row>(path, { 'mm-id': `:${slot}`, skiphistorydata: true })
      .then((r) => { setOpen({ lifetime: rowLifetime(r) }); })
      .catch(() => { setOpen({ lifetime: undefined }); });
  };
  return (
    <>
      <button type="button" data-testid="entity-pcap" onClick={show}>PCAP</button>
      {open ? <CaptureDialog expression={expression} title={title} lifetime={open.lifetime} onClose={() => { setOpen(undefined); }} /> : null}
    </>
  );
}
