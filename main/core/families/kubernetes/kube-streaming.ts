import { PassThrough } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeClients } from './kube-access';

/**
 * The KubeConfig behind a context's clients, for the APIs that take one (logs, exec, port-forward).
 * client-node keeps it as the default auth method of the client's configuration; reading it back
 * means these streams use exactly the merged kubeconfig, context and credentials the other calls
 * use. (KubeAccess could hand it out itself; until it does, this is the one place that knows.)
 */
export function configOf(clients: KubeClients): KubeConfig {
  const config = (clients.objects as unknown as { configuration?: { authMethods?: { default?: KubeConfig } } }).configuration?.authMethods?.default;
  if (!config || typeof config.getCurrentCluster !== 'function') throw Object.assign(new Error('this version of @kubernetes/client-node keeps its KubeConfig elsewhere; logs, exec and port-forward need it (see kube-streaming.ts)'), { code: 'KUBERNETES_CLIENT' });
  return config;
}

/**
 * A websocket handler for exec and port-forward. Without its own streams, client-node's default
 * handler answers a server's close-stream frame by ending process.stdout and process.stderr, which
 * would silence the whole app; these streams go nowhere.
 */
export async function socketHandler(config: KubeConfig) {
  // Not re-exported by the package's index; the file is part of its published dist.
  const { WebSocketHandler } = await import('@kubernetes/client-node/dist/web-socket-handler.js');
  const nowhere = () => new PassThrough().resume();
  return new WebSocketHandler(config, undefined, { stdin: nowhere(), stdout: nowhere(), stderr: nowhere() } as never);
}

/** Keeps the last `limit` characters of a stream's text: what a step's output holds when its log is long. */
export class TextTail {
  private text = '';
  private dropped = 0;

  constructor(private readonly limit: number) {}

  add(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.limit * 2) this.trim();
  }

  /** The kept text, and whether anything before it was left out. */
  result(): { text: string; truncated: boolean } {
    this.trim();
    return { text: this.text, truncated: this.dropped > 0 };
  }

  private trim(): void {
    if (this.text.length <= this.limit) return;
    this.dropped += this.text.length - this.limit;
    this.text = this.text.slice(-this.limit);
  }
}
