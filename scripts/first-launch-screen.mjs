// The one screen `npm start` prints when the desktop window cannot open: what happened, and what to
// do instead, with commands for the user's own shell.

/** `NAME=value command` in the syntax of the shell people use on this OS. */
function withVariables(platform, variables, command) {
  if (platform === 'win32') return `${variables.map(([name, value]) => `$env:${name}="${value}"; `).join('')}${command}   (PowerShell)`;
  return `${variables.map(([name, value]) => `${name}=${value} `).join('')}${command}`;
}

/**
 * @param {{ platform: string, arch: string, source: string, problem: string, downloadError: { detail: string, unreachable: boolean } | null, downloadable: boolean }} facts
 */
export function firstLaunchScreen(facts) {
  const install = 'node node_modules/electron/install.js';
  const lines = [
    '',
    `Reign cannot open its desktop window: ${facts.problem}`,
  ];
  if (facts.downloadError) {
    lines.push(
      `It is downloaded on first launch (for ${facts.platform}-${facts.arch}, from ${facts.source}), and the download failed:`,
      `  ${facts.downloadError.detail}`,
    );
    if (facts.downloadError.unreachable) lines.push('This machine is probably offline, or a firewall or proxy blocks the download.');
  }
  lines.push(
    '',
    'Use Reign now, in your browser: the same app, served on this machine only (127.0.0.1):',
    '  npx reign serve --open',
    '',
  );
  if (facts.downloadable) {
    lines.push(
      'Or install the desktop window once the download can work, then run `npm start` again:',
      `  ${install}`,
      `  from a mirror:   ${withVariables(facts.platform, [['ELECTRON_MIRROR', 'https://YOUR-MIRROR/electron/']], install)}`,
      `  through a proxy: ${withVariables(facts.platform, [['ELECTRON_GET_USE_PROXY', 'true'], ['HTTPS_PROXY', 'http://PROXY:PORT']], install)}`,
      '',
    );
  } else {
    lines.push('Or unset ELECTRON_OVERRIDE_DIST_PATH, or point it at a folder with Electron in it, and run `npm start` again.', '');
  }
  return `${lines.join('\n')}\n`;
}
