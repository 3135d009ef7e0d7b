import { createBashParser } from './bash-parser';
import { ShellAnalyzer } from './shell-analyzer';

export async function createShellAnalyzer(): Promise<ShellAnalyzer> {
  return new ShellAnalyzer(await createBashParser());
}
