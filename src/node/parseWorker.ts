// The extension's parser thread (dist/parseWorker.js): parses what the extension host sends.
import { runWorkerIfAsked } from './parsing';

runWorkerIfAsked();
