// Secrets baked into image layers. Every small text file is read, except where images keep only documentation,
// locales and public certificates; binary content (a NUL byte) is skipped.
import { posix } from 'node:path';
import type { Analyzer, Found } from '../analyzer.js';
import { findSecretsInText } from './parse.js';

const MAX_BYTES = 1024 * 1024;
const SKIPPED_DIRS =
  /^(?:usr\/share\/(?:doc|man|info|locale|i18n|zoneinfo|common-licenses|mime|icons|fonts|X11\/locale)|etc\/ssl\/certs|usr\/share\/ca-certificates|var\/lib\/dpkg\/info|var\/cache)\//;
const BINARY_NAMES =
  /\.(?:so(?:\.\d+)*|a|o|ko|pyc|pyo|class|mo|gmo|png|jpe?g|gif|ico|webp|bmp|ttf|otf|woff2?|gz|tgz|xz|bz2|zst|zip|jar|war|ear|whl|deb|rpm|apk|wasm|db|sqlite|pack|idx)$/i;
/** Where a loose `password=` rule is worth its false positives: configuration formats and dotenv files. */
const CONFIG_NAMES =
  /(?:\.(?:conf|cfg|cnf|ini|env|properties|ya?ml|toml|json|xml|npmrc|pypirc|netrc|pgpass)|^\.env(?:\..+)?|^\.(?:npmrc|pypirc|netrc|pgpass|git-credentials)|^credentials)$/i;

export const secrets: Analyzer = {
  id: 'secrets',
  maxBytes: MAX_BYTES,
  wants: ({ path, size }) =>
    size > 0 && size <= MAX_BYTES && !SKIPPED_DIRS.test(path) && !BINARY_NAMES.test(path),
  analyze: async (file) => {
    if (file.content.includes(0)) return [];
    const text = file.content.toString('utf8');
    const isConfig = CONFIG_NAMES.test(posix.basename(file.path));
    return findSecretsInText(text, file.path, { isConfig }).map(
      (secret): Found => ({ kind: 'secret', secret }),
    );
  },
};
