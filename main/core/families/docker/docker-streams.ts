import type Dockerode from 'dockerode';

/** Splits the engine's multiplexed log/exec format (8-byte frame headers) into stdout and stderr text. */
export function demuxBuffer(buffer: Buffer): { stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  let offset = 0;
  // A buffer that does not start with a frame header came from a TTY container: it is all stdout.
  if (buffer.length < 8 || buffer[0]! > 2 || buffer[1] !== 0 || buffer[2] !== 0 || buffer[3] !== 0) return { stdout: buffer.toString('utf8'), stderr: '' };
  while (offset + 8 <= buffer.length) {
    const stream = buffer[offset]!;
    const size = buffer.readUInt32BE(offset + 4);
    const chunk = buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    if (stream === 2) stderr += chunk;
    else stdout += chunk;
    offset += 8 + size;
  }
  return { stdout, stderr };
}

export interface ProgressEvent {
  readonly status?: string;
  readonly id?: string;
  readonly progress?: string;
  readonly progressDetail?: { current?: number; total?: number };
  readonly stream?: string;
  readonly error?: string;
  readonly errorDetail?: { message?: string };
  readonly aux?: { ID?: string };
}

/** Follows a pull/build/push progress stream to its end; rejects with the engine's own error message. */
export function followProgress(docker: Dockerode, stream: NodeJS.ReadableStream, onEvent: (event: ProgressEvent) => void): Promise<ProgressEvent[]> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: ProgressEvent[]) => {
        if (error) return reject(error);
        const failed = events.find((event) => event.error);
        if (failed) return reject(Object.assign(new Error(failed.errorDetail?.message ?? failed.error), { statusCode: 500 }));
        resolve(events);
      },
      onEvent,
    );
  });
}
