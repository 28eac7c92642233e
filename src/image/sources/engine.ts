// An image in the local Docker engine, read through the engine's export (GET /images/{name}/get, the stream
// `docker save` writes): unpacked into a private temporary directory, then read as a docker archive.
import {
  closeEngineClient,
  createEngineClient,
  describeConnectionError,
  EngineRequestError,
  isNotFound,
  openEngineResponse,
} from '../../collect/docker/engine-client.js';
import { CoastguardError } from '../../core/errors.js';
import { openDockerSave } from './docker-archive.js';
import type { ImageSource } from './image-source.js';

const PREFIX = 'engine:';

export const engine: ImageSource = {
  id: 'engine',
  prefix: PREFIX,
  async open(ref, options = {}) {
    const name = ref.startsWith(PREFIX) ? ref.slice(PREFIX.length) : ref;
    const client = await createEngineClient();
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await openEngineResponse(client, `/images/${encodeURIComponent(name)}/get`, {
        signal: controller.signal,
        accept: 'application/x-tar',
      });
      return await openDockerSave(res, ref, `image ${name} from the engine`, { ...options, wanted: name });
    } catch (err) {
      if (isNotFound(err)) {
        throw new CoastguardError('BAD_INPUT', `No image ${name} in the Docker engine.`, { cause: err });
      }
      if (err instanceof CoastguardError) throw err;
      if (err instanceof EngineRequestError) {
        throw new CoastguardError('ENGINE_ERROR', `Cannot export image ${name}: ${err.message}`, {
          cause: err,
        });
      }
      throw new CoastguardError('ENGINE_UNREACHABLE', describeConnectionError(err, client), { cause: err });
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      closeEngineClient(client);
    }
  },
};
