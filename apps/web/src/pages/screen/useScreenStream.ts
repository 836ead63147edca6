import { useEffect, useRef, useState } from 'react';
import type { components } from '../../api/schema';

export type ScreenState = components['schemas']['ScreenStateDto'];
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'expired' | 'ended';
/** Why the server ended the screen's link: an organiser revoked it, or its issuer lost access. */
export type TicketEnd = 'REVOKED' | 'ISSUER_LOST_ACCESS';

const RETRY_MS = 2000;
/** A link never accepted after this many tries is for another round, or forged: expired too. */
const NEVER_LIVE_TRIES = 3;

/**
 * The round's screen frames over Server-Sent Events. EventSource retries a
 * dropped connection by itself; when the server refuses (an expired ticket
 * after a long outage) it stops, so this opens a new one with the latest
 * ticket the stream handed out, until the server says the ticket is no good.
 * EventSource does not say why a connection closed. The ticket says when it
 * runs out (its `exp`): past it, or unreadable, or never once accepted, the
 * link has expired and the page says so at once, with what to do; otherwise
 * it is an outage, retried for as long as it lasts.
 */
export function useScreenStream(roundId: string, initialTicket: string, room = '') {
  const [state, setState] = useState<ScreenState | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [ended, setEnded] = useState<TicketEnd | null>(null);
  const ticket = useRef(initialTicket);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: number | undefined;
    let stopped = false;
    let failures = 0;
    let everLive = false;

    const open = () => {
      // A room's screen (分会场): that room's stage and ranking.
      const url =
        `/api/v1/rounds/${roundId}/screen/stream?ticket=${encodeURIComponent(ticket.current)}` +
        (room ? `&room=${encodeURIComponent(room)}` : '');
      source = new EventSource(url);
      source.addEventListener('screen', (e) => {
        failures = 0;
        everLive = true;
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
      // The link was ended (revoked): the stream closes after this; never reopened.
      source.addEventListener('ticket-ended', (e) => {
        const { reason } = JSON.parse((e as MessageEvent<string>).data) as { reason?: string };
        stopped = true;
        source?.close();
        setEnded(reason === 'ISSUER_LOST_ACCESS' ? 'ISSUER_LOST_ACCESS' : 'REVOKED');
        setConnection('ended');
      });
      source.onerror = () => {
        if (stopped || !source) return;
        if (source.readyState !== EventSource.CLOSED) return setConnection('reconnecting');
        failures += 1;
        if (hasExpired(ticket.current) || (!everLive && failures >= NEVER_LIVE_TRIES)) {
          source.close();
          return setConnection('expired');
        }
        setConnection('reconnecting');
        retry = window.setTimeout(open, RETRY_MS * Math.min(failures, 5));
      };
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      source?.close();
    };
  }, [roundId, room]);

  return { state, connection, ended };
}

/** Past the ticket's `exp` (a JWT's payload, read, not verified: the server verifies), or unreadable. */
export function hasExpired(ticket: string, now = Date.now()): boolean {
  try {
    const payload = ticket.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const exp = (JSON.parse(atob(payload)) as { exp?: unknown }).exp;
    return typeof exp !== 'number' || exp * 1000 <= now;
  } catch {
    return true;
  }
}
