// Subscribes to GET /api/v1/alerts/stream (server-sent events, same origin, the
// session cookie authenticates). EventSource reconnects on its own; the state
// says whether the table is live.
import { useEffect, useRef, useState } from 'react';
import type { Alert } from '../api/types';
import { parseAlertMessage } from './alert-filters';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export const ALERT_STREAM_URL = '/api/v1/alerts/stream';

export function useAlertStream(onAlert: (alert: Alert) => void, enabled = true): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handler = useRef(onAlert);
  useEffect(() => {
    handler.current = onAlert;
  });

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      setState('closed');
      return;
    }
    const source = new EventSource(ALERT_STREAM_URL);
    setState('connecting');
    source.onopen = () => setState('live');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    const listener = (event: MessageEvent<string>) => {
      const alert = parseAlertMessage(event.data);
      if (alert) handler.current(alert);
    };
    source.addEventListener('alert', listener);
    return () => {
      source.removeEventListener('alert', listener);
      source.close();
    };
  }, [enabled]);

  return state;
}
