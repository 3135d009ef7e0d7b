import { REIGN_VERSION } from '../core/version';

export const HELP_TEXT = `reign ${REIGN_VERSION} — operate your infrastructure through plans you approve

Usage:
  reign serve [--port N] [--open]   Serve the Reign UI on 127.0.0.1 (and ::1) with a per-start token
  reign doctor [--json]             Show what Reign finds on this machine and how to fix what is missing
  reign risk [--json] -- COMMAND…   Classify a shell command line: read, write, destructive or critical, and why
  reign risk --stdin                Classify one command per input line; one JSON object per line out
  reign --version                   Print the version
  reign --help                      Print this help

Environment:
  REIGN_HOME    Folder for Reign's data (default: the OS app-data folder)
  DOCKER_HOST, DOCKER_CONTEXT, KUBECONFIG are honoured as the docker and kubectl CLIs do.
`;
