import { useMemo } from 'react';
import { selectStatusItems } from '../state/selectors';
import { useAppStore } from './store-context';
import { NotificationBell } from './notifications/NotificationBell';

/** Engine, Kubernetes context and model at a glance, from the doctor report; a click opens the details. */
export function StatusBar() {
  const doctor = useAppStore((state) => state.doctor);
  const settings = useAppStore((state) => state.settings);
  const connection = useAppStore((state) => state.connection);
  const navigate = useAppStore((state) => state.navigate);
  const provider = useAppStore((state) => state.chat.provider);
  const model = useAppStore((state) => state.chat.model);
  const items = useMemo(() => selectStatusItems({ doctor, settings, connection, chat: { provider, model } }), [doctor, settings, connection, provider, model]);
  return (
    <footer className="status-bar" data-testid="status-bar">
      {items.map((item) => (
        <button key={item.id} type="button" className={`status-item ${item.tone}`} data-testid={`status-${item.id}`} data-tone={item.tone} title={item.title} onClick={() => navigate('settings')}>
          <span className="dot" aria-hidden="true" />
          {item.label}
        </button>
      ))}
      <NotificationBell />
    </footer>
  );
}
