import { toolFailure } from '../../tools/tool-definition';
import { DockerUnavailableError } from './docker-access';

/** Engine API errors as tool failures whose message says what happened and what to do. */
export function dockerFailure(error: unknown, doing: string): ReturnType<typeof toolFailure> {
  if (error instanceof DockerUnavailableError) return toolFailure(error.code, error.message);
  const { statusCode, json, message, code } = error as { statusCode?: number; json?: { message?: string }; message?: string; code?: string };
  const detail = (json?.message ?? message ?? String(error)).replace(/^\(HTTP code \d+\) [a-z ]+ - /, '').trim();
  if (code === 'ENOENT' || code === 'ECONNREFUSED') return toolFailure('DOCKER_UNAVAILABLE', `The Docker engine is not running (${detail}). Start Docker Desktop, or \`sudo systemctl start docker\`.`);
  if (code === 'EACCES') return toolFailure('DOCKER_PERMISSION', 'You lack permission on the Docker socket: add yourself to the docker group (`sudo usermod -aG docker $USER`, then log in again).');
  if (statusCode === 404 && /image/i.test(detail)) return toolFailure('IMAGE_NOT_FOUND', `${doing}: the image was not found (${detail}). Pull or build it first, or check the name and tag.`);
  if (statusCode === 404) return toolFailure('NOT_FOUND', `${doing}: ${detail}.`);
  if (statusCode === 409) return toolFailure('CONFLICT', `${doing}: ${detail}. Pick another name, or remove the existing one first.`);
  if (/port is already allocated|address already in use/i.test(detail)) return toolFailure('PORT_IN_USE', `${doing}: a host port is already in use (${detail}). Choose another host port or stop what uses it.`);
  if ((error as Error).name === 'AbortError' || /aborted/i.test(detail)) return toolFailure('ABORTED', `${doing} was cancelled.`);
  return toolFailure(statusCode ? `DOCKER_${statusCode}` : 'DOCKER_ERROR', `${doing}: ${detail}`);
}
