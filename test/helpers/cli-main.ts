// The bundled CLI's entry for the tests (test/global-setup.ts): runs `main` as electron/cli/main.ts
// does when it is the entry itself. The bundle is code-split, so main.ts lands in a shared chunk
// (the test worker imports it too) and its own "am I the entry?" check says no there.
import { main } from '../../electron/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
