import { useEffect, useState } from 'react';
import { ContainerDetails } from '../resources/ContainerDetails';
import { useAppStore } from '../store-context';

const size = (bytes: number): string => (bytes > 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(1)} MB`);

/** The Docker engine's containers, images, networks and volumes; container actions go through the plan engine and its policy. */
export function ResourcesPane() {
  const resources = useAppStore((state) => state.resources);
  const loadResources = useAppStore((state) => state.loadResources);
  const requestAction = useAppStore((state) => state.requestAction);
  useEffect(() => {
    void loadResources();
  }, [loadResources]);
  const data = resources.data;
  const [selected, setSelected] = useState<string | null>(null);
  const selectedContainer = data?.containers.find((container) => container.name === selected);
  return (
    <section className="pane" data-testid="pane-resources" aria-labelledby="pane-title-resources">
      <h1 id="pane-title-resources">Resources</h1>
      <p className="purpose">
        {data ? `Docker engine: ${data.engine.target}` : 'Reading the Docker engine…'} · live from engine events. Open a container for its logs and a live CPU and memory chart.
      </p>
      {(resources.error || data?.engine.problem) && (
        <p className="error" role="alert" data-testid="resources-error">
          {resources.error ?? data?.engine.problem}
        </p>
      )}
      <ApprovalPanel />
      {resources.message && (
        <p className="muted" role="status" data-testid="resources-message">
          {resources.message}
        </p>
      )}
      {data && (
        <>
          {selectedContainer && <ContainerDetails name={selectedContainer.name} running={selectedContainer.state === 'running'} />}
          <h2>Containers</h2>
          <table className="checks" data-testid="resources-containers">
            <tbody>
              {data.containers.map((container) => (
                <tr key={container.id} data-testid={`resources-container-${container.name}`} data-state={container.state} aria-selected={selected === container.name}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => setSelected(selected === container.name ? null : container.name)} aria-expanded={selected === container.name} data-testid="resources-container-open">
                      {container.name}
                    </button>
                  </th>
                  <td>{container.image}</td>
                  <td>
                    <span className={`badge ${container.state === 'running' ? 'ok' : container.state === 'exited' ? 'missing' : 'warning'}`}>{container.state}</span> {container.status}
                    {container.project && <span className="muted"> · {container.project}</span>}
                  </td>
                  <td className="row">
                    {container.state === 'running' ? (
                      <>
                        <button type="button" data-testid="resources-action-stop" onClick={() => void requestAction(container.name, 'stop')}>
                          Stop
                        </button>
                        <button type="button" data-testid="resources-action-restart" onClick={() => void requestAction(container.name, 'restart')}>
                          Restart
                        </button>
                      </>
                    ) : (
                      <button type="button" data-testid="resources-action-start" onClick={() => void requestAction(container.name, 'start')}>
                        Start
                      </button>
                    )}
                    <button type="button" data-testid="resources-action-remove" onClick={() => void requestAction(container.name, 'remove')}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Images</h2>
          <ul data-testid="resources-images">
            {data.images.map((image) => (
              <li key={image.id}>
                {image.tags.join(', ') || image.id.slice(7, 19)} <span className="muted">{size(image.sizeBytes)}</span>
              </li>
            ))}
          </ul>
          <h2>Networks</h2>
          <ul data-testid="resources-networks">
            {data.networks.map((network) => (
              <li key={network.id}>
                {network.name} <span className="muted">{network.driver}</span>
              </li>
            ))}
          </ul>
          <h2>Volumes</h2>
          <ul data-testid="resources-volumes">
            {data.volumes.map((volume) => (
              <li key={volume.name}>{volume.name}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** What the policy said about a pending action, and the person's answer: approve (typing the target's name for production) or not. */
function ApprovalPanel() {
  const pending = useAppStore((state) => state.resources.pending);
  const approvePending = useAppStore((state) => state.approvePending);
  const dismissPending = useAppStore((state) => state.dismissPending);
  const [typed, setTyped] = useState('');
  if (!pending) return null;
  const { answer } = pending;
  const needsTyping = answer.confirmation !== null;
  return (
    <section className="card" role="alertdialog" aria-labelledby="approval-title" data-testid="resources-approval" data-risk={answer.risk}>
      <h2 id="approval-title">
        Approve: {pending.action} {pending.id}?
      </h2>
      <p>
        <span className={`badge ${answer.risk === 'read' ? 'ok' : answer.risk === 'write' ? 'warning' : 'error'}`}>{answer.risk}</span> on {answer.target}
      </p>
      <ul>
        {answer.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {needsTyping && (
        <label>
          {answer.target} is marked production. Type <code>{answer.confirmation}</code> to approve:{' '}
          <input data-testid="resources-approval-confirm" value={typed} onChange={(event) => setTyped(event.target.value)} />
        </label>
      )}
      <div className="row">
        <button type="button" data-testid="resources-approval-approve" disabled={needsTyping && typed !== answer.confirmation} onClick={() => void approvePending(needsTyping ? typed : undefined)}>
          Approve and run
        </button>
        <button type="button" data-testid="resources-approval-cancel" onClick={dismissPending}>
          Cancel
        </button>
      </div>
    </section>
  );
}
