import { describe, expect, it } from 'vitest';
import { TerminalWriter } from './terminal-writer';

function harness() {
  const writes: { data: string; done: () => void }[] = [];
  const acks: number[] = [];
  const tasks: (() => void)[] = [];
  const writer = new TerminalWriter({ write: (data, done) => writes.push({ data, done: done! }) }, (chars) => acks.push(chars), (flush) => tasks.push(flush));
  const runTasks = () => tasks.splice(0).forEach((task) => task());
  return { writer, writes, acks, runTasks };
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

  it('writes a burst that arrived while the page was busy in ~64 Ki groups, each acknowledged as soon as it is parsed', () => {
    const { writer, writes, acks, runTasks } = harness();
    const piece = 'x'.repeat(40 * 1024);
    for (let i = 0; i < 5; i++) writer.push(piece);
    runTasks();
    expect(writes.map((write) => write.data.length / 1024)).toEqual([80, 80, 40]);
    writes[0]!.done();
    expect(acks).toEqual([80 * 1024]);
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
