import { useEffect, useRef, useState } from 'react';
import type { components } from '../../api/schema';

export type ScreenState = components['schemas']['ScreenStateDto'];
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'expired';

const RETRY_MS = 2000;

/**
 * The round's screen frames over Server-Sent Events. EventSource retries a
 * dropped connection by itself; when the server refuses (an expired ticket
 * after a long outage) it stops, so this opens a new one with the latest
 * ticket the stream handed out, until the server says the ticket is no good.
 */
export function useScreenStream(roundId: string, initialTicket: string) {
  const [state, setState] = useState<ScreenState | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const ticket = useRef(initialTicket);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: number | undefined;
    let stopped = false;
    let failures = 0;

    const open = () => {
      const url = `/api/v1/rounds/${roundId}/screen/stream?ticket=${encodeURIComponent(ticket.current)}`;
      source = new EventSource(url);
      source.addEventListener('screen', (e) => {
        failures = 0;
        setConnection('live');
        setState(JSON.parse((e as MessageEvent<string>).data) as ScreenState);
      });
      source.addEventListener('ticket', (e) => {
        const next = JSON.parse((e as MessageEvent<string>).data) as { ticket: string };
        ticket.current = next.ticket;
        // A reload of the page keeps working with the renewed ticket.
        const url = new URL(window.location.href);
        url.searchParams.set('ticket', next.ticket);
        window.history.replaceState(null, '', url);
      });
      source.onerror = () => {
        if (stopped || !source) return;
        if (source.readyState === EventSource.CLOSED) {
          failures += 1;
          setConnection(failures > 5 ? 'expired' : 'reconnecting');
          retry = window.setTimeout(open, RETRY_MS * Math.min(failures, 5));
        } else setConnection('reconnecting');
      };
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      source?.close();
    };
  }, [roundId]);

  return { state, connection };
}
