import packageJson from '../../package.json' with { type: 'json' };

export const REIGN_VERSION: string = packageJson.version;
