import { describe, expect, it } from 'vitest';
import { FLOOD_GATHER_MS, TerminalWriter, WRITE_MAX_CHARS } from './terminal-writer';

function harness() {
  const writes: { data: string; done: () => void }[] = [];
  const acks: number[] = [];
  const tasks: (() => void)[] = [];
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const writer = new TerminalWriter(
    { write: (data, done) => writes.push({ data, done: done! }) },
    (chars) => acks.push(chars),
    (flush) => tasks.push(flush),
    (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
  );
  const runTasks = () => tasks.splice(0).forEach((task) => task());
  const runTimers = () => timers.splice(0).forEach((timer) => timer.cancelled || timer.run());
  return { writer, writes, acks, runTasks, timers, runTimers };
}

describe('TerminalWriter', () => {
  it('joins output that arrives together into one write, and acknowledges it only once xterm has parsed it', () => {
    const { writer, writes, acks, runTasks } = harness();
    writer.push('abc');
    writer.push('de');
    expect(writes).toEqual([]);
    runTasks();
    expect(writes.map((write) => write.data)).toEqual(['abcde']);
    expect(acks).toEqual([]);
    writes[0]!.done();
    expect(acks).toEqual([5]);
  });

  it('while xterm parses two writes, joins what arrives behind them into the next write, in order', () => {
    const { writer, writes, acks, runTasks } = harness();
    writer.push('a');
    runTasks();
    writer.push('b');
    runTasks();
    writer.push('c');
    writer.push('d');
    runTasks();
    expect(writes.map((write) => write.data)).toEqual(['a', 'b']);
    writes[0]!.done();
    expect(acks).toEqual([1]);
    expect(writes.map((write) => write.data)).toEqual(['a', 'b', 'cd']);
    writes[1]!.done();
    writes[2]!.done();
    expect(acks).toEqual([1, 1, 2]);
  });

  it('writes a flood in groups of whole pieces of at most WRITE_MAX_CHARS, each acknowledged as soon as it is parsed', () => {
    const { writer, writes, acks, runTasks } = harness();
    // Pieces of 0.3 of the limit: three fit in a write, a fourth would overflow it.
    const piece = Math.floor(WRITE_MAX_CHARS * 0.3);
    const pieces = Array.from({ length: 5 }, (_, index) => String(index).repeat(piece));
    for (const data of pieces) writer.push(data);
    runTasks();
    expect(writes.map((write) => write.data.length)).toEqual([3 * piece, 2 * piece]);
    expect(writes.map((write) => write.data).join('')).toBe(pieces.join(''));
    writes[0]!.done();
    expect(acks).toEqual([3 * piece]);
  });

  it('in a flood, gathers what arrives after a large write for a moment, or until WRITE_MAX_CHARS have come, into one write', () => {
    const { writer, writes, runTasks, timers, runTimers } = harness();
    const batch = 'x'.repeat(64 * 1024);
    writer.push(batch);
    runTasks();
    writes[0]!.done(); // a large write parsed: output is flooding in
    writer.push('a');
    writer.push('b');
    runTasks();
    expect(writes).toHaveLength(1);
    expect(timers.map((timer) => timer.ms)).toEqual([FLOOD_GATHER_MS]);
    runTimers();
    expect(writes.map((write) => write.data)).toEqual([batch, 'ab']);

    writes[1]!.done(); // a small write: quiet again, the next output goes out on the next task
    writer.push('c');
    runTasks();
    expect(writes.map((write) => write.data)).toEqual([batch, 'ab', 'c']);

    writer.push(batch);
    runTasks();
    writes[2]!.done();
    writes[3]!.done(); // large again: gathering, until a full write is there
    for (let i = 0; i < WRITE_MAX_CHARS / batch.length - 1; i++) writer.push(batch);
    expect(writes).toHaveLength(4);
    writer.push(batch);
    expect(writes).toHaveLength(5);
    expect(writes[4]!.data.length).toBe(WRITE_MAX_CHARS);
    expect(timers.at(-1)!.cancelled).toBe(true);
  });

  it('does not acknowledge text the view added itself', () => {
    const { writer, writes, acks, runTasks } = harness();
    writer.push('out');
    writer.push('\r\n[exited]', false);
    runTasks();
    writes[0]!.done();
    expect(writes[0]!.data).toBe('out\r\n[exited]');
    expect(acks).toEqual([3]);
  });

  it('on dispose, acknowledges what it will never write so the shell is not left paused', () => {
    const { writer, writes, acks, runTasks } = harness();
    writer.push('parsing');
    runTasks();
    writer.push('queued');
    writer.dispose();
    writes[0]!.done(); // a late callback from the disposed terminal
    runTasks();
    expect(acks).toEqual([13]);
    writer.push('after');
    runTasks();
    expect(writes).toHaveLength(1);
  });
});
