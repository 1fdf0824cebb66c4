/**
 * Types of the SvelteKit adapter-node request handler. At run time `./handler.js` is the file
 * adapter-node writes into the build folder, next to the bundled server.js.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export declare function handler(req: IncomingMessage, res: ServerResponse, next?: () => void): void;
