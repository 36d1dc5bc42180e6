import { parentPort, workerData } from 'node:worker_threads';
// Long work: this thread yields to the main thread (health, tiles) when the cores are busy.
import '../pool/background-priority.ts';
import { pointGridArrays, type PointGridArrays } from './point-grid.ts';

/** What the main thread sends: the coordinate columns and the rows to leave out, all on SharedArrayBuffers (nothing is copied). */
export interface PointGridJob {
  lon: Float64Array;
  lat: Float64Array;
  skip: Uint8Array;
  keyZoom: number;
}

// The sort runs here; the sorted arrays go back on SharedArrayBuffers, so the answer is not copied either.
const { lon, lat, skip, keyZoom } = workerData as PointGridJob;
parentPort!.postMessage(pointGridArrays(lon, lat, skip, keyZoom) satisfies PointGridArrays);
